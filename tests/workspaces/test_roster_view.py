"""The roster page and the workspace add forms, through Zope's test browser."""

from coalition.intranet.security import audit
from coalition.intranet.workspaces import api as workspaces
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.protect.authenticator import createToken
from plone.testing.zope import Browser
from tests.coalition_layers import COALITION_DEMO_FUNCTIONAL_TESTING
from tests.workspaces.roster_helpers import install_mock_mailhost
from tests.workspaces.roster_helpers import message_text
import transaction
import unittest
from urllib.parse import urlencode
from zExceptions import Forbidden
from zExceptions import Unauthorized


class RosterBrowserTestCase(unittest.TestCase):
    layer = COALITION_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.portal_url = self.portal.absolute_url()
        self.groups = self.portal["intranet"]["groups"]
        with api.env.adopt_roles(["Manager"]):
            group = createContentInContainer(
                self.groups, "WorkingGroup", id="campaigns", title="Campaigns working group", checkConstraints=False
            )
            workspaces.set_member(group, "alpha-admin", "WorkspaceAdmin")
            createContentInContainer(
                self.groups, "WorkingGroup", id="empty", title="Empty group", checkConstraints=False
            )
        self.mailhost = install_mock_mailhost(self.portal)
        transaction.commit()

    def browser(self, user):
        browser = Browser(self.layer["app"])
        browser.handleErrors = False
        browser.addHeader("Authorization", f"Basic {user}:demo-secret")
        return browser

    def assert_refused(self, user, url, *secrets):
        """With Plone's own error handling: the page is refused and shows none of ``secrets``."""
        browser = self.browser(user)
        browser.handleErrors = True
        browser.raiseHttpErrors = False
        browser.open(url)
        self.assertIn("Insufficient Privileges", browser.contents)
        for secret in secrets:
            self.assertNotIn(secret, browser.contents)

    def token_of(self, user):
        with api.env.adopt_user(username=user):
            return createToken()

    def roster_of(self, group_id):
        transaction.begin()
        return workspaces.roster(self.groups[group_id])


