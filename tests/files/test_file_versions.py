"""Files keep their versions when replaced (who, when, download, revert); saved web pages, SVG and scripts
are accepted as evidence and every route that serves them answers with a sandboxed attachment."""

from coalition.intranet.files import versions
from coalition.intranet.files.api import upload_error
from plone import api
from plone.namedfile.file import NamedBlobFile
import requests
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


PASSWORD = "demo-secret"  # noqa: S105 (the documented password of the demo cast)
PAGE = b"<html><body><h1>Saved page</h1><script>document.title='EXECUTED'</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def add_file(workspace, data, filename, content_type, user="alpha-member"):
    with api.env.adopt_user(username=user):
        return api.content.create(
            container=workspace,
            type="File",
            title=filename,
            file=NamedBlobFile(data, contentType=content_type, filename=filename),
        )


def replace_file(item, data, filename, content_type, user="alpha-admin"):
    """As the edit form does: a new file, then the modified event (which saves the version)."""
    with api.env.adopt_user(username=user):
        item.file = NamedBlobFile(data, contentType=content_type, filename=filename)
        notify(ObjectModifiedEvent(item))


class TestFileVersions(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.workspace = self.portal["intranet"]["organisations"]["alpha"]

    def test_any_file_type_is_accepted_within_the_size_limit(self):
        for name in ("page.html", "drawing.svg", "script.js", "page.mhtml", "installer.exe"):
            self.assertIsNone(upload_error(1024, name), name)
        self.assertIsNotNone(upload_error(10**10, "huge.pdf"))

    def test_replacing_a_file_keeps_the_old_one_with_who_and_when(self):
        item = add_file(self.workspace, b"first report", "report.txt", "text/plain")
        replace_file(item, b"second report", "report-v2.txt", "text/plain")
        with api.env.adopt_user(username="beta-admin"):
            # Whoever may not read the file's history gets nothing of it.
            from AccessControl import Unauthorized

            with self.assertRaises(Unauthorized):
                versions.versions(item)
        with api.env.adopt_user(username="alpha-member"):
            found = versions.versions(item)
            first = versions.version_file(item, 0).data
        self.assertEqual([v.number for v in found], [1, 0])
        self.assertEqual(found[0].by, "alpha-admin")
        self.assertEqual(found[1].by, "alpha-member")
        self.assertEqual(found[1].filename, "report.txt")
        self.assertEqual(first, b"first report")
        self.assertEqual(item.file.data, b"second report")

    def test_revert_brings_back_an_old_file_and_keeps_the_replaced_one(self):
        item = add_file(self.workspace, b"first", "a.txt", "text/plain")
        replace_file(item, b"second", "b.txt", "text/plain")
        with api.env.adopt_user(username="alpha-member"):
            versions.revert(item, 0)
            self.assertEqual(len(versions.versions(item)), 3)
            self.assertEqual(versions.version_file(item, 1).data, b"second")
        self.assertEqual(item.file.data, b"first")

    def test_unknown_version_and_revert_without_edit_right_are_refused(self):
        from AccessControl import Unauthorized

        item = add_file(self.workspace, b"first", "a.txt", "text/plain")
        with api.env.adopt_user(username="alpha-member"), self.assertRaises(versions.FileVersionError):
            versions.version_file(item, 7)
        with api.env.adopt_user(username="beta-member"), self.assertRaises(Unauthorized):
            versions.revert(item, 0)
        self.assertEqual(item.file.data, b"first")


class TestActiveContentOverHTTP(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.workspace = self.portal["intranet"]["organisations"]["alpha"]
        self.session = requests.Session()
        self.session.auth = ("alpha-member", PASSWORD)

    def assert_sandboxed_download(self, answer):
        self.assertEqual(answer.status_code, 200, answer.url)
        self.assertTrue(answer.headers["Content-Disposition"].startswith("attachment"), answer.url)
        self.assertEqual(answer.headers["X-Content-Type-Options"], "nosniff")
        self.assertIn("sandbox", answer.headers["Content-Security-Policy"])

    def test_html_and_svg_are_served_as_sandboxed_attachments_on_every_route(self):
        page = add_file(self.workspace, PAGE, "page.html", "text/html")
        drawing = add_file(self.workspace, SVG, "drawing.svg", "image/svg+xml")
        replace_file(page, PAGE + b"<!-- v2 -->", "page.html", "text/html")
        transaction.commit()
        for url in (
            f"{page.absolute_url()}/@@download/file",
            f"{page.absolute_url()}/@@display-file/file",
            f"{page.absolute_url()}/@@download/file/page.html",
            f"{page.absolute_url()}/@@file-version-download?version=0",
            f"{drawing.absolute_url()}/@@download/file",
            f"{drawing.absolute_url()}/@@display-file/file",
        ):
            self.assert_sandboxed_download(self.session.get(url, timeout=30))

    def test_versions_page_lists_who_and_when(self):
        page = add_file(self.workspace, b"one", "note.txt", "text/plain")
        replace_file(page, b"two", "note.txt", "text/plain")
        transaction.commit()
        html = self.session.get(f"{page.absolute_url()}/@@file-versions", timeout=30).text
        self.assertIn('id="file-versions"', html)
        self.assertIn("@@file-version-download?version=0", html)
        self.assertIn("Make this the current file", html)

    def test_plain_text_is_still_shown_inline(self):
        note = add_file(self.workspace, b"plain", "note.txt", "text/plain")
        transaction.commit()
        answer = self.session.get(f"{note.absolute_url()}/@@display-file/file", timeout=30)
        self.assertNotIn("sandbox", answer.headers.get("Content-Security-Policy", ""))
