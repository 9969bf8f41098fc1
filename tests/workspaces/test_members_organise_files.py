"""Members organise their workspace: folders, upload, rename and move; guests and outsiders cannot."""

from plone import api
from plone.namedfile.file import NamedBlobFile
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
import unittest


class TestMembersOrganiseFiles(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.alpha = self.portal["intranet"]["organisations"]["alpha"]
        with api.env.adopt_user(username="alpha-member"):
            self.folder = api.content.create(container=self.alpha, type="Folder", id="reports", title="Reports")
            self.file = api.content.create(
                container=self.alpha,
                type="File",
                id="scan",
                title="Scan",
                file=NamedBlobFile(b"data", filename="scan.pdf"),
            )

    def test_member_renames_and_moves_a_file(self):
        with api.env.adopt_user(username="alpha-member"):
            renamed = api.content.rename(obj=self.file, new_id="scan-2026")
            moved = api.content.move(source=renamed, target=self.folder)
        self.assertEqual(moved.absolute_url_path(), "/plone/intranet/organisations/alpha/reports/scan-2026")
        self.assertEqual(api.content.get_state(moved), "private")

    def test_member_search_finds_own_workspace_files_only(self):
        catalog = api.portal.get_tool("portal_catalog")
        with api.env.adopt_user(username="alpha-member"):
            self.assertEqual([b.getId for b in catalog(SearchableText="Scan", portal_type="File")], ["scan"])
        with api.env.adopt_user(username="beta-member"):
            self.assertEqual(len(catalog(SearchableText="Scan", portal_type="File")), 0)
