"""The audit log's page over HTTP (issue 16): real logins and failed logins on every route appear in it, as do
real views and downloads of a case file; members get neither the page nor its CSV."""

from coalition.intranet.security import audit
from coalition.intranet.security import login_events
from coalition.intranet.security.login import api as login_api
from plone import api
import re
import requests
from tests.cases.case_helpers import CONFIDENTIAL_VALUES
from tests.cases.case_helpers import create_case
from tests.cases.test_evidence import add_evidence
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest


PASSWORD = "demo-secret"  # noqa: S105 (the documented password of the demo cast)
WRONG = "Wrong-Horse-Battery-7"  # noqa: S105
# A password typed into the name field: it must never be stored or shown.
PASSWORD_AS_NAME = "Tr0ub4dor-and-3-marker"
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
CASE_NAME = "Prokhor Neviditelny"


class AuditLogHTTPTestCase(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        login_api.guard()._records.clear()
        api.portal.set_registry_record("coalition.login.account_failures", 1000)
        transaction.commit()

    def form_login(self, user, password):
        session = requests.Session()
        session.post(
            f"{self.site_url}/login",
            data={"__ac_name": user, "__ac_password": password, "buttons.login": "Log in", "came_from": ""},
            timeout=30,
            allow_redirects=False,
        )
        return session

    def rest_login(self, user, password):
        return requests.post(
            f"{self.site_url}/@login", json={"login": user, "password": password}, headers=JSON, timeout=30
        )

    def basic(self, user, password, path="intranet", **kwargs):
        kwargs.setdefault("allow_redirects", False)
        return requests.get(f"{self.site_url}/{path}", auth=(user, password), timeout=30, **kwargs)

    def page(self, user="coordinator", **params):
        response = self.basic(user, PASSWORD, "intranet/@@audit-log", params=params)
        self.assertEqual(response.status_code, 200, response.text[:300])
        return response.text

    @staticmethod
    def table_rows(html):
        body = html.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in html else ""
        return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in body.split("</tr>")[:-1]]


class TestLoginsAppear(AuditLogHTTPTestCase):
    def test_failed_logins_on_every_route(self):
        self.form_login("alpha-member", WRONG)
        self.assertEqual(self.rest_login("alpha-member", WRONG).status_code, 401)
        self.assertNotEqual(self.basic("alpha-member", WRONG).status_code, 200)
        rows = self.table_rows(self.page(kind="logins"))
        failed = [row for row in rows if "Failed login" in row]
        self.assertEqual(len(failed), 3, "\n".join(rows))
        for row, route in zip(failed, ("HTTP Basic", "REST API (@login)", "Login form"), strict=True):
            self.assertIn("Someone trying to log in", row)
            self.assertIn("Arkady Antonov (alpha-member)", row)
            self.assertIn(route, row)
            self.assertIn("from 127.0.0.1", row)

    def test_successful_logins(self):
        session = self.form_login("alpha-member", PASSWORD)
        self.assertIn("__ac", session.cookies)
        self.assertEqual(self.rest_login("beta-member", PASSWORD).status_code, 200)
        rows = self.table_rows(self.page(kind="logins"))
        succeeded = [row for row in rows if "Logged in" in row]
        self.assertEqual(len(succeeded), 2, rows)
        self.assertIn("Bella Berg (beta-member)", succeeded[0])
        self.assertIn("REST API (@login)", succeeded[0])
        self.assertIn("(alpha-member)", succeeded[1])
        self.assertIn("Login form", succeeded[1])

    def test_a_name_that_is_no_account_is_kept_as_a_mark_only(self):
        self.form_login(PASSWORD_AS_NAME, WRONG)
        self.rest_login(PASSWORD_AS_NAME, WRONG)
        stored = b"".join(path.read_bytes() for path in login_events.log_directory().glob("*.jsonl"))
        self.assertNotIn(PASSWORD_AS_NAME.lower().encode(), stored.lower())
        self.assertNotIn(WRONG.encode(), stored)
        html = self.page(kind="logins")
        self.assertNotIn(PASSWORD_AS_NAME, html)
        marks = set(re.findall(r"A name that is no account \(mark ([0-9a-f]{10})\)", html))
        self.assertEqual(len(marks), 1, "the same name gives the same mark")
        self.assertEqual(marks, {login_events.unknown_name_mark(PASSWORD_AS_NAME)})


