"""A reader lands on the front page of a language: the live count linked to the list, people to act for today,
running campaigns, next events, latest statements and one call to act; the same in German after a switch and
on a phone. Every page meets WCAG 2.1 AA (axe-core) and is valid HTML (Nu checker)."""

import requests
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
from tests.page_checkers import axe_violations
from tests.page_checkers import html_errors
import unittest


SITE_TITLE = {
    "en": "Coalition for Political Prisoners in Russia",
    "de": "Koalition für politische Gefangene in Russland",
}
RUNNING_CAMPAIGN = {"en": "Letters for the New Year", "de": "Briefe zum neuen Jahr"}
HEADINGS = {
    "en": ("Stand by someone today", "Campaigns you can join", "Next events", "Latest statements", "Welcome"),
    "de": (
        "Stehen Sie heute jemandem bei",
        "Kampagnen zum Mitmachen",
        "Nächste Veranstaltungen",
        "Neueste Erklärungen",
        "Willkommen",
    ),
}
CARDS = {
    "en": ("Birthdays this week", "Seeking a mentor", "Recently recognised"),
    "de": ("Geburtstage dieser Woche", "Sucht eine Patenschaft", "Kürzlich anerkannt"),
}
CALL = {"en": "Sign: Letters for the New Year", "de": "Unterschreiben: Briefe zum neuen Jahr"}


class TestPublicHomePage(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.session = self.layer["browser"]
        self.checked = {}

    def check(self, page, name):
        """axe-core as the reader sees the page, nothing wider than the screen, a screenshot, the markup."""
        self.assertEqual(axe_violations(page), [], name)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        self.assertLessEqual(overflow, 0, f"{name}: {overflow}px wider than the screen")
        save_screenshot(page, name)
        self.checked[name] = requests.get(page.url, timeout=30).text

    def assert_front_page(self, page, language):
        """What the reader must see first, in ``language``."""
        self.assertEqual(page.locator("html").get_attribute("lang"), language)
        self.assertIn(SITE_TITLE[language], page.title())
        # The site's title is the page's heading for screen readers; the logo says it to the eye.
        heading = page.locator("h1")
        self.assertEqual(heading.count(), 1)
        self.assertEqual(heading.inner_text().strip(), SITE_TITLE[language])
        self.assertIn("visually-hidden", heading.get_attribute("class"))
        self.assertEqual(page.locator("#portal-logo .coalition-site-name").inner_text().strip(), SITE_TITLE[language])
        for text in HEADINGS[language]:
            self.assertTrue(page.locator("h2", has_text=text).is_visible(), f"{language}: {text}")
        for text in CARDS[language]:
            self.assertTrue(page.locator(".coalition-front h3", has_text=text).is_visible(), f"{language}: {text}")
        # The count of recognised prisoners, linked to the list.
        count = page.locator(f".coalition-front-count a[href='{self.site_url}/{language}/prisoners']")
        self.assertTrue(count.is_visible())
        self.assertGreater(int(count.locator(".display-3").inner_text()), 0)
        # People to act for today: the demo's prisoners were recognised on the day the demo was built.
        recent = page.locator(".card", has_text=CARDS[language][2]).locator("li a")
        self.assertGreaterEqual(recent.count(), 1)
        self.assertTrue(page.locator(".coalition-campaign-card", has_text=RUNNING_CAMPAIGN[language]).is_visible())
        self.assertGreaterEqual(page.locator("[aria-labelledby='front-events-heading'] li a").count(), 1)
        self.assertGreaterEqual(page.locator("[aria-labelledby='front-statements-heading'] li a").count(), 1)
        # One clear call to act: the campaign ending soonest.
        call = page.locator(".coalition-front .btn-primary")
        self.assertEqual(call.count(), 1)
        self.assertEqual(call.inner_text().strip(), CALL[language])
        self.assertTrue(call.get_attribute("href").endswith(f"/{language}/campaigns/letters-for-the-new-year/@@sign"))

    def test_reader_opens_english_front_page_follows_the_count_and_switches_to_german(self):
        page = self.session.new_page()
        page.goto(f"{self.site_url}/en")
        self.assert_front_page(page, "en")
        self.assertEqual(page.locator("link[href*='coalition.css']").count(), 1)
        self.check(page, "home-en-desktop")

        count = int(page.locator(".coalition-front-count .display-3").inner_text())
        page.locator(".coalition-front-count a").click()
        page.wait_for_load_state()
        self.assertEqual(page.url, f"{self.site_url}/en/prisoners")
        self.assertEqual(page.locator("article.card").count(), min(count, 24))
        page.go_back()
        page.wait_for_load_state()

        page.locator("#portal-languageselector a", has_text="Deutsch").click()
        page.wait_for_load_state()
        self.assertTrue(page.url.startswith(f"{self.site_url}/de"), page.url)
        self.assert_front_page(page, "de")
        # Plone's own chrome is translated too.
        self.assertTrue(page.locator("#personaltools-login", has_text="Anmelden").is_visible())
        self.check(page, "home-de-desktop")

        page.locator(".coalition-campaign-card a", has_text=RUNNING_CAMPAIGN["de"]).click()
        page.wait_for_load_state()
        self.assertEqual(page.locator("h1").inner_text().strip(), RUNNING_CAMPAIGN["de"])
        self.assertEqual(html_errors(self.checked), [])

    def test_front_page_on_a_phone_in_english_and_german(self):
        for language in ("en", "de"):
            page = self.session.new_page(viewport=PHONE, locale="de-DE" if language == "de" else "en-GB")
            page.goto(f"{self.site_url}/{language}")
            self.assert_front_page(page, language)
            # The navigation collapses behind the menu button on a narrow screen.
            self.assertTrue(page.locator("button.navbar-toggler").is_visible())
            self.check(page, f"home-{language}-phone")
        self.assertEqual(html_errors(self.checked), [])

    def test_front_page_in_russian_on_a_phone(self):
        page = self.session.new_page(viewport=PHONE, locale="ru-RU")
        page.goto(f"{self.site_url}/ru")
        self.assertEqual(page.locator("html").get_attribute("lang"), "ru")
        self.assertEqual(page.locator("h1").inner_text().strip(), "Коалиция в защиту политзаключённых в России")
        self.assertTrue(page.locator("h2", has_text="Добро пожаловать").is_visible())
        self.assertTrue(page.locator(".coalition-campaign-card", has_text="Письма к Новому году").is_visible())
        save_screenshot(page, "home-ru-phone")

    def test_anonymous_is_sent_to_login_for_the_intranet_and_a_member_gets_in(self):
        page = self.session.new_page()
        page.goto(f"{self.site_url}/intranet")
        self.assertIn("/login?came_from=/plone/intranet", page.url)
        self.assertTrue(page.locator("#__ac_name").is_visible())
        save_screenshot(page, "intranet-login-required")

        log_in(page, self.site_url, "alpha-member", "demo-secret")
        page.goto(f"{self.site_url}/intranet/organisations")
        self.assertTrue(page.locator("a", has_text="Alpha Rights Centre").first.is_visible())
        self.assertEqual(page.locator("a", has_text="Beta Solidarity Network").count(), 0)
        save_screenshot(page, "intranet-organisations-alpha-member")
