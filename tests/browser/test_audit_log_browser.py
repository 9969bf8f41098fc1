"""A coordinator filters the audit log by keyboard and downloads the result as CSV; on a phone the table
scrolls inside its own box."""

from coalition.intranet.security import audit
import csv
import io
import requests
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.cases.case_helpers import create_case
from tests.coalition_layers import COALITION_BROWSER_TESTING
import transaction
import unittest


CASE_NAME = "Vsevolod Nezrimov"


class TestCoordinatorReadsTheAuditLog(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.session = self.layer["browser"]
        portal = self.layer["portal"]
        alpha = portal["intranet"]["organisations"]["alpha"]
        self.case = create_case(portal, full_name_latin=CASE_NAME, full_name="Всеволод Незримов")
        audit.record("roster.added", alpha, actor="alpha-admin", principal="beta-member", role="WorkspaceGuest")
        audit.record("case.access_granted", self.case, actor="alpha-admin", principal="beta-admin", level="facts")
        transaction.commit()
        # A failed login and a page view of the case, over HTTP like anybody's.
        requests.post(
            f"{self.site_url}/login",
            data={"__ac_name": "beta-member", "__ac_password": "not-it-at-all", "buttons.login": "Log in"},
            timeout=30,
        )
        requests.get(
            f"{self.site_url}/intranet/cases/{self.case.getId()}", auth=("alpha-member", "demo-secret"), timeout=30
        )

    def test_coordinator_filters_and_downloads_the_csv(self):
        page = self.session.new_page()
        log_in(page, self.site_url, "coordinator", "demo-secret")
        page.goto(f"{self.site_url}/intranet/@@audit-log")
        self.assertTrue(page.get_by_role("heading", name="Audit log").is_visible())
        self.assertGreater(page.locator("#audit-log-table tbody tr").count(), 3)
        self.assertEqual(page.locator("#audit-log-table").inner_text().count(CASE_NAME), 0)

        # Keyboard only: the kind, then the person, then Enter.
        page.get_by_label("Kind of action").focus()
        page.keyboard.press("Tab")
        self.assertEqual(page.evaluate("document.activeElement.id"), "audit-person")
        page.get_by_label("Kind of action").select_option("logins")
        page.get_by_label("Person").fill("beta-member")
        page.get_by_label("Person").press("Enter")
        page.wait_for_load_state()
        self.assertIn("kind=logins", page.url)
        rows = page.locator("#audit-log-table tbody tr")
        self.assertEqual(rows.count(), 1)
        self.assertIn("Failed login", rows.first.inner_text())
        self.assertIn("Login form", rows.first.inner_text())
        self.assertEqual(page.get_by_label("Kind of action").input_value(), "logins")
        save_screenshot(page, "audit-log-filtered-desktop")

        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download these entries as CSV").click()
        download = download_info.value
        self.assertTrue(download.suggested_filename.startswith("audit-log-"))
        data = open(download.path(), "rb").read()  # noqa: SIM115 (Playwright's temporary file)
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"))
        table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        self.assertEqual(table[0][:4], ["When (UTC)", "Kind", "What happened", "Action id"])
        self.assertEqual([row[3] for row in table[1:]], ["login.failed"])

        # The download is an act of its own: first in the log.
        page.goto(f"{self.site_url}/intranet/@@audit-log")
        first = page.locator("#audit-log-table tbody tr").first.inner_text()
        self.assertIn("Audit log exported as CSV", first)

        page.goto(f"{self.site_url}/intranet/@@audit-log?kind=roster&person=nobody-of-that-name")
        self.assertTrue(page.get_by_text("No entry matches these filters.").is_visible())
        save_screenshot(page, "audit-log-no-match-desktop")

    def test_on_a_phone_the_table_scrolls_in_its_own_box(self):
        page = self.session.new_page(viewport=PHONE)
        log_in(page, self.site_url, "coordinator", "demo-secret")
        page.goto(f"{self.site_url}/intranet/@@audit-log")
        box = page.locator(".coalition-audit-log-table")
        self.assertGreater(box.evaluate("element => element.scrollWidth"), box.evaluate("el => el.clientWidth"))
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])
        self.assertIn(f"Case file {self.case.getId()}", box.inner_text())
        self.assertNotIn(CASE_NAME, page.content())
        save_screenshot(page, "audit-log-phone")
