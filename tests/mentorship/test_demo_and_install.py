"""The demo's mentors (fictional, several countries, a handover, a quiet mentorship) and the upgrade of the
old free-text mentors of profiles."""

from coalition.intranet.demo.mentors import MENTORS
from coalition.intranet.mentorship import activity
from coalition.intranet.mentorship import profiles
from coalition.intranet.mentorship import public_record
from coalition.intranet.mentorship import registry
from coalition.intranet.mentorship import setup
from plone import api
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.mentorship.mentorship_fixtures import published_prisoner
import unittest


class TestDemoMentors(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_fictional_mentors_from_several_countries_with_public_records(self):
        mentors = registry.all_mentors()
        self.assertEqual({m.name for m in mentors}, set(MENTORS))
        self.assertGreaterEqual(len({m.country for m in mentors}), 5)
        self.assertEqual({m.name for m in public_record.public_mentors()}, set(MENTORS))
        for mentor in mentors:
            self.assertTrue(mentor.email.endswith("@example.org"))

    def test_one_handover_one_quiet_one_released(self):
        ended = registry.mentorships(states=("ended",))
        reasons = sorted(m.end_reason for m in ended)
        self.assertEqual(reasons, ["handed_over", "released"])
        handed = next(m for m in ended if m.end_reason == "handed_over")
        successor = registry.by_uid(handed.successor_uid)
        self.assertEqual((handed.mentor_name, successor.mentor_name), ("Jutta Beispiel", "Klaus Vorbild"))
        self.assertEqual([m.mentor_name for m in activity.inactive_mentorships()], ["Maria Voorbeeld"])

    def test_profiles_no_longer_carry_free_text_mentors(self):
        catalog = api.portal.get_tool("portal_catalog")
        for brain in catalog.unrestrictedSearchResults(portal_type="PrisonerProfile"):
            self.assertFalse(getattr(brain._unrestrictedGetObject(), "mentors", None), brain.getPath())


class TestInstall(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_free_text_mentors_become_draft_mentors_without_losing_text(self):
        portal = self.layer["portal"]
        profile = published_prisoner(portal, translations={"de": "Oleg Probnikow"})
        lines = ["Anna Muster, Nationalrat, Austria", "Piet Proef, Tweede Kamer, Netherlands"]
        with api.env.adopt_roles(["Manager"]):
            profile.mentors = list(lines)
            profile.reindexObject()
        setup.install(portal)
        setup.install(portal)  # idempotent: nothing twice
        names = {m.name: m for m in registry.all_mentors()}
        self.assertEqual((names["Anna Muster"].country, names["Anna Muster"].body), ("AT", "Nationalrat"))
        self.assertEqual(names["Piet Proef"].country, "NL")
        for line, name in zip(lines, ("Anna Muster", "Piet Proef"), strict=True):
            self.assertIn(line, names[name].notes)
            self.assertNotIn(name, {m.name for m in public_record.public_mentors()})
        uid = profiles.canonical_uid(profile)
        proposed = registry.mentorships(profile_uid=uid, states=("proposed",))
        self.assertEqual(sorted(m.mentor_name for m in proposed), ["Anna Muster", "Piet Proef"])
        for item in profiles.all_translations(uid):
            self.assertEqual(item.mentors, [])
        self.assertEqual(self.layer["portal"]["en"]["mentorship"].getLayout(), "mentorship-overview")
        self.assertEqual(self.layer["portal"]["intranet"]["mentorship"].getLayout(), "mentorship-registry")
