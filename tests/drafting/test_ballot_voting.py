"""Ballots: version binding, one vote per organisation by its representative, closing, immutability."""

from AccessControl import Unauthorized
from coalition.intranet.drafting import ballots
from coalition.intranet.security import audit
from datetime import datetime
from datetime import timedelta
from datetime import UTC
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


class TestBallotVoting(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.document = make_document(self.portal)

    def test_ballot_binds_the_version_and_freezes_its_text(self):
        ballot = start(self.document)
        self.assertEqual(ballot.document_version, ballots.current_version(self.document))
        self.assertIn("deprived of liberty", ballot.voted_text)
        self.assertEqual(set(ballot.eligible), {"alpha", "beta"})
        self.assertEqual(api.content.get_state(ballot), "open")
        save_new_version(self.document, "<p>A newer wording.</p>")
        self.assertIn("deprived of liberty", ballot.voted_text)
        self.assertTrue(ballots.text_changed(ballot))

    def test_ballot_on_an_older_version(self):
        first = ballots.current_version(self.document)
        save_new_version(self.document, "<p>Second wording.</p>")
        ballot = start(self.document, version=first)
        self.assertEqual(ballot.document_version, first)
        self.assertIn("deprived of liberty", ballot.voted_text)
        self.assertNotIn("Second", ballot.voted_text)

    def test_only_coordinators_start_ballots(self):
        for user in ("alpha-admin", "alpha-member", "beta-admin"):
            with api.env.adopt_user(username=user), self.assertRaises(Unauthorized):
                ballots.start_ballot(
                    self.document, title="x", question="y", deadline=datetime.now(UTC) + timedelta(days=1)
                )

    def test_deadline_in_the_past_is_refused(self):
        with self.assertRaises(ballots.BallotError):
            start(self.document, days=-1)
        self.assertEqual(ballots.ballots_of(self.document), [])

    def test_representatives_vote_and_change_their_vote(self):
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "reject", "Too broad.")
        vote(ballot, "alpha-admin", "approve", "Convinced by the discussion.")
        vote(ballot, "beta-admin", "approve")
        self.assertEqual(ballots.participation(ballot), ["alpha", "beta"])
        result = close(ballot)
        self.assertEqual((result["approve"], result["reject"], result["cast"]), (2, 0, 2))
        self.assertEqual(result["outcome"], "adopted")
        self.assertEqual(result["approving"], ("alpha", "beta"))
        self.assertEqual(api.content.get_state(ballot), "closed")

    def test_a_second_admin_of_the_same_organisation_replaces_never_adds(self):
        organisation = self.portal["intranet"]["organisations"]["alpha"]
        api.user.create(username="alpha-admin-2", email="a2@example.org", password="secret-secret")
        from coalition.intranet.workspaces.api import set_member

        set_member(organisation, "alpha-admin-2", "WorkspaceAdmin")
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "approve")
        # Not silently: without "change our vote" the colleague's vote stays.
        with self.assertRaises(ballots.BallotError):
            vote(ballot, "alpha-admin-2", "reject")
        self.assertEqual(ballot._votes["alpha"][0], "approve")
        vote(ballot, "alpha-admin-2", "reject", replace=True)
        self.assertEqual(ballots.vote_history(ballot)[0]["replaced"], "alpha-admin")
        self.assertEqual(ballots.voters(ballot), {"alpha": "alpha-admin-2"})
        self.assertEqual(len(ballot._votes), 1)
        self.assertEqual(ballot._votes["alpha"][0], "reject")
        self.assertEqual(close(ballot)["cast"], 1)

    def test_non_representatives_cannot_vote(self):
        ballot = start(self.document)
        for user in ("alpha-member", "beta-member", "coordinator", "commission"):
            with self.assertRaises(ballots.BallotError):
                vote(ballot, user, "approve")
        # An admin cannot vote for another organisation either.
        with self.assertRaises(ballots.BallotError):
            vote(ballot, "alpha-admin", "approve", organisation_id="beta")
        self.assertEqual(len(ballot._votes), 0)

    def test_unknown_option_is_refused(self):
        ballot = start(self.document)
        with self.assertRaises(ballots.BallotError):
            vote(ballot, "alpha-admin", "maybe")
        self.assertEqual(len(ballot._votes), 0)

    def test_voting_after_the_deadline_is_refused_and_changes_nothing(self):
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "approve")
        later = datetime.now(UTC) + timedelta(days=8)
        with self.assertRaises(ballots.BallotError):
            vote(ballot, "alpha-admin", "reject", at=later)
        with self.assertRaises(ballots.BallotError):
            vote(ballot, "beta-admin", "approve", at=later)
        self.assertEqual(ballot._votes["alpha"][0], "approve")
        self.assertNotIn("beta", ballot._votes)

    def test_ballot_without_quorum_fails(self):
        ballot = start(self.document, quorum="1/1")
        vote(ballot, "alpha-admin", "approve")
        result = close(ballot)
        self.assertEqual(result["outcome"], "no_quorum")
        self.assertEqual(api.content.get_state(ballot), "closed")

    def test_closed_ballot_cannot_change(self):
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "approve")
        result = close(ballot)
        with self.assertRaises(ballots.BallotError):
            vote(ballot, "beta-admin", "reject")
        with self.assertRaises(ballots.BallotError):
            vote(ballot, "alpha-admin", "reject")
        with self.assertRaises(ballots.BallotError):
            close(ballot)
        self.assertEqual(ballots.result_of(ballot), result)
        # The workflow lets nobody, not even a manager, modify or delete a closed ballot.
        for user in ("coordinator", "alpha-admin"):
            with api.env.adopt_user(username=user):
                self.assertFalse(api.user.has_permission("Modify portal content", obj=ballot))
                self.assertFalse(api.user.has_permission("Delete objects", obj=ballot))
        with api.env.adopt_roles(["Manager"]):
            self.assertFalse(api.user.has_permission("Modify portal content", obj=ballot))
            self.assertFalse(api.user.has_permission("Delete objects", obj=ballot))

    def test_only_coordinators_close_before_the_deadline(self):
        ballot = start(self.document)
        for user in ("alpha-admin", "beta-admin", "alpha-member"):
            with api.env.adopt_user(username=user), self.assertRaises(Unauthorized):
                ballots.close_ballot(ballot)
        with api.env.adopt_user(username="alpha-admin"), self.assertRaises(ballots.BallotError):
            ballots.close_ballot(ballot, ballots.AT_DEADLINE)
        self.assertEqual(api.content.get_state(ballot), "open")

    def test_closing_is_audited_with_the_version(self):
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "approve")
        close(ballot)
        entry = audit.entries(action="ballot.closed", target=ballot)[0]
        self.assertEqual(entry.details["version"], str(ballot.document_version))
        self.assertEqual(entry.actor, "coordinator")
        # The votes are audited without their option.
        voted = audit.entries(action="ballot.voted", target=ballot)[0]
        self.assertEqual(voted.details, {"organisation": "alpha"})

    def test_due_ballots_close_on_access_and_by_command(self):
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "approve")
        vote(ballot, "beta-admin", "approve")
        ballot.deadline = datetime.now(UTC) - timedelta(minutes=1)
        lines = []
        with api.env.adopt_roles(["Manager"]):
            self.assertEqual(ballots.close_due_ballots(progress=lines.append), 1)
        self.assertIn("adopted (2/2 voted)", lines[0])
        self.assertEqual(api.content.get_state(ballot), "closed")
        self.assertEqual(ballots.result_of(ballot)["reason"], "deadline")
        with api.env.adopt_roles(["Manager"]):
            self.assertEqual(ballots.close_due_ballots(), 0)

    def test_deadline_closes_on_a_members_visit(self):
        ballot = start(self.document)
        ballot.deadline = datetime.now(UTC) - timedelta(minutes=1)
        with api.env.adopt_user(username="beta-member"):
            self.assertTrue(ballots.close_if_due(ballot))
        self.assertEqual(ballots.result_of(ballot)["outcome"], "no_quorum")

    def test_text_changed_keep(self):
        ballot = start(self.document)
        save_new_version(self.document, "<p>Newer.</p>")
        with api.env.adopt_user(username="alpha-admin"), self.assertRaises(Unauthorized):
            ballots.keep_ballot(ballot, "Only a typo was fixed.")
        with api.env.adopt_user(username="coordinator"), self.assertRaises(ballots.BallotError):
            ballots.keep_ballot(ballot, "  ")
        with api.env.adopt_user(username="coordinator"):
            ballots.keep_ballot(ballot, "Only a typo was fixed.")
        self.assertEqual(ballot.text_decision["reason"], "Only a typo was fixed.")
        self.assertFalse(ballots.text_changed(ballot))
        self.assertEqual(ballot.text_decision["decision"], "kept")
        vote(ballot, "alpha-admin", "approve")
        vote(ballot, "beta-admin", "approve")
        result = close(ballot)
        self.assertEqual(result["text_decision"]["decision"], "kept")
        self.assertEqual(result["document_version"], ballot.document_version)

    def test_text_changed_restart(self):
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "approve")
        save_new_version(self.document, "<p>Newer.</p>")
        with api.env.adopt_user(username="coordinator"):
            new = ballots.restart_ballot(ballot)
        self.assertEqual(ballots.result_of(ballot)["outcome"], "superseded")
        self.assertEqual(new.document_version, ballots.current_version(self.document))
        self.assertIn("Newer", new.voted_text)
        self.assertEqual(len(new._votes), 0)
        self.assertFalse(ballots.text_changed(new))

    def test_unchanged_text_needs_no_decision(self):
        ballot = start(self.document)
        with api.env.adopt_user(username="coordinator"), self.assertRaises(ballots.BallotError):
            ballots.keep_ballot(ballot, "Nothing changed.")

    def test_secret_ballot_names_no_approving_organisations(self):
        ballot = start(self.document, secret=True)
        vote(ballot, "alpha-admin", "approve", "Fine.")
        vote(ballot, "beta-admin", "reject")
        result = close(ballot)
        self.assertEqual(result["approving"], ())
        self.assertEqual(result["participants"], ("alpha", "beta"))
        self.assertEqual(ballots.open_votes(ballot), [])
        self.assertEqual(ballots.anonymous_statements(ballot), ["Fine."])

    def test_representative_outside_the_documents_workspace_opens_the_ballot(self):
        from coalition.intranet.workspaces.api import set_member

        api.user.create(username="gamma-admin", email="g@example.org", password="secret-secret")
        gamma = api.content.create(
            container=self.portal["intranet"]["organisations"], type="Organisation", id="gamma", title="Gamma"
        )
        set_member(gamma, "gamma-admin", "WorkspaceAdmin")
        ballot = start(self.document)
        with api.env.adopt_user(username="gamma-admin"):
            self.assertTrue(api.user.has_permission("View", obj=ballot))
            self.assertFalse(api.user.has_permission("View", obj=self.document))
        vote(ballot, "gamma-admin", "abstain")
        self.assertIn("gamma", ballots.participation(ballot))
