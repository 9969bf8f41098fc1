"""Who must log in with a second factor: members of the configured groups, organisation admins, and (when
the site says so) everyone on an organisation's roster, i.e. everyone who can open case files.
"""

from coalition.intranet.security.twofactor.settings import twofactor_settings
from coalition.intranet.workspaces import api as workspaces


ORGANISATION = "Organisation"


def is_required(site, user_id: str) -> bool:
    """Whether the site requires ``user_id`` to have a second factor (enrolled or not)."""
    settings = twofactor_settings()
    required_groups = set(settings.required_groups or ())
    if required_groups and required_groups & _groups_of(site, user_id):
        return True
    if settings.require_roster_members:
        roles = set(workspaces.WORKSPACE_ROLES)
    elif settings.require_organisation_admins:
        roles = {workspaces.ADMIN_ROLE}
    else:
        return False
    return any(
        workspace.portal_type == ORGANISATION and workspaces.roster(workspace).get(user_id) in roles
        for workspace in workspaces.workspaces_of(user_id)
    )


def _groups_of(site, user_id: str) -> set[str]:
    user = site.acl_users.getUserById(user_id)
    return set() if user is None else set(user.getGroups())
