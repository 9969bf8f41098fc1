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
"""

from AccessControl import AuthEncoding
from AccessControl.class_init import InitializeClass
from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from coalition.intranet.security.login import passwords
from coalition.intranet.security.login import throttle
from functools import cache
import logging
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
import secrets
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.interface import implementer


logger = logging.getLogger("coalition.login")

PLUGIN_ID = "coalition_login_guard"
SEEN = "coalition.login.seen"  # request annotation: logins already judged in this request


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


@implementer(IAuthenticationPlugin, IValidationPlugin)
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
        from coalition.intranet.security.login.settings import login_settings

        request = getRequest()
        address = client_address(request)
        if throttle.is_locked(self._records, login, address):
            credentials["password"] = ""  # the other plugins answer as for a wrong password
            return None
        result = self._authenticate_with_others(credentials)
        if result is not None:
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
        if self._first_time(request, login):
            settings = login_settings()

            def count(store):
                for lock in throttle.count_failure(store, login, address, settings):
                    logger.warning("Login locked: %s %s after %d failures", lock.kind, lock.name, lock.failures)

            throttle.in_own_transaction(self._records, count)
        # Nobody after us needs to check this password again.
        credentials["password"] = ""
        return None

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
