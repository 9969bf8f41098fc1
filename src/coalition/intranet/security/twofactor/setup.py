"""``install(portal)``: what a site needs for the second factor beyond the profile's XML. Idempotent.

The registry records come from ``registry/twofactor.xml`` (their defaults are used until then), the reset
permission from ``rolemap.xml``. Here: the personal menu's "Two-step login", the coordinators' reset page in
the same menu, the control panel entry, and Plone's automatic login after a password reset switched off
for people with a second factor (``login_form.GuardedPasswordReset`` does that per person; nothing to store).
"""

from coalition.intranet.security.twofactor.api import RESET_PERMISSION


USER_ACTIONS = (
    # id, title, view, permission
    ("two-factor", "Two-step login", "@@two-factor", "View"),
    ("two-factor-reset", "Second factors of members", "@@two-factor-reset", RESET_PERMISSION),
)
CONFIGLET_ID = "coalition-two-factor"


def install(portal) -> None:
    _add_user_actions(portal)
    _add_configlet(portal)


def _add_user_actions(portal) -> None:
    category = portal.portal_actions.get("user")
    if category is None:
        return
    from Products.CMFCore.ActionInformation import Action

    for action_id, title, view, permission in USER_ACTIONS:
        if action_id in category.objectIds():
            continue
        category._setObject(
            action_id,
            Action(
                action_id,
                title=title,
                i18n_domain="coalition",
                url_expr=f"string:${{portal_url}}/{view}",
                available_expr="python:member is not None",
                permissions=(permission,),
                visible=True,
            ),
        )
        # Before "Log out everywhere" and "Log out".
        ids = list(category.objectIds())
        for anchor in ("logout-everywhere", "logout"):
            if anchor in ids:
                category.moveObjectToPosition(action_id, ids.index(anchor))
                break


def _add_configlet(portal) -> None:
    controlpanel = getattr(portal, "portal_controlpanel", None)
    if controlpanel is None or CONFIGLET_ID in [action.getId() for action in controlpanel.listActions()]:
        return
    controlpanel.registerConfiglet(
        id=CONFIGLET_ID,
        name="Two-step login",
        action="string:${portal_url}/@@two-factor-settings",
        permission="Plone Site Setup: Security",
        category="plone-users",
        appId="coalition.intranet",
        icon_expr="string:shield-lock",
    )
