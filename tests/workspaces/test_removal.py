"""Removing someone from a roster ends their access at once: traversal, catalog, REST API, @search."""

from coalition.intranet.workspaces import api as workspaces
from plone import api
import requests
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest
from zExceptions import Unauthorized


class TestRemovalInProcess(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.alpha = self.portal["intranet"]["organisations"]["alpha"]
        with api.env.adopt_user(username="alpha-member"):
            self.alpha.invokeFactory("Document", "my-own-draft", title="Arkady's own draft")

    def paths_seen_by(self, user):
        catalog = api.portal.get_tool("portal_catalog")
        with api.env.adopt_user(username=user):
            return {b.getPath() for b in catalog(path="/plone/intranet")}

    def test_removed_member_loses_the_workspace_and_what_they_wrote(self):
        self.assertIn("/plone/intranet/organisations/alpha/my-own-draft", self.paths_seen_by("alpha-member"))
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.remove_member(self.alpha, "alpha-member")
        with api.env.adopt_user(username="alpha-member"):
            for path in ("alpha", "alpha/notes", "alpha/my-own-draft", "alpha/@@roster"):
                with self.assertRaises(Unauthorized, msg=path):
                    self.portal.restrictedTraverse(f"intranet/organisations/{path}")
        seen = self.paths_seen_by("alpha-member")
        self.assertFalse(any("/organisations/alpha" in path for path in seen), seen)
        # The working group they are still on stays open to them.
        self.assertIn("/plone/intranet/groups/definition", seen)

    def test_demoted_member_keeps_reading_but_no_longer_writes(self):
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.set_member(self.alpha, "alpha-member", "WorkspaceGuest")
        with api.env.adopt_user(username="alpha-member"):
            draft = self.portal.restrictedTraverse("intranet/organisations/alpha/my-own-draft")
            self.assertFalse(api.user.has_permission("Modify portal content", obj=draft))
            self.assertFalse(api.user.has_permission("Add portal content", obj=self.alpha))


class TestRemovalOverHttp(unittest.TestCase):
    """The same over a real WSGI server, as a client of the REST API would see it."""

    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"

    def get(self, path, **kwargs):
        return requests.get(
            f"{self.site_url}/{path}",
            auth=("alpha-member", "demo-secret"),
            headers={"Accept": "application/json"},
            timeout=30,
            allow_redirects=False,
            **kwargs,
        )

    def search_titles(self):
        response = self.get("@search", params={"SearchableText": "Internal notes", "fullobjects": "1"})
        self.assertEqual(response.status_code, 200, response.text)
        return [item["title"] for item in response.json()["items"]]

    def remove_alpha_member(self):
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.remove_member(self.portal["intranet"]["organisations"]["alpha"], "alpha-member")
        transaction.commit()

    def test_rest_api_closes_at_once_after_removal(self):
        before = self.get("intranet/organisations/alpha/notes")
        self.assertEqual(before.status_code, 200, before.text)
        self.assertEqual(before.json()["title"], "Internal notes of Alpha")
        self.assertIn("Internal notes of Alpha", self.search_titles())

        self.remove_alpha_member()

        for path in ("intranet/organisations/alpha/notes", "intranet/organisations/alpha"):
            response = self.get(path)
            self.assertIn(response.status_code, (401, 403), path)
            self.assertNotIn("Internal notes", response.text)
        self.assertEqual(self.search_titles(), [])
        everything = self.get("@search", params={"path": "/plone/intranet", "b_size": "1000"}).json()
        self.assertFalse(any("/organisations/alpha" in item["@id"] for item in everything["items"]), everything)

    def test_html_pages_close_at_once_after_removal(self):
        html = requests.get(
            f"{self.site_url}/intranet/organisations/alpha/notes",
            auth=("alpha-member", "demo-secret"),
            timeout=30,
            allow_redirects=False,
        )
        self.assertEqual(html.status_code, 200)

        self.remove_alpha_member()

        html = requests.get(
            f"{self.site_url}/intranet/organisations/alpha/notes",
            auth=("alpha-member", "demo-secret"),
            timeout=30,
            allow_redirects=False,
        )
        self.assertNotEqual(html.status_code, 200)
        self.assertNotIn("Meeting notes of the Alpha", html.text)

    def test_guest_cannot_write_through_the_rest_api(self):
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.set_member(self.portal["intranet"]["organisations"]["alpha"], "beta-member", "WorkspaceGuest")
        transaction.commit()
        auth = ("beta-member", "demo-secret")
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        read = requests.get(
            f"{self.site_url}/intranet/organisations/alpha/notes", auth=auth, headers=headers, timeout=30
        )
        self.assertEqual(read.status_code, 200)
        patch = requests.patch(
            f"{self.site_url}/intranet/organisations/alpha/notes",
            auth=auth,
            headers=headers,
            json={"title": "Changed by a guest"},
            timeout=30,
        )
        self.assertIn(patch.status_code, (401, 403), patch.text)
        post = requests.post(
            f"{self.site_url}/intranet/organisations/alpha",
            auth=auth,
            headers=headers,
            json={"@type": "Document", "title": "Planted by a guest"},
            timeout=30,
        )
        self.assertIn(post.status_code, (401, 403), post.text)
        transaction.begin()
        alpha = self.portal["intranet"]["organisations"]["alpha"]
        self.assertEqual(alpha["notes"].Title(), "Internal notes of Alpha")
        self.assertEqual([item.Title() for item in alpha.values() if "guest" in item.Title()], [])
