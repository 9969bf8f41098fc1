"""Over HTTP: a coordinator off the document's roster starts and extends a ballot from the browser's forms;
a member of another organisation sees who voted how (and who cast each vote) but cannot vote for another
organisation; a colleague's vote is not silently replaced; closing twice is refused with a message."""

from coalition.intranet.drafting import ballots
from coalition.intranet.workspaces.api import display_name
from plone import api
import re
import requests
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.drafting.ballot_fixtures import start
from tests.drafting.ballot_fixtures import vote
from tests.drafting.test_ballot_lifecycle import document_without_coordinator
import transaction
import unittest


PASSWORD = "demo-secret"  # noqa: S105 (the documented password of the demo cast)


def token(html):
    return re.search(r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', html).group(1)


class TestBallotAccessHTTP(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = self.portal.absolute_url()
        with api.env.adopt_roles(["Manager"]):
            self.document = document_without_coordinator(self.portal)
        transaction.commit()

    def session(self, user):
        session = requests.Session()
        session.auth = (user, PASSWORD)
        return session

    def test_coordinator_starts_a_ballot_on_a_document_they_cannot_open(self):
        coordinator = self.session("coordinator")
        closed = coordinator.get(self.document.absolute_url(), timeout=30, allow_redirects=False)
        self.assertIn(closed.status_code, (302, 401, 403, 404))
        self.assertNotIn("First text.", closed.text)
        desk = coordinator.get(f"{self.site_url}/@@ballots", timeout=30)
        self.assertEqual(desk.status_code, 200)
        uid = api.content.get_uuid(self.document)
        self.assertIn(f"@@new-ballot?document={uid}", desk.text)
        form = coordinator.get(f"{self.site_url}/@@new-ballot?document={uid}", timeout=30)
        self.assertEqual(form.status_code, 200)
        self.assertIn("Lifecycle document", form.text)
        answer = coordinator.post(
            f"{self.site_url}/@@new-ballot",
            data={
                "_authenticator": token(form.text),
                "document": uid,
                "title": "Adopt the lifecycle document",
                "question": "Do you adopt it?",
                "deadline": "2099-01-01T18:00",
                "quorum": "1/2",
                "majority": "simple",
                "form.buttons.start": "1",
            },
            timeout=30,
        )
        self.assertEqual(answer.status_code, 200)
        transaction.begin()
        found = [o for o in self.document.objectValues() if o.portal_type == "Ballot"]
        self.assertEqual(len(found), 1)
        self.assertIn("First text.", found[0].voted_text)
        # Members and admins of organisations may not use the coordinators' desk.
        self.assertIn(
            self.session("beta-admin").get(f"{self.site_url}/@@ballots", timeout=30, allow_redirects=False).status_code,
            (302, 401, 403),
        )

    def test_another_organisation_sees_who_voted_how_but_cannot_vote_for_it(self):
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "approve", "We agree.")
        transaction.commit()
        beta = self.session("beta-admin")
        page = beta.get(ballot.absolute_url(), timeout=30).text
        # While open: who voted and who cast the vote, never how.
        self.assertIn(f"cast by {display_name('alpha-admin')}", page)
        self.assertNotIn("We agree.", page)
        answer = beta.post(
            ballot.absolute_url(),
            data={
                "_authenticator": token(page),
                "organisation": "alpha",
                "option": "reject",
                "form.buttons.vote": "1",
            },
            timeout=30,
        )
        self.assertIn("Choose the organisation you vote for.", answer.text)
        transaction.begin()
        self.assertEqual(ballot._votes["alpha"][0], "approve")
        # A member of the other organisation reads the result with the votes once closed.
        with api.env.adopt_user(username="coordinator"):
            ballots.close_ballot(ballot)
        transaction.commit()
        page = self.session("beta-member").get(ballot.absolute_url(), timeout=30).text
        self.assertIn('id="ballot-votes"', page)
        self.assertIn("We agree.", page)

    def test_closing_twice_says_so_and_keeps_the_result(self):
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "approve")
        transaction.commit()
        coordinator = self.session("coordinator")
        page = coordinator.get(ballot.absolute_url(), timeout=30).text
        data = {"_authenticator": token(page), "form.buttons.close": "1"}
        coordinator.post(ballot.absolute_url(), data=data, timeout=30)
        second = coordinator.post(ballot.absolute_url(), data=data, timeout=30)
        self.assertIn("This ballot is closed: its result cannot change.", second.text)
        transaction.begin()
        self.assertEqual(ballots.result_of(ballot)["cast"], 1)
