"""A reader signs a campaign in German in a real browser, confirms by the link mailed through a real SMTP
server, a public editor approves the signature, and the name and the count appear on the campaign page in
German and in English. Every page on the way meets WCAG 2.1 AA (axe-core), fits a phone's screen and is
valid HTML (Nu checker)."""

from coalition.intranet.signups.guards import RATE_BOOK
import re
from tests.browser_helpers import DESKTOP
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_MAIL_BROWSER_TESTING
from tests.page_checkers import axe_violations
from tests.page_checkers import html_errors
import unittest


CAMPAIGN = "letters-for-the-new-year"
TITLE = {"de": "Briefe zum neuen Jahr", "en": "Letters for the New Year"}
NAME = "Margarete Beispielfrau"
ORGANISATION = "Theater am Beispielplatz"
EMAIL = "margarete.beispielfrau@example.org"


def count_of(page) -> int:
    """The campaign's public count of supporters, as the page shows it."""
    return int(re.search(r"\d+", page.locator(".coalition-campaign-count").inner_text()).group())


class TestCampaignJourney(unittest.TestCase):
    layer = COALITION_MAIL_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.session = self.layer["browser"]
        self.smtp = self.layer["smtp"]
        RATE_BOOK.clear()
        self.checked = {}

    def campaign_url(self, language):
        return f"{self.site_url}/{language}/campaigns/{CAMPAIGN}"

    def check(self, page, name):
        """At desktop and phone widths: axe-core, nothing wider than the screen, a screenshot; the markup (as
        this browser's user gets it) for the Nu checker."""
        for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            self.assertEqual(axe_violations(page), [], f"{name}-{width}")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            self.assertLessEqual(overflow, 0, f"{name}-{width}: {overflow}px wider than the screen")
            save_screenshot(page, f"{name}-{width}")
        page.set_viewport_size(DESKTOP)
        self.checked[name] = page.context.request.get(page.url).text()

    def test_reader_signs_in_german_confirms_by_mail_and_an_editor_approves(self):
        reader = self.session.new_page(locale="de-DE")
        reader.goto(f"{self.site_url}/de")
        reader.locator(".coalition-campaign-card a", has_text=TITLE["de"]).click()
        reader.wait_for_load_state()
        self.assertEqual(reader.url, self.campaign_url("de"))
        self.assertEqual(reader.locator("h1").inner_text().strip(), TITLE["de"])
        self.assertEqual(reader.locator("html").get_attribute("lang"), "de")
        before = count_of(reader)
        self.check(reader, "campaign-de")

        reader.locator(".coalition-campaign-status a.btn-primary").click()
        reader.wait_for_load_state()
        self.assertEqual(reader.url, f"{self.campaign_url('de')}/@@sign")
        self.check(reader, "campaign-sign-de")
        reader.fill("#sign-name", NAME)
        reader.check("#sign-role-artist")
        reader.select_option("#sign-country", "AT")
        reader.fill("#sign-organisation", ORGANISATION)
        reader.fill("#sign-email", EMAIL)
        self.assertTrue(reader.is_checked("#sign-show-name"))
        reader.locator("form.coalition-sign-form button[type='submit']").click()
        reader.wait_for_load_state()
        self.assertEqual(reader.url, f"{self.campaign_url('de')}/@@signed")
        self.check(reader, "campaign-signed-de")

        [mail] = self.smtp.wait_for(1)
        self.assertEqual(mail.envelope_to, [EMAIL])
        confirm = re.search(r"(http\S+/@@confirm-signature\?token=\S+)", mail.body).group(1)
        self.assertTrue(confirm.startswith(self.campaign_url("de")), confirm)
        reader.goto(confirm)
        self.assertEqual(reader.locator(".alert-success").count(), 0)  # opening the link confirms nothing
        self.check(reader, "campaign-confirm-de")
        reader.locator("#content form button[type='submit']").click()
        reader.wait_for_load_state()
        self.assertTrue(reader.locator(".alert-success").is_visible())
        save_screenshot(reader, "campaign-confirmed-de-desktop")

        # Confirmed, not yet moderated: neither named nor counted.
        reader.goto(self.campaign_url("de"))
        self.assertEqual(count_of(reader), before)
        self.assertNotIn(NAME, reader.content())

        editor = self.session.new_page()
        log_in(editor, self.site_url, "editor-de", "demo-secret")
        editor.goto(f"{self.campaign_url('de')}/@@supporters")
        waiting = editor.locator("section[aria-labelledby='supporters-waiting-heading']")
        row = waiting.locator("tr", has_text=NAME)
        self.assertEqual(row.count(), 1)
        self.assertIn(EMAIL, row.inner_text())  # moderators see the address, nobody else does
        self.check(editor, "campaign-supporters-de")
        row.locator("input[type='checkbox']").check()
        waiting.locator("button[value='approve']").click()
        editor.wait_for_load_state()
        self.assertEqual(
            editor.locator("section[aria-labelledby='supporters-waiting-heading'] tr", has_text=NAME).count(), 0
        )
        decided = editor.locator("section[aria-labelledby='supporters-decided-heading'] tr", has_text=NAME)
        self.assertEqual(decided.count(), 1)
        self.check(editor, "campaign-supporters-approved-de")

        # The name and the count, in German and in English (one register for all languages of a campaign).
        for language in ("de", "en"):
            reader.goto(self.campaign_url(language))
            # Campaign pages may stay 10 s in a browser's cache (rule plone.content.dynamic); a reload revalidates,
            # and the ETag changed with the approval.
            reader.reload()
            self.assertEqual(count_of(reader), before + 1, language)
            listed = reader.locator(".coalition-supporter-list li", has_text=NAME)
            self.assertEqual(listed.count(), 1, language)
            self.assertIn(ORGANISATION, listed.inner_text())
            self.assertNotIn(EMAIL, reader.content())
            self.check(reader, f"campaign-signed-by-{NAME.split()[0].lower()}-{language}")
        self.assertEqual(html_errors(self.checked), [])
