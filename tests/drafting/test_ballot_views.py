"""The ballot page and the list of ballots on a document, rendered for each kind of person."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.drafting.ballot_fixtures import close
from tests.drafting.ballot_fixtures import make_document
from tests.drafting.ballot_fixtures import save_new_version
from tests.drafting.ballot_fixtures import start
from tests.drafting.ballot_fixtures import vote
import unittest


def render(obj, user, name="view"):
    with api.env.adopt_user(username=user):
        request = obj.REQUEST
        view = api.content.get_view(name=name, context=obj, request=request)
        return view()


class TestBallotViews(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.document = make_document(self.portal)

    def test_open_ballot_page(self):
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "approve")
        html = render(ballot, "coordinator")
        self.assertIn("Close the ballot now", html)
        self.assertIn("deprived of liberty", html)
        html = render(ballot, "beta-admin")
        self.assertIn('name="form.buttons.vote"', html)
        self.assertNotIn("Close the ballot now", html)
        html = render(ballot, "alpha-member")
        self.assertNotIn('name="form.buttons.vote"', html)

    def test_changed_text_is_announced_with_the_coordinators_choice(self):
        ballot = start(self.document)
        save_new_version(self.document, "<p>A newer wording.</p>")
        html = render(ballot, "coordinator")
        self.assertIn('id="ballot-text-changed"', html)
        self.assertIn("form.buttons.restart", html)
        self.assertIn("form.buttons.keep", html)
        html = render(ballot, "beta-admin")
        self.assertIn('id="ballot-text-changed"', html)
        self.assertNotIn("form.buttons.restart", html)

    def test_closed_ballot_page_shows_the_result_and_no_forms(self):
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "approve", "Yes, with conviction.")
        close(ballot)
        for user in ("coordinator", "alpha-admin", "beta-member"):
            html = render(ballot, user)
            self.assertIn('id="ballot-outcome"', html)
            self.assertIn("Yes, with conviction.", html)
            self.assertNotIn("form.buttons.vote", html)
            self.assertNotIn("form.buttons.close", html)

    def test_ballots_are_listed_on_the_document(self):
        ballot = start(self.document)
        html = render(self.document, "alpha-member")
        self.assertIn(ballot.absolute_url(), html)
        self.assertNotIn("@@start-ballot", html)
        self.assertIn("@@start-ballot", render(self.document, "coordinator"))


class TestWaitingForMe(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.document = make_document(self.portal)

    def titles(self, user_id):
        from coalition.intranet.dashboard.api import waiting_for

        user = api.user.get(userid=user_id)
        return [item.title for _title, items in waiting_for(user) for item in items]

    def test_open_ballot_waits_for_representatives_until_their_organisation_voted(self):
        start(self.document, title="Vote on the criteria")
        self.assertIn("Vote on the criteria", self.titles("alpha-admin"))
        self.assertIn("Vote on the criteria", self.titles("beta-admin"))
        self.assertNotIn("Vote on the criteria", self.titles("alpha-member"))
        self.assertNotIn("Vote on the criteria", self.titles("coordinator"))
        ballot = self.document["vote-on-the-criteria"]
        vote(ballot, "alpha-admin", "abstain")
        self.assertNotIn("Vote on the criteria", self.titles("alpha-admin"))
        close(ballot)
        self.assertNotIn("Vote on the criteria", self.titles("beta-admin"))