class TestRosterPage(RosterBrowserTestCase):
    def test_admin_adds_a_member_of_another_organisation_as_guest(self):
        browser = self.browser("alpha-admin")
        browser.open(f"{self.portal_url}/intranet/groups/campaigns/@@roster")
        self.assertIn("Roster of Campaigns working group", browser.contents)
        browser.getControl(name="invitee").value = "beta-member"
        browser.getControl(name="role").value = ["WorkspaceGuest"]
        browser.getControl(name="form.buttons.invite").click()

        self.assertTrue(browser.url.endswith("/intranet/groups/campaigns/@@roster"), browser.url)
        self.assertIn("Bella Berg is now on the roster as Guest (read only).", browser.contents)
        row = browser.contents.split('data-userid="beta-member"')[1].split("</tr>")[0]
        self.assertIn("Guest (read only)", row)
        self.assertEqual(self.roster_of("campaigns")["beta-member"], "WorkspaceGuest")
        self.assertEqual(audit.entries(target=self.groups["campaigns"])[0].actor, "alpha-admin")

        # The guest now opens the group and reads its roster, without the forms.
        guest = self.browser("beta-member")
        guest.open(f"{self.portal_url}/intranet/groups/campaigns/@@roster")
        self.assertIn("Anna Alexeeva", guest.contents)
        self.assertNotIn("roster-add-form", guest.contents)
        self.assertNotIn("form.buttons.remove", guest.contents)

    def test_admin_changes_a_role_and_removes_someone(self):
        browser = self.browser("alpha-admin")
        browser.open(f"{self.portal_url}/intranet/groups/definition/@@roster")
        form = browser.getForm(index=self._row_form_index(browser.contents, "beta-admin", "roster-change-role"))
        form.getControl(name="role").value = ["WorkspaceGuest"]
        form.submit(name="form.buttons.change_role")
        self.assertIn("Bernhard Becker is now Guest (read only).", browser.contents)
        form = browser.getForm(index=self._row_form_index(browser.contents, "beta-admin", "roster-remove"))
        form.submit(name="form.buttons.remove")
        self.assertIn("Bernhard Becker has been removed from the roster.", browser.contents)
        self.assertNotIn('data-userid="beta-admin"', browser.contents)
        self.assertNotIn("beta-admin", self.roster_of("definition"))

    def _row_form_index(self, html, userid, css_class):
        """Index among the page's forms of the ``css_class`` form in ``userid``'s row."""
        before_row, row = html.split(f'data-userid="{userid}"', 1)
        row = row.split("</tr>")[0]
        return before_row.count("<form") + row.split(css_class)[0].count("<form") - 1

    def test_own_entry_has_no_controls(self):
        browser = self.browser("alpha-admin")
        browser.open(f"{self.portal_url}/intranet/groups/definition/@@roster")
        own_row = browser.contents.split('data-userid="alpha-admin"')[1].split("</tr>")[0]
        self.assertNotIn("<form", own_row)
        self.assertIn("Another admin or a coordinator can change your own entry.", own_row)

    def test_refused_change_is_explained_and_changes_nothing(self):
        browser = self.browser("coordinator")
        browser.open(f"{self.portal_url}/intranet/groups/campaigns/@@roster")
        form = browser.getForm(index=self._row_form_index(browser.contents, "alpha-admin", "roster-remove"))
        form.submit(name="form.buttons.remove")
        self.assertIn("Anna Alexeeva is the last admin of this workspace.", browser.contents)
        self.assertEqual(self.roster_of("campaigns"), {"alpha-admin": "WorkspaceAdmin"})

    def test_unknown_person_is_explained_and_the_input_kept(self):
        browser = self.browser("alpha-admin")
        browser.open(f"{self.portal_url}/intranet/groups/campaigns/@@roster")
        browser.getControl(name="invitee").value = "no-such-person"
        browser.getControl(name="form.buttons.invite").click()
        self.assertIn("There is no user with the id no-such-person.", browser.contents)
        self.assertEqual(browser.getControl(name="invitee").value, "no-such-person")

    def test_inviting_a_new_address_sends_the_mail_on_commit(self):
        browser = self.browser("alpha-admin")
        browser.open(f"{self.portal_url}/intranet/groups/campaigns/@@roster")
        browser.getControl(name="invitee").value = "olga.smirnova@example.net"
        browser.getControl(name="form.buttons.invite").click()
        self.assertIn("An invitation has been sent to olga.smirnova@example.net.", browser.contents)
        self.assertIn("olga.smirnova@example.net", browser.contents)
        transaction.begin()
        self.assertEqual(len(self.portal.MailHost.messages), 1)
        self.assertIn('the workspace "Campaigns working group"', message_text(self.portal.MailHost.messages[0]))

    def test_empty_roster_says_so(self):
        browser = self.browser("coordinator")
        browser.open(f"{self.portal_url}/intranet/groups/empty/@@roster")
        self.assertIn("Nobody is on this roster yet.", browser.contents)
        self.assertIn("Add the first members with the form below.", browser.contents)
        self.assertNotIn("roster-table", browser.contents)

    def test_workspace_page_links_to_its_roster(self):
        browser = self.browser("alpha-member")
        browser.open(f"{self.portal_url}/intranet/organisations/alpha")
        browser.getLink(url="/intranet/organisations/alpha/@@roster").click()
        self.assertIn("Roster of Alpha Rights Centre", browser.contents)


class TestForgedRosterChanges(RosterBrowserTestCase):
    def post(self, user, group_id, data):
        browser = self.browser(user)
        browser.post(f"{self.portal_url}/intranet/groups/{group_id}/@@roster", urlencode(data))
        return browser

    def test_member_sees_no_forms(self):
        browser = self.browser("alpha-member")
        browser.open(f"{self.portal_url}/intranet/groups/definition/@@roster")
        self.assertIn("Anna Alexeeva", browser.contents)
        for marker in ("roster-add-form", "form.buttons.invite", "form.buttons.remove", "form.buttons.change_role"):
            self.assertNotIn(marker, browser.contents)

    def test_forged_post_by_a_member_is_refused(self):
        forged = {"invitee": "alpha-member", "role": "WorkspaceAdmin", "form.buttons.invite": "Add"}
        with self.assertRaises(Forbidden):  # no CSRF token
            self.post("alpha-member", "definition", forged)
        with self.assertRaises(Forbidden):  # someone else's token
            self.post("alpha-member", "definition", {**forged, "_authenticator": self.token_of("alpha-admin")})
        own_token = self.token_of("alpha-member")
        with self.assertRaises(Unauthorized):  # a valid token does not give the permission
            self.post("alpha-member", "definition", {**forged, "_authenticator": own_token})
        removal = {"userid": "alpha-admin", "form.buttons.remove": "Remove", "_authenticator": own_token}
        with self.assertRaises(Unauthorized):
            self.post("alpha-member", "definition", removal)
        self.assertEqual(self.roster_of("definition")["alpha-member"], "WorkspaceMember")
        self.assertEqual(self.roster_of("definition")["alpha-admin"], "WorkspaceAdmin")

    def test_outsider_cannot_even_read_the_roster(self):
        self.assert_refused(
            "commission", f"{self.portal_url}/intranet/groups/definition/@@roster", "Anna Alexeeva", "roster-table"
        )
        with self.assertRaises(Unauthorized):
            self.post(
                "beta-admin",
                "campaigns",
                {
                    "invitee": "beta-admin",
                    "role": "WorkspaceAdmin",
                    "form.buttons.invite": "Add",
                    "_authenticator": self.token_of("beta-admin"),
                },
            )
        self.assertEqual(self.roster_of("campaigns"), {"alpha-admin": "WorkspaceAdmin"})

    def test_roster_change_by_get_is_ignored(self):
        browser = self.browser("alpha-admin")
        browser.open(
            f"{self.portal_url}/intranet/groups/definition/@@roster?"
            + urlencode({"userid": "beta-admin", "form.buttons.remove": "Remove"})
        )
        self.assertIn("beta-admin", self.roster_of("definition"))


