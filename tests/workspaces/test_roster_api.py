"""The roster rules of workspaces/api.py: who may change a roster, and which changes are refused."""

from coalition.intranet.security import audit
from coalition.intranet.workspaces import api as workspaces
from plone import api
from plone.app.testing import logout
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
import unittest
from zExceptions import Unauthorized


class TestRosterPermissions(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.alpha = self.portal["intranet"]["organisations"]["alpha"]
        self.group = self.portal["intranet"]["groups"]["definition"]

    def test_organisation_admin_adds_an_existing_user_without_a_site_administrator(self):
        with api.env.adopt_user(username="alpha-admin"):
            previous = workspaces.set_member(self.alpha, "beta-member", "WorkspaceGuest")
        self.assertIsNone(previous)
        self.assertEqual(workspaces.roster(self.alpha)["beta-member"], "WorkspaceGuest")

    def test_organisation_admin_changes_a_role_and_removes_a_member(self):
        with api.env.adopt_user(username="alpha-admin"):
            self.assertEqual(workspaces.set_member(self.alpha, "alpha-member", "WorkspaceGuest"), "WorkspaceMember")
            self.assertEqual(workspaces.remove_member(self.alpha, "alpha-member"), "WorkspaceGuest")
        self.assertNotIn("alpha-member", workspaces.roster(self.alpha))
        self.assertEqual(self.alpha.get_local_roles_for_userid("alpha-member"), ())

    def test_member_cannot_change_the_roster(self):
        with api.env.adopt_user(username="alpha-member"):
            self.assertFalse(workspaces.may_manage_roster(self.alpha))
            with self.assertRaises(Unauthorized):
                workspaces.set_member(self.alpha, "beta-member", "WorkspaceMember")
            with self.assertRaises(Unauthorized):
                workspaces.remove_member(self.alpha, "alpha-admin")
            with self.assertRaises(Unauthorized):
                workspaces.invite_member(self.alpha, "beta-member", "WorkspaceMember")
        self.assertNotIn("beta-member", workspaces.roster(self.alpha))
        self.assertIn("alpha-admin", workspaces.roster(self.alpha))

    def test_admin_of_another_organisation_cannot_change_alphas_roster(self):
        with api.env.adopt_user(username="beta-admin"):
            with self.assertRaises(Unauthorized):
                workspaces.set_member(self.alpha, "beta-admin", "WorkspaceMember")
            with self.assertRaises(Unauthorized):
                workspaces.set_member(self.alpha, "beta-member", "WorkspaceAdmin")
        self.assertNotIn("beta-member", workspaces.roster(self.alpha))

    def test_working_group_member_from_another_organisation_cannot_change_its_roster(self):
        # beta-admin is a plain member of the working group.
        with api.env.adopt_user(username="beta-admin"), self.assertRaises(Unauthorized):
            workspaces.set_member(self.group, "beta-member", "WorkspaceAdmin")

    def test_anonymous_cannot_change_a_roster(self):
        logout()
        with self.assertRaises(Unauthorized):
            workspaces.set_member(self.alpha, "beta-member", "WorkspaceMember")

    def test_coordinator_manages_every_roster(self):
        with api.env.adopt_user(username="coordinator"):
            workspaces.set_member(self.alpha, "beta-member", "WorkspaceGuest")
            workspaces.set_member(self.group, "commission", "WorkspaceGuest")
        self.assertEqual(workspaces.roster(self.alpha)["beta-member"], "WorkspaceGuest")
        self.assertEqual(workspaces.roster(self.group)["commission"], "WorkspaceGuest")

    def test_an_actor_named_by_the_caller_must_hold_the_permission_too(self):
        with api.env.adopt_roles(["Manager"]):
            with self.assertRaises(Unauthorized):
                workspaces.set_member(self.alpha, "beta-member", "WorkspaceMember", actor="alpha-member")
            workspaces.set_member(self.alpha, "beta-member", "WorkspaceMember", actor="alpha-admin")
        self.assertEqual(audit.entries(target=self.alpha)[0].actor, "alpha-admin")

    def test_only_workspaces_have_rosters(self):
        with api.env.adopt_roles(["Manager"]), self.assertRaises(ValueError):
            workspaces.set_member(self.alpha["notes"], "beta-member", "WorkspaceMember")


class TestRosterRules(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.alpha = self.portal["intranet"]["organisations"]["alpha"]

    def test_unknown_role_is_refused(self):
        with api.env.adopt_user(username="alpha-admin"):
            for role in ("Manager", "Owner", "Site Administrator", "workspaceadmin", ""):
                with self.assertRaises(workspaces.RosterError, msg=role):
                    workspaces.set_member(self.alpha, "beta-member", role)
                with self.assertRaises(workspaces.RosterError, msg=role):
                    workspaces.invite_member(self.alpha, "beta-member", role)
        self.assertNotIn("beta-member", workspaces.roster(self.alpha))
        self.assertEqual(self.alpha.get_local_roles_for_userid("beta-member"), ())

    def test_nobody_changes_their_own_entry(self):
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.set_member(self.alpha, "alpha-member", "WorkspaceAdmin")
            with self.assertRaises(workspaces.RosterError) as refused:
                workspaces.set_member(self.alpha, "alpha-admin", "WorkspaceMember")
            with self.assertRaises(workspaces.RosterError):
                workspaces.remove_member(self.alpha, "alpha-admin")
        self.assertIn("your own place", refused.exception.message.default)
        self.assertEqual(workspaces.roster(self.alpha)["alpha-admin"], "WorkspaceAdmin")

    def test_coordinator_cannot_put_themselves_on_a_roster(self):
        with api.env.adopt_user(username="coordinator"):
            with self.assertRaises(workspaces.RosterError):
                workspaces.set_member(self.alpha, "coordinator", "WorkspaceMember")
            with self.assertRaises(workspaces.RosterError):
                workspaces.invite_member(self.alpha, "coordinator@example.org", "WorkspaceMember")
        self.assertNotIn("coordinator", workspaces.roster(self.alpha))

    def test_the_last_admin_can_be_neither_demoted_nor_removed(self):
        with api.env.adopt_user(username="coordinator"):
            with self.assertRaises(workspaces.RosterError) as refused:
                workspaces.set_member(self.alpha, "alpha-admin", "WorkspaceMember")
            with self.assertRaises(workspaces.RosterError):
                workspaces.remove_member(self.alpha, "alpha-admin")
            self.assertIn("last admin", refused.exception.message.default)
            self.assertEqual(refused.exception.message.mapping["name"], "Anna Alexeeva")
            # With a second admin, the first may go.
            workspaces.set_member(self.alpha, "alpha-member", "WorkspaceAdmin")
            workspaces.remove_member(self.alpha, "alpha-admin")
        self.assertEqual(workspaces.admins(self.alpha), ["alpha-member"])

    def test_rosters_name_existing_users_not_groups(self):
        with api.env.adopt_user(username="coordinator"):
            for principal in ("AuthenticatedUsers", "coordinators", "nobody-here"):
                with self.assertRaises(workspaces.RosterError, msg=principal):
                    workspaces.set_member(self.alpha, principal, "WorkspaceGuest")
        self.assertEqual(set(workspaces.roster(self.alpha)), {"alpha-admin", "alpha-member"})

    def test_removing_someone_not_on_the_roster_is_refused(self):
        with api.env.adopt_user(username="alpha-admin"), self.assertRaises(workspaces.RosterError):
            workspaces.remove_member(self.alpha, "beta-member")

    def test_setting_the_same_role_again_changes_and_records_nothing(self):
        before = len(audit.entries())
        with api.env.adopt_user(username="alpha-admin"):
            self.assertEqual(workspaces.set_member(self.alpha, "alpha-member", "WorkspaceMember"), "WorkspaceMember")
        self.assertEqual(len(audit.entries()), before)

    def test_other_local_roles_survive_a_roster_change(self):
        with api.env.adopt_roles(["Manager"]):
            self.alpha.manage_setLocalRoles("alpha-member", ["WorkspaceMember", "CaseReader"])
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.set_member(self.alpha, "alpha-member", "WorkspaceGuest")
            self.assertEqual(
                sorted(self.alpha.get_local_roles_for_userid("alpha-member")), ["CaseReader", "WorkspaceGuest"]
            )
            workspaces.remove_member(self.alpha, "alpha-member")
        self.assertEqual(self.alpha.get_local_roles_for_userid("alpha-member"), ("CaseReader",))

    def test_roster_entries_list_admins_first_with_names_and_addresses(self):
        entries = workspaces.roster_entries(self.portal["intranet"]["groups"]["definition"])
        self.assertEqual(entries[0].userid, "alpha-admin")
        self.assertEqual(entries[0].fullname, "Anna Alexeeva")
        self.assertEqual(entries[0].email, "alpha-admin@example.org")
        self.assertEqual([e.role for e in entries], ["WorkspaceAdmin"] + ["WorkspaceMember"] * 3)
        self.assertEqual([e.fullname for e in entries[1:]], ["Arkady Antonov", "Bella Berg", "Bernhard Becker"])

    def test_workspaces_of_a_person(self):
        titles = [w.Title() for w in workspaces.workspaces_of("beta-member")]
        self.assertEqual(titles, ["Beta Solidarity Network", "Definition working group"])
