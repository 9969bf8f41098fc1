"""A working-group member plans an event and publishes it in English and German; a visitor finds it in both
calendars and on the prisoner's profile, registers, and confirms by the link mailed through the SMTP server."""

from datetime import datetime
from datetime import timedelta
from plone.app.multilingual.interfaces import ITranslationManager
import re
import requests
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_MAIL_BROWSER_TESTING
from tests.page_checkers import axe_violations
from tests.page_checkers import html_errors
import unittest


TITLE = "Postcards for Marta: an evening in Hamburg"
TITLE_DE = "Postkarten für Marta: ein Abend in Hamburg"
BUDGET_MARKER = "Budget-Browser-Geheim-77"


class TestEventsInTheBrowser(unittest.TestCase):
    layer = COALITION_MAIL_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.browser = self.layer["browser"]
        self.smtp = self.layer["smtp"]

    def plan_and_publish(self) -> str:
        member = self.browser.new_page()
        log_in(member, self.site_url, "alpha-member", "demo-secret")
        member.goto(f"{self.site_url}/intranet/groups/culture/++add++EventPlan")
        day = datetime.now() + timedelta(days=9)
        member.locator("#form-widgets-title").fill(TITLE)
        member.locator("#form-widgets-event_kind").select_option("letter_writing")
        member.locator("#form-widgets-event_start").fill(day.strftime("%Y-%m-%dT18:00"))
        member.locator("#form-widgets-event_end").fill(day.strftime("%Y-%m-%dT21:00"))
        member.locator("#form-widgets-timezone").select_option("Europe/Berlin")
        member.locator("#form-widgets-venue").fill("Stadtteilzentrum, Musterweg 5")
        member.locator("#form-widgets-city").fill("Hamburg")
        member.locator("#form-widgets-country").select_option("DE")
        member.locator("#formfield-form-widgets-organisers input[value=alpha]").check()
        prisoners = member.locator("#formfield-form-widgets-prisoners input[type=checkbox]")
        prisoners.first.check()
        self.prisoner = member.locator(f"label[for='{prisoners.first.get_attribute('id')}']").inner_text().strip()
        member.locator("#form-widgets-capacity").fill("12")
        save_screenshot(member, "event-plan-add-form-desktop")
        member.locator("nav.autotoc-nav a", has_text="Planning").click()
        member.locator("#form-widgets-budget").fill(f"Stamps 40 EUR {BUDGET_MARKER}")
        member.locator("#form-widgets-tasks").fill("Arkady: stamps\nAnna: postcards")
        member.locator("button[name='form.buttons.save']").click()
        member.wait_for_load_state()
        self.assertIn("What becomes public", member.content())
        self.assertIn("Not public", member.content())
        save_screenshot(member, "event-plan-desktop")

        member.get_by_role("link", name="Publication…").click()
        member.wait_for_load_state()
        self.assertIn("Exactly this becomes public", member.content())
        self.assertNotIn(BUDGET_MARKER, member.locator("#publish-preview-heading").locator("..").inner_text())
        member.locator("#title_de").fill(TITLE_DE)
        member.locator("#text_de").fill("Wir schreiben Postkarten.")
        save_screenshot(member, "event-publish-desktop")
        member.locator("button[name='form.buttons.publish']").click()
        member.wait_for_load_state()
        self.assertIn("Published:", member.content())
        self.assertIn("Public", member.locator("#plan-publication-heading").locator("..").inner_text())
        return member.locator("#plan-publication-heading ~ p a").first.get_attribute("href")

    def test_member_publishes_visitor_finds_registers_and_confirms(self):
        event_url = self.plan_and_publish()

        visitor = self.browser.new_page()
        visitor.goto(f"{self.site_url}/en/events")
        self.assertIn(TITLE, visitor.content())
        self.assertNotIn(BUDGET_MARKER, visitor.content())
        save_screenshot(visitor, "events-calendar-en-desktop")
        visitor.goto(f"{self.site_url}/de/events")
        self.assertIn(TITLE_DE, visitor.content())
        save_screenshot(visitor, "events-calendar-de-desktop")
        phone = self.browser.new_page(viewport=PHONE)
        phone.goto(f"{self.site_url}/en/events")
        save_screenshot(phone, "events-calendar-en-phone")

        visitor.goto(f"{self.site_url}/en/prisoners")
        visitor.get_by_role("link", name=self.prisoner).first.click()
        visitor.wait_for_load_state()
        self.assertIn(TITLE, visitor.locator(".coalition-prisoner-events").inner_text())

        visitor.goto(event_url)
        self.assertIn("12 of 12 places are free", visitor.content())
        self.assertIn("Hamburg", visitor.content())
        save_screenshot(visitor, "event-page-desktop")
        phone.goto(event_url)
        save_screenshot(phone, "event-page-phone")
        visitor.get_by_label("Your name").fill("Vera Visitor")
        visitor.get_by_label("E-mail").fill("vera.visitor@example.org")
        visitor.get_by_label("Number of people").fill("2")
        visitor.get_by_role("button", name="Register").click()
        visitor.wait_for_load_state()
        self.assertIn("We sent you an e-mail", visitor.content())

        self.smtp.wait_for(1)
        (mail,) = self.smtp.messages_to("vera.visitor@example.org")
        # See tests/events/test_registration.link: a dot doubled by SMTP dot stuffing is undone.
        confirm_url = re.search(
            r"(http\S+@@event-registration-confirm\?token=\S+)", mail.body.replace("..", ".")
        ).group(1)
        visitor.goto(confirm_url)
        visitor.get_by_role("button", name="Confirm my registration").click()
        visitor.wait_for_load_state()
        self.assertIn("Your place is confirmed", visitor.content())
        save_screenshot(visitor, "event-registration-confirmed-desktop")
        visitor.goto(event_url)
        self.assertIn("10 of 12 places are free", visitor.content())

    def translation_url(self, event_id: str, language: str) -> str:
        english = self.layer["portal"]["en"]["events"][event_id]
        translation = ITranslationManager(english).get_translation(language)
        return f"{self.site_url}/{language}/events/{translation.getId()}"

    def test_public_event_pages_are_accessible_and_valid_on_desktop_and_phone(self):
        pages = {
            "calendar-en": f"{self.site_url}/en/events",
            "calendar-de-past": f"{self.site_url}/de/events?show=past",
            "calendar-en-past": f"{self.site_url}/en/events?show=past",
            "event-en": f"{self.site_url}/en/events/letter-writing-evening-on-human-rights-day",
            "event-ru": self.translation_url("letter-writing-evening-on-human-rights-day", "ru"),
            "report-en": f"{self.site_url}/en/events/songs-from-behind-bars-a-solidarity-concert",
        }
        documents = {}
        for name, url in pages.items():
            response = requests.get(url, timeout=30)
            self.assertEqual(response.status_code, 200, url)
            documents[name] = response.text
            for size, viewport in (("desktop", None), ("phone", PHONE)):
                page = self.browser.new_page(**({"viewport": viewport} if viewport else {}))
                page.goto(url)
                self.assertEqual(axe_violations(page), [], f"{name} {size}")
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                self.assertLessEqual(overflow, 0, f"{name} {size}")
        save_screenshot(page, "event-report-phone")
        self.assertEqual(html_errors(documents), [])
