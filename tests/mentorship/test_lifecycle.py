"""The lifecycle of a mentorship and its refusals: proposed → agreed → active → ended, handover."""

from coalition.intranet.cases import api as cases_api
from coalition.intranet.cases import publication
from coalition.intranet.mentorship import api as mentorship_api
from coalition.intranet.mentorship import lifecycle
from coalition.intranet.mentorship import profiles
from coalition.intranet.mentorship import public_record
from coalition.intranet.mentorship import registry
from coalition.intranet.security import api as audit
from datetime import date
from datetime import timedelta
from plone import api
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.mentorship.mentorship_fixtures import active_mentorship
from tests.mentorship.mentorship_fixtures import COORDINATOR
from tests.mentorship.mentorship_fixtures import make_mentor
from tests.mentorship.mentorship_fixtures import published_prisoner
import unittest
from zExceptions import Unauthorized


class TestLifecycle(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.profile = published_prisoner(self.portal)
        self.uid = profiles.canonical_uid(self.profile)
        self.mentor = make_mentor()

    def as_coordinator(self):
        return api.env.adopt_user(username=COORDINATOR)

    def test_proposed_agreed_active_ended(self):
        with self.as_coordinator():
            mentorship = lifecycle.propose(self.mentor, self.profile)
            self.assertEqual(registry.state_of(mentorship), "proposed")
            self.assertEqual((mentorship.mentor_uid, mentorship.profile_uid), (self.mentor.UID(), self.uid))
            lifecycle.agree(
                mentorship, mentor_consent_on=date.today(), consent_given_by="family", consent_given_on=date.today()
            )
            self.assertEqual(registry.state_of(mentorship), "agreed")
            self.assertEqual(cases_api.mentorship_consent(self.uid)["given_by"], "family")
            lifecycle.activate(mentorship)
            self.assertEqual(registry.state_of(mentorship), "active")
            lifecycle.end(mentorship, "released")
        self.assertEqual(registry.state_of(mentorship), "ended")
        self.assertEqual((mentorship.end_reason, mentorship.ended_on), ("released", date.today()))
        actions = [entry.action for entry in audit.entries(target=mentorship)]
        for step in ("mentorship.proposed", "mentorship.agreed", "mentorship.activated", "mentorship.ended"):
            self.assertIn(step, actions)

    def test_agreement_needs_the_consent_on_the_case_file(self):
        with self.as_coordinator():
            mentorship = lifecycle.propose(self.mentor, self.profile)
            with self.assertRaises(lifecycle.MentorshipError) as refused:
                lifecycle.agree(mentorship, mentor_consent_on=date.today())
        self.assertIn("consent of the prisoner or the family", str(refused.exception))
        self.assertEqual(registry.state_of(mentorship), "proposed")
        self.assertIsNone(mentorship.mentor_consent_on)

    def test_ending_an_ended_mentorship_is_refused_and_changes_nothing(self):
        mentorship = active_mentorship(self.mentor, self.profile)
        with self.as_coordinator():
            lifecycle.end(mentorship, "withdrawn", ended_on=date.today() - timedelta(days=2))
            with self.assertRaises(lifecycle.MentorshipError) as refused:
                lifecycle.end(mentorship, "released")
        self.assertIn("already ended", str(refused.exception))
        self.assertEqual((mentorship.end_reason, mentorship.ended_on), ("withdrawn", date.today() - timedelta(days=2)))

    def test_a_person_without_a_public_profile_gets_no_mentorship(self):
        with self.as_coordinator(), self.assertRaises(lifecycle.MentorshipError) as refused:
            lifecycle.propose(self.mentor, "not-a-profile-uid")
        self.assertIn("published public profile", str(refused.exception))
        self.assertEqual(registry.mentorships(mentor_uid=self.mentor.UID()), [])

    def test_a_retracted_profile_gets_no_new_mentorship(self):
        case = self._case()
        with api.env.adopt_user(username="commission"):
            publication.retract(case, "The family asked us to.")
        with self.as_coordinator(), self.assertRaises(lifecycle.MentorshipError):
            lifecycle.propose(self.mentor, self.uid)
        self.assertEqual(registry.mentorships(mentor_uid=self.mentor.UID()), [])

    def test_a_duplicate_open_pair_is_refused(self):
        active_mentorship(self.mentor, self.profile)
        with self.as_coordinator(), self.assertRaises(lifecycle.MentorshipError) as refused:
            lifecycle.propose(self.mentor, self.profile)
        self.assertIn("already has an open mentorship", str(refused.exception))
        self.assertEqual(len(registry.mentorships(mentor_uid=self.mentor.UID())), 1)

    def test_a_prisoner_may_have_several_mentors_and_a_mentor_several_prisoners(self):
        other_mentor = make_mentor("Anouk Voorbeeld", country="NL", body="Tweede Kamer")
        other_profile = published_prisoner(self.portal, name="Irina Obraztsova")
        active_mentorship(self.mentor, self.profile)
        active_mentorship(other_mentor, self.profile)
        active_mentorship(self.mentor, other_profile)
        self.assertEqual(len(registry.mentorships(profile_uid=self.uid, states=("active",))), 2)
        self.assertEqual(len(registry.mentorships(mentor_uid=self.mentor.UID(), states=("active",))), 2)

    def test_mentor_consent_in_the_future_is_refused(self):
        with self.as_coordinator():
            mentorship = lifecycle.propose(self.mentor, self.profile)
            with self.assertRaises(lifecycle.MentorshipError):
                lifecycle.agree(
                    mentorship, mentor_consent_on=date.today() + timedelta(days=1), consent_given_by="family"
                )
        self.assertEqual(registry.state_of(mentorship), "proposed")
        self.assertIsNone(cases_api.mentorship_consent(self.uid))

    def test_the_workflow_menu_cannot_skip_a_step(self):
        with self.as_coordinator():
            mentorship = lifecycle.propose(self.mentor, self.profile)
            with self.assertRaises(api.exc.InvalidParameterError):
                api.content.transition(mentorship, transition="agree")
        self.assertEqual(registry.state_of(mentorship), "proposed")

    def test_only_coordinators_manage_mentorships(self):
        with api.env.adopt_user(username="alpha-admin"), self.assertRaises(Unauthorized):
            lifecycle.propose(self.mentor, self.profile)
        with api.env.adopt_user(username="editor-de"), self.assertRaises(Unauthorized):
            public_record.publish_mentor(self.mentor)

    def test_the_add_form_route_cannot_create_a_mentorship(self):
        with self.as_coordinator(), self.assertRaises(Unauthorized):
            api.content.create(container=registry.mentorship_section(), type="Mentorship", title="x")

    def test_handover_links_predecessor_and_successor(self):
        mentorship = active_mentorship(self.mentor, self.profile)
        successor = make_mentor("Hanna Nachfolger")
        with self.as_coordinator():
            new = lifecycle.hand_over(mentorship, successor, mentor_consent_on=date.today())
        self.assertEqual(registry.state_of(mentorship), "ended")
        self.assertEqual(mentorship.end_reason, "handed_over")
        self.assertEqual(registry.state_of(new), "active")
        self.assertEqual(mentorship.successor_uid, new.UID())
        self.assertEqual(new.predecessor_uid, mentorship.UID())
        self.assertEqual(new.mentor_uid, successor.UID())

    def test_handover_to_the_same_mentor_is_refused(self):
        mentorship = active_mentorship(self.mentor, self.profile)
        with self.as_coordinator(), self.assertRaises(lifecycle.MentorshipError):
            lifecycle.hand_over(mentorship, self.mentor, mentor_consent_on=date.today())
        self.assertEqual(registry.state_of(mentorship), "active")

    def test_the_list_filter_counts_real_mentorships(self):
        catalog = api.portal.get_tool("portal_catalog")

        def status():
            return {b.UID for b in catalog(mentor_status="has", portal_type="PrisonerProfile")}

        with api.env.adopt_roles(["Manager"]):
            self.profile.seeks_mentor = True
            self.profile.reindexObject()
        self.assertEqual(mentorship_api.mentor_status(self.profile), "seeks")
        mentorship = active_mentorship(self.mentor, self.profile)
        # Active, but the mentor is not public yet: not "has", and no longer seeking.
        self.assertEqual(mentorship_api.mentor_status(self.profile), "none")
        self.assertNotIn(self.uid, status())
        with self.as_coordinator():
            public_record.publish_mentor(self.mentor)
        self.assertIn(self.uid, status())
        with self.as_coordinator():
            lifecycle.end(mentorship, "withdrawn")
        self.assertNotIn(self.uid, status())
        self.assertEqual(mentorship_api.mentor_status(self.profile), "seeks")

    def _case(self):
        catalog = api.portal.get_tool("portal_catalog")
        for brain in catalog.unrestrictedSearchResults(portal_type="CaseFile"):
            case = brain._unrestrictedGetObject()
            if getattr(case, "published_profile_uid", None) == self.uid:
                return case
        raise AssertionError("no case")
