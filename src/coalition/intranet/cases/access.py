"""Need-to-know access to a case file: the roster of its nominating organisation, plus explicit grants.

The organisation's roster is not copied onto the case: a local-role provider (borg.localrole) answers
with each person's current roster role, so removing someone from the roster removes their access to the
organisation's cases at once. When a roster changes, the organisation's cases get their catalog security
reindexed, so search and listings follow too.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from coalition.intranet.cases.content import ICaseFile
from coalition.intranet.workspaces.api import roster
from plone import api
from zope.component import adapter
from zope.interface import implementer


# The roster roles that give access to a case of the organisation (guests of the workspace get none).
ROSTER_ROLES_ON_CASES = ("WorkspaceAdmin", "WorkspaceMember")


def nominating_organisation(case):
    """The Organisation object named by ``case.nominating_organisation``, or None."""
    organisation_id = getattr(case, "nominating_organisation", None)
    if not organisation_id:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Organisation", id=organisation_id):
        return brain._unrestrictedGetObject()
    return None


def cases_of(organisation_id: str) -> list:
    """Every case file nominated by the organisation ``organisation_id`` (catalog index of that name)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="CaseFile", nominating_organisation=organisation_id)
    return [brain._unrestrictedGetObject() for brain in brains]


@implementer(ILocalRoleProvider)
@adapter(ICaseFile)
class NominatingOrganisationRoles:
    def __init__(self, context):
        self.context = context

    def _roster(self) -> dict:
        organisation = nominating_organisation(self.context)
        if organisation is None:
            return {}
        return {p: r for p, r in roster(organisation).items() if r in ROSTER_ROLES_ON_CASES}

    def getRoles(self, principal_id):
        role = self._roster().get(principal_id)
        return [role] if role else []

    def getAllRoles(self):
        for principal, role in self._roster().items():
            yield principal, [role]


def reindex_cases_of_workspace(event):
    """A roster changed: the organisation's cases index who may see them anew."""
    workspace = event.object
    if workspace.portal_type != "Organisation":
        return
    for case in cases_of(workspace.getId()):
        case.reindexObjectSecurity()
