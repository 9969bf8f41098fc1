"""A reader of the public site, in a real browser: filters the list, opens a profile, switches language,
reads the statistics. Every page on the way meets WCAG 2.1 AA (axe-core) and is valid HTML (Nu checker)."""

from datetime import date
import requests
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
from tests.mentorship.mentorship_fixtures import public_mentor_of
from tests.page_checkers import axe_violations
from tests.page_checkers import html_errors
from tests.public.profile_fixtures import make_profile
from tests.public.profile_fixtures import portrait
import transaction
import unittest


class TestReaderJourney(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        oleg = make_profile(
            "Oleg Primerny",
            translations={"de": "Oleg Primerny", "ru": "Олег Примерный"},
            name_ru="Олег Примерный",
            region="tver",
            articles=["207.3"],
            date_of_detention=date(2022, 3, 14),
            image=portrait(),
            letters_possible=True,
            postal_address="170000, Тверская обл., г. Тверь, ФКУ ИК-0, Примерному Олегу, 1985 г.р.",
            interests="Chess, Tolstoy",
        )
        public_mentor_of(oleg, "Anna Beispiel")
        make_profile("Vera Obraztsova", name_ru="Вера Образцова", region="moscow", status="released")
        transaction.commit()
        self.checked = {}

    def check(self, page, name):
        """axe-core on the page as the reader sees it, a screenshot, and its markup for the Nu checker."""
        self.assertEqual(axe_violations(page), [], name)
        save_screenshot(page, name)
        self.checked[name] = requests.get(page.url, timeout=30).text

    def test_reader_filters_opens_a_profile_switches_language_and_reads_statistics(self):
        page = self.layer["browser"].new_page()
        page.goto(f"{self.site_url}/en")
        self.check(page, "journey-home-en-desktop")

        page.locator("#portal-globalnav a", has_text="Political prisoners").click()
        page.wait_for_load_state()
        everyone = page.locator("article.card").count()
        self.assertGreaterEqual(everyone, 2)
        self.check(page, "journey-list-en-desktop")

        page.locator("#prisoner-filters a", has_text="Tver region").click()
        page.wait_for_load_state()
        self.assertIn("region=tver", page.url)
        self.assertLess(page.locator("article.card").count(), everyone)
        self.assertEqual(page.locator("article.card", has_text="Vera Obraztsova").count(), 0)
        self.check(page, "journey-list-filtered-en-desktop")

        page.locator("article.card a", has_text="Oleg Primerny").click()
        page.wait_for_load_state()
        self.assertEqual(page.locator("h1").inner_text().strip(), "Oleg Primerny")
        self.assertTrue(page.locator("address[lang='ru']").is_visible())
        self.assertIn("Anna Beispiel", page.content())
        self.check(page, "journey-profile-en-desktop")

        page.locator("#portal-languageselector a", has_text="Deutsch").click()
        page.wait_for_load_state()
        self.assertIn("/de/prisoners/", page.url)
        self.assertEqual(page.locator("html").get_attribute("lang"), "de")
        self.assertIn("Oblast Twer", page.content())
        self.check(page, "journey-profile-de-desktop")

        # No French translation yet: the reader is told so, in French, and offered the other languages.
        response = page.goto(page.locator("#portal-languageselector a", has_text="Français").get_attribute("href"))
        self.assertEqual(response.status, 404)
        self.assertEqual(page.locator("html").get_attribute("lang"), "fr")
        self.assertTrue(page.locator("a[hreflang='de']", has_text="Oleg Primerny").count() >= 1)
        save_screenshot(page, "journey-not-translated-fr-desktop")

        page.goto(f"{self.site_url}/de")
        page.locator(".coalition-footer a", has_text="Statistik").click()
        page.wait_for_load_state()
        self.assertTrue(page.locator("svg[role='img']").first.is_visible())
        self.assertIn("Oblast Twer", page.locator("table").first.inner_text() + page.content())
        self.check(page, "journey-statistics-de-desktop")

        self.assertEqual(html_errors(self.checked), [])

    def test_phone_reader_opens_the_folded_filters(self):
        page = self.layer["browser"].new_page(viewport=PHONE, locale="ru-RU")
        page.goto(f"{self.site_url}/ru/prisoners")
        filters = page.locator("#prisoner-filters")
        self.assertIsNone(filters.get_attribute("open"))
        self.check(page, "journey-list-ru-phone")
        filters.locator("summary").first.click()
        tver = filters.locator("a", has_text="Тверская область")
        if not tver.is_visible():  # less frequent regions fold under "More"
            filters.locator("details:has(a[href*='region=tver']) > summary").click()
        tver.click()
        page.wait_for_load_state()
        self.assertIn("region=tver", page.url)
        self.assertEqual(page.locator("article.card", has_text="Вера Образцова").count(), 0)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        self.assertLessEqual(overflow, 0)
        self.check(page, "journey-list-filtered-ru-phone")
        page.locator("article.card a", has_text="Олег Примерный").click()
        page.wait_for_load_state()
        self.assertEqual(page.locator("h1").inner_text().strip(), "Олег Примерный")
        self.check(page, "journey-profile-ru-phone")
        self.assertEqual(html_errors(self.checked), [])
