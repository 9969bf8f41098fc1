"""The visitors' and the working group's forms over HTTP: registration with its guards (CSRF, honeypot,
flood), the mailed links (GET asks, POST acts), bad dates in the plan's add form and the REST API."""

from coalition.intranet.events import api as events
from coalition.intranet.signups.api import HONEYPOT_FIELD_NAME
from coalition.intranet.signups.guards import RATE_BOOK
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
import re
import requests
from tests.coalition_layers import COALITION_MAIL_SERVER_TESTING
from tests.events.event_helpers import make_plan
from tests.events.event_helpers import next_week
from tests.events.event_helpers import publish
from tests.events.event_helpers import working_group
import transaction
import unittest


def authenticator(html: str) -> str:
    found = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="_authenticator"', html
    )
    assert found, "no authenticator in the page"
    return found.group(1)


class TestRegistrationForm(unittest.TestCase):
    layer = COALITION_MAIL_SERVER_TESTING

    def setUp(self):
        RATE_BOOK.clear()
        self.portal = self.layer["portal"]
        self.smtp = self.layer["smtp"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.event = publish(make_plan(self.portal, title="Evening with a form", capacity=10))
        transaction.commit()
        self.url = self.event.absolute_url()
        self.session = requests.Session()

    def tearDown(self):
        RATE_BOOK.clear()

    def form_fields(self) -> dict:
        page = self.session.get(self.url, timeout=30)
        self.assertEqual(page.status_code, 200)
        self.assertIn('id="registration-email"', page.text)
        return {"_authenticator": authenticator(page.text), HONEYPOT_FIELD_NAME: ""}

    def post(self, **data):
        return self.session.post(f"{self.url}/@@event-register", data=data, timeout=30)

    def registrations(self):
        transaction.begin()
        return events.registrations(self.event)

    def test_a_visitor_registers_and_confirms_by_the_mailed_link(self):
        response = self.post(name="Vera Visitor", email="vera@example.org", people="2", **self.form_fields())
        self.assertEqual(response.status_code, 200)
        self.assertIn("We sent you an e-mail", response.text)
        self.smtp.wait_for(1)
        (mail,) = self.smtp.messages_to("vera@example.org")
        confirm_url = re.search(
            r"(http\S+@@event-registration-confirm\?token=\S+)", mail.body.replace("..", ".")
        ).group(1)
        asked = self.session.get(confirm_url, timeout=30)
        self.assertIn("Confirm my registration", asked.text)
        self.assertEqual(self.registrations()[0].status, "pending", "a GET (a mail scanner) confirms nothing")
        done = self.session.post(
            confirm_url,
            data={"_authenticator": authenticator(asked.text), "token": confirm_url.split("token=")[1]},
            timeout=30,
        )
        self.assertIn("Your place is confirmed", done.text)
        self.assertEqual(self.registrations()[0].status, "confirmed")
        again = self.session.post(
            confirm_url,
            data={"_authenticator": authenticator(asked.text), "token": confirm_url.split("token=")[1]},
            timeout=30,
        )
        self.assertIn("already confirmed", again.text)
        self.assertEqual(len(self.registrations()), 1)

    def test_a_forged_link_gets_a_clear_message(self):
        response = self.session.get(f"{self.url}/@@event-registration-confirm?token=forged.token", timeout=30)
        self.assertEqual(response.status_code, 400)
        self.assertIn("This link is not valid", response.text)

    def test_without_authenticator_or_with_the_honeypot_filled_nothing_is_stored(self):
        fields = self.form_fields()
        refused = self.post(name="Bot", email="bot@example.org", people="1", **{HONEYPOT_FIELD_NAME: ""})
        self.assertEqual(refused.status_code, 400)
        trapped = self.post(
            name="Bot", email="bot@example.org", people="1", **{**fields, HONEYPOT_FIELD_NAME: "http://spam.example"}
        )
        self.assertEqual(trapped.status_code, 400)
        self.assertEqual(self.registrations(), [])

    def test_beyond_capacity_gets_a_clear_message(self):
        response = self.post(name="Big Group", email="group@example.org", people="11", **self.form_fields())
        self.assertEqual(response.status_code, 400)
        self.assertIn("between 1 and 10 people", response.text)
        self.assertEqual(self.registrations(), [])

    def test_a_flood_from_one_address_is_refused(self):
        fields = self.form_fields()
        for number in range(5):
            self.assertEqual(
                self.post(name=f"Flood {number}", email=f"f{number}@example.org", people="1", **fields).status_code, 200
            )
        flooded = self.post(name="Flood 6", email="f6@example.org", people="1", **fields)
        self.assertEqual(flooded.status_code, 400)
        self.assertIn("Too many submissions", flooded.text)
        self.assertEqual(len(self.registrations()), 5)


class TestPlanForms(unittest.TestCase):
    layer = COALITION_MAIL_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.group_url = working_group(self.portal).absolute_url()

    def test_rest_api_refuses_end_before_start_and_unknown_time_zone(self):
        start = next_week()
        for payload, fragment in (
            (
                {
                    "event_start": start.isoformat(),
                    "event_end": (start.replace(hour=10)).isoformat(),
                    "timezone": "Europe/Berlin",
                },
                "end before",
            ),
            (
                {
                    "event_start": start.isoformat(),
                    "event_end": start.replace(hour=21).isoformat(),
                    "timezone": "Europe/Atlantis",
                },
                "timezone",
            ),
        ):
            response = requests.post(
                self.group_url.replace("/plone/", "/plone/++api++/"),
                json={"@type": "EventPlan", "title": "Bad plan", "event_kind": "reading", **payload},
                auth=("alpha-member", "demo-secret"),
                headers={"Accept": "application/json"},
                timeout=30,
            )
            self.assertEqual(response.status_code, 400, response.text)
            self.assertIn(fragment, response.text)
        transaction.begin()
        self.assertNotIn("bad-plan", working_group(self.portal).objectIds())

    def test_add_form_refuses_end_before_start(self):
        session = requests.Session()
        session.auth = ("alpha-member", "demo-secret")
        form = session.get(f"{self.group_url}/++add++EventPlan", timeout=30)
        self.assertEqual(form.status_code, 200)
        start = next_week()
        response = session.post(
            f"{self.group_url}/++add++EventPlan",
            data={
                "_authenticator": authenticator(form.text),
                "form.widgets.title": "Backwards evening",
                "form.widgets.event_kind:list": "reading",
                "form.widgets.event_start": start.strftime("%Y-%m-%dT%H:%M"),
                "form.widgets.event_end": start.replace(hour=9).strftime("%Y-%m-%dT%H:%M"),
                "form.widgets.timezone:list": "Europe/Berlin",
                "form.buttons.save": "Save",
            },
            timeout=30,
        )
        self.assertIn("cannot end before it starts", response.text)
        transaction.begin()
        self.assertNotIn("backwards-evening", working_group(self.portal).objectIds())
        self.assertFalse(api.content.find(portal_type="EventPlan", Title="Backwards evening"))
