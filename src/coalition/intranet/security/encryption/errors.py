"""What can go wrong with the key or a sealed value; every message says what to do and reveals no data."""


class EncryptionError(RuntimeError):
    """The base of every encryption-at-rest failure."""


class KeyFileMissing(EncryptionError):
    """No key file is configured, or the configured one cannot be read."""


class KeyFileInvalid(EncryptionError):
    """The key file exists but is not a keyring this code can use."""


class UnknownKey(EncryptionError):
    """A value was sealed under a key that is not in the keyring (a wrong or incomplete key file)."""


class TamperedValue(EncryptionError):
    """A sealed value does not authenticate: changed, truncated, moved to another field, or a wrong key."""
