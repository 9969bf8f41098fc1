"""The sealed format: envelope encryption with AES-256-GCM.

Every value gets its own random data key; the master key (from the keyring) wraps that data key. Layout::

    MAGIC (7) | version (1) | key id length (1) | key id | wrap nonce (12) | wrapped data key (48)
    | data nonce (12) | ciphertext with GCM tag

The purpose (e.g. ``casefile:<uid>:health_notes``) is authenticated additional data of both the wrapping and
the data encryption, and the whole header is authenticated with the data: a sealed value moved to another
field or person, a changed byte, or a wrong key all fail the GCM tag instead of yielding wrong plaintext.
"""

from coalition.intranet.security.encryption.errors import TamperedValue
from coalition.intranet.security.encryption.errors import UnknownKey
from coalition.intranet.security.encryption.keyring import HOW_TO_FIX
from coalition.intranet.security.encryption.keyring import Keyring
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
import secrets


MAGIC = b"\x89CSEAL\n"
VERSION = 1
NONCE_BYTES = 12
DATA_KEY_BYTES = 32
WRAPPED_KEY_BYTES = DATA_KEY_BYTES + 16


def is_sealed(value) -> bool:
    """Whether ``value`` (bytes) is in the sealed format (it may still fail to open)."""
    return isinstance(value, bytes | bytearray) and bytes(value[: len(MAGIC) + 1]) == MAGIC + bytes([VERSION])


def _purpose_bytes(purpose: str) -> bytes:
    if not purpose or not isinstance(purpose, str):
        raise ValueError("A sealed value needs a non-empty purpose.")
    return purpose.encode("utf-8")


def seal_with(keyring: Keyring, plaintext: bytes, purpose: str) -> bytes:
    """``plaintext`` sealed under the keyring's current key for ``purpose``."""
    if not isinstance(plaintext, bytes | bytearray):
        raise TypeError("seal() takes bytes; use seal_text() for text.")
    purpose_bytes = _purpose_bytes(purpose)
    key_id = keyring.current.encode("ascii")
    data_key = AESGCM.generate_key(bit_length=DATA_KEY_BYTES * 8)
    wrap_nonce = secrets.token_bytes(NONCE_BYTES)
    prefix = MAGIC + bytes([VERSION, len(key_id)]) + key_id
    wrapped = AESGCM(keyring.current_key).encrypt(wrap_nonce, data_key, prefix + b"\0wrap\0" + purpose_bytes)
    data_nonce = secrets.token_bytes(NONCE_BYTES)
    header = prefix + wrap_nonce + wrapped + data_nonce
    return header + AESGCM(data_key).encrypt(data_nonce, bytes(plaintext), header + b"\0" + purpose_bytes)


def key_id_of(token: bytes) -> str:
    """The id of the master key ``token`` was sealed under."""
    _check_prefix(token)
    length = token[len(MAGIC) + 1]
    start = len(MAGIC) + 2
    return token[start : start + length].decode("ascii", "replace")


def _check_prefix(token) -> None:
    if not is_sealed(token) or len(token) < len(MAGIC) + 2:
        raise TamperedValue("The value is not in the sealed format (damaged, or written without encryption).")


def unseal_with(keyring: Keyring, token: bytes, purpose: str) -> bytes:
    """The plaintext of ``token`` sealed for ``purpose``; ``UnknownKey`` or ``TamperedValue`` otherwise."""
    purpose_bytes = _purpose_bytes(purpose)
    token = bytes(token)
    _check_prefix(token)
    key_id = key_id_of(token)
    start = len(MAGIC) + 2 + token[len(MAGIC) + 1]
    prefix = token[:start]
    wrap_nonce = token[start : start + NONCE_BYTES]
    wrapped = token[start + NONCE_BYTES : start + NONCE_BYTES + WRAPPED_KEY_BYTES]
    header_end = start + NONCE_BYTES + WRAPPED_KEY_BYTES + NONCE_BYTES
    data_nonce = token[header_end - NONCE_BYTES : header_end]
    if len(token) < header_end + 16:
        raise TamperedValue("The sealed value is truncated.")
    master = keyring.key(key_id)
    if master is None:
        raise UnknownKey(f"A value was sealed under key {key_id!r}, which is not in the key file. {HOW_TO_FIX}")
    try:
        data_key = AESGCM(master).decrypt(wrap_nonce, wrapped, prefix + b"\0wrap\0" + purpose_bytes)
        return AESGCM(data_key).decrypt(data_nonce, token[header_end:], token[:header_end] + b"\0" + purpose_bytes)
    except InvalidTag:
        raise TamperedValue(
            f"A sealed value (key {key_id!r}) failed authentication: it was changed, moved to another field, "
            f"or the key file holds a different key under that id."
        ) from None
