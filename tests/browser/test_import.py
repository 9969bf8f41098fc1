"""A coordinator uploads an organisation's list (CSV), reads the dry-run report, confirms, reads the summary;
a list with a mistake is shown row by row and nothing is offered for import."""

import pathlib
from plone import api
import tempfile
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
from tests.imports.import_helpers import csv_bytes
from tests.imports.import_helpers import imported_cases
from tests.imports.import_helpers import person
import transaction
import unittest


class TestImportInTheBrowser(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://localhost:{self.layer['port']}/plone"
        self.browser = self.layer["browser"]
        self.folder = pathlib.Path(tempfile.mkdtemp())

    def write(self, name, rows, **options):
        path = self.folder / name
        path.write_bytes(csv_bytes(rows, **options))
        return str(path)

    def test_coordinator_checks_confirms_and_reads_the_summary(self):
        rows = [person(1), person(2, region="Saint Petersburg", articles="207.3|280.3"), person(3)]
        path = self.write("beta-list.csv", rows, encoding="cp1251", delimiter=";")
        page = self.browser.new_page()
        log_in(page, self.site_url, "coordinator", "demo-secret")
        page.goto(f"{self.site_url}/intranet/cases/@@import-cases")
        page.get_by_label("Organisation whose list this is").select_option("beta")
        page.get_by_label("List of case files (CSV or XLSX)").set_input_files(path)
        save_screenshot(page, "import-form-desktop")
        page.get_by_role("button", name="Check the file").click()
        page.wait_for_load_state()
        self.assertIn("Nothing has changed yet", page.locator(".alert-info").inner_text())
        self.assertEqual(page.locator('#import-summary [data-outcome="created"]').inner_text().strip(), "3")
        save_screenshot(page, "import-dry-run-desktop")
        transaction.abort()
        self.assertEqual(imported_cases("beta"), {})

        page.get_by_role("button", name="Import now").click()
        page.wait_for_load_state()
        self.assertIn("was imported", page.locator(".alert-success").inner_text())
        self.assertEqual(page.locator('#import-summary [data-outcome="created"]').inner_text().strip(), "3")
        with page.expect_download() as download:
            page.get_by_role("link", name="Download the report (CSV)").click()
        report = pathlib.Path(download.value.path()).read_text(encoding="utf-8-sig")
        self.assertIn("X-00002,beta,created", report)
        save_screenshot(page, "import-done-desktop")
        transaction.abort()
        cases = imported_cases("beta")
        self.assertEqual(sorted(cases), ["X-00001", "X-00002", "X-00003"])
        self.assertEqual(cases["X-00002"].region, "saint_petersburg")
        self.assertEqual(api.content.get_state(cases["X-00002"]), "draft")

    def test_organisation_admin_on_a_phone_sees_each_problem(self):
        rows = [person(1), person(2, date_of_detention="31.02.2024", region="Atlantis"), person(1)]
        path = self.write("alpha-list.csv", rows)
        page = self.browser.new_page(viewport=PHONE)
        log_in(page, self.site_url, "alpha-admin", "demo-secret")
        page.goto(f"{self.site_url}/intranet/cases/@@import-cases")
        self.assertEqual(page.get_by_label("Organisation whose list this is").locator("option").count(), 1)
        page.get_by_label("List of case files (CSV or XLSX)").set_input_files(path)
        save_screenshot(page, "import-form-phone")
        page.get_by_role("button", name="Check the file").click()
        page.wait_for_load_state()
        problems = page.locator("#import-problems tbody tr")
        self.assertEqual(problems.count(), 3)
        text = page.locator("#import-problems").inner_text()
        self.assertIn("date_of_detention", text)
        self.assertIn("Atlantis", text)
        self.assertIn("already used in row 2", text)
        self.assertEqual(page.get_by_role("button", name="Import now").count(), 0)
        # Nothing wider than the screen.
        width = page.evaluate("document.documentElement.scrollWidth")
        self.assertLessEqual(width, PHONE["width"])
        save_screenshot(page, "import-problems-phone")
        transaction.abort()
        self.assertEqual(imported_cases(), {})
