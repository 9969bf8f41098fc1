"""The personal dashboard: only one's own workspaces, only changes one may see, helpful empty states."""

from AccessControl import Unauthorized
from coalition.intranet.dashboard import api as dashboard
from coalition.intranet.dashboard.api import WaitingItem
from coalition.intranet.dashboard.interfaces import IWaitingForMe
from plone import api
from plone.app.testing import logout
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
import unittest
from zope.component import getGlobalSiteManager
from zope.interface import implementer


def create(user_id: str, path: str, title: str, portal_type: str = "Document"):
    portal = api.portal.get()
    with api.env.adopt_user(username=user_id):
        return api.content.create(
            container=portal.unrestrictedTraverse(f"intranet/{path}"), type=portal_type, title=title
        )


def render_dashboard(portal, user_id: str) -> str:
    with api.env.adopt_user(username=user_id):
        intranet = portal.restrictedTraverse("intranet")
        return intranet.restrictedTraverse("@@dashboard")()


class TestMyWorkspaces(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def titles(self, user_id):
        return [w.title for w in dashboard.my_workspaces(user_id)]

    def test_members_see_their_organisation_and_their_working_groups(self):
        self.assertEqual(
            self.titles("alpha-member"), ["Alpha Rights Centre", "Culture working group", "Definition working group"]
        )
        self.assertEqual(self.titles("beta-admin"), ["Beta Solidarity Network", "Definition working group"])
        roles = {w.title: w.role for w in dashboard.my_workspaces("alpha-admin")}
        self.assertEqual(roles["Alpha Rights Centre"], "WorkspaceAdmin")

    def test_people_on_no_roster_have_no_workspaces(self):
        self.assertEqual(self.titles("mentor-coord"), [])
        self.assertEqual(self.titles("commission"), [])
        self.assertEqual(self.titles("nobody-at-all"), [])

    def test_a_workspace_reached_through_a_group_counts(self):
        api.group.create(groupname="observers")
        api.group.add_user(groupname="observers", username="commission")
        beta = self.portal["intranet"]["organisations"]["beta"]
        # Rosters name users through workspaces/api.py; a group given the role by hand still counts here.
        beta.manage_setLocalRoles("observers", ["WorkspaceGuest"])
        beta.reindexObjectSecurity()
        workspaces = dashboard.my_workspaces("commission")
        self.assertEqual([(w.title, w.role) for w in workspaces], [("Beta Solidarity Network", "WorkspaceGuest")])


class TestRecentChanges(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def changes(self, user_id):
        with api.env.adopt_user(username=user_id):
            return dashboard.recent_changes(dashboard.my_workspaces(user_id))

    def test_alpha_member_never_sees_beta_items(self):
        create("beta-member", "organisations/beta", "Beta plans for December")
        create("alpha-admin", "organisations/alpha", "Alpha budget")
        titles = [c.title for c in self.changes("alpha-member")]
        self.assertIn("Alpha budget", titles)
        self.assertIn("Internal notes of Alpha", titles)
        self.assertNotIn("Beta plans for December", titles)
        self.assertNotIn("Internal notes of Beta", titles)
        self.assertNotIn("Alpha Rights Centre", titles, "the workspace itself is not a change")

    def test_changes_are_newest_first_with_author_and_workspace(self):
        create("beta-admin", "groups/definition", "Draft criteria")
        latest = self.changes("alpha-member")[0]
        self.assertEqual(latest.title, "Draft criteria")
        self.assertEqual(latest.workspace_title, "Definition working group")
        self.assertEqual(latest.author, "Bernhard Becker")
        dates = [c.modified for c in self.changes("alpha-member")]
        self.assertEqual(dates, sorted(dates, reverse=True))

    def test_the_twenty_newest_changes_only(self):
        for number in range(25):
            create("alpha-member", "organisations/alpha", f"Note {number}")
        titles = [change.title for change in self.changes("alpha-member")]
        self.assertEqual(len(titles), 20)
        self.assertEqual(set(titles), {f"Note {number}" for number in range(5, 25)})

    def test_fewer_changes_than_the_limit_are_all_shown(self):
        create("alpha-member", "organisations/alpha", "Only note")
        with api.env.adopt_user(username="alpha-member"):
            everything = dashboard.recent_changes(dashboard.my_workspaces("alpha-member"), limit=1000)
            newest = dashboard.recent_changes(dashboard.my_workspaces("alpha-member"), limit=1)
        self.assertLess(len(everything), 20, "the demo's workspaces hold fewer items than a page")
        self.assertIn("Internal notes of Alpha", [change.title for change in everything])
        self.assertEqual([change.title for change in newest], ["Only note"])

    def test_a_removed_member_no_longer_sees_the_changes(self):
        from coalition.intranet.workspaces import api as workspaces

        create("alpha-member", "groups/definition", "Shared minutes")
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.remove_member(self.portal["intranet"]["groups"]["definition"], "beta-member")
        titles = [c.title for c in self.changes("beta-member")]
        self.assertNotIn("Shared minutes", titles)
        self.assertEqual([w.title for w in dashboard.my_workspaces("beta-member")], ["Beta Solidarity Network"])


@implementer(IWaitingForMe)
class BallotsToVoteOn:
    title = "Ballots to vote on"
    order = 10

    def items(self, user):
        if user.getId() != "alpha-admin":
            return []
        return [
            WaitingItem(title="Adopt the definition", url="http://nohost/plone/intranet/ballot", detail="Closes Friday")
        ]


class TestDashboardView(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def test_the_dashboard_is_the_default_view_of_the_intranet(self):
        self.assertEqual(self.portal["intranet"].getLayout(), "dashboard")
        self.assertEqual(self.portal["intranet"]["organisations"].getLayout(), "listing_view")

    def test_a_member_sees_own_workspaces_and_changes_only(self):
        create("beta-member", "organisations/beta", "Beta plans for December")
        html = render_dashboard(self.portal, "alpha-member")
        self.assertIn("Welcome, Arkady Antonov", html)
        self.assertIn("Alpha Rights Centre", html)
        self.assertIn("Internal notes of Alpha", html)
        self.assertNotIn("Beta Solidarity Network", html)
        self.assertNotIn("Internal notes of Beta", html)
        self.assertNotIn("Beta plans for December", html)
        self.assertIn("Nothing waits for you.", html)
        self.assertIn("@@notification-preferences", html)

    def test_someone_on_no_roster_gets_helpful_empty_states(self):
        html = render_dashboard(self.portal, "mentor-coord")
        self.assertIn("You are not on the roster of any workspace yet.", html)
        self.assertIn("Changes appear here once you are on the roster of a workspace.", html)
        # What waits for them comes from their role, not from a roster: the demo's quiet mentorship.
        self.assertIn("Mentorships without an action for a while", html)
        # The sections of the intranet they may open are still offered.
        self.assertIn("Organisations", html)

    def test_a_source_of_waiting_items_plugs_in(self):
        registry = getGlobalSiteManager()
        source = BallotsToVoteOn()
        registry.registerUtility(source, IWaitingForMe, name="test.ballots")
        self.addCleanup(registry.unregisterUtility, source, IWaitingForMe, name="test.ballots")
        html = render_dashboard(self.portal, "alpha-admin")
        self.assertIn("Ballots to vote on", html)
        self.assertIn("Adopt the definition", html)
        self.assertNotIn("Nothing waits for you.", html)
        self.assertIn("Nothing waits for you.", render_dashboard(self.portal, "alpha-member"))

    def test_anonymous_cannot_open_the_dashboard(self):
        logout()
        with self.assertRaises(Unauthorized):
            self.portal.restrictedTraverse("intranet/@@dashboard")
