"""The keyring: the master keys, kept in a small JSON file outside the database (mode 0600).

``{"format": 1, "current": "<id>", "keys": {"<id>": "<base64 of 32 bytes>", ...}}``. The current key seals
everything new; older keys stay in the file so values sealed under them can still be opened until a rotation
has re-sealed them all (``scripts/rotate_key.py``), then they are retired. The file is named in zope.conf
(``<product-config coalition.encryption> key-file /path``) or in ``COALITION_ENCRYPTION_KEY_FILE``
(the environment wins, as for the jobs secret).
"""

import base64
from coalition.intranet.security.encryption.errors import KeyFileInvalid
from coalition.intranet.security.encryption.errors import KeyFileMissing
import datetime
import json
import os
import pathlib
import secrets
import threading


ENVIRONMENT_VARIABLE = "COALITION_ENCRYPTION_KEY_FILE"
PRODUCT_CONFIG = "coalition.encryption"
KEY_BYTES = 32
FORMAT = 1

HOW_TO_FIX = (
    "Name the site's key file in zope.conf (<product-config coalition.encryption> key-file /path/to/key "
    "</product-config>) or in the environment variable COALITION_ENCRYPTION_KEY_FILE, and restore the key "
    "file from its separate key backup; without the right key the encrypted data cannot be read."
)


class Keyring:
    """The master keys by id and which one seals new values."""

    def __init__(self, current: str, keys: dict[str, bytes]):
        self.current = current
        self.keys = dict(keys)

    def key(self, key_id: str) -> bytes | None:
        return self.keys.get(key_id)

    @property
    def current_key(self) -> bytes:
        return self.keys[self.current]

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "current": self.current,
                "keys": {key_id: base64.b64encode(key).decode("ascii") for key_id, key in self.keys.items()},
            },
            indent=1,
            sort_keys=True,
        )


def configured_key_file() -> pathlib.Path | None:
    """The configured key file, if any (environment first, then zope.conf)."""
    named = os.environ.get(ENVIRONMENT_VARIABLE)
    if not named:
        try:
            from App.config import getConfiguration
        except ImportError:
            return None
        product_config = getattr(getConfiguration(), "product_config", None) or {}
        named = (product_config.get(PRODUCT_CONFIG) or {}).get("key-file")
    return pathlib.Path(named).expanduser() if named else None


def parse_keyring(text: str, path) -> Keyring:
    """The keyring in ``text`` (read from ``path``, named in errors)."""
    try:
        data = json.loads(text)
        keys = {str(key_id): base64.b64decode(value, validate=True) for key_id, value in data["keys"].items()}
        current = str(data["current"])
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise KeyFileInvalid(f"The encryption key file {path} is not a valid keyring ({error}). {HOW_TO_FIX}") from None
    if data.get("format") != FORMAT or current not in keys or any(len(k) != KEY_BYTES for k in keys.values()):
        raise KeyFileInvalid(
            f"The encryption key file {path} is not a valid keyring (format {FORMAT}, a current key, "
            f"{KEY_BYTES}-byte keys). {HOW_TO_FIX}"
        )
    return Keyring(current, keys)


def read_keyring(path: pathlib.Path | None) -> Keyring:
    """The keyring in ``path``; a clear ``KeyFileMissing`` or ``KeyFileInvalid`` if it cannot be used."""
    if path is None:
        raise KeyFileMissing(f"No encryption key file is configured. {HOW_TO_FIX}")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyFileMissing(f"The encryption key file {path} does not exist. {HOW_TO_FIX}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise KeyFileMissing(f"The encryption key file {path} cannot be read ({error}). {HOW_TO_FIX}") from None
    return parse_keyring(text, path)


_cache_lock = threading.Lock()
_cache: dict = {}


def current_keyring() -> Keyring:
    """The configured keyring, re-read when the file changes (a rotation takes effect without a restart)."""
    path = configured_key_file()
    if path is None:
        return read_keyring(None)
    try:
        stat = path.stat()
    except OSError:
        return read_keyring(path)
    signature = (str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino)
    with _cache_lock:
        if _cache.get("signature") == signature:
            return _cache["keyring"]
    keyring = read_keyring(path)
    with _cache_lock:
        _cache["signature"] = signature
        _cache["keyring"] = keyring
    return keyring


def new_key_id() -> str:
    """A readable, unique key id: the UTC date and a random suffix."""
    return datetime.datetime.now(datetime.UTC).strftime("%Y%m%d") + "-" + secrets.token_hex(4)


def write_keyring(path: pathlib.Path, keyring: Keyring) -> None:
    """Write ``keyring`` to ``path`` atomically, readable by its owner only (0600)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(path.name + f".tmp-{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(keyring.to_json() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def create_key_file(path: pathlib.Path) -> bool:
    """Create a keyring with one new random key at ``path`` unless a file is there already (also when two
    processes try at once: the file is linked into place, which fails if one exists)."""
    if path.exists():
        return False
    key_id = new_key_id()
    staged = path.with_name(path.name + f".new-{os.getpid()}")
    write_keyring(staged, Keyring(key_id, {key_id: secrets.token_bytes(KEY_BYTES)}))
    try:
        os.link(staged, path)
    except FileExistsError:
        return False
    finally:
        staged.unlink()
    return True


def add_new_current_key(path: pathlib.Path) -> str:
    """Add a fresh key to the keyring at ``path`` and make it current; the old keys stay. Its id."""
    keyring = read_keyring(path)
    key_id = new_key_id()
    while key_id in keyring.keys:
        key_id = new_key_id()
    keyring.keys[key_id] = secrets.token_bytes(KEY_BYTES)
    keyring.current = key_id
    write_keyring(path, keyring)
    return key_id


def retire_keys(path: pathlib.Path, keep: set[str]) -> list[str]:
    """Remove every key but the current one and ``keep`` from the keyring at ``path``; the ids removed."""
    keyring = read_keyring(path)
    removed = sorted(key_id for key_id in keyring.keys if key_id != keyring.current and key_id not in keep)
    for key_id in removed:
        del keyring.keys[key_id]
    write_keyring(path, keyring)
    return removed
