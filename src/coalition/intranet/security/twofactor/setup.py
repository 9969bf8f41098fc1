"""``install(portal)``: what a site needs for the second factor beyond the profile's XML. Idempotent.

The registry records come from ``registry/twofactor.xml`` (their defaults are used until then), the reset
permission from ``rolemap.xml``. Here: the personal menu's "Two-step login" (also a tab of the personal
preferences), the coordinators' "Second factors of members" in the same menu, and the control panel entry
for who must use it. The login guard itself is installed by ``login/setup.py``.
"""

from coalition.intranet.security.twofactor.api import RESET_PERMISSION


USER_ACTIONS = (
    # id, title, view, permission
    ("two-factor", "Two-step login", "@@two-factor", "View"),
    ("two-factor-reset", "Second factors of members", "@@two-factor-reset", RESET_PERMISSION),
)
CONFIGLET_ID = "coalition-two-factor"
MEMBER_CONFIGLET_ID = "coalition-two-factor-member"  # a tab of the personal preferences
CONFIGLETS = (
    # id, view, permission, control panel category
    (CONFIGLET_ID, "@@two-factor-settings", "Plone Site Setup: Security", "plone-users"),
    (MEMBER_CONFIGLET_ID, "@@two-factor", "Set own properties", "Member"),
)


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
    if controlpanel is None:
        return
    existing = [action.getId() for action in controlpanel.listActions()]
    for configlet_id, view, permission, category in CONFIGLETS:
        if configlet_id not in existing:
            controlpanel.registerConfiglet(
                id=configlet_id,
                name="Two-step login",
                action=f"string:${{portal_url}}/{view}",
                permission=permission,
                category=category,
                appId="coalition.intranet",
                icon_expr="string:shield-lock",
            )
