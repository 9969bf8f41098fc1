"""A reader opens the public home page in English, switches to German, and sees the translated chrome."""

from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
import unittest


class TestPublicHomePage(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.session = self.layer["browser"]

    def test_reader_opens_english_home_and_switches_to_german(self):
        page = self.session.new_page()
        page.goto(f"{self.site_url}/en")
        self.assertEqual(page.locator("html").get_attribute("lang"), "en")
        self.assertIn("Coalition for Political Prisoners in Russia", page.title())
        self.assertEqual(
            page.locator("#portal-logo .coalition-site-name").inner_text().strip(),
            "Coalition for Political Prisoners in Russia",
        )
        self.assertTrue(page.locator("h1", has_text="Welcome").is_visible())
        # The Barceloneta theme and the coalition's own CSS are active.
        self.assertEqual(page.locator("link[href*='coalition.css']").count(), 1)
        self.assertEqual(page.locator("link[href*='barceloneta']").count() >= 1, True)
        save_screenshot(page, "home-en-desktop")

        page.locator("#portal-languageselector a", has_text="Deutsch").click()
        page.wait_for_load_state()
        self.assertTrue(page.url.startswith(f"{self.site_url}/de"), page.url)
        self.assertEqual(page.locator("html").get_attribute("lang"), "de")
        self.assertTrue(page.locator("h1", has_text="Willkommen").is_visible())
        self.assertEqual(
            page.locator("#portal-logo .coalition-site-name").inner_text().strip(),
            "Koalition für politische Gefangene in Russland",
        )
        # Plone's own chrome is translated too (login link, search button).
        self.assertTrue(page.locator("#personaltools-login", has_text="Anmelden").is_visible())
        save_screenshot(page, "home-de-desktop")

    def test_home_page_on_a_phone_in_russian(self):
        page = self.session.new_page(viewport=PHONE, locale="ru-RU")
        page.goto(f"{self.site_url}/ru")
        self.assertEqual(page.locator("html").get_attribute("lang"), "ru")
        self.assertTrue(page.locator("h1", has_text="Добро пожаловать").is_visible())
        # The navigation collapses behind the menu button on a narrow screen.
        self.assertTrue(page.locator("button.navbar-toggler").is_visible())
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
