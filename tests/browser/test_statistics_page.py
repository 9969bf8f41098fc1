"""The statistics page in a real browser, on a desktop and a phone: WCAG 2.1 AA (axe-core) and valid HTML."""

from datetime import date
from datetime import timedelta
import requests
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
from tests.page_checkers import axe_violations
from tests.page_checkers import html_errors
from tests.public.profile_fixtures import make_profile
import transaction
import unittest


class TestStatisticsPage(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        today = date.today()
        regions = ["moscow", "tver", "khanty_mansi", "saint_petersburg", "kaliningrad", "bashkortostan"]
        for number, region in enumerate(regions * 3):
            make_profile(
                f"Statistik Person {number}",
                translations={"de": f"Statistik Mensch {number}"} if number % 2 else None,
                status=("serving_sentence", "pre_trial_custody", "released", "house_arrest")[number % 4],
                region=region if number < 16 else None,
                articles=["207.3", "282.2"] if number % 3 else ["280.3"],
                case_categories=["anti_war"] if number % 2 else ["religious", "journalists"],
                date_of_detention=date(2018 + number % 7, 3, 1),
                date_of_birth=(today + timedelta(days=number * 4)).replace(year=1980),
                expected_release=today + timedelta(days=number * 20),
                letters_possible=bool(number % 2),
            )
        transaction.commit()

    def test_statistics_page_is_accessible_and_valid_on_desktop_and_phone(self):
        documents = {}
        for language in ("en", "de"):
            url = f"{self.site_url}/{language}/prisoners/@@statistics"
            documents[f"statistics-{language}"] = requests.get(url, timeout=30).text
            for name, viewport in (("desktop", None), ("phone", PHONE)):
                page = self.layer["browser"].new_page(**({"viewport": viewport} if viewport else {}))
                page.goto(url)
                self.assertEqual(axe_violations(page), [], f"{language} {name}")
                # Nothing wider than the phone's screen: the charts scale, the tables fit or scroll in place.
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                self.assertLessEqual(overflow, 0, f"{language} {name}")
                save_screenshot(page, f"statistics-{language}-{name}")
        self.assertEqual(html_errors(documents), [])
