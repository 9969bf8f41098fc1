"""The list commission's work lists, computed with the reader's own permissions."""

from coalition.intranet import _
from coalition.intranet.cases.assessment import UNDER_REVIEW
from coalition.intranet.cases.bulk_reads import record_listed_cases
from coalition.intranet.cases.publication import consent_allows_publication
from coalition.intranet.dashboard.api import WaitingItem
from coalition.intranet.dashboard.interfaces import IWaitingForMe
from plone import api
from zope.interface import implementer


def _cases(**query) -> list:
    catalog = api.portal.get_tool("portal_catalog")
    return list(catalog(portal_type="CaseFile", sort_on="modified", **query))


def waiting_for_assessment() -> list:
    """Nominated cases: the commission has not started reviewing them."""
    return _cases(review_state="nominated")


def decisions_due() -> list:
    """Cases under review: an assessment is under way and a decision is due."""
    return _cases(review_state=UNDER_REVIEW)


def without_consent() -> list:
    """Decided cases whose publication consent is missing or withdrawn (they cannot be published)."""
    return [
        brain
        for brain in _cases(review_state=("decided", "closed"))
        # The catalog's metadata column carries the consent: the one rule reads it from the brain.
        if not consent_allows_publication(brain)
    ]


def profiles_out_of_date() -> list:
    """Published cases whose public facts changed since the last act of publication."""
    from coalition.intranet.cases.publication import profile_out_of_date

    return [brain for brain in _cases(review_state=("decided", "closed")) if profile_out_of_date(brain.getObject())]


@implementer(IWaitingForMe)
class CasesWaitingForAssessment:
    """On the dashboard of list commission members: nominated cases."""

    title = _("waiting_case_assessment", default="Case files waiting for assessment")
    order = 20

    def items(self, user):
        if "ListCommissioner" not in api.user.get_roles(user=user):
            return []
        with api.env.adopt_user(user=user):
            brains = waiting_for_assessment()
            # The dashboard names these cases: each is a read of that case file, by ``user``.
            record_listed_cases(brains, "list:dashboard")
        return [WaitingItem(title=brain.Title, url=brain.getURL()) for brain in brains]
