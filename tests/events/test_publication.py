"""The act of publication of an event plan: the whitelist, who may act, the audit log, bad input."""

from AccessControl import Unauthorized
from coalition.intranet.events import api as events
from coalition.intranet.events.content import EventPlan
from coalition.intranet.public.api import PUBLIC_CREATOR
from coalition.intranet.security import api as audit
from datetime import timedelta
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.events.event_helpers import make_plan
from tests.events.event_helpers import next_week
from tests.events.event_helpers import PRIVATE_MARKERS
from tests.events.event_helpers import publish
from tests.public.profile_fixtures import make_profile
import unittest


class TestPublicationAct(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def test_plan_is_private_to_the_working_group(self):
        plan = make_plan(self.portal)
        self.assertIsInstance(plan, EventPlan)
        self.assertEqual(api.content.get_state(plan), "private")
        for outsider in ("beta-member", "beta-admin", "coordinator", "editor-de"):
            self.assertFalse(api.user.has_permission("View", username=outsider, obj=plan), outsider)
        self.assertTrue(api.user.has_permission("View", username="alpha-admin", obj=plan))

    def test_act_copies_only_the_whitelisted_fields_into_the_english_events_section(self):
        plan = make_plan(self.portal)
        event = publish(plan)
        self.assertEqual(event.aq_parent, self.portal["en"]["events"])
        self.assertEqual(api.content.get_state(event), "published")
        self.assertEqual(event.title, plan.title)
        self.assertEqual(event.city, "Berlin")
        self.assertEqual(event.country, "DE")
        self.assertEqual(event.start.tzinfo.zone, "Europe/Berlin")
        self.assertEqual(event.start.replace(tzinfo=None), plan.event_start)
        self.assertIn("Public-text-of-the-evening", event.text.raw)
        for name in ("notes", "budget", "tasks", "timezone"):
            self.assertFalse(hasattr(event.aq_base, name), name)
        everything = repr(event.__dict__)
        for marker in PRIVATE_MARKERS:
            self.assertNotIn(marker, everything)
        self.assertEqual(plan.published_event_uid, api.content.get_uuid(event))

    def test_public_event_names_the_coalition_not_the_member(self):
        event = publish(make_plan(self.portal))
        self.assertEqual(event.listCreators(), (PUBLIC_CREATOR,))
        self.assertFalse([p for p, roles in event.get_local_roles() if "Owner" in roles])

    def test_the_act_is_in_the_audit_log(self):
        plan = make_plan(self.portal)
        publish(plan)
        entry = audit.entries()[0]
        self.assertEqual(entry.action, "event.published")
        self.assertEqual(entry.actor, "alpha-member")

    def test_second_act_updates_the_same_event(self):
        plan = make_plan(self.portal)
        first = publish(plan)
        plan.city = "Hamburg"
        second = publish(plan)
        self.assertEqual(api.content.get_uuid(first), api.content.get_uuid(second))
        self.assertEqual(second.city, "Hamburg")

    def test_translations_written_in_the_act_share_the_facts(self):
        plan = make_plan(self.portal)
        event = publish(plan, translations={"de": {"title": "Briefabend", "text": "<p>Kommt!</p>"}})
        german = ITranslationManager(event).get_translation("de")
        self.assertEqual(german.aq_parent, self.portal["de"]["events"])
        self.assertEqual(german.title, "Briefabend")
        self.assertEqual(german.start, event.start)
        self.assertEqual(german.city, "Berlin")
        self.assertEqual(api.content.get_state(german), "published")
        self.assertEqual(german.listCreators(), (PUBLIC_CREATOR,))

    def test_only_live_profiles_are_linked(self):
        live = make_profile("Fictional Livov")
        from coalition.intranet.public import api as public_api
        from plone.app.multilingual.interfaces import ITG

        retracted = make_profile("Fictional Retractov")
        public_api.retract_profile(api.content.get_uuid(retracted))
        plan = make_plan(self.portal, prisoners=[ITG(live), ITG(retracted)])
        event = publish(plan)
        self.assertEqual(event.prisoners, [ITG(live)])

    def test_outsider_may_not_publish(self):
        plan = make_plan(self.portal)
        with api.env.adopt_user(username="coordinator"), self.assertRaises(Unauthorized):
            events.publish_event(plan)

    def test_end_before_start_is_refused_and_nothing_is_published(self):
        plan = make_plan(self.portal)
        plan.event_end = plan.event_start - timedelta(hours=1)
        before = self.portal["en"]["events"].objectIds()
        with self.assertRaises(events.EventDataRefused) as refused:
            publish(plan)
        self.assertIn("end before it starts", str(refused.exception))
        self.assertEqual(self.portal["en"]["events"].objectIds(), before)
        self.assertIsNone(plan.published_event_uid)

    def test_unknown_time_zone_is_refused(self):
        plan = make_plan(self.portal)
        plan.timezone = "Europe/Atlantis"
        before = self.portal["en"]["events"].objectIds()
        with self.assertRaises(events.EventDataRefused) as refused:
            publish(plan)
        self.assertIn("Europe/Atlantis", str(refused.exception))
        self.assertEqual(self.portal["en"]["events"].objectIds(), before)

    def test_invalid_recurrence_is_refused(self):
        plan = make_plan(self.portal, event_recurrence="RRULE:FREQ=SOMETIMES")
        with self.assertRaises(events.EventDataRefused):
            publish(plan)

    def test_withdrawal_takes_every_language_off(self):
        plan = make_plan(self.portal)
        event = publish(plan, translations={"de": {"title": "Briefabend"}})
        with api.env.adopt_user(username="alpha-member"):
            self.assertEqual(events.withdraw_event(plan, "venue cancelled"), 2)
        self.assertEqual(api.content.get_state(event), "retracted")
        self.assertNotIn(event.title, [item.title for item in events.upcoming_events("en")])
        self.assertNotIn("Briefabend", [item.title for item in events.upcoming_events("de")])

    def test_upcoming_events_soonest_first_in_the_language(self):
        later = publish(make_plan(self.portal, title="Later evening", start=next_week() + timedelta(days=3)))
        sooner = publish(make_plan(self.portal, title="Sooner evening"))
        titles = [e.title for e in events.upcoming_events("en")]
        self.assertLess(titles.index(sooner.title), titles.index(later.title))
        starts = [e.start for e in events.upcoming_events("en")]
        self.assertEqual(starts, sorted(starts))
        self.assertEqual(len(events.upcoming_events("en", limit=1)), 1)
        self.assertNotIn(sooner.title, [e.title for e in events.upcoming_events("de")])
