"""The public About page lists the member organisations, and nothing else of a workspace leaks through it."""

import base64
from plone import api
from plone.namedfile.file import NamedBlobImage
import requests
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest


# A 1x1 PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


class TestAboutPage(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"

    def get(self, path):
        return requests.get(f"{self.site_url}/{path}", timeout=30, allow_redirects=False)

    def test_about_page_lists_member_organisations_in_each_language(self):
        expectations = {
            "en": "A human-rights centre documenting political prosecutions.",
            "de": "Ein Menschenrechtszentrum, das politische Strafverfolgung dokumentiert.",
            "fr": "Un centre de défense des droits humains qui documente les poursuites politiques.",
            "ru": "Правозащитный центр, документирующий политические преследования.",
        }
        for language, description in expectations.items():
            response = self.get(f"{language}/about")
            self.assertEqual(response.status_code, 200, language)
            self.assertIn("Alpha Rights Centre", response.text)
            self.assertIn("Beta Solidarity Network", response.text)
            self.assertIn("Lithuania", response.text)
            self.assertIn("https://alpha.example.org", response.text)
            self.assertIn(description, response.text)

    def test_about_page_heading_is_translated(self):
        self.assertIn("Mitgliedsorganisationen", self.get("de/about").text)
        self.assertIn("Organisations membres", self.get("fr/about").text)

    def test_internal_fields_and_workspace_content_stay_private(self):
        text = self.get("en/about").text
        self.assertNotIn("Internal note", text)
        self.assertNotIn("board meets", text)
        self.assertNotIn("Internal notes of Alpha", text)
        self.assertNotIn("/intranet/", text)

    def test_logo_is_served_and_nothing_else_through_the_logo_view(self):
        organisation = self.portal["intranet"]["organisations"]["alpha"]
        organisation.logo = NamedBlobImage(PIXEL, filename="alpha.png", contentType="image/png")
        transaction.commit()
        page = self.get("en/about").text
        self.assertIn("/en/about/@@organisation-logo/alpha", page)
        logo = self.get("en/about/@@organisation-logo/alpha")
        self.assertEqual(logo.status_code, 200)
        self.assertEqual(logo.headers["Content-Type"], "image/png")
        self.assertEqual(logo.content, PIXEL)
        for probe in ("notes", "beta", "alpha/notes"):
            self.assertEqual(self.get(f"en/about/@@organisation-logo/{probe}").status_code, 404, probe)

    def test_empty_state_when_no_organisation_exists(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(objects=list(self.portal["intranet"]["organisations"].objectValues()))
        transaction.commit()
        self.assertIn("once the first organisation has joined", self.get("en/about").text)
