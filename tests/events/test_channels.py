"""Nothing of a plan's private planning and nothing of a registrant reaches the public, by any channel.

Markers are planted in the plan's notes, budget, tasks and a file inside it, and in a registration; every
channel Plone has is requested over HTTP as Anonymous and as a member of another organisation (beta is
not on the culture group's roster), and none of them may carry a marker. Positive controls prove each
public channel really served the event.
"""

from coalition.intranet.events import api as events
from coalition.intranet.signups.guards import RATE_BOOK
import gzip
from plone import api
from plone.app.multilingual.interfaces import ITG
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.coalition_layers import COALITION_MAIL_SERVER_TESTING
from tests.events.event_helpers import make_plan
from tests.events.event_helpers import PRIVATE_MARKERS
from tests.events.event_helpers import publish
from tests.public.channel_fixtures import http_get
import transaction
import unittest


REGISTRANT_NAME = "Registrantin Geheimova"
REGISTRANT_EMAIL = "geheimova-marker@example.org"
NEVER_PUBLIC = (*PRIVATE_MARKERS, REGISTRANT_NAME, REGISTRANT_EMAIL)
# Searched for: one word of a marker (a search page repeats its query, never the whole marker).
SEARCH_WORDS = ("Zakryto", "Sekretno", "Tajno", "Skryto", "Geheimova")
TITLE = "Evening of cards for testing channels"
OUTSIDER = "beta-member"


def text_of(response) -> str:
    body = response.content
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    return body.decode("utf-8", "replace")


class TestNothingPrivateInAnyChannel(unittest.TestCase):
    layer = COALITION_MAIL_SERVER_TESTING

    def setUp(self):
        RATE_BOOK.clear()
        self.portal = self.layer["portal"]
        self.site_url = self.portal.absolute_url()
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        catalog = api.portal.get_tool("portal_catalog")
        profile = catalog.unrestrictedSearchResults(
            portal_type="PrisonerProfile", review_state="published", Language="en"
        )[0]
        self.profile = profile._unrestrictedGetObject()
        self.plan = make_plan(self.portal, title=TITLE, capacity=20, prisoners=[ITG(self.profile)])
        self.event = publish(
            self.plan, translations={"de": {"title": "Kartenabend zum Testen", "text": "<p>Hallo</p>"}}
        )
        self.german = ITranslationManager(self.event).get_translation("de")
        events.register(self.event, REGISTRANT_NAME, REGISTRANT_EMAIL, 2, "en")
        transaction.commit()

    def tearDown(self):
        RATE_BOOK.clear()

    def paths(self) -> list[str]:
        event = self.event.absolute_url()
        plan = self.plan.absolute_url()
        searches = [
            path
            for word in SEARCH_WORDS
            for path in (f"++api++/@search?SearchableText={word}", f"@@search?SearchableText={word}")
        ]
        return searches + [
            event,
            self.german.absolute_url(),
            f"{event}/ics_view",
            f"{event}/@@event-registrations",
            f"{event}/@@event-registrations.csv",
            "en/events",
            "de/events",
            "en/events?show=past",
            "en/events/@@events.ics",
            "de/events/@@events.ics",
            "ics_view",
            "en/ics_view",
            self.profile.absolute_url(),
            f"{self.profile.absolute_url()}/@@events.ics",
            f"++api++/en/events/{self.event.getId()}",
            f"++api++/en/events/{self.event.getId()}?expand=translations,breadcrumbs,navigation,actions,workflow",
            "++api++/en/events?expand=navigation",
            "++api++/@search?portal_type=Event&fullobjects=1&b_size=200",
            "++api++/@search?portal_type=EventPlan&fullobjects=1",
            "++api++/@search?path=/plone/intranet&fullobjects=1&b_size=200",
            "++api++/@vocabularies/coalition.events.LivePrisoners",
            "en/events/RSS",
            "en/events/@@rss",
            "sitemap.xml.gz",
            "en/sitemap.xml.gz",
            plan,
            f"{plan}/@@publish-event",
            f"{plan}/@@plan-registrations",
            f"{plan}/@@plan-registrations.csv",
            f"++api++{self.plan.absolute_url_path()}",
            f"{plan}/{self.plan.objectIds()[0]}",
        ]

    def assert_no_marker(self, user):
        for path in self.paths():
            response = http_get(self.site_url, path, user=user)
            body = text_of(response)
            for marker in NEVER_PUBLIC:
                self.assertNotIn(marker, body, f"{marker} in {path} as {user or 'Anonymous'} ({response.status_code})")

    def test_anonymous_finds_no_private_marker(self):
        self.assert_no_marker(None)

    def test_member_of_another_organisation_finds_no_private_marker(self):
        self.assert_no_marker(OUTSIDER)

    def test_the_public_channels_really_serve_the_event(self):
        event = self.event.absolute_url()
        for path in (
            event,
            "en/events",
            "en/events/@@events.ics",
            f"{event}/ics_view",
            f"{self.profile.absolute_url()}/@@events.ics",
        ):
            response = http_get(self.site_url, path)
            self.assertEqual(response.status_code, 200, path)
            self.assertIn(TITLE, text_of(response), path)
        self.assertIn("Kartenabend zum Testen", text_of(http_get(self.site_url, "de/events")))
        self.assertIn(TITLE, text_of(http_get(self.site_url, self.profile.absolute_url())))
        found = http_get(
            self.site_url,
            "++api++/@search?portal_type=Event&fullobjects=1&b_size=200",
            headers={"Accept": "application/json"},
        )
        self.assertIn(TITLE, found.text)

    def test_the_working_group_and_organisers_read_the_registrations(self):
        plan_csv = http_get(self.site_url, f"{self.plan.absolute_url()}/@@plan-registrations.csv", user="alpha-admin")
        self.assertEqual(plan_csv.status_code, 200)
        self.assertIn(REGISTRANT_EMAIL, plan_csv.text)
        editor_csv = http_get(self.site_url, f"{self.event.absolute_url()}/@@event-registrations.csv", user="editor-de")
        self.assertEqual(editor_csv.status_code, 200)
        self.assertIn(REGISTRANT_EMAIL, editor_csv.text)
        transaction.begin()
        from coalition.intranet.security import api as audit

        actions = [entry.action for entry in list(audit.entries())[:5]]
        self.assertIn("event.registrations_exported", actions)

    def test_the_outsider_may_not_export(self):
        for path in (
            f"{self.event.absolute_url()}/@@event-registrations.csv",
            f"{self.plan.absolute_url()}/@@plan-registrations.csv",
        ):
            response = http_get(self.site_url, path, user=OUTSIDER)
            self.assertIn(response.status_code, (302, 401, 403, 404), path)
