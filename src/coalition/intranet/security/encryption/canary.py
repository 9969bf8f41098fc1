"""A sealed canary on each site: opening it at start-up proves the configured key is the site's key."""

from Acquisition import aq_base
from coalition.intranet.security.encryption.api import seal
from coalition.intranet.security.encryption.api import unseal


CANARY_ATTRIBUTE = "_coalition_encryption_canary"
CANARY_PURPOSE = "encryption-canary"
CANARY_TEXT = b"coalition: the site's encryption key opens this"


def canary(portal) -> bytes | None:
    return getattr(aq_base(portal), CANARY_ATTRIBUTE, None)


def ensure_canary(portal) -> bool:
    """Seal a canary on ``portal`` unless it has one; whether one was created."""
    if canary(portal) is not None:
        return False
    setattr(aq_base(portal), CANARY_ATTRIBUTE, seal(CANARY_TEXT, CANARY_PURPOSE))
    return True


def check_canary(portal) -> bool:
    """Open the canary with the configured key: False if the site has none; an ``EncryptionError`` if the key
    is missing or wrong."""
    token = canary(portal)
    if token is None:
        return False
    unseal(token, CANARY_PURPOSE)
    return True


def replace_canary(portal, token: bytes) -> None:
    setattr(aq_base(portal), CANARY_ATTRIBUTE, token)
