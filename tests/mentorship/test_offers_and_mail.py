"""The public offer to mentor (CSRF, honeypot, validation; moderated), its mail to coordinators, the
coordinators' dashboard, and the weekly job's mails (overview and a gentle reminder) through a real SMTP server."""

from coalition.intranet.dashboard.interfaces import IWaitingForMe
from coalition.intranet.jobs.api import run_job
from coalition.intranet.mentorship import activity
from coalition.intranet.mentorship import offers
from coalition.intranet.signups import guards
from coalition.intranet.signups.api import HONEYPOT_FIELD_NAME
from datetime import datetime
from datetime import timedelta
from plone import api
import re
import requests
from tests.coalition_layers import COALITION_MAIL_SERVER_TESTING
from tests.mentorship.mentorship_fixtures import COORDINATOR
import transaction
import unittest
from zope.component import getUtility


COORDINATOR_ADDRESS = "mentor-coord@example.org"
QUIET_OFFICE = "office-maria@example.org"


class TestOfferForm(unittest.TestCase):
    layer = COALITION_MAIL_SERVER_TESTING

    def setUp(self):
        guards.RATE_BOOK.clear()
        self.smtp = self.layer["smtp"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.url = f"{self.site_url}/en/mentorship/@@prisoners-seeking-mentor"
        self.session = requests.Session()

    def form(self) -> dict:
        page = self.session.get(self.url, timeout=30)
        self.assertEqual(page.status_code, 200)
        authenticator = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text).group(1)
        prisoner = re.search(r'<select[^>]*name="prisoner"[^>]*>\s*<option[^>]*value="([^"]+)"', page.text).group(1)
        return {
            "_authenticator": authenticator,
            HONEYPOT_FIELD_NAME: "",
            "prisoner": prisoner,
            "name": "Ingrid Angebot",
            "function": "national_mp",
            "body": "Storting",
            "party": "Eksempelpartiet",
            "country": "NO",
            "email": "Office-Angebot@Example.org ",
            "message": "I would like to help.",
        }

    def post(self, data):
        return self.session.post(self.url, data=data, timeout=30)

    def test_an_offer_reaches_the_coordinators_by_mail_and_on_their_dashboard(self):
        response = self.post(self.form())
        self.assertEqual(response.status_code, 200)
        self.assertIn("will contact your office", response.text)
        mail = self.smtp.wait_for(1)[0]
        self.assertEqual(self.smtp.recipients(), {COORDINATOR_ADDRESS})
        self.assertIn("Ingrid Angebot", mail.body)
        self.assertNotIn("office-angebot@example.org", mail.body)
        transaction.begin()
        pending = offers.pending_offers()
        self.assertEqual([offer["email"] for _key, offer in pending], ["office-angebot@example.org"])
        waiting = getUtility(IWaitingForMe, name="coalition.mentorship.offers")
        self.assertEqual(len(waiting.items(api.user.get(username=COORDINATOR))), 1)
        self.assertEqual(waiting.items(api.user.get(username="beta-member")), [])

    def test_a_spam_offer_is_refused_and_nothing_is_stored_or_sent(self):
        for change, message in (
            ({HONEYPOT_FIELD_NAME: "buy cheap"}, "could not be accepted"),
            ({"_authenticator": "forged"}, "did not come from this site"),
            ({"email": "not an address"}, ""),
            ({"prisoner": "someone-else"}, "choose a prisoner"),
        ):
            data = self.form()
            data.update(change)
            response = self.post(data)
            self.assertEqual(response.status_code, 200, change)
            self.assertNotIn("will contact your office", response.text, change)
            self.assertIn("alert-danger", response.text, change)
            if message:
                self.assertIn(message, response.text, change)
        self.assertEqual(self.smtp.settled_messages(), [])
        transaction.begin()
        self.assertEqual(offers.pending_offers(), [])

    def test_the_list_comes_in_pages_and_a_card_preselects_its_prisoner_in_the_form(self):
        from coalition.intranet.mentorship import seeking
        from coalition.intranet.mentorship.browser import public

        transaction.begin()
        ordered = [brain.Title for brain in seeking.seeking_brains("en")]
        self.assertGreaterEqual(len(ordered), 3)
        # The catalog's n-best sort for the first few gives the same order as the whole sort.
        self.assertEqual([brain.Title for brain in seeking.seeking_brains("en", limit=2)], ordered[:2])
        original = public.SEEKERS_PER_PAGE
        public.SEEKERS_PER_PAGE = 2
        try:
            first = self.session.get(self.url, timeout=30).text
            second = self.session.get(self.url, params={"b_start": 2}, timeout=30).text
        finally:
            public.SEEKERS_PER_PAGE = original

        def cards(page):
            return re.findall(r'<h2 class="h5 card-title"><a href="[^"]+">([^<]+)</a>', page)

        self.assertEqual(cards(first), ordered[:2])
        self.assertEqual(cards(second), ordered[2:4])
        self.assertIn("b_start:int=2", first)  # the batch navigation
        # A card's link opens the form with its prisoner chosen, also one from another page.
        link = re.search(r'<a class="card-link small" href="([^"]+)"', second).group(1).replace("&amp;", "&")
        self.assertIn("b_start=2", link)
        chosen = re.search(r"prisoner=([0-9a-f]+)", link).group(1)
        page = self.session.get(self.url, params={"prisoner": chosen}, timeout=30).text
        self.assertRegex(page, rf'<option[^>]*value="{chosen}"[^>]*selected')

    def test_a_get_request_is_not_an_offer(self):
        data = self.form()
        self.session.get(self.url, params=data, timeout=30)
        transaction.begin()
        self.assertEqual(offers.pending_offers(), [])


