"""Working documents live in workspaces only, are never public, and every save is a version."""

from plone import api
from plone.app.testing import logout
from plone.app.textfield.value import RichTextValue
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
import unittest
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


class TestWorkingDocument(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.group = self.portal["intranet"]["groups"]["definition"]

    def _create(self, container, user="alpha-member"):
        with api.env.adopt_user(username=user):
            return api.content.create(
                container=container,
                type="WorkingDocument",
                title="Draft definition",
                text=RichTextValue("<p>First wording.</p>", "text/html", "text/x-html-safe"),
            )

    def test_member_creates_a_private_working_document_in_a_group(self):
        document = self._create(self.group)
        self.assertEqual(api.content.get_state(document), "private")
        logout()
        self.assertFalse(api.user.has_permission("View", obj=document))

    def test_working_document_in_a_workspace_subfolder(self):
        with api.env.adopt_user(username="alpha-member"):
            folder = api.content.create(container=self.group, type="Folder", title="Drafts")
        document = self._create(folder)
        self.assertEqual(api.content.get_state(document), "private")

    def test_every_save_is_a_version(self):
        document = self._create(self.group)
        repository = api.portal.get_tool("portal_repository")
        with api.env.adopt_user(username="alpha-member"):
            document.text = RichTextValue("<p>Second wording.</p>", "text/html", "text/x-html-safe")
            notify(ObjectModifiedEvent(document))
            history = repository.getHistoryMetadata(document)
            self.assertEqual(history.getLength(countPurged=False), 2)
            first = repository.retrieve(document, 0).object
        self.assertIn("First wording", first.text.raw)

    def test_working_document_cannot_be_added_on_the_public_side(self):
        for container in (self.portal["en"], self.portal["en"]["news"]):
            allowed = ISelectableConstrainTypes(container).getLocallyAllowedTypes()
            self.assertNotIn("WorkingDocument", allowed)
        with api.env.adopt_user(username="editor-de"), self.assertRaises(api.exc.InvalidParameterError):
            api.content.create(container=self.portal["de"]["news"], type="WorkingDocument", title="x")

    def test_working_document_anywhere_has_no_public_state(self):
        workflow = api.portal.get_tool("portal_workflow")
        self.assertEqual(workflow.getChainForPortalType("WorkingDocument"), ("coalition_workspace_workflow",))
