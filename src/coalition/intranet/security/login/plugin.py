"""The login guard: one PAS plugin, first among the authentication plugins, and a password validator.

Every route that checks a password passes here: Plone's login form (``__ac_name``/``__ac_password``), the
REST API's ``@login`` (``acl_users.authenticate``) and HTTP Basic on any request, because they all ask the
authentication plugins with ``{"login", "password"}`` credentials. Session cookies and JWT tokens carry no
password and are left to their plugins.

- While the login name or the client address is locked, the password is blanked before the other plugins
  see it: the answer is the one of a wrong password, for known and unknown names alike.
- Otherwise the guard asks the other authentication plugins itself, so it knows the outcome: a failure
  (after the Zope root's user folder also refused, so the operators' root account is never counted) is
  counted once per request; an unknown name costs one password hash like a known one, so the time of the
  answer does not tell whether an account exists.
- A right password is then judged by the second factor (``security/twofactor/api.check_login``) by the
  route it came: the login form carries the code in ``__ac_otp``, ``@login`` in its JSON body (``rest.py``);
  every other route (HTTP Basic, a password cookie) has no place for a code and is refused for accounts
  with a second factor. A refusal blanks the password and counts like a wrong password, so a right password
  with a wrong code looks exactly like a wrong password and locks the same way.
"""

from AccessControl import AuthEncoding
from AccessControl import getSecurityManager
from AccessControl.class_init import InitializeClass
from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from coalition.intranet.security import login_events
from coalition.intranet.security.login import passwords
from coalition.intranet.security.login import throttle
from functools import cache
import json
import logging
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IChallengePlugin
from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from Products.PluggableAuthService.plugins.CookieAuthHelper import CookieAuthHelper
import secrets
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer


logger = logging.getLogger("coalition.login")

PLUGIN_ID = "coalition_login_guard"
SEEN = "coalition.login.seen"  # request annotation: logins already judged in this request
DECISIONS = "coalition.login.second_factor"  # request annotation: the second factor's verdicts
REFUSALS = "coalition.login.second_factor_refusals"  # request annotation: refusals the person may be told
REST_CODE = "coalition.login.rest_code"  # request annotation: the "otp" of an @login body
OTP_FIELD = "__ac_otp"  # the login form's field for the code


@cache
def _dummy_hash() -> bytes:
    return AuthEncoding.pw_encrypt(secrets.token_hex(16))


def client_address(request) -> str | None:
    """The client's address as Zope's trusted proxies tell it (zope.conf ``trusted-proxy``).

    A request forwarded by a proxy that is not trusted has an unknown client: the proxy's own address would
    lock everybody out at once, so it is not counted (the login name still is), and the operator is told.
    """
    if request is None:
        return None
    address = request.getClientAddr() or None
    environ = getattr(request, "environ", {})
    forwarded = environ.get("HTTP_X_FORWARDED_FOR")
    if address and forwarded and address == environ.get("REMOTE_ADDR") and _is_local(address):
        logger.warning("Forwarded request from %s, which is not a trusted-proxy in zope.conf", address)
        return None
    return address


def _is_local(address: str) -> bool:
    import ipaddress

    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return parsed.is_loopback or parsed.is_private


def _request_memory(request, name, factory):
    annotations = IAnnotations(request, None) if request is not None else None
    if annotations is None:
        return factory()
    return annotations.setdefault(name, factory())


def mark_rest_login(request, code) -> None:
    """@login (``rest.py``) hands the guard the code of its JSON body ("otp"); empty when there is none."""
    IAnnotations(request)[REST_CODE] = "" if code is None else str(code)


def rest_login_code(request) -> str | None:
    annotations = IAnnotations(request, None) if request is not None else None
    return None if annotations is None else annotations.get(REST_CODE)


def second_factor_code(route: str, request) -> str:
    from coalition.intranet.security.twofactor import api as twofactor

    if route == twofactor.FORM:
        return str(request.form.get(OTP_FIELD) or "")
    if route == twofactor.REST:
        return rest_login_code(request) or ""
    return ""


