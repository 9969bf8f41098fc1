"""Need-to-know access to a case file: the roster of its nominating organisation, plus explicit grants.

The organisation's roster is not copied onto the case: a local-role provider (borg.localrole) answers
with each person's current roster role, so removing someone from the roster removes their access to the
organisation's cases at once. When a roster changes, the organisation's cases get their catalog security
reindexed, so search and listings follow too.

Explicit grants go to people: a named user (a local role stored on the case) or a member organisation,
whose roster then reads the case at the granted level. An organisation's grant is kept as a mapping on
the case (``granted_organisations``, ``{organisation id: level}``) and answered by a second provider from
the roster as it is now, the same way as the nominating organisation's. Groups (Plone's virtual ones such
as ``AuthenticatedUsers`` and every site-wide group) never hold access to a case.
"""

from Acquisition import aq_base
from borg.localrole.interfaces import ILocalRoleProvider
from coalition.intranet.cases.content import ICaseFile
from coalition.intranet.workspaces.api import roster
from plone import api
from plone.indexer import indexer
from zope.component import adapter
from zope.interface import implementer


# The roster roles that give access to a case of the organisation (guests of the workspace get none).
ROSTER_ROLES_ON_CASES = ("WorkspaceAdmin", "WorkspaceMember")
# Explicit grant levels -> the local role given on the case.
GRANT_LEVELS = {"facts": "CaseReader", "confidential": "CaseConfidentialReader"}
# The catalog index (and attribute) naming the organisations granted access to a case.
GRANTED_ORGANISATIONS = "granted_organisations"
# Principals of Zope and Plone that stand for "everyone" of some kind and are not always listed as groups.
VIRTUAL_PRINCIPALS = frozenset({"Anonymous", "Anonymous User", "AuthenticatedUsers", "Authenticated"})


def organisation_by_id(organisation_id: str):
    """The member organisation (``Organisation`` workspace) with this id, or None."""
    if not organisation_id:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Organisation", id=organisation_id):
        return brain._unrestrictedGetObject()
    return None


def nominating_organisation(case):
    """The Organisation object named by ``case.nominating_organisation``, or None."""
    return organisation_by_id(getattr(case, "nominating_organisation", None))


def is_group(principal_id: str) -> bool:
    """Whether ``principal_id`` names a group: Plone's virtual ones or any group of the site."""
    if principal_id in VIRTUAL_PRINCIPALS:
        return True
    return api.group.get(groupname=principal_id) is not None


def granted_organisations(case) -> dict[str, str]:
    """``{organisation id: level}`` of the member organisations granted access to this case."""
    # aq_base: a case without grants must not acquire anything of that name from its folders.
    return dict(getattr(aq_base(case), GRANTED_ORGANISATIONS, None) or {})


def set_organisation_grant(case, organisation_id: str, level: str | None) -> None:
    """Store (or, with ``level=None``, drop) an organisation's grant; the caller checks and audits."""
    grants = granted_organisations(case)
    if level is None:
        grants.pop(organisation_id, None)
    else:
        grants[organisation_id] = level
    # A new dict each time, so the change is persisted without a PersistentMapping.
    setattr(case, GRANTED_ORGANISATIONS, grants)
    case.reindexObject(idxs=[GRANTED_ORGANISATIONS])


def cases_of(organisation_id: str) -> list:
    """Every case file nominated by the organisation ``organisation_id`` (catalog index of that name)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="CaseFile", nominating_organisation=organisation_id)
    return [brain._unrestrictedGetObject() for brain in brains]


def cases_granted_to(organisation_id: str) -> list:
    """Every case file on which the organisation ``organisation_id`` holds a grant."""
    catalog = api.portal.get_tool("portal_catalog")
    query = {"portal_type": "CaseFile"}
    # Until the upgrade has added the index, every case is looked at (correct, only slower).
    if GRANTED_ORGANISATIONS in catalog.indexes():
        query[GRANTED_ORGANISATIONS] = organisation_id
    cases = (brain._unrestrictedGetObject() for brain in catalog.unrestrictedSearchResults(**query))
    return [case for case in cases if organisation_id in granted_organisations(case)]


@indexer(ICaseFile)
def granted_organisations_indexer(case):
    return sorted(granted_organisations(case))


def roster_on_cases(organisation) -> dict[str, str]:
    """``{principal: roster role}`` of the organisation's admins and members (its guests have no access to
    cases); empty for None."""
    if organisation is None:
        return {}
    return {p: r for p, r in roster(organisation).items() if r in ROSTER_ROLES_ON_CASES}


@implementer(ILocalRoleProvider)
@adapter(ICaseFile)
class NominatingOrganisationRoles:
    """The nominating organisation's admins and members hold their roster role on its cases."""

    def __init__(self, context):
        self.context = context

    def _roster(self) -> dict:
        return roster_on_cases(nominating_organisation(self.context))

    def getRoles(self, principal_id):
        role = self._roster().get(principal_id)
        return [role] if role else []

    def getAllRoles(self):
        for principal, role in self._roster().items():
            yield principal, [role]


@implementer(ILocalRoleProvider)
@adapter(ICaseFile)
class GrantedOrganisationRoles:
    """The admins and members of an organisation granted access read the case at the granted level."""

    def __init__(self, context):
        self.context = context

    def _roles_by_principal(self) -> dict[str, set]:
        found = {}
        for organisation_id, level in granted_organisations(self.context).items():
            role = GRANT_LEVELS.get(level)
            if role is None:
                continue
            for principal in roster_on_cases(organisation_by_id(organisation_id)):
                found.setdefault(principal, set()).add(role)
        return found

    def getRoles(self, principal_id):
        if not granted_organisations(self.context):
            return []
        return sorted(self._roles_by_principal().get(principal_id, ()))

    def getAllRoles(self):
        for principal, roles in self._roles_by_principal().items():
            yield principal, sorted(roles)


def reindex_cases_of_workspace(event):
    """A roster changed: the organisation's cases, and the cases granted to it, index who may see them anew."""
    workspace = event.object
    if workspace.portal_type != "Organisation":
        return
    organisation_id = workspace.getId()
    seen = set()
    for case in cases_of(organisation_id) + cases_granted_to(organisation_id):
        path = case.getPhysicalPath()
        if path not in seen:
            seen.add(path)
            case.reindexObjectSecurity()
