"""The coalition may decide a case by a ballot of the member organisations instead of the commission:
the commission's proposal is put to the vote; an adopted proposal becomes the immutable decision."""

from coalition.intranet.cases import assessment as rules
from coalition.intranet.drafting import ballots
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from tests.cases.case_helpers import create_case
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
import unittest


class TestDecisionByBallot(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.case = create_case(self.portal, publication_consent="family")
        with api.env.adopt_user(username="alpha-member"):
            api.content.transition(self.case, transition="nominate")
        with api.env.adopt_user(username="commission"):
            api.content.transition(self.case, transition="start_review")
            rules.start_assessment(self.case)
            for item_id in ("C1", "C2", "C3", "C4", "C5", "X1"):
                rules.record_finding(self.case, item_id, "met" if item_id != "X1" else "not_met")
            self.ballot = rules.propose_decision_by_ballot(
                self.case,
                "recognised",
                "Prosecuted for an anti-war post.",
                "A",
                deadline=datetime.now(UTC) + timedelta(days=7),
                quorum="1/2",
            )

    def vote(self, user, organisation, option):
        with api.env.adopt_user(username=user):
            ballots.cast_vote(self.ballot, option, organisation_id=organisation)

    def close(self):
        with api.env.adopt_user(username="commission"):
            ballots.close_ballot(self.ballot)

    def test_the_ballot_lives_in_the_case_and_puts_the_proposal_to_the_vote(self):
        self.assertEqual(self.ballot.__parent__, self.case)
        self.assertIn("Ivan Testov", self.ballot.voted_text)
        self.assertIn("anti-war post", self.ballot.voted_text)
        self.assertEqual(api.content.get_state(self.case), "under_review")

    def test_representatives_open_the_ballot_but_not_the_case_file(self):
        for user in ("beta-admin", "alpha-admin"):
            self.assertTrue(api.user.has_permission("View", username=user, obj=self.ballot), user)
        self.assertFalse(api.user.has_permission("View", username="beta-admin", obj=self.case))
        self.assertFalse(
            api.user.has_permission("coalition: View confidential case data", username="beta-admin", obj=self.ballot)
        )
        self.assertFalse(api.user.has_permission("View", username="beta-member", obj=self.ballot))

    def test_an_adopted_proposal_becomes_the_decision_naming_the_ballot(self):
        self.vote("alpha-admin", "alpha", "approve")
        self.vote("beta-admin", "beta", "approve")
        self.close()
        self.assertEqual(api.content.get_state(self.case), "decided")
        decision = rules.current_decision(self.case)
        self.assertEqual((decision["outcome"], decision["category"]), ("recognised", "A"))
        self.assertEqual(decision["ballot"], api.content.get_uuid(self.ballot))

    def test_a_rejected_proposal_leaves_the_case_under_review(self):
        self.vote("alpha-admin", "alpha", "reject")
        self.vote("beta-admin", "beta", "reject")
        self.close()
        self.assertEqual(api.content.get_state(self.case), "under_review")
        self.assertEqual(rules.decisions(self.case), [])

    def test_only_the_commission_proposes_and_only_a_complete_assessment(self):
        with api.env.adopt_user(username="alpha-admin"), self.assertRaises(rules.Unauthorized):
            rules.propose_decision_by_ballot(
                self.case, "recognised", "x", "A", deadline=datetime.now(UTC) + timedelta(days=1)
            )

    def test_a_refused_ballot_leaves_no_proposal_behind(self):
        proposals_before = list(self.case._coalition_proposals)
        ballots_before = self.case.objectIds()
        with api.env.adopt_user(username="commission"), self.assertRaises(ballots.BallotError):
            rules.propose_decision_by_ballot(
                self.case, "not_recognised", "Another view.", "", deadline=datetime.now(UTC) - timedelta(days=1)
            )
        self.assertEqual(list(self.case._coalition_proposals), proposals_before)
        self.assertEqual(self.case.objectIds(), ballots_before)
        self.assertEqual(rules.current_proposal(self.case)["outcome"], "recognised")

    def test_the_assessment_page_offers_the_ballot_and_lists_it(self):
        with api.env.adopt_user(username="commission"):
            html = self.case.restrictedTraverse("@@assessment")()
        self.assertIn("ballot-proposal-form", html)
        self.assertIn(self.ballot.absolute_url(), html)

    def test_a_representative_reads_the_proposal_on_the_ballot_page(self):
        with api.env.adopt_user(username="beta-admin"):
            html = self.ballot.restrictedTraverse("@@view")()
        self.assertIn("Prosecuted for an anti-war post.", html)
        for secret in ("Petrova", "Lenina", "Asthma"):
            self.assertNotIn(secret, html)