def remember_refusal(request, decision) -> None:
    if request is not None and decision.message is not None:
        _request_memory(request, REFUSALS, list).append(decision.message)


def refusal_message(request):
    """What a login refused by the second factor may tell the person (not yet enrolled), else None."""
    annotations = IAnnotations(request, None) if request is not None else None
    messages = [] if annotations is None else annotations.get(REFUSALS, [])
    return messages[0] if messages else None


def recovery_codes_left(request) -> int | None:
    """How many recovery codes are left, when this request logged in with one."""
    annotations = IAnnotations(request, None) if request is not None else None
    for decision in [] if annotations is None else annotations.get(DECISIONS, {}).values():
        if decision.allowed and decision.recovery_codes_left is not None:
            return decision.recovery_codes_left
    return None


@implementer(IAuthenticationPlugin, IValidationPlugin, IChallengePlugin)
class LoginGuard(BasePlugin):
    meta_type = "Coalition login guard"

    def __init__(self, id, title=None):
        self._setId(id)
        self.title = title
        self._records = throttle.new_store()

    # IAuthenticationPlugin
    def authenticateCredentials(self, credentials):
        login, password = credentials.get("login"), credentials.get("password")
        if not login or password is None or "cookie" in credentials or "token" in credentials:
            return None
        try:
            return self._guarded(credentials, login, password)
        except Exception:
            # PAS swallows a plugin's error and asks the next plugin: the guard fails closed instead.
            logger.exception("Login guard failed; the login is refused")
            credentials["password"] = ""
            return None

    def _guarded(self, credentials, login, password):
        request = getRequest()
        address = client_address(request)
        if throttle.is_locked(self._records, login, address):
            credentials["password"] = ""  # the other plugins answer as for a wrong password
            return None
        result = self._authenticate_with_others(credentials)
        if result is not None:
            decision = self._second_factor(credentials, result[0], request)
            if not decision.allowed:
                remember_refusal(request, decision)
                if decision.counted and self._first_time(request, login):
                    self._count_failure(request, login, address)
                credentials["password"] = ""  # the other plugins answer as for a wrong password
                return None
            if throttle.has_failures(self._records, login) and self._first_time(request, login):
                throttle.in_own_transaction(
                    self._records,
                    lambda store: throttle.forget(store, throttle.ACCOUNT, throttle.normalised_login(login)),
                )
            # Checked once: the plugins after us need not hash the same password again.
            credentials["password"] = ""
            return result
        if self._known_above(login, password, request):
            return None
        if not self._login_exists(login):
            AuthEncoding.pw_validate(_dummy_hash(), password)
        self._spend_a_code_check(credentials, request)
        if self._first_time(request, login):
            self._count_failure(request, login, address)
        # Nobody after us needs to check this password again.
        credentials["password"] = ""
        return None

    def _count_failure(self, request, login, address) -> None:
        from coalition.intranet.security.login.settings import login_settings

        settings = login_settings()

        def count(store):
            for lock in throttle.count_failure(store, login, address, settings):
                logger.warning("Login locked: %s %s after %d failures", lock.kind, lock.name, lock.failures)

        throttle.in_own_transaction(self._records, count)
        login_events.record_failed_login(request, login)  # the audit log's page lists failed logins

    def _second_factor(self, credentials, user_id, request):
        """The second factor's verdict on a login whose password was right, decided once per request (the
        code is used up by the first check)."""
        from coalition.intranet.security.twofactor import api as twofactor

        route = self._route(credentials, request)
        code = second_factor_code(route, request)
        current = getSecurityManager().getUser()
        current_id = current.getId() if current is not None else None
        decisions = _request_memory(request, DECISIONS, dict)
        key = (user_id, route, code, current_id)
        if key not in decisions:
            decisions[key] = twofactor.check_login(user_id, route, code, current_user_id=current_id)
        return decisions[key]

    def _spend_a_code_check(self, credentials, request) -> None:
        """A wrong password with a recovery code costs the hash a right password would have cost: the time of
        the answer does not tell whether the password was right."""
        from coalition.intranet.security.twofactor import api as twofactor

        twofactor.spend_time_like_a_code_check(second_factor_code(self._route(credentials, request), request))

    def _route(self, credentials, request) -> str:
        """How the password came: Plone's login form, the REST API's @login, a logged-in person's password
        checked again, or anything else (HTTP Basic, a password cookie), which has no place for a code."""
        from coalition.intranet.security.twofactor import api as twofactor

        extractor_id = credentials.get("extractor")
        if extractor_id is None:  # acl_users.authenticate(): @login or a password form
            return twofactor.REST if rest_login_code(request) is not None else twofactor.CONFIRM
        extractor = getattr(aq_base(self._getPAS()), extractor_id, None)
        form = getattr(request, "form", None) or {}
        if (
            isinstance(extractor, CookieAuthHelper)
            and form.get("__ac_name")
            and form.get("__ac_password") == credentials.get("password")
        ):
            return twofactor.FORM
        return twofactor.OTHER

    def _authenticate_with_others(self, credentials):
        pas = self._getPAS()
        for plugin_id, plugin in pas.plugins.listPlugins(IAuthenticationPlugin):
            if plugin_id == self.getId():
                continue
            try:
                result = plugin.authenticateCredentials(credentials)
            except Exception:  # PAS swallows plugin errors too; one broken plugin must not open the door
                logger.exception("Authentication plugin %s failed", plugin_id)
                continue
            if result is not None and result[0] is not None:
                return result
        return None

    def _known_above(self, login, password, request) -> bool:
        """Whether a user folder above the site (the Zope root's: operators) knows these credentials."""
        site = aq_parent(aq_inner(self._getPAS()))
        container = aq_parent(aq_inner(site))
        while container is not None:
            folder = getattr(aq_base(container), "acl_users", None)
            if folder is not None and container.acl_users.authenticate(login, password, request) is not None:
                return True
            container = aq_parent(aq_inner(container))
        return False

    def _login_exists(self, login) -> bool:
        users = getattr(self._getPAS(), "source_users", None)
        try:
            return users is not None and users.getUserIdForLogin(login) is not None
        except KeyError:  # ZODBUserManager's answer for an unknown login
            return False

    def _first_time(self, request, login) -> bool:
        """True once per request and login: Zope may authenticate a request more than once."""
        if request is None:
            return True
        annotations = IAnnotations(request, None)
        if annotations is None:
            return True
        seen = annotations.setdefault(SEEN, set())
        if login in seen:
            return False
        seen.add(login)
        return True

    # IChallengePlugin
    def challenge(self, request, response, **kw):
        """A person who must set up the second factor and tried HTTP Basic is told to use a browser first
        (the refusal is only known after their right password); every other challenge is left to Plone."""
        message = refusal_message(request)
        if message is None:
            return False
        text = translate(message, context=request)
        response.setStatus(401)
        if "json" in (request.getHeader("Accept") or ""):
            response.setHeader("Content-Type", "application/json")
            body = json.dumps({"error": {"type": "Second factor not set up", "message": text}})
        else:
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            body = text
        response.setBody(body, lock=True)
        return True

    # IValidationPlugin
    def validateUserInfo(self, user, set_id, set_info):
        password = (set_info or {}).get("password")
        if password is None:
            return []
        hints = [set_id or "", user.getId() if user is not None else ""]
        policy = getattr(self._getPAS(), "password_policy", None)
        minimum = getattr(policy, "min_chars", passwords.MINIMUM_LENGTH)
        return [{"id": "password", "error": error} for error in passwords.problems(password, hints, minimum)]


InitializeClass(LoginGuard)
