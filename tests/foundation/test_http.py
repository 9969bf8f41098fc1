"""Over real HTTP: public pages answer, the intranet asks for a login, REST and search leak nothing."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import re
import requests
from tests.coalition_layers import COALITION_SERVER_TESTING
import unittest


class TestHttp(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"

    def get(self, path, **kwargs):
        kwargs.setdefault("allow_redirects", False)
        return requests.get(f"{self.site_url}/{path}", timeout=30, **kwargs)

    def test_site_root_sends_the_reader_to_a_language(self):
        response = self.get("", headers={"Accept-Language": "de-DE,de;q=0.9"})
        self.assertIn(response.status_code, (301, 302))
        self.assertTrue(response.headers["Location"].endswith("/plone/de"), response.headers["Location"])

    def test_public_home_pages_answer_in_their_language(self):
        for language, greeting in (("en", "Welcome"), ("de", "Willkommen"), ("fr", "Bienvenue"), ("ru", "Добро")):
            response = self.get(language)
            self.assertEqual(response.status_code, 200, language)
            self.assertIn(f'lang="{language}"', response.text)
            self.assertIn(greeting, response.text)

    def test_anonymous_is_redirected_to_login_for_the_intranet(self):
        for path in ("intranet", "intranet/organisations/alpha", "intranet/organisations/alpha/notes"):
            response = self.get(path)
            self.assertEqual(response.status_code, 302, path)
            self.assertIn("require_login", response.headers["Location"])

    def test_rest_api_refuses_the_intranet_to_anonymous(self):
        for path in ("intranet", "intranet/organisations/alpha/notes"):
            response = self.get(path, headers={"Accept": "application/json"})
            self.assertEqual(response.status_code, 401, path)
            self.assertNotIn("Internal notes", response.text)

    def test_rest_search_finds_no_intranet_content_for_anonymous(self):
        response = self.get(
            "@search",
            headers={"Accept": "application/json"},
            params={"SearchableText": "Internal notes", "fullobjects": "1"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["items_total"], 0, response.text)
        everything = self.get("@search", headers={"Accept": "application/json"}, params={"b_size": "1000"}).json()
        paths = [item["@id"] for item in everything["items"]]
        self.assertTrue(paths)
        self.assertFalse(any("/intranet" in p for p in paths), paths)

    def test_site_owner_can_log_in_and_open_the_intranet(self):
        response = self.get("intranet", auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Organisations", response.text)

    def test_demo_member_logs_in_with_the_login_form(self):
        session = requests.Session()
        form = session.get(f"{self.site_url}/en/login", timeout=30)
        self.assertEqual(form.status_code, 200)
        response = session.post(
            f"{self.site_url}/en/login",
            data={
                "__ac_name": "alpha-member",
                "__ac_password": "demo-secret",
                "buttons.login": "Log in",
                "came_from": "",
                "_authenticator": _authenticator(form.text),
            },
            timeout=30,
        )
        self.assertEqual(response.status_code, 200)
        intranet = session.get(f"{self.site_url}/intranet/organisations/alpha", timeout=30, allow_redirects=False)
        self.assertEqual(intranet.status_code, 200)
        other = session.get(f"{self.site_url}/intranet/organisations/beta", timeout=30, allow_redirects=False)
        self.assertNotEqual(other.status_code, 200)


def _authenticator(html: str) -> str:
    """The CSRF token of a Plone form."""
    match = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="_authenticator"', html
    )
    return match.group(1) if match else ""
