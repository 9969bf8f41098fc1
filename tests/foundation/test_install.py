"""The default profile installs the add-on with its dependencies, languages, workflows, roles and groups."""

from plone import api
from plone.base.utils import get_installer
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
import unittest


class TestInstall(unittest.TestCase):
    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.installer = get_installer(self.portal, self.layer["request"])

    def test_addon_and_its_dependencies_are_installed(self):
        for product in (
            "coalition.intranet",
            "plone.app.multilingual",
            "plone.restapi",
            "plone.app.caching",
            "plonetheme.barceloneta",
        ):
            self.assertTrue(self.installer.is_product_installed(product), product)

    def test_browser_layer_is_registered(self):
        from coalition.intranet.interfaces import ICoalitionLayer
        from plone.browserlayer import utils

        self.assertIn(ICoalitionLayer, utils.registered_layers())

    def test_profile_version_is_a_date_stamp(self):
        setup_tool = api.portal.get_tool("portal_setup")
        installed = setup_tool.getLastVersionForProfile("coalition.intranet:default")
        self.assertEqual(installed, (setup_tool.getVersionForProfile("coalition.intranet:default"),))
        self.assertRegex(installed[0], r"^20\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}$")

    def test_barceloneta_is_the_active_theme_and_coalition_css_is_registered(self):
        from plone.app.theming.utils import getCurrentTheme

        self.assertEqual(getCurrentTheme(), "barceloneta")
        self.assertEqual(
            api.portal.get_registry_record("plone.bundles/coalition.csscompilation"),
            "++plone++coalition.intranet/coalition.css",
        )

    def test_coalition_workflows_are_registered(self):
        wftool = api.portal.get_tool("portal_workflow")
        for workflow_id in (
            "coalition_intranet_area_workflow",
            "coalition_workspace_workflow",
            "coalition_case_workflow",
            "coalition_public_workflow",
            "coalition_ballot_workflow",
        ):
            self.assertIn(workflow_id, wftool.objectIds())
        self.assertEqual(wftool.getDefaultChain(), ("coalition_public_workflow",))

    def test_case_workflow_has_no_state_visible_to_anonymous(self):
        workflow = api.portal.get_tool("portal_workflow")["coalition_case_workflow"]
        self.assertEqual(set(workflow.states.objectIds()), {"draft", "nominated", "under_review", "decided", "closed"})
        for state in workflow.states.values():
            for permission in ("View", "Access contents information"):
                roles = state.getPermissionInfo(permission)["roles"]
                self.assertNotIn("Anonymous", roles, (state.id, permission))
                self.assertNotIn("Authenticated", roles, (state.id, permission))
                self.assertFalse(state.getPermissionInfo(permission)["acquired"], (state.id, permission))

    def test_confidential_permission_is_not_given_to_the_list_commission(self):
        workflow = api.portal.get_tool("portal_workflow")["coalition_case_workflow"]
        for state in workflow.states.values():
            roles = state.getPermissionInfo("coalition: View confidential case data")["roles"]
            self.assertNotIn("ListCommissioner", roles, state.id)
            self.assertNotIn("Coordinator", roles, state.id)

    def test_closed_ballot_cannot_be_modified_by_anyone(self):
        workflow = api.portal.get_tool("portal_workflow")["coalition_ballot_workflow"]
        closed = workflow.states["closed"]
        for permission in ("Modify portal content", "Add portal content", "Delete objects"):
            info = closed.getPermissionInfo(permission)
            self.assertEqual((info["acquired"], list(info["roles"])), (False, []), permission)

    def test_coalition_roles_exist(self):
        roles = set(self.portal.validRoles())
        self.assertTrue(
            {
                "Coordinator",
                "ListCommissioner",
                "MentorshipCoordinator",
                "WorkspaceAdmin",
                "WorkspaceMember",
                "WorkspaceGuest",
                "CaseReader",
                "CaseConfidentialReader",
            }
            <= roles
        )

    def test_groups_of_the_architecture_exist_with_their_roles(self):
        expected = {
            "coordinators": "Coordinator",
            "list-commission": "ListCommissioner",
            "mentorship-coordinators": "MentorshipCoordinator",
        }
        for group_id, role in expected.items():
            group = api.group.get(groupname=group_id)
            self.assertIsNotNone(group, group_id)
            self.assertIn(role, api.group.get_roles(groupname=group_id))
        for group_id in ("public-editors", "translators-en", "translators-de", "translators-fr", "translators-ru"):
            self.assertIsNotNone(api.group.get(groupname=group_id), group_id)

    def test_self_registration_is_off(self):
        self.assertFalse(api.portal.get_registry_record("plone.enable_self_reg"))
        roles = [r["name"] for r in self.portal.rolesOfPermission("Add portal member") if r["selected"]]
        self.assertNotIn("Anonymous", roles)

    def test_installing_twice_changes_nothing(self):
        setup_tool = api.portal.get_tool("portal_setup")
        before = sorted(self.portal.objectIds())
        setup_tool.runAllImportStepsFromProfile("profile-coalition.intranet:default")
        self.assertEqual(sorted(self.portal.objectIds()), before)
        self.assertEqual(sorted(self.portal["en"].objectIds()), sorted(self.portal["de"].objectIds()))
