"""Try every channel Plone has against one organisation's workspace, as Anonymous and as another
organisation's member: none may reveal the workspace's content (titles, text, file data, ids)."""

import gzip
import json
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
import requests
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest


SECRET_TITLE = "Meeting with lawyer Ivanova"
SECRET_TEXT = "relative-phone-7-916-000-00-00"
SECRET_FILE = b"evidence-bytes-secret-4411"


class ChannelProbes:
    """Mixin: ``self.auth`` is None (Anonymous) or the credentials of a member of another organisation."""

    layer = COALITION_SERVER_TESTING
    auth = None

    def setUp(self):
        portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        alpha = portal["intranet"]["organisations"]["alpha"]
        with api.env.adopt_user(username="alpha-member"):
            document = api.content.create(
                container=alpha,
                type="Document",
                id="meeting-lawyer",
                title=SECRET_TITLE,
                text=RichTextValue(f"<p>{SECRET_TEXT}</p>", "text/html", "text/x-html-safe"),
            )
            evidence = api.content.create(
                container=alpha,
                type="File",
                id="evidence",
                title="Evidence scan",
                file=NamedBlobFile(SECRET_FILE, filename="evidence.txt", contentType="text/plain"),
            )
        self.document_uid = api.content.get_uuid(document)
        self.evidence_uid = api.content.get_uuid(evidence)
        api.portal.set_registry_record("plone.enable_sitemap", True)
        transaction.commit()

    def request(self, method, path, **kwargs):
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 30)
        if self.auth:
            kwargs.setdefault("auth", self.auth)
        url = path if path.startswith("http") else f"{self.site_url}/{path}"
        return requests.request(method, url, **kwargs)

    def assert_nothing_leaks(self, response, where, requested=""):
        body = response.content
        if response.headers.get("Content-Type", "").startswith("application/x-gzip") or path_is_gzip(body):
            body = gzip.decompress(body)
        text = body.decode("utf-8", "replace")
        for secret in (SECRET_TITLE, SECRET_TEXT, SECRET_FILE.decode(), "meeting-lawyer", "Internal notes of Alpha"):
            self.assertNotIn(secret, text, f"{where} revealed {secret!r}")
        location = response.headers.get("Location", "")
        if "meeting-lawyer" not in requested:
            # A login redirect may echo the path the visitor typed; it must not reveal one they did not know.
            self.assertNotIn("meeting-lawyer", location, f"{where} redirected to a private id")

    def json_get(self, url_path, **params):
        return self.request("GET", url_path, headers={"Accept": "application/json"}, params=params)

    def test_direct_urls_are_refused(self):
        for path in (
            "intranet/organisations/alpha",
            "intranet/organisations/alpha/meeting-lawyer",
            "intranet/organisations/alpha/evidence",
            "intranet/organisations/alpha/evidence/@@download/file",
            "intranet/organisations/alpha/evidence/@@display-file/file",
            "intranet/organisations/alpha/meeting-lawyer/@@historyview",
            "intranet/organisations/alpha/folder_contents",
            "intranet/organisations/alpha/@@sharing",
            "intranet/organisations/alpha/meeting-lawyer/RSS",
        ):
            response = self.request("GET", path)
            self.assertNotEqual(response.status_code, 200, path)
            self.assert_nothing_leaks(response, path, requested=path)

    def test_rest_api_refuses_workspace_content_with_every_expansion(self):
        for path in ("intranet/organisations/alpha", "intranet/organisations/alpha/meeting-lawyer"):
            response = self.json_get(
                path, expand="breadcrumbs,navigation,actions,workflow,types,translations,contextnavigation"
            )
            self.assertIn(response.status_code, (401, 403), path)
            self.assert_nothing_leaks(response, f"REST {path}", requested=path)
        for endpoint in ("@history", "@workflow", "@sharing", "@breadcrumbs", "@lock", "@translations"):
            path = f"intranet/organisations/alpha/meeting-lawyer/{endpoint}"
            response = self.json_get(path)
            self.assertIn(response.status_code, (401, 403, 404), path)
            self.assert_nothing_leaks(response, path, requested=path)

    def test_search_finds_nothing_of_the_workspace(self):
        probes = [
            self.json_get("@search", SearchableText="Ivanova", fullobjects="1"),
            self.json_get("@search", SearchableText="Ivanova", metadata_fields="_all"),
            self.json_get("@search", path="/plone/intranet/organisations/alpha", metadata_fields="_all"),
            self.json_get("@search", UID=self.document_uid),
            self.request("GET", "en/@@search", params={"SearchableText": "Ivanova"}),
            self.request("GET", "@@search", params={"SearchableText": "relative-phone"}),
            self.request("GET", "en/@@ajax-search", params={"SearchableText": "Ivanova"}),
            self.request("GET", "portal_catalog/searchResults", params={"SearchableText": "Ivanova"}),
        ]
        querystring = self.request(
            "POST",
            "@querystring-search",
            headers={"Accept": "application/json", "Content-Type": "application/json"},
            data=json.dumps(
                {
                    "query": [
                        {
                            "i": "SearchableText",
                            "o": "plone.app.querystring.operation.string.contains",
                            "v": "Ivanova",
                        }
                    ],
                    "fullobjects": 1,
                }
            ),
        )
        for index, response in enumerate([*probes, querystring]):
            self.assert_nothing_leaks(response, f"search probe {index}")
        self.assertEqual(querystring.json().get("items_total", 0), 0)

    def test_vocabularies_reveal_nothing(self):
        criterion = {"i": "SearchableText", "o": "plone.app.querystring.operation.string.contains", "v": "Ivanova"}
        query = json.dumps({"criteria": [criterion]})
        probes = {
            "getVocabulary catalog": self.request(
                "GET", "en/@@getVocabulary", params={"name": "plone.app.vocabularies.Catalog", "query": query}
            ),
            "getVocabulary users": self.request(
                "GET", "en/@@getVocabulary", params={"name": "plone.app.vocabularies.Users", "query": "alpha"}
            ),
            "REST catalog vocabulary": self.json_get("@vocabularies/plone.app.vocabularies.Catalog", title="Ivanova"),
            "REST keywords": self.json_get("@vocabularies/plone.app.vocabularies.Keywords"),
            "REST users": self.json_get("@users"),
            "REST groups": self.json_get("@groups"),
        }
        for where, response in probes.items():
            self.assert_nothing_leaks(response, where)

    def test_feeds_and_sitemap_reveal_nothing(self):
        for path in ("RSS", "en/RSS", "en/news/RSS", "search_rss?SearchableText=Ivanova", "en/@@search-rss"):
            self.assert_nothing_leaks(self.request("GET", path), path, requested=path)
        for path in ("sitemap.xml.gz", "sitemap.xml.gz?page=1", "en/sitemap.xml.gz?page=1"):
            response = self.request("GET", path)
            # A sitemap that is really served (a 404 would reveal nothing either): gzipped, naming the site.
            self.assertEqual(response.status_code, 200, path)
            self.assertTrue(path_is_gzip(response.content), path)
            self.assertIn(f"{self.site_url}/", gzip.decompress(response.content).decode(), path)
            self.assert_nothing_leaks(response, path, requested=path)

    def test_navigation_reveals_nothing(self):
        for path in ("en", "en/news", "intranet/organisations"):
            self.assert_nothing_leaks(self.request("GET", path), path, requested=path)

    def test_uid_resolvers_and_redirects_reveal_no_private_path(self):
        for path in (
            f"resolveuid/{self.document_uid}",
            f"resolveuid/{self.evidence_uid}/@@download/file",
            f"@@resolveuid/{self.document_uid}",
        ):
            response = self.request("GET", path)
            self.assertNotEqual(response.status_code, 200, path)
            self.assert_nothing_leaks(response, path)

    def test_error_pages_reveal_nothing(self):
        for path in (
            "intranet/organisations/alpha/meeting-lawye",
            "intranet/organisations/alpha/meeting-lawyer/nonexistent",
            "en/meeting-lawyer",
            "meeting-lawyer",
        ):
            self.assert_nothing_leaks(self.request("GET", path), path, requested=path)

    def test_old_public_url_of_an_item_moved_into_a_workspace_does_not_reveal_where(self):
        self._move_public_draft_into_alpha("meeting-lawyer-2")
        response = self.request("GET", "en/news/draft-note")
        self.assertNotIn(response.status_code, (301, 302, 307), response.headers.get("Location"))
        self.assert_nothing_leaks(response, "moved item")

    def test_published_page_moved_into_a_workspace_is_private_at_once(self):
        portal = self.layer["portal"]
        with api.env.adopt_roles(["Manager"]):
            page = api.content.create(container=portal["en"]["news"], type="Document", id="statement", title="x")
            api.content.transition(page, to_state="published")
            api.content.move(source=page, target=portal["intranet"]["organisations"]["alpha"], id="meeting-lawyer-3")
        moved = portal["intranet"]["organisations"]["alpha"]["meeting-lawyer-3"]
        self.assertEqual(api.content.get_state(moved), "private")
        transaction.commit()
        response = self.request("GET", "intranet/organisations/alpha/meeting-lawyer-3")
        self.assertNotEqual(response.status_code, 200)

    def _move_public_draft_into_alpha(self, new_id):
        portal = self.layer["portal"]
        with api.env.adopt_roles(["Manager"]):
            draft = api.content.create(container=portal["en"]["news"], type="Document", id="draft-note", title="x")
            api.content.move(source=draft, target=portal["intranet"]["organisations"]["alpha"], id=new_id)
        transaction.commit()


