"""The small public API of case files: who has access, explicit grants, the access log."""

from AccessControl import Unauthorized
from coalition.intranet import _
from coalition.intranet.cases.access import nominating_organisation
from coalition.intranet.cases.access import ROSTER_ROLES_ON_CASES
from coalition.intranet.cases.access_log import accesses_of
from coalition.intranet.security import audit
from coalition.intranet.security.localroles import forget_cached_local_roles
from coalition.intranet.workspaces.api import roster
from dataclasses import dataclass
from plone import api
from plone.uuid.interfaces import IUUID


MANAGE_ACCESS = "coalition: Manage case access"
READ_ACCESS_LOG = "coalition: Read case access log"
# Explicit grant levels -> the local role given on the case.
GRANT_LEVELS = {"facts": "CaseReader", "confidential": "CaseConfidentialReader"}


class CaseAccessError(ValueError):
    """A grant or revocation that cannot be made; the message says why."""


@dataclass(frozen=True)
class AccessEntry:
    principal: str
    through: str  # "roster", "grant" or "commission"
    confidential: bool


def access_overview(case) -> list[AccessEntry]:
    """Who can see this case and whether they see the confidential fields."""
    entries = []
    organisation = nominating_organisation(case)
    if organisation is not None:
        for principal, role in sorted(roster(organisation).items()):
            if role in ROSTER_ROLES_ON_CASES:
                entries.append(AccessEntry(principal, "roster", True))
    for principal, roles in sorted(case.get_local_roles()):
        if "CaseConfidentialReader" in roles:
            entries.append(AccessEntry(principal, "grant", True))
        elif "CaseReader" in roles:
            entries.append(AccessEntry(principal, "grant", False))
    if api.content.get_state(case) != "draft":
        entries.append(AccessEntry("list-commission", "commission", False))
    return entries


def _authorise(case) -> str:
    if not api.user.has_permission(MANAGE_ACCESS, obj=case):
        raise Unauthorized("You may not change who has access to this case file.")
    return api.user.get_current().getId()


def grant_access(case, principal: str, level: str) -> None:
    """Give ``principal`` access to the facts, or to the facts and the confidential fields, of this case."""
    actor = _authorise(case)
    if level not in GRANT_LEVELS:
        raise CaseAccessError(_("case_error_unknown_level", default="Unknown access level."))
    if api.user.get(userid=principal) is None and api.group.get(groupname=principal) is None:
        raise CaseAccessError(
            _("case_error_unknown_user", default="There is no user or group ${id}.", mapping={"id": principal})
        )
    kept = [r for r in case.get_local_roles_for_userid(principal) if r not in GRANT_LEVELS.values()]
    case.manage_setLocalRoles(principal, kept + [GRANT_LEVELS[level]])
    case.reindexObjectSecurity()
    forget_cached_local_roles()
    audit.record("case.access_granted", case, actor, principal=principal, level=level)


def revoke_access(case, principal: str) -> None:
    """Take back an explicit grant; access through the roster is changed on the roster."""
    actor = _authorise(case)
    roles = case.get_local_roles_for_userid(principal)
    if not set(roles) & set(GRANT_LEVELS.values()):
        raise CaseAccessError(
            _("case_error_no_grant", default="${id} has no explicit access to revoke.", mapping={"id": principal})
        )
    kept = [r for r in roles if r not in GRANT_LEVELS.values()]
    if kept:
        case.manage_setLocalRoles(principal, kept)
    else:
        case.manage_delLocalRoles([principal])
    case.reindexObjectSecurity()
    forget_cached_local_roles()
    audit.record("case.access_revoked", case, actor, principal=principal)


def access_log(case, limit: int = 500) -> list[dict]:
    """The latest reads of the case (views, downloads, REST calls), for those allowed to read the log."""
    if not api.user.has_permission(READ_ACCESS_LOG, obj=case):
        raise Unauthorized("You may not read the access log of this case file.")
    return accesses_of(IUUID(case), limit)


def access_log_by_case_id(registry, case_id: str, limit: int = 500) -> list[dict]:
    """For coordinators, who cannot open case files: the access log of a case named by its neutral id."""
    if not api.user.has_permission(READ_ACCESS_LOG, obj=registry):
        raise Unauthorized("You may not read the access logs of case files.")
    case = registry._getOb(case_id, None) if case_id else None
    if case is None or case.portal_type != "CaseFile":
        raise CaseAccessError(
            _("case_error_unknown_case", default="There is no case file ${id}.", mapping={"id": case_id})
        )
    return accesses_of(IUUID(case), limit)
