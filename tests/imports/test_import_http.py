"""The import over HTTP: the upload form (dry run, confirm, report), who may use it, and ``make import``'s
route (``@@import-cases-run`` with the job secret, driven by scripts/import_cases.py)."""

import os
import pathlib
from plone import api
import re
import requests
import subprocess
import sys
import tempfile
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.imports.import_helpers import csv_bytes
from tests.imports.import_helpers import imported_cases
from tests.imports.import_helpers import person
import transaction
import unittest


PASSWORD = "demo-secret"  # noqa: S105 (the demo cast's password)
MARKER = "Markerova Sekretnaya"
REPOSITORY = pathlib.Path(__file__).parents[2]


def authenticator(html):
    for tag in re.findall(r"<input[^>]*>", html):
        if 'name="_authenticator"' in tag:
            return re.search(r'value="([^"]+)"', tag).group(1)
    raise AssertionError("no _authenticator on the page")


def token_of(html):
    match = re.search(r'<input[^>]*name="token"[^>]*>', html)
    return re.search(r'value="([^"]+)"', match.group(0)).group(1) if match else None


class ImportOverHttp(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.form_url = f"{self.site_url}/intranet/cases/@@import-cases"

    def session(self, user):
        session = requests.Session()
        session.auth = (user, PASSWORD)
        return session

    def upload(self, user, data, organisation="alpha", filename="list.csv", session=None):
        session = session or self.session(user)
        page = session.get(self.form_url, timeout=30)
        self.assertEqual(page.status_code, 200, page.text[:300])
        form = {"_authenticator": authenticator(page.text), "organisation": organisation, "check": "1"}
        files = {"file": (filename, data, "text/csv")}
        return session, session.post(self.form_url, data=form, files=files, timeout=60)

    def confirm(self, session, page):
        form = {"_authenticator": authenticator(page.text), "token": token_of(page.text), "confirm": "1"}
        return session.post(self.form_url, data=form, timeout=60)

    def sync(self):
        transaction.abort()  # see what the server committed

    def test_coordinator_checks_then_confirms(self):
        data = csv_bytes([person(1, full_name_latin=MARKER), person(2)])
        session, checked = self.upload("coordinator", data)
        self.assertEqual(checked.status_code, 200)
        self.assertIn('id="import-summary"', checked.text)
        self.assertIsNotNone(token_of(checked.text))
        self.sync()
        self.assertEqual(imported_cases(), {})
        report = session.get(f"{self.site_url}/intranet/cases/@@import-cases-report?token={token_of(checked.text)}")
        self.assertEqual(report.status_code, 200)
        self.assertIn("X-00001,alpha,created", report.content.decode("utf-8-sig"))
        # Someone else cannot fetch this report, nor confirm this upload.
        other = self.session("alpha-admin")
        self.assertEqual(
            other.get(
                f"{self.site_url}/intranet/cases/@@import-cases-report?token={token_of(checked.text)}", timeout=30
            ).status_code,
            404,
        )
        done = self.confirm(session, checked)
        self.assertEqual(done.status_code, 200)
        self.assertIn('data-outcome="created">2<', done.text.replace('"\n', '"').replace(" ", ""))
        self.sync()
        self.assertEqual(sorted(imported_cases()), ["X-00001", "X-00002"])
        # A second confirmation of the same upload imports nothing more.
        again = self.confirm(session, checked)
        self.assertIn("no longer available", again.text)

    def test_problems_are_shown_and_nothing_is_offered(self):
        data = csv_bytes([person(1), person(2, region="Atlantis")])
        _session, checked = self.upload("alpha-admin", data)
        self.assertIn('id="import-problems"', checked.text)
        self.assertIn("Atlantis", checked.text)
        self.assertIsNone(token_of(checked.text))

    def test_members_and_strangers_cannot_import(self):
        # Plone answers a refusal with its "insufficient privileges" or login page: never the form.
        for session in (self.session("alpha-member"), self.session("beta-member"), requests.Session()):
            response = session.get(self.form_url, timeout=30)
            self.assertNotIn('name="file"', response.text)
            self.assertNotIn('id="import-organisation"', response.text)
            page = self.session("alpha-admin").get(self.form_url, timeout=30)
            form = {"_authenticator": authenticator(page.text), "organisation": "alpha", "check": "1"}
            response = session.post(self.form_url, data=form, files={"file": ("a.csv", csv_bytes([person(1)]))})
            self.assertNotIn('id="import-summary"', response.text)
        self.sync()
        self.assertEqual(imported_cases(), {})

    def test_organisation_admin_imports_only_into_their_own(self):
        page = self.session("alpha-admin").get(self.form_url, timeout=30)
        self.assertIn('value="alpha"', page.text)
        self.assertNotIn('value="beta"', page.text)
        # Forcing the other organisation in the form, or in the rows, is refused.
        _session, checked = self.upload("alpha-admin", csv_bytes([person(1)]), organisation="beta")
        self.assertIn("Choose the organisation", checked.text)
        rows = [dict(person(1), organisation="beta")]
        _session, checked = self.upload("alpha-admin", csv_bytes(rows))
        self.assertIn('id="import-problems"', checked.text)
        self.sync()
        self.assertEqual(imported_cases("beta"), {})

    def test_another_organisation_neither_reads_nor_overwrites(self):
        session, checked = self.upload("alpha-admin", csv_bytes([person(1, full_name_latin=MARKER)]))
        self.confirm(session, checked)
        self.sync()
        alpha_case = imported_cases()["X-00001"]
        case_url = alpha_case.absolute_url().replace("http://nohost/plone", self.site_url)
        for user in ("beta-admin", "beta-member"):
            response = self.session(user).get(case_url, timeout=30)
            self.assertNotIn(MARKER, response.text)
            self.assertNotIn("X-00001", response.text)
        # The same external id in Beta's list is Beta's own case; Alpha's stays as it was.
        session, checked = self.upload("beta-admin", csv_bytes([person(1, full_name_latin="Beta Person")]), "beta")
        self.assertNotIn(MARKER, checked.text)
        self.confirm(session, checked)
        self.sync()
        self.assertEqual(imported_cases()["X-00001"].full_name_latin, MARKER)
        self.assertEqual(imported_cases("beta")["X-00001"].full_name_latin, "Beta Person")

    def test_export_only_of_ones_own_organisation(self):
        session, checked = self.upload("alpha-admin", csv_bytes([person(1, full_name_latin=MARKER)]))
        self.confirm(session, checked)
        export_url = f"{self.site_url}/intranet/cases/@@export-cases"
        page = session.get(self.form_url, timeout=30)
        form = {"_authenticator": authenticator(page.text), "organisation": "alpha", "format": "csv"}
        response = session.post(export_url, data=form, timeout=30)
        self.assertEqual(response.status_code, 200)
        self.assertIn(MARKER, response.content.decode("utf-8-sig"))
        for user in ("beta-admin", "beta-member", "alpha-member"):
            other = self.session(user)
            page = other.get(self.form_url, timeout=30)
            token = authenticator(page.text) if "_authenticator" in page.text else ""
            form = {"_authenticator": token, "organisation": "alpha", "format": "csv"}
            response = other.post(export_url, data=form, timeout=30)
            self.assertNotIn(MARKER, response.content.decode("utf-8", "replace"), user)

    def test_oversized_upload_is_refused_clearly(self):
        api.portal.set_registry_record("coalition.uploads.max_upload_size_mb", 1)
        transaction.commit()
        try:
            data = csv_bytes([person(number, narrative="Fictional. " * 40) for number in range(1, 3000)])
            self.assertGreater(len(data), 1024 * 1024)
            _session, checked = self.upload("coordinator", data)
            self.assertIn("files may be at most 1 MB", checked.text)
            self.assertIsNone(token_of(checked.text))
        finally:
            api.portal.set_registry_record("coalition.uploads.max_upload_size_mb", 50)
            transaction.commit()


class ImportCommand(unittest.TestCase):
    """``make import`` posts to the serving site with the job secret (scripts/import_cases.py)."""

    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.folder = pathlib.Path(tempfile.mkdtemp())
        self.secret_file = self.folder / "jobs.secret"
        self.secret_file.write_text("import-test-secret\n", encoding="ascii")
        os.environ["COALITION_JOBS_SECRET_FILE"] = str(self.secret_file)
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"

    def tearDown(self):
        os.environ.pop("COALITION_JOBS_SECRET_FILE", None)

    def command(self, *argv, secret_file=None):
        return subprocess.run(  # noqa: S603 (the project's own script)
            [
                sys.executable,
                str(REPOSITORY / "scripts" / "import_cases.py"),
                *argv,
                "--url",
                self.site_url,
                "--secret-file",
                str(secret_file or self.secret_file),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    def test_dry_run_then_import_then_again(self):
        path = self.folder / "alpha.csv"
        path.write_bytes(csv_bytes([person(number) for number in range(1, 301)], encoding="cp1251", delimiter=";"))
        dry = self.command(str(path), "--org", "alpha", "--dry-run")
        self.assertEqual(dry.returncode, 0, dry.stderr)
        self.assertIn("Dry run, nothing changed. The import would give: created 300", dry.stdout)
        transaction.abort()
        self.assertEqual(imported_cases(), {})
        real = self.command(str(path), "--org", "alpha")
        self.assertEqual(real.returncode, 0, real.stderr)
        self.assertIn("Imported: created 300, updated 0, unchanged 0, rejected 0.", real.stdout)
        self.assertTrue(pathlib.Path(f"{path}.report.csv").exists())
        transaction.abort()
        self.assertEqual(len(imported_cases()), 300)
        again = self.command(str(path), "--org", "alpha")
        self.assertIn("Imported: created 0, updated 0, unchanged 300, rejected 0.", again.stdout)

    def test_problems_exit_1_and_change_nothing(self):
        path = self.folder / "bad.csv"
        path.write_bytes(csv_bytes([person(1), person(2, date_of_detention="32.01.2024")]))
        result = self.command(str(path), "--org", "alpha")
        self.assertEqual(result.returncode, 1)
        self.assertIn("row 3, column date_of_detention:", result.stdout)
        transaction.abort()
        self.assertEqual(imported_cases(), {})

    def test_with_a_user_their_rights_apply(self):
        path = self.folder / "beta.csv"
        path.write_bytes(csv_bytes([person(1)]))
        result = self.command(str(path), "--org", "beta", "--user", "alpha-admin")
        self.assertEqual(result.returncode, 1)
        self.assertIn("You may not import case files of the organisation 'beta'", result.stdout)

    def test_without_the_secret_nothing_is_imported(self):
        wrong = self.folder / "wrong.secret"
        wrong.write_text("not-the-secret\n", encoding="ascii")
        path = self.folder / "alpha.csv"
        path.write_bytes(csv_bytes([person(1)]))
        result = self.command(str(path), "--org", "alpha", secret_file=wrong)
        self.assertEqual(result.returncode, 2)
        self.assertIn("not found", result.stderr)
        response = requests.post(f"{self.site_url}/@@import-cases-run", files={"file": ("a.csv", b"x")}, timeout=30)
        self.assertEqual(response.status_code, 404)
        transaction.abort()
        self.assertEqual(imported_cases(), {})
