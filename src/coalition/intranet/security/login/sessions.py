"""How long a login lasts, and "log out everywhere".

A login is a plone.session ticket (the ``__ac`` cookie) or a JWT token of the REST API. Both are checked
against secrets the site keeps per user: plone.session's per-user keyring (``per_user_keyring``) and the
JWT plugin's list of issued tokens (``store_tokens``). Ending every session of a person rotates their
keyring and forgets their tokens: each browser, phone and script of theirs must log in again. Logging out
in one browser does the same (plone.session clears the keyring on logout), which is the safe default for
an intranet where a stolen laptop's session must be endable from another device.
"""

from plone import api
from plone.keyring.interfaces import IKeyManager
from zope.component import queryUtility


SESSION_PLUGIN = "session"
JWT_PLUGIN = "jwt_auth"


def configure_sessions(portal, hours: int) -> None:
    acl_users = portal.acl_users
    session = getattr(acl_users, SESSION_PLUGIN, None)
    if session is not None:
        # The Secure flag is added by the TLS terminator (deploy/nginx/), so http://localhost keeps working.
        session.manage_changeProperties(timeout=hours * 3600)
        session.per_user_keyring = True
    jwt = getattr(acl_users, JWT_PLUGIN, None)
    if jwt is not None:
        jwt.token_timeout = hours * 3600
        if not jwt.store_tokens:
            jwt.store_tokens = True
        if jwt._tokens is None:
            from BTrees.OOBTree import OOBTree

            jwt._tokens = OOBTree()


def end_all_sessions(user_id: str) -> None:
    """Invalidate every browser session and REST token of ``user_id`` (also the current one)."""
    portal = api.portal.get()
    session = getattr(portal.acl_users, SESSION_PLUGIN, None)
    manager = queryUtility(IKeyManager)
    if session is not None and manager is not None:
        ring = session._getSecretKey(user_id)
        if ring in manager:
            manager.clear(ring=ring)
            manager.rotate(ring=ring)
    jwt = getattr(portal.acl_users, JWT_PLUGIN, None)
    if jwt is not None and jwt._tokens is not None and user_id in jwt._tokens:
        del jwt._tokens[user_id]
