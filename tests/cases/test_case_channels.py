"""Over HTTP, as the list commission (facts only), another organisation and Anonymous: the confidential
fields of a case file come out of no channel — page, edit form, REST API with expansions, search."""

import json
from plone import api
import requests
from tests.cases.case_helpers import CONFIDENTIAL_VALUES
from tests.cases.case_helpers import create_case
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest


SELECTION_ANY = "plone.app.querystring.operation.selection.any"


class TestCaseChannels(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        self.case = create_case(portal)
        with api.env.adopt_user(username="alpha-member"):
            api.content.transition(self.case, transition="nominate")
        transaction.commit()
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.case_url = f"{self.site_url}/intranet/cases/{self.case.getId()}"

    def get(self, url, user, **kwargs):
        auth = (user, "demo-secret") if user else None
        return requests.get(url, auth=auth, timeout=30, allow_redirects=False, **kwargs)

    def assert_no_confidential_value(self, response, where):
        for value in CONFIDENTIAL_VALUES:
            self.assertNotIn(value, response.text, where)

    def test_commission_sees_the_facts_but_not_the_confidential_fields(self):
        page = self.get(self.case_url, "commission")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Ivan Testov", page.text)
        self.assert_no_confidential_value(page, "page")
        rest = self.get(
            self.case_url,
            "commission",
            headers={"Accept": "application/json"},
            params={"expand": "breadcrumbs,workflow,actions,types,history"},
        )
        self.assertEqual(rest.status_code, 200)
        data = rest.json()
        self.assertEqual(data["full_name_latin"], "Ivan Testov")
        for field in ("lawyer_contacts", "relatives_contacts", "home_address", "health_notes"):
            self.assertNotIn(field, data)
        self.assert_no_confidential_value(rest, "REST GET")
        for field in ("lawyer_contacts", "home_address"):
            self.assertNotEqual(self.get(f"{self.case_url}/{field}", "commission").status_code, 200, field)

    def test_search_channels_carry_no_confidential_value(self):
        for user in ("commission", "beta-member", None):
            for params in (
                {"portal_type": "CaseFile", "fullobjects": "1"},
                {"portal_type": "CaseFile", "metadata_fields": "_all"},
                {"SearchableText": "Petrova"},
            ):
                response = self.get(
                    f"{self.site_url}/@search", user, headers={"Accept": "application/json"}, params=params
                )
                self.assert_no_confidential_value(response, f"@search {params} as {user}")
            query = requests.post(
                f"{self.site_url}/@querystring-search",
                auth=(user, "demo-secret") if user else None,
                headers={"Accept": "application/json", "Content-Type": "application/json"},
                data=json.dumps(
                    {
                        "query": [{"i": "portal_type", "o": SELECTION_ANY, "v": ["CaseFile"]}],
                        "fullobjects": 1,
                    }
                ),
                timeout=30,
            )
            self.assert_no_confidential_value(query, f"@querystring-search as {user}")

    def test_other_organisation_and_anonymous_get_nothing(self):
        for user in ("beta-member", None):
            for accept in ("text/html", "application/json"):
                response = self.get(self.case_url, user, headers={"Accept": accept})
                self.assertNotEqual(response.status_code, 200, (user, accept))
                self.assertNotIn("Ivan Testov", response.text)
                self.assert_no_confidential_value(response, f"{user} {accept}")

    def test_nominating_member_reads_and_edits_the_confidential_fields(self):
        rest = self.get(self.case_url, "alpha-member", headers={"Accept": "application/json"})
        self.assertEqual(rest.json()["lawyer_contacts"], CONFIDENTIAL_VALUES[0])
        form = self.get(f"{self.case_url}/edit", "alpha-member")
        self.assertEqual(form.status_code, 200)
        self.assertIn("form-widgets-lawyer_contacts", form.text)

    def test_history_diff_and_vocabulary_channels_carry_no_confidential_value(self):
        for user in ("commission", "beta-member", None):
            for view in ("@@historyview", "@@history", "@@history?one=current&two=0", "@history", "@@edit"):
                response = self.get(f"{self.case_url}/{view}", user)
                self.assert_no_confidential_value(response, f"{view} as {user}")
            criterion = {"i": "SearchableText", "o": "plone.app.querystring.operation.string.contains", "v": "Testov"}
            vocabulary = self.get(
                f"{self.site_url}/en/@@getVocabulary",
                user,
                params={"name": "plone.app.vocabularies.Catalog", "query": json.dumps({"criteria": [criterion]})},
            )
            self.assert_no_confidential_value(vocabulary, f"getVocabulary as {user}")
            if user != "commission":
                self.assertNotIn("Ivan Testov", vocabulary.text, f"getVocabulary as {user}")
            rest_vocabulary = self.get(
                f"{self.site_url}/@vocabularies/plone.app.vocabularies.Catalog",
                user,
                headers={"Accept": "application/json"},
                params={"title": "Testov"},
            )
            self.assert_no_confidential_value(rest_vocabulary, f"@vocabularies as {user}")

    def test_the_commission_cannot_open_the_edit_form(self):
        response = self.get(f"{self.case_url}/edit", "commission")
        self.assertNotEqual(response.status_code, 200)
        self.assert_no_confidential_value(response, "edit form as commission")

    def test_error_pages_and_the_uid_resolver_reveal_nothing_of_the_case(self):
        uid = api.content.get_uuid(self.case)
        for user in ("commission", "beta-member", None):
            for path in (
                f"{self.case_url}/nonexistent",
                f"{self.case_url}/lawyer_contacts/x",
                f"{self.site_url}/resolveuid/{uid}",
            ):
                response = self.get(path, user)
                self.assert_no_confidential_value(response, f"{path} as {user}")


class TestCaseHistoryChannel(unittest.TestCase):
    """Members may add case files, which gave them Contributor on the registry and, through it, the right to
    read the versions of other organisations' cases (REST ``@history``): enough to confirm that a case exists."""

    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.case = create_case(self.layer["portal"])
        transaction.commit()
        self.case_url = f"http://{self.layer['host']}:{self.layer['port']}/plone/intranet/cases/{self.case.getId()}"

    def history(self, user):
        auth = (user, "demo-secret") if user else None
        headers = {"Accept": "application/json"}
        return requests.get(f"{self.case_url}/@history", auth=auth, headers=headers, timeout=30)

    def test_another_organisation_and_anonymous_cannot_read_the_versions(self):
        for user in ("beta-member", "beta-admin", None):
            self.assertIn(self.history(user).status_code, (401, 403), user)

    def test_the_nominating_organisation_reads_the_versions(self):
        self.assertEqual(self.history("alpha-member").status_code, 200)
