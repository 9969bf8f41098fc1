"""A mentorship coordinator registers a mentor and a mentorship; the public mentor page and the prisoner's profile
show it in English and German; a visitor offers to mentor a prisoner who seeks one. Desktop and phone."""

from coalition.intranet.mentorship import seeking
from coalition.intranet.public import api as public_api
from datetime import date
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_MAIL_BROWSER_TESTING
import unittest


MENTOR = "Beatrix Probewald"
SLUG = "beatrix-probewald"
STATEMENT_EN = "Nobody should be jailed for a word against war."
STATEMENT_DE = "Niemand sollte für ein Wort gegen den Krieg im Gefängnis sitzen."
PRIVATE_EMAIL = "office-probewald@example.org"


class TestMentorshipInTheBrowser(unittest.TestCase):
    layer = COALITION_MAIL_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://localhost:{self.layer['port']}/plone"
        self.session = self.layer["browser"]
        seekers = seeking.prisoners_seeking_mentor("en")
        self.prisoner = seekers[0]
        self.prisoner_de = public_api.translations_by_language(self.prisoner)["de"]
        self.other_seeker = seekers[1].Title()

    def test_coordinator_registers_a_mentor_and_the_public_sees_it_in_two_languages(self):
        page = self.session.new_page()
        log_in(page, self.site_url, "mentor-coord", "demo-secret")
        page.goto(f"{self.site_url}/intranet/mentorship")
        self.assertTrue(page.locator("#mentor-table a", has_text="Klaus Vorbild").is_visible())
        save_screenshot(page, "mentorship-registry-desktop")

        page.click("text=Register a mentor")
        page.fill("#form-widgets-name", MENTOR)
        page.select_option("#form-widgets-function", "national_mp")
        page.fill("#form-widgets-body", "Bundestag")
        page.fill("#form-widgets-party", "Probepartei")
        page.select_option("#form-widgets-country", "DE")
        page.click("text=Public statement")
        page.fill("#form-widgets-statement_en", STATEMENT_EN)
        page.fill("#form-widgets-statement_de", STATEMENT_DE)
        page.click("text=Contact (never public)")
        page.fill("#form-widgets-email", PRIVATE_EMAIL)
        page.click("#form-buttons-save")
        page.wait_for_load_state()
        self.assertTrue(page.locator("h1", has_text=MENTOR).is_visible())

        page.select_option("#propose-prisoner", label=self.prisoner.Title())
        page.click("button[name='propose']")
        page.wait_for_load_state()
        self.assertTrue(page.locator("#mentorship-facts", has_text="Proposed").is_visible())
        page.fill("#mentor-consent-on", date.today().isoformat())
        page.check("#consent-family")
        page.fill("#consent-given-on", date.today().isoformat())
        page.click("button[name='agree']")
        page.wait_for_load_state()
        page.click("button[name='activate']")
        page.wait_for_load_state()
        self.assertTrue(page.locator("#mentorship-facts", has_text="Active").is_visible())
        save_screenshot(page, "mentorship-active-desktop")

        page.click(f"#mentorship-facts a:has-text('{MENTOR}')")
        page.wait_for_load_state()
        page.click("button[name='publish']")
        page.wait_for_load_state()
        self.assertTrue(page.locator("#mentor-public-record a", has_text=f"@@mentor/{SLUG}").is_visible())
        save_screenshot(page, "mentorship-mentor-desktop")

        visitor = self.session.new_page()
        for language, prisoner, statement in (
            ("en", self.prisoner.Title(), STATEMENT_EN),
            ("de", self.prisoner_de.Title(), STATEMENT_DE),
        ):
            visitor.goto(f"{self.site_url}/{language}/mentorship/@@mentor/{SLUG}")
            self.assertTrue(visitor.locator("h1", has_text=MENTOR).is_visible())
            self.assertTrue(visitor.locator("blockquote", has_text=statement).is_visible())
            self.assertTrue(visitor.locator("article a", has_text=prisoner).is_visible())
            self.assertNotIn(PRIVATE_EMAIL, visitor.content())
            save_screenshot(visitor, f"mentorship-public-mentor-{language}-desktop")
            visitor.click(f"article a:has-text('{prisoner}')")
            visitor.wait_for_load_state()
            self.assertTrue(visitor.locator(".coalition-profile-mentors a", has_text=MENTOR).is_visible())
            save_screenshot(visitor, f"mentorship-profile-{language}-desktop")
            visitor.goto(f"{self.site_url}/{language}/mentorship")
            self.assertTrue(visitor.locator("a", has_text=MENTOR).first.is_visible())
            save_screenshot(visitor, f"mentorship-overview-{language}-desktop")

        phone = self.session.new_page(viewport=PHONE)
        for path, name in (
            (f"de/mentorship/@@mentor/{SLUG}", "mentorship-public-mentor-de-phone"),
            ("en/mentorship", "mentorship-overview-en-phone"),
        ):
            phone.goto(f"{self.site_url}/{path}")
            self.assertLessEqual(phone.evaluate("document.documentElement.scrollWidth"), PHONE["width"], path)
            save_screenshot(phone, name)

    def test_a_visitor_offers_to_mentor_a_prisoner_seeking_one(self):
        for viewport, suffix in ((None, "desktop"), (PHONE, "phone")):
            page = self.session.new_page(viewport=viewport) if viewport else self.session.new_page()
            page.goto(f"{self.site_url}/en/mentorship")
            page.click("text=Prisoners seeking a mentor")
            page.wait_for_load_state()
            self.assertTrue(page.locator(".coalition-seeking h2 a", has_text=self.other_seeker).is_visible())
            if viewport:
                self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])
                save_screenshot(page, f"mentorship-seeking-{suffix}")
                continue
            # The card's own link opens the form below with this prisoner chosen.
            page.click(f"text=Offer to stand by {self.other_seeker}")
            page.wait_for_load_state()
            self.assertEqual(page.locator("#offer-prisoner option:checked").inner_text().strip(), self.other_seeker)
            page.fill("#offer-name", "Henrik Tilbud")
            page.select_option("#offer-function", "mayor")
            page.fill("#offer-body", "City of Eksempelby")
            page.select_option("#offer-country", "DK")
            page.fill("#offer-email", "office-tilbud@example.org")
            page.fill("#offer-message", "Our city would like to stand by this prisoner.")
            save_screenshot(page, f"mentorship-seeking-{suffix}")
            page.click("text=Send the offer")
            page.wait_for_load_state()
            self.assertTrue(page.locator("[role=status]", has_text="will contact your office").is_visible())
            save_screenshot(page, "mentorship-offer-sent-desktop")
        self.assertEqual(len(self.layer["smtp"].wait_for(1)), 1)
        self.assertEqual(self.layer["smtp"].recipients(), {"mentor-coord@example.org"})
