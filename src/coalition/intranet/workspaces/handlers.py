"""Event handlers of workspaces: what changes access outside the roster API still reaches the audit log."""

from coalition.intranet.security import api as audit


def record_workspace_created(workspace, event):
    """A new workspace is a new place of access: it goes into the audit log with who created it."""
    audit.record("workspace.created", workspace, portal_type=workspace.portal_type)


def drop_owner_role(workspace, event):
    """Access to a workspace comes from its roster alone: the creator (a coordinator) does not keep ``Owner``.

    ``Owner`` is acquired by everything inside and carries permissions no workflow manages (adding Plone
    types, constraining types, portlets), which would give the creator a foothold in the workspace.
    """
    for principal, roles in workspace.get_local_roles():
        if "Owner" not in roles:
            continue
        kept = [role for role in roles if role != "Owner"]
        if kept:
            workspace.manage_setLocalRoles(principal, kept)
        else:
            workspace.manage_delLocalRoles([principal])
    workspace.reindexObjectSecurity()


def record_sharing_changed(workspace, event):
    """A manager used the sharing form on a workspace: record the local roles it left."""
    local_roles = "; ".join(
        f"{principal}: {', '.join(sorted(roles))}" for principal, roles in sorted(workspace.get_local_roles())
    )
    audit.record("workspace.sharing_changed", workspace, local_roles=local_roles)