class TestWorkspaceAddForms(RosterBrowserTestCase):
    def test_coordinator_creates_an_organisation_with_its_first_admin(self):
        browser = self.browser("coordinator")
        browser.open(f"{self.portal_url}/intranet/organisations")
        browser.open(f"{self.portal_url}/intranet/organisations/++add++Organisation")
        browser.getControl(name="form.widgets.title").value = "Gamma Prison Watch"
        browser.getControl(name="form.widgets.country").value = "Georgia"
        browser.getControl(name="form.widgets.first_admin").value = "beta-admin@example.org"
        browser.getControl(name="form.buttons.save").click()

        self.assertTrue(browser.url.endswith("/intranet/organisations/gamma-prison-watch/@@roster"), browser.url)
        row = browser.contents.split('data-userid="beta-admin"')[1].split("</tr>")[0]
        self.assertIn("Admin", row)
        transaction.begin()
        gamma = self.portal["intranet"]["organisations"]["gamma-prison-watch"]
        self.assertEqual(workspaces.roster(gamma), {"beta-admin": "WorkspaceAdmin"})
        self.assertEqual(
            [(e.action, e.actor) for e in audit.entries(target=gamma)],
            [("roster.added", "coordinator"), ("workspace.created", "coordinator")],
        )

    def test_new_address_as_first_admin_gets_an_invitation(self):
        browser = self.browser("coordinator")
        browser.open(f"{self.portal_url}/intranet/organisations/++add++Organisation")
        browser.getControl(name="form.widgets.title").value = "Delta Defenders"
        browser.getControl(name="form.widgets.first_admin").value = "irina@delta.example"
        browser.getControl(name="form.buttons.save").click()
        self.assertIn("An invitation has been sent to irina@delta.example.", browser.contents)
        transaction.begin()
        self.assertEqual(
            workspaces.roster(self.portal["intranet"]["organisations"]["delta-defenders"]), {"irina": "WorkspaceAdmin"}
        )
        self.assertIn('the workspace "Delta Defenders"', message_text(self.portal.MailHost.messages[0]))

    def test_unknown_first_admin_creates_nothing(self):
        browser = self.browser("coordinator")
        browser.open(f"{self.portal_url}/intranet/organisations/++add++Organisation")
        browser.getControl(name="form.widgets.title").value = "Typo Organisation"
        browser.getControl(name="form.widgets.first_admin").value = "beta-admn"
        browser.getControl(name="form.buttons.save").click()
        self.assertIn("There is no user with the id beta-admn.", browser.contents)
        transaction.begin()
        self.assertNotIn("typo-organisation", self.portal["intranet"]["organisations"])

    def test_first_admin_is_required_for_an_organisation(self):
        browser = self.browser("coordinator")
        browser.open(f"{self.portal_url}/intranet/organisations/++add++Organisation")
        browser.getControl(name="form.widgets.title").value = "Nameless Admin"
        browser.getControl(name="form.buttons.save").click()
        self.assertIn("Required input is missing.", browser.contents)
        transaction.begin()
        self.assertNotIn("nameless-admin", self.portal["intranet"]["organisations"])

    def test_coordinator_creates_a_working_group_and_lands_on_its_roster(self):
        browser = self.browser("coordinator")
        browser.open(f"{self.portal_url}/intranet/groups/++add++WorkingGroup")
        browser.getControl(name="form.widgets.title").value = "Mentorship working group"
        browser.getControl(name="form.widgets.description").value = "Finds mentors for prisoners."
        browser.getControl(name="form.buttons.save").click()
        self.assertTrue(browser.url.endswith("/intranet/groups/mentorship-working-group/@@roster"), browser.url)
        self.assertIn("Nobody is on this roster yet.", browser.contents)

    def test_organisation_admin_cannot_create_organisations(self):
        self.assert_refused(
            "alpha-admin", f"{self.portal_url}/intranet/organisations/++add++Organisation", "form.widgets.first_admin"
        )