class TestCaseReadsAppear(AuditLogHTTPTestCase):
    def test_views_and_downloads_by_neutral_id(self):
        case = create_case(self.portal, full_name_latin=CASE_NAME, full_name="Прохор Невидительный")
        evidence = add_evidence(case)
        transaction.commit()
        case_url = f"{self.site_url}/intranet/cases/{case.getId()}"
        self.assertEqual(self.basic("alpha-member", PASSWORD, f"intranet/cases/{case.getId()}").status_code, 200)
        download = requests.get(
            f"{case_url}/{evidence.getId()}/@@download/file", auth=("alpha-member", PASSWORD), timeout=30
        )
        self.assertEqual(download.status_code, 200)
        html = self.page(kind="case_reads")
        rows = self.table_rows(html)
        self.assertTrue(any("File downloaded from a case file" in row for row in rows), rows)
        self.assertTrue(any("Case file opened" in row for row in rows), rows)
        for row in rows:
            self.assertIn(f"Case file {case.getId()}", row)
            self.assertIn("(alpha-member)", row)
        for secret in (CASE_NAME, "Прохор", "court-ruling", *CONFIDENTIAL_VALUES):
            self.assertNotIn(secret, html)


class TestMembersGetNothing(AuditLogHTTPTestCase):
    def test_no_page_and_no_csv_for_a_member(self):
        audit.record("workspace.created", self.portal["intranet"]["organisations"]["alpha"], actor="marker-actor-77")
        transaction.commit()
        self.assertIn("marker-actor-77", self.page())
        for user in ("alpha-member", "alpha-admin", "commission"):
            page = self.basic(user, PASSWORD, "intranet/@@audit-log")
            self.assertIn(page.status_code, (302, 401, 403), user)
            self.assertNotIn("marker-actor-77", page.text)
            session = self.form_login(user, PASSWORD)
            token_page = session.get(f"{self.site_url}/intranet", timeout=30)
            token = re.search(r'data-token="([0-9a-f]+)"', token_page.text)
            exported = session.post(
                f"{self.site_url}/intranet/@@audit-log.csv",
                data={"_authenticator": token.group(1) if token else ""},
                timeout=30,
                allow_redirects=False,
            )
            self.assertIn(exported.status_code, (302, 401, 403), user)
            self.assertNotIn("marker-actor-77", exported.text)
            self.assertNotIn("text/csv", exported.headers.get("Content-Type", ""))
        transaction.begin()
        self.assertNotIn("audit.exported", [entry.action for entry in audit.entries()])

    def test_coordinator_downloads_the_csv_and_it_is_recorded(self):
        session = self.form_login("coordinator", PASSWORD)
        page = session.get(f"{self.site_url}/intranet/@@audit-log", params={"kind": "logins"}, timeout=30)
        token = re.search(r'name="_authenticator" type="hidden" value="([0-9a-f]+)"', page.text).group(1)
        exported = session.post(
            f"{self.site_url}/intranet/@@audit-log.csv",
            data={"_authenticator": token, "kind": "logins"},
            timeout=30,
        )
        self.assertEqual(exported.status_code, 200)
        self.assertTrue(exported.content.startswith(b"\xef\xbb\xbf"))
        text = exported.content.decode("utf-8-sig")
        self.assertIn("login.succeeded", text)
        self.assertIn("Logged in", text)
        transaction.begin()
        latest = audit.entries()[0]
        self.assertEqual(
            (latest.action, latest.actor, latest.details["kind"]), ("audit.exported", "coordinator", "logins")
        )