def path_is_gzip(body: bytes) -> bool:
    return body[:2] == b"\x1f\x8b"


class TestAnonymousCannotReachWorkspaceContent(ChannelProbes, unittest.TestCase):
    auth = None


class TestOtherOrganisationCannotReachWorkspaceContent(ChannelProbes, unittest.TestCase):
    auth = ("beta-member", "demo-secret")

    def test_cannot_copy_or_move_alpha_content_into_own_workspace(self):
        evidence_url = f"{self.site_url}/intranet/organisations/alpha/evidence"
        for endpoint in ("@copy", "@move"):
            response = self.request(
                "POST",
                f"intranet/organisations/beta/{endpoint}",
                headers={"Accept": "application/json", "Content-Type": "application/json"},
                data=json.dumps({"source": evidence_url}),
            )
            self.assert_nothing_leaks(response, endpoint)
        beta = self.layer["portal"]["intranet"]["organisations"]["beta"]
        transaction.begin()
        self.assertNotIn("evidence", beta.objectIds())
        self.assertIn("evidence", self.layer["portal"]["intranet"]["organisations"]["alpha"].objectIds())

    def test_member_of_the_organisation_still_follows_redirects_and_uids(self):
        self._move_public_draft_into_alpha("moved-note")
        member = ("alpha-member", "demo-secret")
        moved = self.request("GET", "en/news/draft-note", auth=member)
        self.assertEqual(moved.status_code, 302)
        self.assertTrue(moved.headers["Location"].endswith("/alpha/moved-note"))
        resolved = self.request("GET", f"resolveuid/{self.document_uid}", auth=member)
        self.assertEqual(resolved.status_code, 301)
        self.assertTrue(resolved.headers["Location"].endswith("/alpha/meeting-lawyer"))
