"""The vocabulary of organisations the current user may nominate a case for: their own rosters."""

from coalition.intranet.workspaces.api import roster
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


NOMINATING_ROLES = ("WorkspaceAdmin", "WorkspaceMember")


@provider(IVocabularyFactory)
def my_organisations(context=None):
    """Organisations on whose roster the current user is admin or member (managers: all)."""
    catalog = api.portal.get_tool("portal_catalog")
    user = api.user.get_current()
    is_manager = "Manager" in api.user.get_roles(user=user)
    terms = []
    for brain in catalog.unrestrictedSearchResults(portal_type="Organisation", sort_on="sortable_title"):
        organisation = brain._unrestrictedGetObject()
        if is_manager or roster(organisation).get(user.getId()) in NOMINATING_ROLES:
            terms.append(SimpleTerm(organisation.getId(), token=organisation.getId(), title=organisation.title))
    current = getattr(context, "nominating_organisation", None)
    if current and current not in {t.value for t in terms}:
        # An existing case keeps showing its organisation to everyone who may see the case.
        brains = catalog.unrestrictedSearchResults(portal_type="Organisation", id=current)
        title = brains[0]._unrestrictedGetObject().title if brains else current
        terms.append(SimpleTerm(current, token=current, title=title))
    return SimpleVocabulary(terms)
