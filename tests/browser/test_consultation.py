"""Adoption end to end in a browser (issue 19): a coordinator who is not on the definition group's roster
opens a consultation, two organisations comment, the drafters answer, the coordinator opens the ballot; the
criteria change mid-vote and the ballot must be restarted; the organisations vote; the result and the
adopted definition appear in two languages. And an uploaded web page's script never runs when opened."""

from coalition.intranet.criteria import api as criteria
from coalition.intranet.demo import definition
from plone import api
from plone.namedfile.file import NamedBlobFile
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
import transaction
import unittest


PASSWORD = "demo-secret"  # noqa: S105 (the documented password of the demo cast)
PAGE = b"<html><head><title>Saved page</title></head><body><script>document.title='EXECUTED';</script></body></html>"


class TestAdoptionInTheBrowser(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.session = self.layer["browser"]
        self.portal = self.layer["portal"]
        self.document = self.portal["intranet"]["groups"]["definition"][definition.DOCUMENT_ID]
        transaction.commit()

    def page_of(self, user, viewport=None):
        page = self.session.new_page(**({"viewport": viewport} if viewport else {}))
        log_in(page, self.site_url, user, PASSWORD)
        return page

    def said(self, page, text):
        self.assertTrue(page.get_by_text(text).first.is_visible(), text)

    def comment(self, user, text, passage=""):
        page = self.page_of(user)
        page.goto(self.consultation_url)
        if passage:
            page.get_by_label("Passage you comment on").fill(passage)
        page.get_by_label("Comment", exact=True).fill(text)
        page.get_by_role("button", name="Add the comment").click()
        page.wait_for_load_state()
        self.said(page, "Your organisation's comment has been added.")
        return page

    def vote(self, user, organisation, ballot_url):
        page = self.page_of(user)
        page.goto(ballot_url)
        page.check(f"#vote-{organisation}-approve")
        page.click("button[name='form.buttons.vote']")
        page.wait_for_load_state()
        self.said(page, "Your organisation's vote has been recorded.")

    def test_consultation_ballot_restart_and_adoption(self):
        coordinator = self.page_of("coordinator")
        coordinator.goto(f"{self.site_url}/@@ballots")
        row = coordinator.locator("#ballots-documents tr", has_text=self.document.Title())
        row.get_by_role("link", name="Consultation").click()
        coordinator.wait_for_load_state()
        self.consultation_url = coordinator.url
        coordinator.get_by_role("button", name="Open the consultation").click()
        coordinator.wait_for_load_state()
        self.said(coordinator, "The consultation is open to every member organisation.")
        save_screenshot(coordinator, "consultation-open-desktop")

        self.comment("alpha-member", "Please name the courts.", "deprived of liberty")
        beta = self.comment("beta-member", "Agreed, with a note on exile.")
        self.assertIn("Please name the courts.", beta.locator("#consultation-comments").inner_text())
        save_screenshot(beta, "consultation-comments-desktop")
        phone = self.page_of("beta-admin", PHONE)
        phone.goto(self.consultation_url)
        save_screenshot(phone, "consultation-comments-phone")

        # The deadline passes; the drafters answer each comment.
        transaction.begin()
        from coalition.intranet.drafting import consultation as consultations
        from datetime import datetime
        from datetime import timedelta
        from datetime import UTC

        consultations.current(self.document).deadline = datetime.now(UTC) - timedelta(minutes=1)
        transaction.commit()
        drafter = self.page_of("alpha-admin")
        drafter.goto(self.consultation_url)
        self.said(drafter, "Closed at its deadline")
        drafter.select_option("#answer-kind-1", "changed")
        drafter.fill("#answer-reason-1", "The courts are now named in C2.")
        drafter.locator("#consultation-comment-1 button[name='form.buttons.answer']").click()
        drafter.wait_for_load_state()
        drafter.select_option("#answer-kind-2", "declined")
        drafter.locator("#consultation-comment-2 button[name='form.buttons.answer']").click()
        drafter.wait_for_load_state()
        self.said(drafter, "Give the reason why the comment is declined.")
        drafter.fill("#answer-reason-2", "Exile is outside the scope (S1).")
        drafter.locator("#consultation-comment-2 button[name='form.buttons.answer']").click()
        drafter.wait_for_load_state()
        save_screenshot(drafter, "consultation-answered-desktop")

        coordinator.goto(self.consultation_url)
        coordinator.get_by_role("link", name="Start the ballot on the revised version").click()
        coordinator.wait_for_load_state()
        coordinator.fill("#ballot-title", "Third reading of the definition")
        coordinator.fill("#ballot-question", "Do you adopt the definition after the consultation?")
        coordinator.select_option("#ballot-quorum", "1/2")
        coordinator.click("button[name='form.buttons.start']")
        coordinator.wait_for_load_state()
        ballot_url = coordinator.url
        self.assertIn("Exile is outside the scope", coordinator.locator("#ballot-consultation-record").inner_text())
        self.assertTrue(coordinator.locator("#ballot-criteria").get_by_text("C1").first.is_visible())

        # A drafter edits the criteria during the vote: flagged, and the ballot cannot close.
        transaction.begin()
        criteria_set = self.document["criteria"]
        edited = criteria.items(criteria_set)
        edited[1]["title"]["en"] = "Fundamental freedoms and courts"
        with api.env.adopt_user(username="alpha-member"):
            criteria.set_items(criteria_set, edited)
        transaction.commit()
        coordinator.goto(ballot_url)
        self.assertIn("criteria of the definition were edited", coordinator.locator("#ballot-changes").inner_text())
        save_screenshot(coordinator, "ballot-changed-desktop")
        coordinator.click("button[name='form.buttons.close']")
        coordinator.wait_for_load_state()
        self.said(coordinator, "What is voted on changed after the ballot opened.")
        coordinator.click("button[name='form.buttons.restart']")
        coordinator.wait_for_load_state()
        ballot_url = coordinator.url
        self.assertEqual(coordinator.locator("#ballot-text-changed").count(), 0)

        self.vote("alpha-admin", "alpha", ballot_url)
        self.vote("beta-admin", "beta", ballot_url)
        coordinator.goto(ballot_url)
        coordinator.click("button[name='form.buttons.close']")
        coordinator.wait_for_load_state()
        self.assertEqual(coordinator.locator("#ballot-outcome").inner_text().strip(), "Adopted")
        save_screenshot(coordinator, "ballot-adopted-desktop")
        member = self.page_of("beta-member", PHONE)
        member.goto(ballot_url)
        self.assertIn(
            api.user.get(userid="alpha-admin").getProperty("fullname"), member.locator("#ballot-votes").inner_text()
        )
        save_screenshot(member, "ballot-adopted-phone")

        coordinator.goto(f"{self.site_url}/en/definition")
        coordinator.click("button[name='form.buttons.publish']")
        coordinator.wait_for_load_state()
        for language, heading in (("en", "Fundamental freedoms and courts"), ("de", "Grundfreiheiten")):
            reader = self.session.new_page()
            reader.goto(f"{self.site_url}/{language}/definition")
            self.assertIn("2", reader.locator("#definition-version").inner_text())
            self.assertTrue(reader.get_by_text(heading).first.is_visible())
            save_screenshot(reader, f"adopted-definition-{language}-desktop")

    def test_an_uploaded_web_page_never_runs(self):
        workspace = self.portal["intranet"]["organisations"]["alpha"]
        with api.env.adopt_user(username="alpha-member"):
            item = api.content.create(
                container=workspace,
                type="File",
                id="saved-page.html",
                title="Saved page",
                file=NamedBlobFile(PAGE, contentType="text/html", filename="saved-page.html"),
            )
        transaction.commit()
        page = self.page_of("alpha-member")
        page.goto(item.absolute_url() + "/view")
        title = page.title()
        save_screenshot(page, "file-html-evidence-desktop")
        for route in ("@@display-file/file", "@@download/file"):
            with page.expect_download() as download:
                page.evaluate("url => { window.location.href = url; }", f"{item.absolute_url()}/{route}")
            self.assertEqual(download.value.suggested_filename, "saved-page.html")
            page.wait_for_timeout(300)
            self.assertEqual(page.title(), title)
            self.assertNotEqual(page.title(), "EXECUTED")
        # Even framed by the site itself, the sandbox keeps the script from running.
        page.set_content(f'<iframe id="frame" src="{item.absolute_url()}/@@display-file/file"></iframe>')
        page.wait_for_timeout(500)
        for frame in page.frames:
            try:
                self.assertNotEqual(frame.title(), "EXECUTED")
            except Exception as error:  # a frame that was never rendered (the download) has no title
                self.assertNotIn("EXECUTED", str(error))
