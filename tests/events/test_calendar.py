"""The public calendar of a language (upcoming and past by month, filters, empty states), key dates on
the coordinators' dashboard, and the installer for existing sites."""

from coalition.intranet.dashboard.interfaces import IWaitingForMe
from coalition.intranet.events import keydates
from coalition.intranet.events import setup
from datetime import date
from datetime import timedelta
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.events.event_helpers import make_plan
from tests.events.event_helpers import next_week
from tests.events.event_helpers import publish
import unittest
from zope.component import getUtility


class TestCalendar(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.request = self.layer["request"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def render(self, language="en", **form):
        self.request.form.clear()
        self.request.form.update(form)
        folder = self.portal[language]["events"]
        self.assertEqual(folder.getLayout(), "events-calendar")
        html = folder.restrictedTraverse("@@events-calendar")()
        # The calendar itself, without the page around it.
        return html[html.index('class="coalition-events"') : html.index('id="events-subscribe"')]

    def test_demo_calendar_shows_upcoming_by_month_and_the_past_with_its_report(self):
        html = self.render()
        self.assertIn("Letter-writing evening on Human Rights Day", html)
        self.assertIn("Portraits and final statements", html)
        self.assertNotIn("Songs from behind bars", html)
        self.assertIn("December", html)
        past = self.render(show="past")
        self.assertIn("Songs from behind bars", past)
        self.assertIn("Read the report", past)
        self.assertNotIn("Letter-writing evening on Human Rights Day", past)

    def test_german_calendar_shows_the_german_texts(self):
        html = self.render("de")
        self.assertIn("Briefschreibabend am Tag der Menschenrechte", html)
        self.assertIn("Dezember", html)
        self.assertNotIn("Songs from behind bars", self.render("de", show="past"), "no German translation")

    def test_filters_by_city_country_and_kind(self):
        publish(make_plan(self.portal, title="Reading in Vienna", event_kind="reading", city="Wien", country="AT"))
        html = self.render(city="Wien")
        self.assertIn("Reading in Vienna", html)
        self.assertNotIn("Letter-writing evening on Human Rights Day", html)
        html = self.render(country="LT")
        self.assertIn("Portraits and final statements", html)
        self.assertNotIn("Reading in Vienna", html)
        html = self.render(kind="reading")
        self.assertIn("Reading in Vienna", html)
        self.assertNotIn("Portraits and final statements", html)
        self.assertIn("Austria", self.render())

    def test_empty_states(self):
        html = self.render("fr", show="past")
        self.assertIn("No past events yet", html)
        self.assertIn("No events are announced at the moment", self.render(city="Nowhere-at-all"))

    def test_batches_of_twenty(self):
        start = next_week()
        for number in range(21):
            publish(make_plan(self.portal, title=f"Batch evening {number:02d}", start=start + timedelta(hours=number)))
        first = self.render()
        self.assertIn("Next page", first)
        second = self.render(b_start="20")
        self.assertIn("Earlier page", second)

    def test_event_page_shows_facts_registration_and_linked_prisoners(self):
        event = self.portal["en"]["events"]["letter-writing-evening-on-human-rights-day"]
        html = event.restrictedTraverse("@@event_view")()
        for text in ("Berlin", "Germany", "Alpha Rights Centre", "Step-free entrance", "Register", "30"):
            self.assertIn(text, html)
        self.assertIn("(Europe/Berlin)", html)
        self.assertIn('name="email"', html)
        self.assertIn("In support of", html)


class TestKeyDates(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def test_key_dates_ahead_of_time(self):
        titles = [entry.title for entry in keydates.key_dates(date(2026, 9, 15))]
        self.assertIn("Day of Political Prisoners in Russia", titles)
        self.assertNotIn("Human Rights Day", titles, "more than 60 days ahead")
        titles = [entry.title for entry in keydates.key_dates(date(2026, 11, 20))]
        self.assertIn("Human Rights Day", titles)
        self.assertNotIn("Day of Political Prisoners in Russia", titles, "passed")

    def test_birthdays_of_live_profiles_appear(self):
        today = date.today()
        catalog = api.portal.get_tool("portal_catalog")
        profiles = catalog.unrestrictedSearchResults(
            portal_type="PrisonerProfile", review_state="published", Language="en"
        )
        soon = []
        for brain in profiles:
            born = brain._unrestrictedGetObject().date_of_birth
            if born and 0 <= (date(today.year, born.month, min(born.day, 28)) - today).days <= 25:
                soon.append(brain.Title)
        self.assertTrue(soon, "the demo has a birthday soon")
        titles = " ".join(entry.title for entry in keydates.key_dates(today))
        for name in soon:
            self.assertIn(f"Birthday of {name}", titles)

    def test_dashboard_shows_key_dates_to_coordinators_only(self):
        source = getUtility(IWaitingForMe, name="coalition.key-dates")
        coordinator = api.user.get(username="coordinator")
        items = source.items(coordinator)
        self.assertTrue(items)
        self.assertIn("@@start-event-plan?", items[0].url)
        self.assertEqual(source.items(api.user.get(username="alpha-member")), [])

    def test_coordinators_dashboard_lists_the_key_dates(self):
        with api.env.adopt_user(username="coordinator"):
            html = self.portal["intranet"].restrictedTraverse("@@dashboard")()
        self.assertIn("Key dates ahead", html)
        self.assertIn("Start an event plan", html)

    def test_start_event_plan_offers_the_persons_working_groups(self):
        request = self.layer["request"]
        request.form.update({"title": "Human Rights Day", "date": "2026-12-10", "kind": "letter_writing"})
        with api.env.adopt_user(username="alpha-member"):
            html = self.portal["intranet"].restrictedTraverse("@@start-event-plan")()
        self.assertIn("Culture working group", html)
        self.assertIn("++add++EventPlan?", html)
        self.assertIn("form.widgets.event_start=2026-12-10T18%3A00", html)
        with api.env.adopt_user(username="coordinator"):
            html = self.portal["intranet"].restrictedTraverse("@@start-event-plan")()
        self.assertIn("You are on no working group", html)


class TestInstall(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_install_sets_the_calendar_layout_again(self):
        portal = self.layer["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        portal["de"]["events"].setLayout("listing_view")
        setup.install(portal)
        setup.install(portal)
        self.assertEqual(portal["de"]["events"].getLayout(), "events-calendar")
