"""Ballot lifecycle (issue 19): started by coordinators and ballot managers without the document's roster,
extended, never closed while what is voted on changed (by hand, on a visit, by the job) until restarted or
kept with a reason, closed once only; read by every member organisation; reminders once per organisation."""

from AccessControl import Unauthorized
from coalition.intranet.criteria import api as criteria
from coalition.intranet.demo import definition
from coalition.intranet.drafting import ballots
from coalition.intranet.drafting import mails
from coalition.intranet.jobs.api import run_job
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.drafting.ballot_fixtures import close
from tests.drafting.ballot_fixtures import save_new_version
from tests.drafting.ballot_fixtures import start
from tests.drafting.ballot_fixtures import vote
import unittest


def document_without_coordinator(portal):
    """A document of a working group of Alpha's people only: neither the coordinator nor Beta are on its roster."""
    from coalition.intranet.workspaces.api import set_member

    group = api.content.create(container=portal["intranet"]["groups"], type="WorkingGroup", id="alpha-only", title="A")
    set_member(group, "alpha-admin", "WorkspaceAdmin")
    set_member(group, "alpha-member", "WorkspaceMember")
    with api.env.adopt_user(username="alpha-member"):
        return api.content.create(
            container=group,
            type="WorkingDocument",
            id="lifecycle-document",
            title="Lifecycle document",
            text=RichTextValue("<p>First text.</p>", "text/html", "text/x-html-safe"),
        )


def in_days(days):
    return datetime.now(UTC) + timedelta(days=days)


