"""Who reaches what: coordinators open a workspace but not its content, guests read only, groups span organisations."""

from coalition.intranet.workspaces import api as workspaces
from plone import api
import requests
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
import unittest
from zExceptions import Unauthorized


def catalog_paths(portal, below):
    catalog = api.portal.get_tool("portal_catalog")
    return {b.getPath() for b in catalog(path="/".join(portal.getPhysicalPath()) + below)}


class TestWorkspaceRootWorkflow(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_the_workspace_object_is_private_and_has_no_way_out(self):
        workflow = api.portal.get_tool("portal_workflow")["coalition_workspace_root_workflow"]
        self.assertEqual(list(workflow.states.objectIds()), ["private"])
        self.assertEqual(list(workflow.transitions.objectIds()), [])
        private = workflow.states["private"]
        for permission in private.permissions:
            info = private.getPermissionInfo(permission)
            self.assertFalse(info["acquired"], permission)
            for role in ("Anonymous", "Authenticated", "Member", "Owner", "Reader", "Editor", "Contributor"):
                self.assertNotIn(role, info["roles"], (permission, role))

    def test_coordinators_get_the_object_but_not_its_listing_nor_writing_inside(self):
        private = api.portal.get_tool("portal_workflow")["coalition_workspace_root_workflow"].states["private"]
        granted = {p for p in private.permissions if "Coordinator" in private.getPermissionInfo(p)["roles"]}
        self.assertEqual(
            granted,
            {
                "View",
                "Access contents information",
                "Modify portal content",
                "coalition: View rosters",
                "coalition: Manage roster",
            },
        )
        content = api.portal.get_tool("portal_workflow")["coalition_workspace_workflow"].states["private"]
        for permission in content.permissions:
            self.assertNotIn("Coordinator", content.getPermissionInfo(permission)["roles"], permission)


class TestCoordinatorAccess(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.alpha = self.portal["intranet"]["organisations"]["alpha"]

    def test_coordinator_opens_and_edits_the_workspace_itself(self):
        with api.env.adopt_user(username="coordinator"):
            alpha = self.portal.restrictedTraverse("intranet/organisations/alpha")
            self.assertTrue(api.user.has_permission("Modify portal content", obj=alpha))
            self.assertIn("Alpha Rights Centre", alpha.restrictedTraverse("@@edit")())
            self.assertIn("Anna Alexeeva", alpha.restrictedTraverse("@@roster")())

    def test_coordinator_cannot_open_list_or_find_the_content(self):
        with api.env.adopt_user(username="coordinator"):
            with self.assertRaises(Unauthorized):
                self.portal.restrictedTraverse("intranet/organisations/alpha/notes")
            self.assertFalse(api.user.has_permission("List folder contents", obj=self.alpha))
            self.assertFalse(api.user.has_permission("View", obj=self.alpha["notes"]))
            self.assertEqual(
                catalog_paths(self.portal, "/intranet/organisations/alpha"),
                {"/plone/intranet/organisations/alpha"},
            )
            listing = self.alpha.restrictedTraverse("@@listing_view")()
            self.assertNotIn("Internal notes", listing)
            self.assertEqual(list(self.alpha.restrictedTraverse("@@contentlisting")()), [])

    def test_coordinator_cannot_add_or_delete_inside_a_workspace(self):
        with api.env.adopt_user(username="coordinator"):
            self.assertFalse(api.user.has_permission("Add portal content", obj=self.alpha))
            self.assertFalse(api.user.has_permission("Delete objects", obj=self.alpha))
            with self.assertRaises(Unauthorized):
                self.alpha.invokeFactory("Document", "coordinator-note", title="Planted")
        self.assertNotIn("coordinator-note", self.alpha)

    def test_nobody_but_managers_uses_the_sharing_form_on_a_workspace(self):
        for user in ("coordinator", "alpha-admin"):
            with api.env.adopt_user(username=user):
                self.assertFalse(api.user.has_permission("Change local roles", obj=self.alpha), user)
                with self.assertRaises(Unauthorized, msg=user):
                    self.alpha.restrictedTraverse("@@sharing")

    def test_coordinator_who_created_a_workspace_gets_no_foothold_in_it(self):
        with api.env.adopt_user(username="coordinator"):
            gamma = api.content.create(
                container=self.portal["intranet"]["organisations"], type="Organisation", title="Gamma"
            )
            self.assertNotIn("Owner", api.user.get_roles(obj=gamma))
            self.assertEqual(gamma.get_local_roles(), ())
            self.assertFalse(api.user.has_permission("Sharing page: Delegate roles", obj=gamma))
            with self.assertRaises(Unauthorized):
                gamma.restrictedTraverse("@@sharing")
            self.assertEqual(gamma.allowedContentTypes(), [])
            with self.assertRaises(Unauthorized):
                gamma.invokeFactory("Document", "planted", title="Planted")
            # The workspace itself stays theirs to edit, as every coordinator's.
            self.assertTrue(api.user.has_permission("Modify portal content", obj=gamma))

    def test_only_admins_and_coordinators_edit_the_workspace_details(self):
        for user, allowed in (("alpha-admin", True), ("coordinator", True), ("alpha-member", False)):
            with api.env.adopt_user(username=user):
                self.assertEqual(api.user.has_permission("Modify portal content", obj=self.alpha), allowed, user)
        with api.env.adopt_user(username="alpha-member"):
            # Members still write inside.
            self.assertTrue(api.user.has_permission("Modify portal content", obj=self.alpha["notes"]))
            self.alpha.invokeFactory("Document", "member-note", title="Written by a member")
        self.assertIn("member-note", self.alpha)


class TestGuestIsReadOnly(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.alpha = self.portal["intranet"]["organisations"]["alpha"]
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.set_member(self.alpha, "beta-member", "WorkspaceGuest")

    def test_guest_reads_the_workspace_and_its_roster(self):
        with api.env.adopt_user(username="beta-member"):
            notes = self.portal.restrictedTraverse("intranet/organisations/alpha/notes")
            self.assertEqual(notes.Title(), "Internal notes of Alpha")
            self.assertIn("/plone/intranet/organisations/alpha/notes", catalog_paths(self.portal, "/intranet"))
            html = self.alpha.restrictedTraverse("@@roster")()
        self.assertIn("Anna Alexeeva", html)
        self.assertNotIn("roster-add-form", html)

    def test_guest_cannot_add_content(self):
        with api.env.adopt_user(username="beta-member"):
            self.assertFalse(api.user.has_permission("Add portal content", obj=self.alpha))
            with self.assertRaises(Unauthorized):
                self.alpha.invokeFactory("Document", "guest-note", title="Guest note")
            self.assertEqual(self.alpha.allowedContentTypes(), [])
        self.assertNotIn("guest-note", self.alpha)

    def test_guest_cannot_modify_or_delete_content(self):
        notes = self.alpha["notes"]
        with api.env.adopt_user(username="beta-member"):
            self.assertFalse(api.user.has_permission("Modify portal content", obj=notes))
            with self.assertRaises(Unauthorized):
                notes.restrictedTraverse("@@edit")
            with self.assertRaises(Unauthorized):
                self.alpha.manage_delObjects(["notes"])
        self.assertIn("notes", self.alpha)

    def test_guest_cannot_edit_the_workspace_or_its_roster(self):
        with api.env.adopt_user(username="beta-member"):
            self.assertFalse(api.user.has_permission("Modify portal content", obj=self.alpha))
            with self.assertRaises(Unauthorized):
                workspaces.set_member(self.alpha, "beta-admin", "WorkspaceMember")


class TestWorkingGroupAcrossOrganisations(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.group = self.portal["intranet"]["groups"]["definition"]
        with api.env.adopt_user(username="beta-member"):
            self.group.invokeFactory("Document", "draft-criteria", title="Draft criteria")

    def test_members_from_both_organisations_read_the_groups_content(self):
        for user in ("alpha-admin", "alpha-member", "beta-admin", "beta-member"):
            with api.env.adopt_user(username=user):
                document = self.portal.restrictedTraverse("intranet/groups/definition/draft-criteria")
                self.assertEqual(document.Title(), "Draft criteria", user)
                self.assertIn(
                    "/plone/intranet/groups/definition/draft-criteria", catalog_paths(self.portal, "/intranet"), user
                )

    def test_people_outside_the_group_see_nothing_of_it(self):
        for user in ("commission", "editor-de", "mentor-coord", "coordinator"):
            with api.env.adopt_user(username=user):
                with self.assertRaises(Unauthorized, msg=user):
                    self.portal.restrictedTraverse("intranet/groups/definition/draft-criteria")
                self.assertNotIn(
                    "/plone/intranet/groups/definition/draft-criteria", catalog_paths(self.portal, "/intranet"), user
                )

    def test_the_group_does_not_open_the_other_organisations_workspace(self):
        with api.env.adopt_user(username="beta-member"):
            with self.assertRaises(Unauthorized):
                self.portal.restrictedTraverse("intranet/organisations/alpha/notes")
            with self.assertRaises(Unauthorized):
                self.portal.restrictedTraverse("intranet/organisations/alpha/@@roster")

    def test_roster_of_an_organisation_is_closed_to_other_organisations(self):
        with api.env.adopt_user(username="beta-admin"):
            self.assertFalse(workspaces.may_view_roster(self.portal["intranet"]["organisations"]["alpha"]))


class TestCoordinatorOverTheRestApi(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def get(self, url_path, **params):
        return requests.get(
            f"http://{self.layer['host']}:{self.layer['port']}/plone/{url_path}",
            auth=("coordinator", "demo-secret"),
            headers={"Accept": "application/json"},
            params=params,
            timeout=30,
            allow_redirects=False,
        )

    def test_coordinator_gets_the_workspace_but_none_of_its_content(self):
        alpha = self.get("intranet/organisations/alpha")
        self.assertEqual(alpha.status_code, 200, alpha.text)
        self.assertEqual(alpha.json()["title"], "Alpha Rights Centre")
        self.assertEqual(alpha.json().get("items", []), [])
        self.assertNotIn("Internal notes", alpha.text)
        self.assertIn(self.get("intranet/organisations/alpha/notes").status_code, (401, 403))
        found = self.get("@search", path="/plone/intranet/organisations/alpha", b_size="1000").json()
        self.assertEqual([item["@id"].rsplit("/", 1)[-1] for item in found["items"]], ["alpha"])
