"""The public API of the second factor: enrolment, checking codes at login, recovery codes, reset.

Views, the login guard (``security/login/plugin.py``), the demo site and scripts call these names;
``totp.py``, ``recovery.py``, ``store.py`` and ``policy.py`` are the implementation.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
import base64
import binascii
from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.security import api as audit
from coalition.intranet.security.encryption import api as encryption
from coalition.intranet.security.login.sessions import end_all_sessions
from coalition.intranet.security.twofactor import policy
from coalition.intranet.security.twofactor import recovery
from coalition.intranet.security.twofactor import store
from coalition.intranet.security.twofactor import totp
from dataclasses import dataclass
from datetime import datetime
from datetime import UTC
from plone import api
import time


RESET_PERMISSION = "coalition: Reset second factor"
PRIVILEGED_ROLES = ("Manager", "Site Administrator")

# How a password reached the login guard (``security/login/plugin.py`` tells which).
FORM = "form"  # Plone's login form: the code comes in the same form
REST = "rest"  # the REST API's @login: the code is "otp" in the same JSON body
CONFIRM = "confirm"  # a logged-in person's password checked again (password form): no new login
OTHER = "other"  # HTTP Basic, a password cookie, anything else: no place for a code


class TwoFactorError(CoalitionError):
    """A second-factor act the rules refuse (wrong code, not allowed); nothing was changed."""


WRONG_CODE = _(
    "twofactor_wrong_code",
    default="This code is not right, or it was already used. Enter the current code from your authenticator "
    "app (check that the time on your phone is right), or an unused recovery code.",
)
ENROL_FIRST = _(
    "twofactor_enrol_in_browser_first",
    default="This account must use two-step login, which is not set up yet. Log in once in a web browser and "
    "set it up; then log in here with the code from your authenticator app.",
)


@dataclass(frozen=True)
class Status:
    enrolled: bool
    required: bool
    enrolled_at: datetime | None
    recovery_codes_left: int


@dataclass(frozen=True)
class PendingEnrolment:
    """A new secret shown to a person until they confirm it with a code; stored nowhere before that."""

    secret: str
    token: str  # the secret sealed for this person, carried by the enrolment form
    uri: str
    qr_svg: str

    @property
    def grouped_secret(self) -> str:
        return totp.grouped(self.secret)


@dataclass(frozen=True)
class LoginDecision:
    allowed: bool
    counted: bool = True  # a refusal counts as a failed login (throttle), like a wrong password
    message: object = None  # a refusal the person may be told about (not yet enrolled), else None
    recovery_codes_left: int | None = None  # set when a recovery code was used


ALLOWED = LoginDecision(True)
REFUSED = LoginDecision(False)


def _site():
    return api.portal.get()


def _secret_purpose(user_id: str) -> str:
    return f"twofactor-secret:{user_id}"


def _enrolment_purpose(user_id: str) -> str:
    return f"twofactor-enrolment:{user_id}"


def is_enrolled(user_id: str) -> bool:
    return store.get(_site(), user_id) is not None


def is_required(user_id: str) -> bool:
    """Whether the site requires ``user_id`` to log in with a second factor (``policy.py``)."""
    return policy.is_required(_site(), user_id)


def needs_enrolment(user_id: str) -> bool:
    """Required but not set up yet: in the browser, such a person can open the enrolment page only."""
    return not is_enrolled(user_id) and is_required(user_id)


def status(user_id: str) -> Status:
    enrolment = store.get(_site(), user_id)
    return Status(
        enrolled=enrolment is not None,
        required=is_required(user_id),
        enrolled_at=None if enrolment is None else datetime.fromtimestamp(enrolment.enrolled_at, UTC),
        recovery_codes_left=0 if enrolment is None else len(enrolment.recovery_digests),
    )


# Enrolment


def _issuer() -> str:
    return api.portal.get().Title() or "Coalition"


def _pending(user_id: str, login_name: str, secret: str, token: str) -> PendingEnrolment:
    uri = totp.provisioning_uri(secret, login_name, _issuer())
    title = api.portal.translate(_("twofactor_qr_title", default="QR code for your authenticator app"))
    return PendingEnrolment(secret=secret, token=token, uri=uri, qr_svg=totp.qr_code_svg(uri, title))


def start_enrolment(user_id: str, login_name: str) -> PendingEnrolment:
    """A new secret for ``user_id`` to add to an authenticator app; nothing is stored yet."""
    secret = totp.new_secret()
    sealed = encryption.seal(secret.encode("ascii"), _enrolment_purpose(user_id))
    return _pending(user_id, login_name, secret, base64.urlsafe_b64encode(sealed).decode("ascii"))


def resume_enrolment(user_id: str, login_name: str, token: str) -> PendingEnrolment:
    """The pending enrolment carried by the form (sealed for this very person, else refused)."""
    try:
        secret = encryption.unseal(base64.urlsafe_b64decode(token.encode("ascii")), _enrolment_purpose(user_id))
    except (encryption.EncryptionError, binascii.Error, ValueError, UnicodeError) as error:
        raise TwoFactorError(
            _("twofactor_enrolment_expired", default="This setup form is no longer valid. Start again.")
        ) from error
    return _pending(user_id, login_name, secret.decode("ascii"), token)


def _new_recovery():
    codes = recovery.new_codes()
    salt = recovery.new_salt()
    return codes, salt, recovery.digests(codes, salt)


def enrol(user_id: str, pending: PendingEnrolment, code: str) -> list[str]:
    """Switch the second factor on once ``code`` proves the app has the secret; return the recovery codes.

    The codes are returned once and kept only as hashes.
    """
    site = _site()
    if store.get(site, user_id) is not None:
        raise TwoFactorError(_("twofactor_already_on", default="Two-step login is already on for this account."))
    step = totp.matching_step(pending.secret, code, last_step=-1)
    if step is None:
        raise TwoFactorError(WRONG_CODE)
    codes, salt, digests = _new_recovery()
    sealed = encryption.seal(pending.secret.encode("ascii"), _secret_purpose(user_id))
    store.put(site, user_id, store.Enrolment(sealed, salt, digests, step, time.time()))
    audit.record("twofactor.enrolled", site, actor=user_id, user=user_id)
    return codes


def enrol_with_secret(user_id: str, secret: str) -> None:
    """Enrol ``user_id`` with a given secret and no recovery codes (the demo cast's documented secrets)."""
    site = _site()
    sealed = encryption.seal(secret.encode("ascii"), _secret_purpose(user_id))
    store.put(site, user_id, store.Enrolment(sealed, recovery.new_salt(), (), -1, time.time()))


def _secret(user_id: str, enrolment: store.Enrolment) -> str:
    return encryption.unseal(enrolment.sealed_secret, _secret_purpose(user_id)).decode("ascii")


def use_code(user_id: str, code: str, *, own_transaction: bool = False) -> tuple[str, int] | None:
    """Check ``code`` (an app code or a recovery code) and use it up: ``("totp" | "recovery", codes left)``.

    An app code counts only for a time step later than the last one accepted; a recovery code is removed.
    ``own_transaction``: committed at once, apart from the request (logins); else in the request's transaction
    (the person's own forms, which change the same record).
    """
    site = _site()
    enrolment = store.get(site, user_id)
    if enrolment is None or not code:
        return None
    if totp.is_totp_code(code):
        step = totp.matching_step(_secret(user_id, enrolment), code, enrolment.last_step)
        if step is None:
            return None

        def consume(target_site):
            current = store.get(target_site, user_id)
            if current is None or current.sealed_secret != enrolment.sealed_secret or current.last_step >= step:
                return None
            store.put(target_site, user_id, current.replaced(last_step=step))
            return ("totp", len(current.recovery_digests))

    elif recovery.is_recovery_code(code):
        digest = recovery.digest(code, enrolment.salt)
        if digest not in enrolment.recovery_digests:
            return None

        def consume(target_site):
            current = store.get(target_site, user_id)
            if current is None or digest not in current.recovery_digests:
                return None
            left = tuple(known for known in current.recovery_digests if known != digest)
            store.put(target_site, user_id, current.replaced(recovery_digests=left))
            audit.record("twofactor.recovery_code_used", target_site, actor=user_id, user=user_id, left=len(left))
            return ("recovery", len(left))

    else:
        return None
    return store.in_own_transaction(site, consume) if own_transaction else consume(site)


def spend_time_like_a_code_check(code: str | None) -> None:
    """The work of checking ``code`` without a person: for logins refused before the code is checked."""
    if recovery.is_recovery_code(code):
        recovery.digest(code, _TIMING_SALT)


_TIMING_SALT = recovery.new_salt()


def check_login(user_id: str, route: str, code: str | None, current_user_id: str | None = None) -> LoginDecision:
    """Whether a login whose password was right may go on, by the route it came (``FORM``, ``REST``…).

    Refusals look like a wrong password (and count like one), except for a person who must set up the
    second factor and tries a route without a browser: they are told to use the browser first.
    """
    enrolled = is_enrolled(user_id)
    if not enrolled and not is_required(user_id):
        return ALLOWED
    if route == CONFIRM and current_user_id == user_id:
        return ALLOWED
    if not enrolled:
        return ALLOWED if route == FORM else LoginDecision(False, counted=False, message=ENROL_FIRST)
    if route not in (FORM, REST):
        return REFUSED
    used = use_code(user_id, code, own_transaction=True)
    if used is None:
        return REFUSED
    kind, left = used
    return LoginDecision(True, recovery_codes_left=left if kind == "recovery" else None)


# The person's own management


def new_recovery_codes(user_id: str, code: str) -> list[str]:
    """Replace the recovery codes (a current code proves the person has their app); the new ones, once."""
    site = _site()
    if use_code(user_id, code) is None:
        raise TwoFactorError(WRONG_CODE)
    codes, salt, digests = _new_recovery()
    store.put(site, user_id, store.get(site, user_id).replaced(salt=salt, recovery_digests=digests))
    audit.record("twofactor.recovery_codes_renewed", site, actor=user_id, user=user_id)
    return codes


def switch_off(user_id: str, code: str) -> None:
    """Switch the second factor off, if the site does not require it for this person."""
    if is_required(user_id):
        raise TwoFactorError(
            _(
                "twofactor_required_cannot_switch_off",
                default="Your account must use two-step login, so it cannot be switched off. If you lost your "
                "phone, ask a coordinator to reset it.",
            )
        )
    if use_code(user_id, code) is None:
        raise TwoFactorError(WRONG_CODE)
    site = _site()
    store.remove(site, user_id)
    audit.record("twofactor.disabled", site, actor=user_id, user=user_id)


# Coordinators and site administrators


def may_reset() -> bool:
    """Whether the current user may reset second factors at all (coordinators, site administrators)."""
    return bool(getSecurityManager().checkPermission(RESET_PERMISSION, _site()))


def reset_refusal(user_id: str):
    """Why the current user may not reset ``user_id``'s second factor (a message), or None if they may."""
    site = _site()
    actor = api.user.get_current()
    if not may_reset():
        return _("twofactor_reset_not_allowed", default="You may not reset second factors.")
    target = site.acl_users.getUserById(user_id)
    if target is None:
        return _("twofactor_reset_no_such_user", default="There is no account with this user id.")
    if actor.getId() == user_id:
        return _(
            "twofactor_reset_not_yourself",
            default="You cannot reset your own second factor. Ask another coordinator or a site administrator.",
        )
    actor_roles, target_roles = set(actor.getRoles()), set(target.getRoles())
    if target_roles & set(PRIVILEGED_ROLES) and not actor_roles & set(PRIVILEGED_ROLES):
        return _(
            "twofactor_reset_privileged",
            default="Only a site administrator can reset the second factor of a site administrator.",
        )
    return None


def reset(user_id: str) -> bool:
    """Remove ``user_id``'s second factor and end all their sessions (they set it up again at their next
    login if it is required). Returns whether a second factor was removed. Audited as ``twofactor.reset``.
    """
    if not may_reset():
        raise Unauthorized(RESET_PERMISSION)
    refusal = reset_refusal(user_id)
    if refusal is not None:
        raise TwoFactorError(refusal)
    site = _site()
    removed = store.remove(site, user_id)
    end_all_sessions(user_id)
    audit.record("twofactor.reset", site, user=user_id, had_second_factor="yes" if removed else "no")
    return removed


def enrolled_user_ids() -> list[str]:
    return store.user_ids(_site())
