"""A member opens a case file in the browser, sees what is missing for a nomination, nominates it; the list
commission then reads the facts without the confidential fields."""

from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
import unittest


class TestCaseFileInTheBrowser(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.browser = self.layer["browser"]

    def test_member_opens_completes_and_nominates_a_case_commission_reads_facts_only(self):
        member = self.browser.new_page()
        log_in(member, self.site_url, "alpha-member", "demo-secret")
        member.goto(f"{self.site_url}/intranet/cases/++add++CaseFile")
        member.get_by_label("Full name (Russian)").fill("Пётр Примеров")
        member.get_by_label("Full name (Latin transliteration)").fill("Pyotr Primerov")
        member.locator("#form-widgets-region").select_option("perm")
        member.locator("#form-widgets-nominating_organisation").select_option("alpha")
        # Confidential fields need the confidential permission on the case itself: they appear once it exists.
        self.assertEqual(member.locator("nav.autotoc-nav a", has_text="Confidential").count(), 0)
        save_screenshot(member, "case-add-form-desktop")
        member.locator("button[name='form.buttons.save']").click()
        member.wait_for_load_state()
        self.assertRegex(member.url, r"/intranet/cases/case-[0-9a-f]{8}")
        case_url = member.url.split("/view")[0]
        checklist = member.locator(".coalition-nomination-checklist")
        self.assertIn("cannot be nominated yet", checklist.inner_text())
        self.assertIn("Criminal Code articles", checklist.inner_text())
        save_screenshot(member, "case-draft-checklist-desktop")

        member.goto(f"{case_url}/edit")
        member.locator("nav.autotoc-nav a", has_text="Case").first.click()
        member.get_by_label("207.3 – 'fakes' about the armed forces").check()
        member.get_by_label("Date of detention").fill("2024-03-01")
        member.locator("#form-widgets-status").select_option("pre_trial_custody")
        member.locator("nav.autotoc-nav a", has_text="Narrative").click()
        # The narrative is rich text (TinyMCE edits it in an iframe).
        member.frame_locator("#formfield-form-widgets-narrative iframe").locator("body").fill(
            "Detained after an anti-war post."
        )
        member.locator("nav.autotoc-nav a", has_text="Confidential").click()
        member.get_by_label("Lawyers and their contacts").fill("Advocate Sidorova, +7 903 555-44-33")
        save_screenshot(member, "case-edit-confidential-desktop")
        member.locator("button[name='form.buttons.save']").click()
        member.wait_for_load_state()
        self.assertIn("can be nominated", member.locator(".coalition-nomination-checklist").inner_text())
        member.locator("#plone-contentmenu-workflow > a").click()
        member.locator("#workflow-transition-nominate").click()
        member.wait_for_load_state()
        self.assertIn("Nominated", member.locator("#plone-contentmenu-workflow").inner_text())
        self.assertEqual(member.locator(".coalition-nomination-checklist").count(), 0)

        commission = self.browser.new_page(viewport=PHONE)
        log_in(commission, self.site_url, "commission", "demo-secret")
        commission.goto(case_url)
        content = commission.content()
        self.assertTrue("Pyotr Primerov" in content, "the list commission cannot read the nominated case")
        self.assertFalse("Sidorova" in content, "the list commission reads a confidential field")
        save_screenshot(commission, "case-commission-view-phone")
