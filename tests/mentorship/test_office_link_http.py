"""The office's personal link over HTTP, without an account: a report is received once and waits for approval;
a reused form, a revoked and an expired link each get a clear message and store nothing."""

from coalition.intranet.mentorship import actions
from coalition.intranet.mentorship import registry
from coalition.intranet.signups import guards
from coalition.intranet.signups.api import HONEYPOT_FIELD_NAME
from datetime import date
from datetime import datetime
from datetime import timedelta
from plone import api
import re
import requests
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.mentorship.mentorship_fixtures import active_mentorship
from tests.mentorship.mentorship_fixtures import COORDINATOR
from tests.mentorship.mentorship_fixtures import make_mentor
from tests.mentorship.mentorship_fixtures import published_prisoner
import transaction
import unittest
from zope.annotation.interfaces import IAnnotations


class TestOfficeLinkOverHTTP(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        guards.RATE_BOOK.clear()
        portal = self.layer["portal"]
        self.mentor = make_mentor("Ola Kontor", country="NO", body="Storting")
        self.mentorship = active_mentorship(self.mentor, published_prisoner(portal, name="Pyotr Ssylkin"))
        with api.env.adopt_user(username=COORDINATOR):
            self.token = actions.issue_office_link(self.mentor)
        transaction.commit()
        self.url = f"http://{self.layer['host']}:{self.layer['port']}/plone/en/mentorship/@@report-action"
        self.session = requests.Session()

    def form(self) -> dict:
        page = self.session.get(self.url, params={"key": self.token}, timeout=30)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Ola Kontor", page.text)
        self.assertIn("Pyotr Ssylkin", page.text)
        self.assertIn("no-store", page.headers["Cache-Control"])

        def hidden(name):
            return re.search(rf'name="{name}"[^>]*value="([^"]*)"', page.text).group(1)

        return {
            "_authenticator": hidden("_authenticator"),
            HONEYPOT_FIELD_NAME: "",
            "key": self.token,
            "number": hidden("number"),
            "mentorship": self.mentorship.UID(),
            "kind": "public_statement",
            "date": (date.today() - timedelta(days=1)).isoformat(),
            "text": "Spoke about the case at the Storting.",
            "visibility": "public",
        }

    def actions(self):
        transaction.begin()
        return registry.actions_of(self.mentorship)

    def test_a_report_is_received_once_and_waits_for_approval(self):
        data = self.form()
        response = self.session.post(self.url, data=data, timeout=30)
        self.assertIn("the action has been received", response.text)
        again = self.session.post(self.url, data=data, timeout=30)
        self.assertIn("already received", again.text)
        found = self.actions()
        self.assertEqual(len(found), 1)
        self.assertTrue(actions.waiting_for_approval(found[0]))

    def test_an_action_in_the_future_is_refused(self):
        data = self.form()
        data["date"] = (date.today() + timedelta(days=3)).isoformat()
        response = self.session.post(self.url, data=data, timeout=30)
        self.assertIn("cannot be dated in the future", response.text)
        self.assertEqual(self.actions(), [])

    def test_a_revoked_link_gets_a_clear_message(self):
        data = self.form()
        with api.env.adopt_user(username=COORDINATOR):
            actions.revoke_office_link(self.mentor)
        transaction.commit()
        page = self.session.get(self.url, params={"key": self.token}, timeout=30)
        self.assertEqual(page.status_code, 403)
        self.assertIn("may have been revoked", page.text)
        self.assertNotIn("Pyotr Ssylkin", page.text)
        self.session.post(self.url, data=data, timeout=30)
        self.assertEqual(self.actions(), [])

    def test_an_expired_link_gets_a_clear_message(self):
        links = IAnnotations(registry.mentorship_section())[actions.LINKS_KEY]
        for entry in links.values():
            entry["expires"] = datetime.now() - timedelta(days=1)
        transaction.commit()
        page = self.session.get(self.url, params={"key": self.token}, timeout=30)
        self.assertEqual(page.status_code, 403)
        self.assertIn("This link has expired", page.text)
        self.assertNotIn("Ola Kontor", page.text)
