"""The small public API of workspaces: rosters of organisations and working groups.

A roster is kept as local roles on the workspace object, so Plone's own security (catalog
``allowedRolesAndUsers``, views, REST API) enforces it everywhere without extra code.
"""

from plone import api


WORKSPACE_TYPES = ("Organisation", "WorkingGroup")
WORKSPACE_ROLES = ("WorkspaceAdmin", "WorkspaceMember", "WorkspaceGuest")


def roster(workspace) -> dict[str, str]:
    """Return ``{principal id: workspace role}`` for everyone on the roster."""
    members = {}
    for principal, roles in workspace.get_local_roles():
        for role in WORKSPACE_ROLES:
            if role in roles:
                members[principal] = role
                break
    return members


def set_member(workspace, principal: str, role: str) -> None:
    """Put ``principal`` on the roster with ``role``, replacing any earlier workspace role."""
    if role not in WORKSPACE_ROLES:
        raise ValueError(f"Unknown workspace role: {role!r}")
    kept = [r for r in workspace.get_local_roles_for_userid(principal) if r not in WORKSPACE_ROLES]
    workspace.manage_setLocalRoles(principal, kept + [role])
    workspace.reindexObjectSecurity()


def remove_member(workspace, principal: str) -> None:
    """Take ``principal`` off the roster; access ends with this call."""
    kept = [r for r in workspace.get_local_roles_for_userid(principal) if r not in WORKSPACE_ROLES]
    if kept:
        workspace.manage_setLocalRoles(principal, kept)
    else:
        workspace.manage_delLocalRoles([principal])
    workspace.reindexObjectSecurity()


def workspaces_of(principal: str) -> list:
    """Workspaces whose roster names ``principal`` directly."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type=WORKSPACE_TYPES, sort_on="sortable_title")
    found = []
    for brain in brains:
        workspace = brain._unrestrictedGetObject()
        if principal in roster(workspace):
            found.append(workspace)
    return found
