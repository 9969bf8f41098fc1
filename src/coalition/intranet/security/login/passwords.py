"""Rules for new passwords: a minimum length, and not guessable (zxcvbn: the 30,000 most common
passwords, names, words, keyboard patterns, dates, and the person's own user id).

The rules apply when a password is set (registration, password reset, the password form, the REST API,
``api.user.create``); passwords set before them keep working. The demo profile creates its cast with the
documented demo password inside ``demo_passwords()``, the only place that accepts it.
"""

from coalition.intranet import _
from contextlib import contextmanager
import threading
from zope.globalrequest import getRequest
from zope.i18n import translate


DEMO_PASSWORD = "demo-secret"  # noqa: S105 (the documented password of the demo cast, docs/ARCHITECTURE.md)
_demo = threading.local()
MINIMUM_LENGTH = 12  # PlonePAS password_policy.min_chars (setup.install)


@contextmanager
def demo_passwords():
    """While the demo cast is created: its documented password is accepted (and nothing else changes)."""
    from plone import api

    # PlonePAS's length rule is an attribute of its plugin: lowered for this block only.
    policy = getattr(api.portal.get().acl_users, "password_policy", None)
    length = getattr(policy, "min_chars", None)
    _demo.allowed = True
    if length is not None:
        policy.min_chars = min(length, len(DEMO_PASSWORD))
    try:
        yield
    finally:
        _demo.allowed = False
        if length is not None:
            policy.min_chars = length


def problems(password: str, hints=(), minimum_length: int = MINIMUM_LENGTH) -> list[str]:
    """Translated reasons why ``password`` may not be set; empty when it may.

    The length is PlonePAS's own password policy's rule (``min_chars``, set by ``setup.install``); a
    password shorter than that gets only its message, not a second one from here.
    """
    from coalition.intranet.security.login.settings import login_settings

    if getattr(_demo, "allowed", False) and password == DEMO_PASSWORD:
        return []
    if len(password) < minimum_length:
        return []
    if _strength(password, hints) >= login_settings().minimum_password_strength:
        return []
    message = _(
        "password_too_common",
        default="This password is too easy to guess (a common password, a word or a pattern). "
        "A few unrelated words make a good password.",
    )
    return [translate(message, context=getRequest())]


def _strength(password: str, hints) -> int:
    from zxcvbn import zxcvbn

    # zxcvbn's work grows with the length; beyond 100 characters a password is not guessed anyway.
    if len(password) > 100:
        return 4
    return zxcvbn(password, user_inputs=[hint for hint in hints if hint] + ["coalition"])["score"]
