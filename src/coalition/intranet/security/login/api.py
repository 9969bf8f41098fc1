"""The public API of the login guard: locks, ending sessions, password rules for the demo."""

from coalition.intranet.security.login import throttle
from coalition.intranet.security.login.passwords import demo_passwords
from coalition.intranet.security.login.plugin import PLUGIN_ID
from coalition.intranet.security.login.sessions import end_all_sessions
from coalition.intranet.security.login.setup import install
from plone import api


__all__ = ["locks", "lift_lock", "end_all_sessions", "demo_passwords", "install", "guard"]


def guard():
    """The login guard plugin of the current site, or None before ``install``."""
    return getattr(api.portal.get().acl_users, PLUGIN_ID, None)


def locks() -> list[throttle.Record]:
    plugin = guard()
    return [] if plugin is None else sorted(throttle.locks(plugin._records), key=lambda record: record.window_start)


def lift_lock(kind: str, name: str) -> bool:
    """Lift the lock (and forget the failures) of a login name (``account``) or a client address."""
    plugin = guard()
    if plugin is None or kind not in (throttle.ACCOUNT, throttle.ADDRESS):
        return False
    return throttle.forget(plugin._records, kind, name)
