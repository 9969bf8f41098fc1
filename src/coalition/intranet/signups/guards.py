"""The checks every anonymous form passes before it stores anything: method, CSRF, honeypot, rate.

The honeypot is collective.honeypot's field (its name from its configuration); the library's site-wide
request filter and form rewriting are not switched on, only our forms carry and require the field.
"""

from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from collections import deque
from collective.honeypot.config import HONEYPOT_FIELD
from collective.honeypot.utils import found_honeypot
from plone.protect.authenticator import check as check_authenticator
import threading
import time
from zExceptions import Forbidden


class SubmissionRefused(CoalitionError):
    """An anonymous form was refused before anything was stored."""


class _RateBook:
    """Accepted posts per (form, client address) in a sliding window, in memory.

    Per process on purpose: a database write per post would let a flood cause conflict errors, and the
    proxy (Varnish) throttles in front of every process as well (docs/caching.md).
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._posts: dict[tuple[str, str], deque] = {}

    def allow(self, key: tuple[str, str], limit: int, window: int, now: float) -> bool:
        with self._lock:
            posts = self._posts.setdefault(key, deque())
            while posts and posts[0] <= now - window:
                posts.popleft()
            if len(posts) >= limit:
                return False
            posts.append(now)
            return True

    def clear(self) -> None:
        with self._lock:
            self._posts.clear()


RATE_BOOK = _RateBook()


def client_address(request) -> str:
    """The visitor's address as Zope sees it (behind a proxy: the address the proxy forwards, if trusted)."""
    return request.getClientAddr() or "unknown"


def check_public_post(request, form_name: str, *, limit: int = 5, window: int = 3600) -> None:
    """Refuse (``SubmissionRefused``) anything but a genuine, not too frequent POST of a visitor's form."""
    if request.get("REQUEST_METHOD", "GET").upper() != "POST":
        raise SubmissionRefused(_("signup_error_method", default="Please send the form with its button."))
    try:
        check_authenticator(request)
    except Forbidden:
        raise SubmissionRefused(
            _(
                "signup_error_csrf",
                default="The form has expired or did not come from this site. "
                "Please reload the page and send it again.",
            )
        ) from None
    if found_honeypot(request.form, required=True):
        raise SubmissionRefused(
            _(
                "signup_error_honeypot",
                default="The form could not be accepted. Please contact us if this is a mistake.",
            )
        )
    if not RATE_BOOK.allow((form_name, client_address(request)), limit, window, time.time()):
        raise SubmissionRefused(
            _(
                "signup_error_rate",
                default="Too many submissions from your connection. Please try again later.",
            )
        )


HONEYPOT_FIELD_NAME = HONEYPOT_FIELD
