"""Logins and failed logins, for the audit log's page: who (or which name), when, from where, by which route.

Storage: append-only JSON-lines files beside the database (``<clienthome>/login-events/YYYY-MM.jsonl``,
``filelog.py``), never the ZODB: a failed login is often an anonymous attacker's, and writing each one in
the database would let anyone grow it without bound and make concurrent failures conflict.

What a line holds: the outcome, the route (login form, REST ``@login``, HTTP Basic, the password-reset
form), the client address (as Zope's trusted proxies tell it) and the account: its user id when the name
belongs to an account, else a keyed hash of the name tried. A name that is no account is often a
password typed into the wrong field; stored in clear it would sit in a log file and its backups. A plain
hash would not help (a short string is found again by trying a dictionary); the key of the hash lives in
the database (plone.keyring's system ring), not beside the log, so the files alone reveal nothing, while
the page can still show that the same unknown name was tried again and again. Never a password.

Successful logins are recorded when Plone announces them (``IUserLoggedInEvent``: the login form, REST
``@login``, the login after setting a new password). HTTP Basic sends the password with every request and
announces nothing; its failures are recorded by the login guard like the others, its successes are not
(one line per request of a script would bury everything else).
"""

from coalition.intranet.security import filelog
import hashlib
import hmac
from plone import api
from plone.keyring.interfaces import IKeyManager
from urllib.parse import urlsplit
from zope.component import queryUtility
from zope.globalrequest import getRequest


ENV_DIRECTORY = "COALITION_LOGIN_LOG"
FOLDER = "login-events"

SUCCEEDED = "login.succeeded"
FAILED = "login.failed"
OUTCOMES = {"succeeded": SUCCEEDED, "failed": FAILED}

FORM = "form"
REST = "rest"
BASIC = "basic"
PASSWORD_RESET = "password_reset"  # noqa: S105 (a route, not a password)
ROUTES = (FORM, REST, BASIC, PASSWORD_RESET)

UNKNOWN_NAME_DIGITS = 10


def log_directory():
    return filelog.log_directory(ENV_DIRECTORY, FOLDER)


def login_route(request) -> str:
    """By which door the password came: the REST API's ``@login``, HTTP Basic, the password-reset form, or
    the login form."""
    if request is None:
        return FORM
    path = urlsplit(request.get("ACTUAL_URL", "") or request.get("URL", "") or "").path.rstrip("/")
    if path.endswith("/@login"):
        return REST
    form = getattr(request, "form", {}) or {}
    if "__ac_name" in form or "__ac_password" in form:
        return FORM
    if "/passwordreset" in path:
        return PASSWORD_RESET
    authorization = getattr(request, "_auth", None) or request.environ.get("HTTP_AUTHORIZATION", "") or ""
    if authorization.lower().startswith("basic "):
        return BASIC
    return FORM


def _client_address(request) -> str:
    return (request.getClientAddr() or "") if request is not None else ""


def unknown_name_mark(login: str) -> str:
    """A keyed hash of a login name that is no account: the same name gives the same mark, the mark gives
    back no name (the key stays in the database)."""
    manager = queryUtility(IKeyManager)
    key = manager.secret() if manager is not None else ""
    digest = hmac.new(key.encode("utf-8"), (login or "").strip().lower().encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()[:UNKNOWN_NAME_DIGITS]


def _user_id_of_login(login: str) -> str:
    """The user id of the site's account with this login name, or an empty string."""
    pas = api.portal.get_tool("acl_users")
    name = pas.applyTransform(login) if hasattr(pas, "applyTransform") else login
    for found in pas.searchUsers(login=name, exact_match=True):
        if found.get("id"):
            return found["id"]
    return ""


def _append(outcome: str, user_id: str, unknown: str, request) -> None:
    filelog.append_line(
        log_directory(),
        {
            "outcome": outcome,
            "user": user_id,
            "unknown": unknown,
            "address": _client_address(request),
            "route": login_route(request),
        },
    )


def record_failed_login(request, login: str) -> None:
    """One failed login (a wrong password, or a name that is no account), called by the login guard once per
    request and name. The password is never passed here."""
    user_id = _user_id_of_login(login)
    _append("failed", user_id, "" if user_id else unknown_name_mark(login), request or getRequest())


def record_successful_login(event) -> None:
    """Subscriber of ``IUserLoggedInEvent``."""
    user = event.object
    user_id = user.getId() if user is not None else ""
    if user_id:
        _append("succeeded", user_id, "", getRequest())


def events_newest_first(since=None, until=None):
    """Every login and failed login with ``since <= when < until``, newest first, read lazily."""
    return filelog.newest_first(log_directory(), since, until)
