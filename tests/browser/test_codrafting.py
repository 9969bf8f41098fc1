"""Co-drafting in the browser: alpha-member drafts, beta-member comments, alpha-member replies, resolves
the thread and compares the first with the latest version."""

from plone import api
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
import transaction
import unittest


PASSWORD = "demo-secret"


def fill_rich_text(page, text):
    """Type into TinyMCE's editing area (an iframe) as a person would."""
    body = page.frame_locator("iframe.tox-edit-area__iframe").locator("body")
    body.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


class TestCoDrafting(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.session = self.layer["browser"]
        self.portal = self.layer["portal"]
        transaction.commit()

    def test_draft_comment_reply_resolve_and_diff(self):
        alpha = self.session.new_page()
        log_in(alpha, self.site_url, "alpha-member", PASSWORD)
        alpha.goto(f"{self.site_url}/intranet/groups/definition/++add++WorkingDocument")
        alpha.get_by_label("Title").fill("Definition of a political prisoner")
        fill_rich_text(alpha, "A person deprived of liberty for political reasons.")
        alpha.locator("button[name='form.buttons.save']").click()
        alpha.wait_for_load_state()
        document_url = f"{self.site_url}/intranet/groups/definition/definition-of-a-political-prisoner"
        self.assertTrue(alpha.url.startswith(document_url), alpha.url)

        alpha.goto(f"{document_url}/edit")
        fill_rich_text(alpha, "A person deprived of liberty, pre-trial custody and house arrest included.")
        alpha.locator("button[name='form.buttons.save']").click()
        alpha.wait_for_load_state()
        self.assertTrue(alpha.get_by_text("house arrest included").first.is_visible())

        beta = self.session.new_page()
        log_in(beta, self.site_url, "beta-member", PASSWORD)
        # While alpha-member edits, beta-member sees who holds the lock and since when.
        alpha.goto(f"{document_url}/edit")
        beta.goto(document_url)
        notice = beta.locator("#coalition-lock-status")
        self.assertIn("is editing this document since", notice.inner_text())
        self.assertIn(api.user.get(userid="alpha-member").getProperty("fullname"), notice.inner_text())
        save_screenshot(beta, "codrafting-locked-desktop")
        alpha.locator("button[name='form.buttons.cancel']").click()
        alpha.wait_for_load_state()
        beta.goto(document_url)
        self.assertEqual(beta.locator("#coalition-lock-status").count(), 0)
        beta.locator("#commenting textarea[name='form.widgets.text']").fill("Does criterion 3 cover exile?")
        beta.locator("#commenting button[name='form.buttons.comment']").click()
        beta.wait_for_load_state()
        self.assertTrue(beta.get_by_text("Does criterion 3 cover exile?").is_visible())

        alpha.goto(document_url)
        thread = alpha.locator(".coalition-thread").first
        thread.get_by_role("button", name="Reply").click()
        reply_form = thread.locator("form").filter(has=alpha.locator("textarea")).first
        reply_form.locator("textarea").fill("Not yet: I will add a sentence.")
        reply_form.locator("button[name='form.buttons.comment']").click()
        alpha.wait_for_load_state()
        alpha.goto(document_url)
        self.assertTrue(alpha.get_by_text("Not yet: I will add a sentence.").is_visible())
        save_screenshot(alpha, "codrafting-thread-open-desktop")

        alpha.get_by_role("button", name="Mark thread resolved").click()
        alpha.wait_for_load_state()
        self.assertTrue(alpha.get_by_text("The thread is resolved.").is_visible())
        resolved = alpha.locator(".coalition-thread.resolved")
        self.assertEqual(resolved.count(), 1)
        # Collapsed: the summary names who resolved it, the comments are hidden until opened.
        self.assertIn("Resolved by", resolved.locator("summary").inner_text())
        self.assertFalse(alpha.get_by_text("Does criterion 3 cover exile?").is_visible())
        resolved.locator("summary").click()
        self.assertTrue(alpha.get_by_text("Does criterion 3 cover exile?").is_visible())
        save_screenshot(alpha, "codrafting-thread-resolved-desktop")

        alpha.get_by_role("link", name="Version history").click()
        alpha.wait_for_load_state()
        self.assertTrue(alpha.get_by_role("button", name="Revert to this revision").first.is_visible())
        save_screenshot(alpha, "codrafting-history-desktop")
        alpha.goto(document_url)
        alpha.get_by_role("link", name="Compare the first version with the current text").click()
        alpha.wait_for_load_state()
        inline = alpha.locator(".inline-diff").last
        self.assertIn("house arrest", inline.locator(".insert").first.inner_text() + inline.inner_text())
        self.assertTrue(inline.locator(".delete").count() + inline.locator(".insert").count() > 0)
        save_screenshot(alpha, "codrafting-diff-desktop")

        alpha.set_viewport_size(PHONE)
        alpha.goto(document_url)
        save_screenshot(alpha, "codrafting-document-phone")
        alpha.goto(f"{document_url}/@@history?one=current&two=0")
        save_screenshot(alpha, "codrafting-diff-phone")


class TestConflictInTheBrowser(unittest.TestCase):
    """Two people in two browsers save the same document: the second gets the conflict, keeps the text."""

    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.session = self.layer["browser"]
        self.portal = self.layer["portal"]
        # Without the edit lock both can open the form at once (as after a lock was taken over).
        api.portal.set_registry_record("plone.lock_on_ttw_edit", False)
        with api.env.adopt_user(username="alpha-member"):
            api.content.create(
                container=self.portal["intranet"]["groups"]["definition"],
                type="WorkingDocument",
                id="draft",
                title="Draft definition",
            )
        transaction.commit()
        self.url = f"{self.site_url}/intranet/groups/definition/draft"

    def test_second_save_is_refused_and_the_text_stays_in_the_form(self):
        alpha = self.session.new_page()
        log_in(alpha, self.site_url, "alpha-member", PASSWORD)
        beta = self.session.new_page()
        log_in(beta, self.site_url, "beta-member", PASSWORD)
        alpha.goto(f"{self.url}/edit")
        beta.goto(f"{self.url}/edit")

        fill_rich_text(beta, "Beta's wording of criterion 1.")
        beta.locator("button[name='form.buttons.save']").click()
        beta.wait_for_load_state()

        fill_rich_text(alpha, "Alpha's careful rewording of criterion 1.")
        alpha.locator("button[name='form.buttons.save']").click()
        alpha.wait_for_load_state()
        beta_name = api.user.get(userid="beta-member").getProperty("fullname")
        message = alpha.locator(".alert, .portalMessage").filter(has_text="Not saved").first
        self.assertIn(beta_name, message.inner_text())
        body = alpha.frame_locator("iframe.tox-edit-area__iframe").locator("body")
        self.assertIn("Alpha's careful rewording", body.inner_text())
        save_screenshot(alpha, "codrafting-conflict-desktop")
        alpha.set_viewport_size(PHONE)
        save_screenshot(alpha, "codrafting-conflict-phone")

        transaction.begin()
        text = self.portal["intranet"]["groups"]["definition"]["draft"].text.raw
        self.assertIn("Beta's wording", text)
        self.assertNotIn("Alpha's", text)
