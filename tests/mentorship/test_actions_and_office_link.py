"""Actions of mentors (dated, public or internal, approved before they are public) and the office's personal,
revocable link: expired, revoked and reused."""

from coalition.intranet.mentorship import actions
from coalition.intranet.mentorship import public_record
from coalition.intranet.mentorship import registry
from coalition.intranet.security import api as audit
from datetime import date
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.dexterity.utils import createContentInContainer
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.mentorship.mentorship_fixtures import active_mentorship
from tests.mentorship.mentorship_fixtures import COORDINATOR
from tests.mentorship.mentorship_fixtures import make_mentor
from tests.mentorship.mentorship_fixtures import published_prisoner
import unittest
from zExceptions import Unauthorized


class TestActions(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.profile = published_prisoner(self.portal)
        self.mentor = make_mentor()
        self.mentorship = active_mentorship(self.mentor, self.profile)

    def record(self, **overrides):
        values = {
            "kind": "letter_to_prisoner",
            "when": date.today() - timedelta(days=1),
            "text": "Wrote a letter.",
            "visibility": "public",
        }
        values.update(overrides)
        with api.env.adopt_user(username=COORDINATOR):
            return actions.record_action(self.mentorship, **values)

    def test_a_coordinators_public_action_is_approved_by_recording_it(self):
        action = self.record()
        self.assertTrue(actions.is_public(action))
        self.assertEqual(action.approved_by, COORDINATOR)
        self.assertEqual(len(public_record.public_actions(self.mentorship)), 1)
        self.assertIn("mentorship.action_approved", [entry.action for entry in audit.entries(target=action)])

    def test_an_internal_action_is_never_public(self):
        action = self.record(visibility="internal", text="Talked to the family.")
        self.assertFalse(actions.is_public(action))
        self.assertEqual(public_record.public_actions(self.mentorship), ())
        with api.env.adopt_user(username=COORDINATOR), self.assertRaises(actions.ActionRefused):
            actions.approve_action(action)

    def test_an_action_dated_in_the_future_is_refused_and_nothing_stored(self):
        with self.assertRaises(actions.ActionRefused) as refused:
            self.record(when=date.today() + timedelta(days=1))
        self.assertIn("future", str(refused.exception))
        self.assertEqual(registry.actions_of(self.mentorship), [])

    def test_an_unknown_kind_or_an_empty_text_is_refused(self):
        with self.assertRaises(actions.ActionRefused) as refused:
            self.record(kind="bribe", text="  ")
        self.assertEqual(len(refused.exception.messages), 2)
        self.assertEqual(registry.actions_of(self.mentorship), [])

    def test_no_action_for_an_ended_mentorship(self):
        from coalition.intranet.mentorship import lifecycle

        with api.env.adopt_user(username=COORDINATOR):
            lifecycle.end(self.mentorship, "released")
        with self.assertRaises(actions.ActionRefused):
            self.record()

    def test_actions_are_not_added_by_the_add_form_route(self):
        with api.env.adopt_user(username=COORDINATOR):
            # Refused by the type's constraints, and by the subscriber on routes that skip them.
            with self.assertRaises(api.exc.InvalidParameterError):
                api.content.create(
                    container=self.mentorship, type="MentorAction", title="x", kind="aid", date=date.today(), text="x"
                )
            self.assertEqual(registry.actions_of(self.mentorship), [])
            # (In a request the refusal aborts the transaction, so the object added before it goes too.)
            with self.assertRaises(Unauthorized):
                createContentInContainer(
                    self.mentorship, "MentorAction", checkConstraints=False, kind="aid", date=date.today(), text="x"
                )

    def test_an_action_made_internal_and_public_again_needs_a_new_approval(self):
        from zope.event import notify
        from zope.lifecycleevent import ObjectModifiedEvent

        action = self.record()
        with api.env.adopt_user(username=COORDINATOR):
            action.visibility = "internal"
            notify(ObjectModifiedEvent(action))
            action.visibility = "public"
            notify(ObjectModifiedEvent(action))
        self.assertFalse(actions.is_public(action))


class TestOfficeLink(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.profile = published_prisoner(self.portal)
        self.mentor = make_mentor()
        self.mentorship = active_mentorship(self.mentor, self.profile)
        with api.env.adopt_user(username=COORDINATOR):
            self.token = actions.issue_office_link(self.mentor)

    def report(self, token=None, number="n-1", **overrides):
        values = {
            "kind": "public_statement",
            "when": date.today(),
            "text": "Spoke at a rally.",
            "visibility": "public",
        }
        values.update(overrides)
        return actions.report_by_office(token or self.token, number, self.mentorship.UID(), **values)

    def test_a_reported_public_action_waits_for_approval(self):
        action = self.report()
        self.assertTrue(action.reported_by_office)
        self.assertTrue(actions.waiting_for_approval(action))
        self.assertEqual(public_record.public_actions(self.mentorship), ())
        with api.env.adopt_user(username=COORDINATOR):
            actions.approve_action(action)
        self.assertEqual([a.text for a in public_record.public_actions(self.mentorship)], ["Spoke at a rally."])

    def test_a_reused_report_is_refused_and_not_stored_twice(self):
        self.report(number="same")
        with self.assertRaises(actions.ReportAlreadyReceived):
            self.report(number="same")
        self.assertEqual(len(registry.actions_of(self.mentorship)), 1)

    def test_a_revoked_link_is_refused(self):
        with api.env.adopt_user(username=COORDINATOR):
            self.assertTrue(actions.revoke_office_link(self.mentor))
        with self.assertRaises(actions.OfficeLinkInvalid) as refused:
            self.report()
        self.assertIn("revoked", str(refused.exception))
        self.assertEqual(registry.actions_of(self.mentorship), [])

    def test_a_new_link_replaces_the_old_one(self):
        with api.env.adopt_user(username=COORDINATOR):
            new = actions.issue_office_link(self.mentor)
        with self.assertRaises(actions.OfficeLinkInvalid):
            actions.mentor_of_link(self.token)
        self.assertEqual(actions.mentor_of_link(new), self.mentor)

    def test_an_expired_link_is_refused(self):
        later = datetime.now() + timedelta(days=actions.OFFICE_LINK_DAYS + 1)
        with self.assertRaises(actions.OfficeLinkExpired) as refused:
            actions.mentor_of_link(self.token, now=later)
        self.assertIn("expired", str(refused.exception))

    def test_an_unknown_link_is_refused(self):
        with self.assertRaises(actions.OfficeLinkInvalid):
            self.report(token="guessed-token")

    def test_a_link_reports_only_on_the_mentors_own_active_mentorships(self):
        other = active_mentorship(make_mentor("Otto Anders"), published_prisoner(self.portal, name="Vera Probova"))
        with self.assertRaises(actions.ActionRefused):
            actions.report_by_office(
                self.token, "n-2", other.UID(), kind="aid", when=date.today(), text="x", visibility="public"
            )
        self.assertEqual(registry.actions_of(other), [])

    def test_only_the_hash_of_the_token_is_stored(self):
        from zope.annotation.interfaces import IAnnotations

        links = IAnnotations(registry.mentorship_section())[actions.LINKS_KEY]
        self.assertNotIn(self.token, list(links.keys()))
        self.assertEqual(len(links), 1)
