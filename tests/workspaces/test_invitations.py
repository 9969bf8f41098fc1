"""Inviting by e-mail: an account nobody can use yet, an expiring link to set the password, a discreet mail."""

from coalition.intranet.mail import HIDE_TITLES_RECORD
from coalition.intranet.security import audit
from coalition.intranet.workspaces import api as workspaces
from datetime import datetime
from datetime import timedelta
from plone import api
from Products.CMFPlone.PasswordResetTool import ExpiredRequestError
import re
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.workspaces.roster_helpers import install_mock_mailhost
from tests.workspaces.roster_helpers import message_text
import unittest
from zExceptions import Unauthorized


class TestInvitations(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.alpha = self.portal["intranet"]["organisations"]["alpha"]
        self.mailhost = install_mock_mailhost(self.portal)

    def invite(self, address, role="WorkspaceMember", user="alpha-admin"):
        with api.env.adopt_user(username=user):
            return workspaces.invite_member(self.alpha, address, role)

    def reset_key(self, body):
        match = re.search(r"/passwordreset/([0-9a-f]+)\s", body)
        self.assertIsNotNone(match, body)
        return match.group(1)

    def test_existing_user_by_id_is_added_without_mail(self):
        invitation = self.invite("beta-member", "WorkspaceGuest")
        self.assertEqual((invitation.userid, invitation.account_created), ("beta-member", False))
        self.assertEqual(workspaces.roster(self.alpha)["beta-member"], "WorkspaceGuest")
        self.assertEqual(len(self.mailhost.messages), 0)

    def test_existing_user_by_email_is_found_not_duplicated(self):
        invitation = self.invite("  Beta-Member@example.org ".strip().lower())
        self.assertEqual((invitation.userid, invitation.account_created), ("beta-member", False))
        self.assertEqual(len(self.mailhost.messages), 0)

    def test_new_address_gets_an_account_and_one_invitation_mail(self):
        invitation = self.invite("maria.petrova@example.net")
        self.assertEqual((invitation.userid, invitation.account_created), ("maria.petrova", True))
        user = api.user.get(userid="maria.petrova")
        self.assertEqual(user.getProperty("email"), "maria.petrova@example.net")
        self.assertEqual(workspaces.roster(self.alpha)["maria.petrova"], "WorkspaceMember")
        self.assertEqual(len(self.mailhost.messages), 1)
        text = message_text(self.mailhost.messages[0])
        self.assertIn("To: maria.petrova@example.net", text)
        self.assertIn("Your account on Coalition for Political Prisoners in Russia", text)
        self.assertIn('the workspace "Alpha Rights Centre"', text)
        self.assertIn("Your user name: maria.petrova", text)
        self.assertIn(f"{self.portal.absolute_url()}/passwordreset/", text)

    def test_invitation_mail_carries_nothing_confidential(self):
        self.invite("maria.petrova@example.net")
        text = message_text(self.mailhost.messages[0])
        # Neither the inviting person nor anything inside the workspace.
        for secret in ("Anna Alexeeva", "alpha-admin", "Internal notes", "notes", "Arkady"):
            self.assertNotIn(secret, text)

    def test_site_setting_hides_the_workspace_title(self):
        self.assertFalse(api.portal.get_registry_record(HIDE_TITLES_RECORD))
        api.portal.set_registry_record(HIDE_TITLES_RECORD, True)
        self.invite("maria.petrova@example.net")
        text = message_text(self.mailhost.messages[0])
        self.assertNotIn("Alpha", text)
        self.assertIn("invited to a workspace", text)
        self.assertIn("/passwordreset/", text)

    def test_reapplying_the_profile_keeps_the_hide_titles_choice(self):
        api.portal.set_registry_record(HIDE_TITLES_RECORD, True)
        api.portal.get_tool("portal_setup").runImportStepFromProfile(
            "profile-coalition.intranet:default", "plone.app.registry"
        )
        self.assertTrue(api.portal.get_registry_record(HIDE_TITLES_RECORD))

    def test_new_account_cannot_log_in_until_the_password_is_set(self):
        self.invite("maria.petrova@example.net")
        acl_users = self.portal.acl_users
        for guess in ("", "maria.petrova", "maria.petrova@example.net", "demo-secret"):
            self.assertIsNone(acl_users.authenticate("maria.petrova", guess, self.layer["request"]), guess)

    def test_link_sets_the_password_with_plones_reset_tool(self):
        self.invite("maria.petrova@example.net")
        key = self.reset_key(message_text(self.mailhost.messages[0]))
        reset_tool = api.portal.get_tool("portal_password_reset")
        reset_tool.verifyKey(key)
        reset_tool.resetPassword("maria.petrova", key, "a-long-new-password")
        self.assertIsNotNone(
            self.portal.acl_users.authenticate("maria.petrova", "a-long-new-password", self.layer["request"])
        )
        # A link works once.
        with self.assertRaises(Exception):  # noqa: B017 (InvalidRequestError)
            reset_tool.verifyKey(key)

    def test_link_expires(self):
        self.invite("maria.petrova@example.net")
        key = self.reset_key(message_text(self.mailhost.messages[0]))
        reset_tool = api.portal.get_tool("portal_password_reset")
        userid, expiry = reset_tool._requests[key]
        self.assertLessEqual(expiry - datetime.utcnow(), timedelta(days=reset_tool.getExpirationTimeout()))
        reset_tool._requests[key] = (userid, datetime.utcnow() - timedelta(seconds=1))
        with self.assertRaises(ExpiredRequestError):
            reset_tool.verifyKey(key)

    def test_user_id_never_reuses_an_existing_or_leftover_id(self):
        self.assertEqual(self.invite("alpha-admin@elsewhere.example").userid, "alpha-admin-2")
        # An id still named on a roster (left behind by a deleted account) is not given out again.
        with api.env.adopt_roles(["Manager"]):
            self.alpha.manage_setLocalRoles("ghost", ["WorkspaceMember"])
        self.assertEqual(self.invite("ghost@example.net").userid, "ghost-2")

    def test_invalid_address_creates_nothing(self):
        for address in ("not an address@", "@example.org", "maria@", "maria@@example.org"):
            with self.assertRaises(workspaces.RosterError, msg=address):
                self.invite(address)
        self.assertEqual(len(self.mailhost.messages), 0)
        self.assertEqual(set(workspaces.roster(self.alpha)), {"alpha-admin", "alpha-member"})

    def test_without_mail_configuration_nobody_new_is_created(self):
        api.portal.set_registry_record("plone.email_from_address", "")
        with self.assertRaises(workspaces.RosterError) as refused:
            self.invite("maria.petrova@example.net")
        self.assertIn("cannot send mail", refused.exception.message.default)
        self.assertIsNone(api.user.get(userid="maria.petrova"))
        # Existing users can still be added.
        self.invite("beta-member")

    def test_member_cannot_invite_and_no_account_appears(self):
        with self.assertRaises(Unauthorized):
            self.invite("maria.petrova@example.net", user="alpha-member")
        with self.assertRaises(Unauthorized):
            self.invite("maria.petrova@example.net", user="beta-admin")
        self.assertIsNone(api.user.get(userid="maria.petrova"))
        self.assertEqual(len(self.mailhost.messages), 0)

    def test_elevated_roles_do_not_outlive_the_account_creation(self):
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.invite_member(self.alpha, "maria.petrova@example.net", "WorkspaceMember")
            self.assertNotIn("Site Administrator", api.user.get_roles())
            self.assertFalse(api.user.has_permission("Manage users"))

    def test_invitation_is_in_the_audit_log(self):
        self.invite("maria.petrova@example.net", "WorkspaceGuest")
        entry = audit.entries(target=self.alpha)[0]
        self.assertEqual(entry.action, "roster.invited")
        self.assertEqual(entry.actor, "alpha-admin")
        self.assertEqual(entry.details, {"principal": "maria.petrova", "role": "WorkspaceGuest"})
