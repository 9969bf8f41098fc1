"""``install(portal)``: the login guard in the site's PAS, the password length, the session lifetime and
the personal "Log out everywhere" action. Idempotent; the registry records come from the profile
(``registry/login.xml``), and their defaults are used until then.
"""

from coalition.intranet.security.login.passwords import MINIMUM_LENGTH
from coalition.intranet.security.login.plugin import LoginGuard
from coalition.intranet.security.login.plugin import PLUGIN_ID
from coalition.intranet.security.login.sessions import configure_sessions
from coalition.intranet.security.login.settings import login_settings
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IChallengePlugin
from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin


ACTION_ID = "logout-everywhere"


def install(portal) -> None:
    acl_users = portal.acl_users
    if PLUGIN_ID not in acl_users.objectIds():
        acl_users._setObject(PLUGIN_ID, LoginGuard(PLUGIN_ID, "Coalition login guard (throttling, password rules)"))
    plugin = acl_users[PLUGIN_ID]
    plugins = acl_users.plugins
    for interface in (IAuthenticationPlugin, IValidationPlugin):
        if PLUGIN_ID not in plugins.listPluginIds(interface):
            plugins.activatePlugin(interface, PLUGIN_ID)
    # First: it must see the password before any plugin that checks it, and answer the challenge of a login
    # it refused with a reason the person may know (the second factor is not set up yet) before Plone redirects.
    for interface in (IAuthenticationPlugin, IChallengePlugin):
        if PLUGIN_ID not in plugins.listPluginIds(interface):
            plugins.activatePlugin(interface, PLUGIN_ID)
        while plugins.listPluginIds(interface)[0] != PLUGIN_ID:
            plugins.movePluginsUp(interface, [PLUGIN_ID])
    policy = getattr(acl_users, "password_policy", None)
    if policy is not None and getattr(policy, "min_chars", 0) < MINIMUM_LENGTH:
        policy.min_chars = MINIMUM_LENGTH
    configure_sessions(portal, login_settings().session_hours)
    _add_user_action(portal)
    return plugin


def _add_user_action(portal) -> None:
    category = portal.portal_actions.get("user")
    if category is None or ACTION_ID in category.objectIds():
        return
    from Products.CMFCore.ActionInformation import Action

    category._setObject(
        ACTION_ID,
        Action(
            ACTION_ID,
            title="Log out everywhere",
            i18n_domain="coalition",
            url_expr="string:${portal_url}/@@logout-everywhere",
            available_expr="python:member is not None",
            permissions=("View",),
            visible=True,
        ),
    )
    # Just before "Log out".
    ids = list(category.objectIds())
    if "logout" in ids:
        category.moveObjectToPosition(ACTION_ID, ids.index("logout"))
