"""The ballot desk (``@@ballots``) starts a ballot on a case file whose list-commission proposal waits for one.

Over HTTP as the coordinator, who holds no grant on the case file: the desk lists the case by its id and the
start form shows the proposal; neither page, nor the ballot page after the start, shows a confidential field
(lawyer, relatives, address, health). People who may not start ballots get no form, and cases without a
waiting proposal are not offered.
"""

from coalition.intranet.cases import assessment as rules
from coalition.intranet.drafting import api as ballots
from coalition.intranet.drafting.interfaces import IBallotSubject
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
import re
import requests
from tests.cases.case_helpers import case_under_review
from tests.cases.case_helpers import CONFIDENTIAL_VALUES
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.public.channel_fixtures import http_get
import transaction
import unittest


REASONING = "Proposal-reasoning-marker-6610"


def propose(case, quorum="1/2"):
    with api.env.adopt_user(username="commission"):
        return rules.propose_decision_by_ballot(
            case, "recognised", REASONING, "A", deadline=datetime.now(UTC) + timedelta(days=7), quorum=quorum
        )


def close(ballot):
    with api.env.adopt_user(username="commission"):
        return ballots.close_ballot(ballot)


class TestCaseBallotDesk(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.case = case_under_review(self.portal)
        # The organisations did not reach the quorum on the commission's proposal: it waits for a new ballot.
        self.first = propose(self.case)
        self.assertEqual(close(self.first)["outcome"], ballots.NO_QUORUM)
        self.uid = api.content.get_uuid(self.case)
        transaction.commit()

    def assert_no_confidential_data(self, text, where):
        for value in CONFIDENTIAL_VALUES:
            self.assertNotIn(value, text, where)

    def test_the_coordinator_starts_the_ballot_from_the_desk_without_seeing_the_case_file(self):
        self.assertFalse(api.user.has_permission("View", username="coordinator", obj=self.case))
        desk = http_get(self.site_url, "@@ballots", "coordinator")
        self.assertEqual(desk.status_code, 200)
        self.assertIn('id="ballots-case-files"', desk.text)
        self.assertIn(f"@@new-case-ballot?case={self.uid}", desk.text)
        self.assertIn(self.case.getId(), desk.text)
        self.assert_no_confidential_data(desk.text, "desk")

        form = http_get(self.site_url, f"@@new-case-ballot?case={self.uid}", "coordinator")
        self.assertEqual(form.status_code, 200)
        self.assertIn(REASONING, form.text)  # the proposal put to the vote
        self.assert_no_confidential_data(form.text, "start form")
        token = re.search(r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', form.text).group(1)
        deadline = (datetime.now(UTC) + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
        started = requests.post(
            f"{self.site_url}/@@new-case-ballot",
            data={
                "case": self.uid,
                "_authenticator": token,
                "deadline": deadline,
                "quorum": "2/3",
                "majority": "simple",
                "form.buttons.start": "1",
            },
            auth=("coordinator", "demo-secret"),
            allow_redirects=False,
            timeout=30,
        )
        self.assertEqual(started.status_code, 302, started.text[-2000:])
        transaction.begin()  # see what the server committed
        with api.env.adopt_roles(["Manager"]):
            found = [b for b in self.case.objectValues() if b.portal_type == ballots.BALLOT_TYPE and b != self.first]
        self.assertEqual(len(found), 1)
        ballot = found[0]
        self.assertEqual(started.headers["Location"], ballot.absolute_url().replace("http://nohost", self.site_url))
        self.assertEqual(ballot.document_version, IBallotSubject(self.case).current_version())
        self.assertIn(REASONING, ballot.voted_text)
        self.assertEqual(ballot.opened_by, "coordinator")
        page = http_get(self.site_url, started.headers["Location"], "coordinator")
        self.assertEqual(page.status_code, 200)
        self.assertIn(REASONING, page.text)
        self.assert_no_confidential_data(page.text, "ballot page")
        # With a ballot open, the proposal no longer waits: the desk does not offer a second one.
        desk = http_get(self.site_url, "@@ballots", "coordinator")
        self.assertNotIn(f"@@new-case-ballot?case={self.uid}", desk.text)
        self.assert_no_confidential_data(desk.text, "desk with the open ballot")

    def test_people_who_do_not_run_ballots_get_no_form(self):
        for user in ("alpha-admin", "beta-member", None):
            response = http_get(self.site_url, f"@@new-case-ballot?case={self.uid}", user)
            self.assertNotEqual(response.status_code, 200, user)
            self.assert_no_confidential_data(response.text, f"start form as {user}")
            self.assertNotIn(REASONING, response.text, user)

    def test_only_a_waiting_proposal_is_offered(self):
        subject = IBallotSubject(self.case)
        self.assertTrue(subject.waiting_for_ballot())
        # A rejected proposal needs a new one from the commission.
        ballot = propose(self.case)
        self.assertFalse(subject.waiting_for_ballot())  # a ballot is open on it
        for user, organisation in (("alpha-admin", "alpha"), ("beta-admin", "beta")):
            with api.env.adopt_user(username=user):
                ballots.cast_vote(ballot, "reject", organisation_id=organisation)
        self.assertEqual(close(ballot)["outcome"], ballots.REJECTED)
        self.assertFalse(subject.waiting_for_ballot())
        # A case under review without a proposal is not offered either.
        fresh = case_under_review(self.portal)
        self.assertFalse(IBallotSubject(fresh).waiting_for_ballot())
        transaction.commit()
        desk = http_get(self.site_url, "@@ballots", "coordinator")
        self.assertNotIn("@@new-case-ballot?case=", desk.text)
        self.assertIn("No proposal of the list commission is waiting for a ballot.", desk.text)
        refused = http_get(self.site_url, f"@@new-case-ballot?case={self.uid}", "coordinator")
        self.assertEqual(refused.status_code, 302)
        self.assertIn("@@ballots", refused.headers["Location"])
