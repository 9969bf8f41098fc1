"""The calendars to subscribe to are valid iCalendar (RFC 5545, parsed with ``icalendar``), carry the
recurrence and the venue's time zone, list only the published events of their language (or prisoner),
and never anything private."""

from coalition.intranet.events import api as events
from datetime import timedelta
import icalendar
from plone import api
from plone.app.multilingual.interfaces import ITG
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.event.interfaces import IICalendar
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.events.event_helpers import make_plan
from tests.events.event_helpers import next_week
from tests.events.event_helpers import PRIVATE_MARKERS
from tests.events.event_helpers import publish
import unittest


def parse(body: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(body)


def summaries(calendar) -> list[str]:
    return [str(component["SUMMARY"]) for component in calendar.walk("VEVENT")]


class TestICalendar(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.request = self.layer["request"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        catalog = api.portal.get_tool("portal_catalog")
        brain = catalog(portal_type="PrisonerProfile", review_state="published", Language="en")[0]
        self.profile = brain.getObject()
        self.weekly = publish(
            make_plan(
                self.portal,
                title="Weekly letter circle",
                timezone="Europe/Vilnius",
                event_recurrence="RRULE:FREQ=WEEKLY;COUNT=4",
                prisoners=[ITG(self.profile)],
            )
        )
        self.other = publish(make_plan(self.portal, title="Unlinked reading", start=next_week() + timedelta(days=2)))

    def view(self, context, name):
        if name == "ics_view":  # plone.app.event's view writes IICalendar's text to the response itself
            return IICalendar(context).to_ical()
        return context.restrictedTraverse(f"@@{name}")()

    def test_one_event_with_recurrence_and_time_zone(self):
        calendar = parse(self.view(self.weekly, "ics_view"))
        self.assertEqual(str(calendar["VERSION"]), "2.0")
        self.assertTrue(calendar.get("PRODID"))
        (vevent,) = calendar.walk("VEVENT")
        self.assertEqual(str(vevent["SUMMARY"]), "Weekly letter circle")
        self.assertEqual(vevent["DTSTART"].params["TZID"], "Europe/Vilnius")
        self.assertEqual(vevent.decoded("DTSTART").tzinfo.zone, "Europe/Vilnius")
        self.assertEqual(vevent["RRULE"]["FREQ"], ["WEEKLY"])
        self.assertEqual(vevent["RRULE"]["COUNT"], [4])
        self.assertIn("Berlin", str(vevent["LOCATION"]))
        self.assertIn("Europe/Vilnius", [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")])
        self.assertTrue(vevent.get("UID") and vevent.get("DTSTAMP"))

    def test_language_calendar_lists_published_events_of_that_language_only(self):
        folder = self.portal["en"]["events"]
        calendar = parse(self.view(folder, "events.ics"))
        titles = summaries(calendar)
        self.assertIn("Weekly letter circle", titles)
        self.assertIn("Unlinked reading", titles)
        self.assertEqual(str(calendar["X-WR-CALNAME"]), folder.Title())
        with api.env.adopt_user(username="alpha-member"):
            events.withdraw_event(self.other.__parent__ and self._plan_of(self.other), "test")
        self.assertNotIn("Unlinked reading", summaries(parse(self.view(folder, "events.ics"))))
        self.assertNotIn("Weekly letter circle", summaries(parse(self.view(self.portal["de"]["events"], "events.ics"))))

    def _plan_of(self, event):
        catalog = api.portal.get_tool("portal_catalog")
        uid = api.content.get_uuid(event)
        for brain in catalog.unrestrictedSearchResults(portal_type="EventPlan"):
            plan = brain._unrestrictedGetObject()
            if plan.published_event_uid == uid:
                return plan
        raise AssertionError("no plan")

    def test_prisoner_calendar_lists_only_events_linked_to_that_prisoner(self):
        titles = summaries(parse(self.view(self.profile, "events.ics")))
        self.assertIn("Weekly letter circle", titles)
        self.assertNotIn("Unlinked reading", titles)

    def test_no_private_data_in_any_calendar(self):
        bodies = [
            self.view(self.weekly, "ics_view"),
            self.view(self.portal["en"]["events"], "events.ics"),
            self.view(self.profile, "events.ics"),
        ]
        for body in bodies:
            text = body.decode("utf-8")
            for marker in PRIVATE_MARKERS:
                self.assertNotIn(marker, text)

    def test_prisoner_profile_page_lists_upcoming_events(self):
        found = events.upcoming_events("en", prisoner_uid=api.content.get_uuid(self.profile))
        self.assertIn("Weekly letter circle", [event.title for event in found])
        self.assertNotIn("Unlinked reading", [event.title for event in found])
