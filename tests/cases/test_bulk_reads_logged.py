"""Bulk reads are logged: reading case files through the REST API's search and listings, or on the pages
that list cases by name, writes one entry per case to the case access log, as opening a case does."""

from coalition.intranet.cases.access_log import accesses_of
from coalition.intranet.cases.access_log import ENV_DIRECTORY
import json
import os
from plone import api
from plone.namedfile.file import NamedBlobFile
import requests
import shutil
import tempfile
from tests.cases.case_helpers import create_case
from tests.cases.case_helpers import RELATIVES
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest


PASSWORD = "demo-secret"
JSON = {"Accept": "application/json"}


class BulkReadsTestCase(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.log_dir = tempfile.mkdtemp(prefix="case-access-")
        os.environ[ENV_DIRECTORY] = self.log_dir
        portal = self.layer["portal"]
        self.case = create_case(portal)
        self.other_case = create_case(portal, full_name_latin="Pyotr Probnik", full_name="Пётр Пробник")
        transaction.commit()
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.case_url = f"{self.site_url}/intranet/cases/{self.case.getId()}"

    def tearDown(self):
        del os.environ[ENV_DIRECTORY]
        shutil.rmtree(self.log_dir, ignore_errors=True)

    def get(self, url, user, **kwargs):
        return requests.get(url, auth=(user, PASSWORD), timeout=30, allow_redirects=False, **kwargs)

    def search(self, user, **params):
        response = self.get(f"{self.site_url}/@search", user, headers=JSON, params=params)
        self.assertEqual(response.status_code, 200, response.text[:500])
        return response

    def log_of(self, case_uid, user=None):
        return [entry for entry in accesses_of(case_uid) if user is None or entry["user"] == user]

    def assert_one_entry_per_case(self, uids, user, what):
        self.assertTrue(uids)
        for uid in uids:
            entries = self.log_of(uid, user)
            self.assertEqual([entry["what"] for entry in entries], [what], uid)


class TestRestReadsAreLogged(BulkReadsTestCase):
    def test_search_with_fullobjects_logs_every_case_it_returns(self):
        response = self.search("alpha-member", portal_type="CaseFile", fullobjects="1")
        items = response.json()["items"]
        self.assertIn(RELATIVES, response.text)  # the confidential fields were read in bulk
        uids = [item["UID"] for item in items]
        self.assertIn(self.case.UID(), uids)
        self.assertIn(self.other_case.UID(), uids)
        self.assert_one_entry_per_case(uids, "alpha-member", "rest:search-fullobjects")
        self.assertIn("@search", self.log_of(self.case.UID())[0]["path"])

    def test_search_with_all_metadata_logs_every_case_it_returns(self):
        response = self.search("alpha-member", portal_type="CaseFile", metadata_fields="_all")
        items = response.json()["items"]
        self.assertIn("Ivan Testov", response.text)
        uids = [item["UID"] for item in items]
        self.assert_one_entry_per_case(uids, "alpha-member", "rest:search-summary")

    def test_a_plain_search_naming_cases_is_logged_too(self):
        response = self.search("alpha-member", SearchableText="Testov")
        self.assertIn("Ivan Testov", response.text)
        self.assert_one_entry_per_case([self.case.UID()], "alpha-member", "rest:search-summary")
        self.assertEqual(self.log_of(self.other_case.UID()), [])

    def test_querystring_search_with_fullobjects_is_logged(self):
        response = requests.post(
            f"{self.site_url}/@querystring-search",
            auth=("alpha-member", PASSWORD),
            headers={"Accept": "application/json", "Content-Type": "application/json"},
            data=json.dumps(
                {
                    "query": [
                        {"i": "portal_type", "o": "plone.app.querystring.operation.selection.any", "v": ["CaseFile"]}
                    ],
                    "fullobjects": 1,
                }
            ),
            timeout=30,
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        uids = [item["UID"] for item in response.json()["items"]]
        self.assertIn(self.case.UID(), uids)
        self.assert_one_entry_per_case(uids, "alpha-member", "rest:querystring-search-fullobjects")

    def test_the_registry_listing_logs_the_cases_it_names(self):
        response = self.get(
            f"{self.site_url}/intranet/cases", "alpha-member", headers=JSON, params={"metadata_fields": "UID"}
        )
        self.assertEqual(response.status_code, 200)
        uids = [item["UID"] for item in response.json()["items"]]
        self.assertIn(self.case.UID(), uids)
        self.assert_one_entry_per_case(uids, "alpha-member", "rest:get-summary")

    def test_a_get_of_the_case_is_logged_once(self):
        response = self.get(self.case_url, "alpha-member", headers=JSON)
        self.assertEqual(response.json()["relatives_contacts"], RELATIVES)
        entries = self.log_of(self.case.UID(), "alpha-member")
        self.assertEqual(len(entries), 1, entries)
        self.assertFalse(entries[0]["what"].startswith("rest:"))

    def test_evidence_read_in_bulk_is_a_read_of_its_case(self):
        with api.env.adopt_user(username="alpha-member"):
            api.content.create(
                container=self.case,
                type="Evidence",
                title="Court ruling",
                file=NamedBlobFile(b"%PDF-1.4 ruling", filename="ruling.pdf"),
            )
        transaction.commit()
        response = self.search("alpha-member", portal_type="Evidence", fullobjects="1")
        self.assertEqual(response.json()["items_total"], 1)
        self.assert_one_entry_per_case([self.case.UID()], "alpha-member", "rest:search-fullobjects")

    def test_who_finds_nothing_is_not_logged(self):
        response = self.search("beta-member", portal_type="CaseFile", fullobjects="1")
        self.assertNotIn(self.case.UID(), response.text)
        self.assertEqual(self.log_of(self.case.UID()), [])
        self.assertEqual(self.log_of(self.other_case.UID()), [])


class TestListingPagesAreLogged(BulkReadsTestCase):
    def setUp(self):
        super().setUp()
        with api.env.adopt_user(username="alpha-member"):
            api.content.transition(self.case, transition="nominate")
        transaction.commit()

    def test_the_commission_overview_logs_the_cases_it_names(self):
        page = self.get(f"{self.site_url}/intranet/cases/@@commission", "commission")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Ivan Testov", page.text)
        self.assertEqual(
            [entry["what"] for entry in self.log_of(self.case.UID(), "commission")], ["list:commission-overview"]
        )
        # A draft case is not shown to the commission, and not logged.
        self.assertNotIn("Pyotr Probnik", page.text)
        self.assertEqual(self.log_of(self.other_case.UID()), [])

    def test_the_dashboard_logs_the_cases_it_names(self):
        page = self.get(f"{self.site_url}/intranet/@@dashboard", "commission")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Ivan Testov", page.text)
        self.assertEqual([entry["what"] for entry in self.log_of(self.case.UID(), "commission")], ["list:dashboard"])
