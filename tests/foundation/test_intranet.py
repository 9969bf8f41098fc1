"""The intranet is private and language-neutral; workspaces are visible to their roster only."""

from AccessControl import Unauthorized
from plone import api
from plone.app.testing import logout
from plone.base.interfaces import ILanguage
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
import unittest


class TestIntranetStructure(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.intranet = self.portal["intranet"]

    def test_intranet_is_language_neutral_with_its_sections(self):
        self.assertEqual(ILanguage(self.intranet).get_language(), "")
        self.assertEqual(sorted(self.intranet.contentIds()), ["cases", "groups", "mentorship", "organisations"])

    def test_intranet_and_workspaces_use_intranet_workflows(self):
        wftool = api.portal.get_tool("portal_workflow")
        self.assertEqual(wftool.getChainFor(self.intranet), ("coalition_intranet_area_workflow",))
        alpha = self.intranet["organisations"]["alpha"]
        self.assertEqual(wftool.getChainFor(alpha), ("coalition_workspace_root_workflow",))
        self.assertEqual(
            wftool.getChainFor(self.intranet["groups"]["definition"]), ("coalition_workspace_root_workflow",)
        )
        self.assertEqual(api.content.get_state(alpha), "private")
        self.assertEqual(wftool.getChainFor(alpha["notes"]), ("coalition_workspace_workflow",))
        self.assertEqual(api.content.get_state(alpha["notes"]), "private")

    def test_a_document_in_the_intranet_has_no_transition_to_the_public(self):
        notes = self.intranet["organisations"]["alpha"]["notes"]
        with api.env.adopt_roles(["Manager"]):
            transitions = [t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(notes)]
        self.assertEqual(transitions, [])

    def test_coordinator_may_add_only_organisations_in_the_organisations_section(self):
        from plone.base.interfaces.constrains import ISelectableConstrainTypes

        constraints = ISelectableConstrainTypes(self.intranet["organisations"])
        with api.env.adopt_user(username="coordinator"):
            self.assertEqual(constraints.getLocallyAllowedTypes(), ["Organisation"])
        with api.env.adopt_user(username="alpha-admin"):
            self.assertEqual(constraints.getLocallyAllowedTypes(), [])


class TestIntranetIsPrivate(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.notes_path = "intranet/organisations/alpha/notes"

    def _catalog_paths(self):
        catalog = api.portal.get_tool("portal_catalog")
        return {b.getPath() for b in catalog(path="/".join(self.portal.getPhysicalPath()) + "/intranet")}

    def test_anonymous_cannot_traverse_to_the_intranet_or_a_workspace_document(self):
        logout()
        for path in ("intranet", "intranet/organisations/alpha", self.notes_path):
            with self.assertRaises(Unauthorized, msg=path):
                self.portal.restrictedTraverse(path)

    def test_anonymous_finds_nothing_of_the_intranet_in_the_catalog(self):
        logout()
        self.assertEqual(self._catalog_paths(), set())

    def test_member_of_other_organisation_cannot_open_or_find_alpha_documents(self):
        with api.env.adopt_user(username="beta-member"):
            with self.assertRaises(Unauthorized):
                self.portal.restrictedTraverse(self.notes_path)
            paths = self._catalog_paths()
        self.assertFalse(any("/organisations/alpha" in p for p in paths), paths)
        self.assertTrue(any(p.endswith("/organisations/beta/notes") for p in paths), paths)

    def test_member_of_alpha_can_open_alpha_documents(self):
        with api.env.adopt_user(username="alpha-member"):
            notes = self.portal.restrictedTraverse(self.notes_path)
            self.assertEqual(notes.Title(), "Internal notes of Alpha")

    def test_coordinator_sees_the_intranet_but_not_inside_workspaces(self):
        with api.env.adopt_user(username="coordinator"):
            self.portal.restrictedTraverse("intranet/organisations")
            # The workspace object itself opens (details, roster); what is inside does not.
            self.portal.restrictedTraverse("intranet/organisations/alpha")
            with self.assertRaises(Unauthorized):
                self.portal.restrictedTraverse(self.notes_path)
            paths = self._catalog_paths()
        self.assertFalse(any(p.endswith("/notes") for p in paths), paths)
        self.assertTrue(any(p.endswith("/organisations/alpha") for p in paths), paths)
