from coalition.intranet import _
from zope import schema
from zope.interface import Interface


class ILoginSettings(Interface):
    """Throttling, lock-out, password rules and session lifetime (registry prefix ``coalition.login``)."""

    account_failures = schema.Int(
        title=_("Failed logins before an account is locked"),
        description=_("Counted per login name within the window below, known or unknown names alike."),
        default=10,
        min=3,
    )
    address_failures = schema.Int(
        title=_("Failed logins before a client address is locked"),
        default=50,
        min=5,
    )
    failure_window_minutes = schema.Int(
        title=_("Window in which failed logins are counted (minutes)"),
        default=15,
        min=1,
    )
    lock_minutes = schema.Int(
        title=_("Duration of a lock (minutes; 0: until an administrator lifts it)"),
        default=60,
        min=0,
    )
    minimum_password_strength = schema.Int(
        title=_("Minimum strength of a new password (zxcvbn score 0 to 4)"),
        default=3,
        min=0,
        max=4,
    )
    session_hours = schema.Int(
        title=_("Hours a login lasts (browser session and REST API token)"),
        default=8,
        min=1,
    )
