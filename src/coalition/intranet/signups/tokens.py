"""Signed, expiring tokens for the links in opt-in mails: confirm, cancel, withdraw, report.

A token binds a purpose and a subject (a registration's or supporter's id) and an expiry, signed with the
site's system keyring (plone.keyring), so a link made for one purpose never works for another and nobody
can forge one. Whether a link was already used is the concern's own state (confirmed, cancelled, ...).
"""

import base64
from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
import hashlib
import hmac
import json
from plone.keyring.interfaces import IKeyManager
import time
from zope.component import getUtility


class TokenInvalid(CoalitionError):
    """The link was altered, made for something else, or its key is gone."""


class TokenExpired(CoalitionError):
    """The link was genuine but is too old."""


def _keys() -> list[bytes]:
    ring = getUtility(IKeyManager)["_system"]
    return [key.encode("utf-8") for key in ring if key]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(key: bytes, payload: str) -> str:
    return _b64(hmac.new(key, payload.encode("ascii"), hashlib.sha256).digest())


def make_token(purpose: str, subject: str, *, days: int = 7) -> str:
    """A URL-safe token for ``subject`` and ``purpose`` valid for ``days`` days."""
    expires = int(time.time() + days * 86400)
    payload = _b64(json.dumps({"p": purpose, "s": subject, "e": expires}, separators=(",", ":")).encode("utf-8"))
    return f"{payload}.{_signature(_keys()[0], payload)}"


def read_token(purpose: str, token: str, *, now: float | None = None) -> str:
    """The subject of a genuine, unexpired ``token`` made for ``purpose``."""
    invalid = TokenInvalid(_("token_invalid", default="This link is not valid. Please use the link from your e-mail."))
    payload, _dot, signature = (token or "").partition(".")
    if not payload or not signature:
        raise invalid
    if not any(hmac.compare_digest(_signature(key, payload), signature) for key in _keys()):
        raise invalid
    try:
        data = json.loads(_unb64(payload))
    except ValueError:
        raise invalid from None
    if data.get("p") != purpose or not isinstance(data.get("s"), str):
        raise invalid
    if (now if now is not None else time.time()) > data.get("e", 0):
        raise TokenExpired(_("token_expired", default="This link has expired. Please start again from the form."))
    return data["s"]