class TestWeeklyJob(unittest.TestCase):
    layer = COALITION_MAIL_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.smtp = self.layer["smtp"]

    def test_overview_to_coordinators_and_a_gentle_reminder_to_the_quiet_office(self):
        self.assertEqual([m.mentor_name for m in activity.inactive_mentorships()], ["Maria Voorbeeld"])
        result = run_job(self.portal, "mentorship-weekly", portal_url="https://coalition.example.org")
        transaction.commit()
        self.smtp.wait_for(2)
        self.assertEqual(self.smtp.recipients(), {COORDINATOR_ADDRESS, QUIET_OFFICE})
        overview = self.smtp.messages_to(COORDINATOR_ADDRESS)[0]
        self.assertIn("https://coalition.example.org/intranet/mentorship", overview.body)
        reminder = self.smtp.messages_to(QUIET_OFFICE)[0]
        self.assertIn("Maria Voorbeeld", reminder.body)
        self.assertIn(str(activity.inactive_after_days()), reminder.body)
        # Nothing internal in the reminder: neither other mentors' names nor the offices' addresses.
        self.assertNotIn("Jutta Beispiel", reminder.body)
        self.assertIn("1 office(s) reminded", result.summary)

        # A week later, still quiet: no second reminder before a full quiet period has passed.
        self.smtp.clear()
        result = run_job(self.portal, "mentorship-weekly", now=datetime.now() + timedelta(days=7))
        transaction.commit()
        self.smtp.wait_for(1)
        self.assertEqual(self.smtp.recipients(), {COORDINATOR_ADDRESS})
        self.assertIn("0 office(s) reminded", result.summary)

    def test_the_quiet_period_comes_from_the_registry(self):
        api.portal.set_registry_record(activity.INACTIVE_AFTER_RECORD, 365)
        self.assertEqual(activity.inactive_mentorships(), [])
        api.portal.set_registry_record(activity.INACTIVE_AFTER_RECORD, 60)
        self.assertEqual(len(activity.inactive_mentorships()), 1)

    def test_dashboard_sources_show_only_to_coordinators(self):
        coordinator = api.user.get(username=COORDINATOR)
        outsider = api.user.get(username="alpha-admin")
        for name in (
            "coalition.mentorship.consent",
            "coalition.mentorship.quiet",
            "coalition.mentorship.prisoners",
            "coalition.mentorship.offers",
        ):
            self.assertEqual(getUtility(IWaitingForMe, name=name).items(outsider), [], name)
        quiet = getUtility(IWaitingForMe, name="coalition.mentorship.quiet").items(coordinator)
        self.assertEqual(len(quiet), 1)
        self.assertIn("Maria Voorbeeld", quiet[0].title)
        seekers = getUtility(IWaitingForMe, name="coalition.mentorship.prisoners").items(coordinator)
        self.assertGreaterEqual(len(seekers), 1)