class TestBallotLifecycle(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.document = document_without_coordinator(self.portal)
        api.user.create(username="ballot-keeper", email="keeper@example.org", password="secret-secret")
        api.group.add_user(groupname="ballot-managers", username="ballot-keeper")

    def test_coordinator_off_the_roster_starts_a_ballot_everyone_reads(self):
        with api.env.adopt_user(username="coordinator"):
            self.assertFalse(api.user.has_permission("View", obj=self.document))
        ballot = start(self.document)
        self.assertEqual(ballot.opened_by, "coordinator")
        for user in ("coordinator", "alpha-admin", "alpha-member", "beta-admin", "beta-member", "ballot-keeper"):
            self.assertTrue(api.user.has_permission("View", username=user, obj=ballot), user)
        # Reading the ballot gives no access to the document.
        self.assertFalse(api.user.has_permission("View", username="beta-member", obj=self.document))

    def test_ballot_manager_runs_a_ballot_without_write_access(self):
        self.assertFalse(api.user.has_permission("Modify portal content", username="ballot-keeper", obj=self.document))
        self.assertFalse(api.user.has_permission("View", username="ballot-keeper", obj=self.document))
        with api.env.adopt_user(username="ballot-keeper"):
            ballot = ballots.start_ballot(
                self.document, title="Adopt", question="Do you adopt it?", deadline=in_days(7)
            )
            ballots.extend_ballot(ballot, in_days(10))
        vote(ballot, "alpha-admin", "approve")
        vote(ballot, "beta-admin", "approve")
        with api.env.adopt_user(username="ballot-keeper"):
            self.assertEqual(ballots.close_ballot(ballot)["outcome"], "adopted")

    def test_members_and_others_cannot_start_or_extend(self):
        for user in ("alpha-admin", "alpha-member", "beta-member"):
            with api.env.adopt_user(username=user), self.assertRaises(Unauthorized):
                ballots.start_ballot(self.document, title="T", question="Q", deadline=in_days(3))
        ballot = start(self.document)
        with api.env.adopt_user(username="alpha-admin"), self.assertRaises(Unauthorized):
            ballots.extend_ballot(ballot, in_days(20))

    def test_extending_needs_a_later_deadline_and_an_open_ballot(self):
        ballot = start(self.document, days=7)
        before = ballot.deadline
        with api.env.adopt_user(username="coordinator"):
            with self.assertRaises(ballots.BallotError):
                ballots.extend_ballot(ballot, in_days(3))
            with self.assertRaises(ballots.BallotError):
                ballots.extend_ballot(ballot, in_days(-1))
        self.assertEqual(ballot.deadline, before)
        close(ballot)
        with api.env.adopt_user(username="coordinator"), self.assertRaises(ballots.BallotError):
            ballots.extend_ballot(ballot, in_days(30))

    def test_closing_twice_is_refused_and_keeps_the_first_result(self):
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "approve")
        first = close(ballot)
        with self.assertRaises(ballots.BallotError):
            close(ballot)
        self.assertEqual(ballots.result_of(ballot), first)

    def test_a_changed_text_blocks_every_way_of_closing(self):
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "approve")
        save_new_version(self.document, "<p>Changed during the vote.</p>")
        self.assertEqual(ballots.subject_changes(ballot), [ballots.TEXT])
        with self.assertRaises(ballots.BallotError):
            close(ballot)
        ballot.deadline = datetime.now(UTC) - timedelta(minutes=1)
        with api.env.adopt_user(username="beta-member"):
            self.assertFalse(ballots.close_if_due(ballot))
        result = run_job(self.portal, "due-ballots")
        self.assertIn("0 ballot(s) closed", result.summary)
        self.assertTrue(any("waiting for a coordinator" in line for line in result.lines), result.lines)
        self.assertTrue(ballot.held_reported)
        self.assertFalse(ballots.is_closed(ballot))
        # The coordinator records why the change is kept; then the deadline closes it.
        with api.env.adopt_user(username="coordinator"):
            ballots.keep_ballot(ballot, "A typo in a heading; the criteria are unchanged.")
        self.assertIn("1 ballot(s) closed", run_job(self.portal, "due-ballots").summary)
        self.assertEqual(ballots.result_of(ballot)["text_decision"]["reason"], ballot.text_decision["reason"])

    def test_restart_after_a_change_opens_a_new_ballot_that_can_close(self):
        ballot = start(self.document)
        save_new_version(self.document, "<p>Changed.</p>")
        with api.env.adopt_user(username="coordinator"):
            new = ballots.restart_ballot(ballot)
        self.assertEqual(ballots.result_of(ballot)["outcome"], ballots.SUPERSEDED)
        vote(new, "alpha-admin", "approve")
        self.assertEqual(close(new)["cast"], 1)

    def test_criteria_edited_during_the_vote_are_flagged(self):
        document = self.portal["intranet"]["groups"]["definition"][definition.DOCUMENT_ID]
        criteria_set = document["criteria"]
        ballot = start(document)
        self.assertTrue(ballot.criteria_snapshot)
        self.assertFalse(ballots.text_changed(ballot))
        edited = criteria.items(criteria_set)
        edited[1]["title"]["en"] = "Edited during the vote"
        with api.env.adopt_user(username="alpha-member"):
            criteria.set_items(criteria_set, edited)
        self.assertEqual(ballots.subject_changes(ballot), [ballots.CRITERIA])
        with self.assertRaises(ballots.BallotError):
            close(ballot)
        with api.env.adopt_user(username="coordinator"):
            new = ballots.restart_ballot(ballot)
        self.assertEqual(new.criteria_snapshot[1]["title"]["en"], "Edited during the vote")

    def test_reminders_once_per_organisation_and_only_near_the_deadline(self):
        far = start(self.document, days=10)
        near = start(self.document, days=1)
        vote(near, "alpha-admin", "approve")
        now = datetime.now(UTC)
        self.assertEqual(mails.send_reminders(now), 1)
        self.assertEqual(set(near.reminded), {"beta"})
        self.assertEqual(set(far.reminded), set())
        # Idempotent: a second run reminds nobody again.
        self.assertEqual(mails.send_reminders(now), 0)
        self.assertIn("0 organisation(s) reminded", run_job(self.portal, "ballot-reminders").summary)
