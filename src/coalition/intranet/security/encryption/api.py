"""The public API of encryption at rest: seal and open values with the site's key (kept outside the database).

``seal(plaintext, purpose)`` returns sealed bytes safe to store in the ZODB; ``unseal(token, purpose)`` gives
the plaintext back, or raises an ``EncryptionError`` (missing/wrong key file, a tampered or moved value) and
never returns wrong plaintext. ``purpose`` names what the value is and whose it is (e.g.
``"twofactor-secret:<userid>"`` or ``"twofactor-secret"``): the same purpose must be given to open it.
"""

from coalition.intranet.security.encryption.envelope import is_sealed
from coalition.intranet.security.encryption.envelope import key_id_of
from coalition.intranet.security.encryption.envelope import seal_with
from coalition.intranet.security.encryption.envelope import unseal_with
from coalition.intranet.security.encryption.errors import EncryptionError
from coalition.intranet.security.encryption.errors import KeyFileInvalid
from coalition.intranet.security.encryption.errors import KeyFileMissing
from coalition.intranet.security.encryption.errors import TamperedValue
from coalition.intranet.security.encryption.errors import UnknownKey
from coalition.intranet.security.encryption.keyring import configured_key_file
from coalition.intranet.security.encryption.keyring import current_keyring


def seal(plaintext: bytes, purpose: str) -> bytes:
    """``plaintext`` encrypted under the site's current key, bound to ``purpose``."""
    return seal_with(current_keyring(), plaintext, purpose)


def unseal(token: bytes, purpose: str) -> bytes:
    """The plaintext of ``token``, which must have been sealed for the same ``purpose``."""
    return unseal_with(current_keyring(), token, purpose)


def seal_text(text: str, purpose: str) -> bytes:
    """``text`` (UTF-8) sealed for ``purpose``."""
    return seal(text.encode("utf-8"), purpose)


def unseal_text(token: bytes, purpose: str) -> str:
    """The text sealed in ``token`` for ``purpose``."""
    return unseal(token, purpose).decode("utf-8")


def reseal(token: bytes, purpose: str) -> bytes:
    """``token`` re-sealed under the current key (unchanged if it already is); for key rotation."""
    keyring = current_keyring()
    if key_id_of(token) == keyring.current:
        return token
    return seal_with(keyring, unseal_with(keyring, token, purpose), purpose)


def current_key_id() -> str:
    """The id of the key that seals new values."""
    return current_keyring().current


__all__ = [
    "seal",
    "unseal",
    "seal_text",
    "unseal_text",
    "reseal",
    "is_sealed",
    "key_id_of",
    "current_key_id",
    "configured_key_file",
    "EncryptionError",
    "KeyFileMissing",
    "KeyFileInvalid",
    "UnknownKey",
    "TamperedValue",
]
