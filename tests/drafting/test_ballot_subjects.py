"""What a ballot decides on is an `IBallotSubject` adapter: working documents and case files provide one, and a
new kind of subject needs nothing but its own adapter (the ballot rules never ask for a content type)."""

from coalition.intranet.drafting import api as drafting
from coalition.intranet.drafting.interfaces import IBallotSubject
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.drafting.ballot_fixtures import make_document
from tests.drafting.ballot_fixtures import start
from tests.drafting.ballot_fixtures import vote
import unittest
from zope.component import adapter
from zope.component import getGlobalSiteManager
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.interface import Interface


class IOnlyAlphaVotes(Interface):
    """Marks a document whose ballots only alpha votes on, with a fixed text (a subject made up for the test)."""


@implementer(IBallotSubject)
@adapter(IOnlyAlphaVotes)
class OnlyAlphaVotes:
    closed = []

    def __init__(self, context):
        self.context = context

    def current_version(self):
        return 7

    def voted_text(self, version=None):
        return 7, "<p>The fixed text.</p>"

    def eligible_organisations(self):
        return {org_id: org for org_id, org in drafting.member_organisations().items() if org_id == "alpha"}

    def ballot_closed(self, ballot, result):
        self.closed.append((ballot.getId(), result["outcome"]))


class TestBallotSubjects(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.document = make_document(self.portal)

    def test_a_working_document_puts_a_version_of_its_text_to_the_vote(self):
        subject = IBallotSubject(self.document)
        version, text = subject.voted_text()
        self.assertEqual(version, self.document.version_id)
        self.assertEqual(subject.current_version(), version)
        self.assertIn("deprived of liberty", text)
        self.assertEqual(set(subject.eligible_organisations()), {"alpha", "beta"})

    def test_a_case_file_puts_the_commission_proposal_to_the_vote(self):
        from tests.cases.case_helpers import create_case

        case = create_case(self.portal)
        subject = IBallotSubject(case)
        self.assertEqual(subject.current_version(), 0)
        self.assertEqual(subject.voted_text(), (0, ""))
        self.assertEqual(set(subject.eligible_organisations()), {"alpha", "beta"})

    def test_content_that_is_no_subject_gets_no_ballot(self):
        with self.assertRaises(ValueError):
            start(self.portal["intranet"]["groups"]["definition"])

    def test_a_new_kind_of_subject_needs_only_its_adapter(self):
        registry = getGlobalSiteManager()
        registry.registerAdapter(OnlyAlphaVotes)
        self.addCleanup(registry.unregisterAdapter, OnlyAlphaVotes)
        OnlyAlphaVotes.closed = []
        alsoProvides(self.document, IOnlyAlphaVotes)
        ballot = start(self.document)
        self.assertEqual(ballot.eligible, ("alpha",))
        self.assertEqual((ballot.document_version, ballot.voted_text), (7, "<p>The fixed text.</p>"))
        vote(ballot, "alpha-admin", drafting.APPROVE)
        with api.env.adopt_user(username="coordinator"):
            drafting.close_ballot(ballot)
        self.assertEqual(OnlyAlphaVotes.closed, [(ballot.getId(), drafting.ADOPTED)])
