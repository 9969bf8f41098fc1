"""Every roster change is in the audit log, written by the same transaction; coordinators read it."""

from coalition.intranet.security import audit
from coalition.intranet.workspaces import api as workspaces
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.protect.authenticator import createToken
from plone.testing.zope import Browser
from tests.coalition_layers import COALITION_DEMO_FUNCTIONAL_TESTING
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
import transaction
import unittest
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.component.hooks import getSite
from zope.component.hooks import setSite


class TestAuditEntries(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.alpha = self.portal["intranet"]["organisations"]["alpha"]
        self.group = self.portal["intranet"]["groups"]["definition"]

    def test_demo_workspaces_were_recorded_when_created(self):
        created = {e.target_path for e in audit.entries(action="workspace.created")}
        self.assertTrue(
            {"/intranet/organisations/alpha", "/intranet/organisations/beta", "/intranet/groups/definition"} <= created
        )

    def test_each_roster_change_records_who_by_whom_when_and_where(self):
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.set_member(self.alpha, "beta-member", "WorkspaceGuest")
            workspaces.set_member(self.alpha, "beta-member", "WorkspaceMember")
            workspaces.remove_member(self.alpha, "beta-member")
        newest = list(audit.entries(target=self.alpha))[:3]
        self.assertEqual(
            [(e.action, e.actor, e.details) for e in newest],
            [
                ("roster.removed", "alpha-admin", {"principal": "beta-member", "previous_role": "WorkspaceMember"}),
                (
                    "roster.role_changed",
                    "alpha-admin",
                    {"principal": "beta-member", "role": "WorkspaceMember", "previous_role": "WorkspaceGuest"},
                ),
                (
                    "roster.added",
                    "alpha-admin",
                    {"principal": "beta-member", "role": "WorkspaceGuest", "previous_role": ""},
                ),
            ],
        )
        for entry in newest:
            self.assertEqual(entry.target_path, "/intranet/organisations/alpha")
            self.assertEqual(entry.target_title, "Alpha Rights Centre")
            self.assertEqual(entry.target_uid, api.content.get_uuid(self.alpha))
            self.assertEqual(entry.when.tzinfo.utcoffset(entry.when).total_seconds(), 0)
        self.assertTrue(newest[0].when >= newest[1].when >= newest[2].when)

    def test_a_managers_change_on_the_sharing_form_is_recorded(self):
        request = self.layer["request"]
        with api.env.adopt_roles(["Manager"]):
            request["REQUEST_METHOD"] = "POST"
            request.form.update(
                {
                    "form.submitted": "1",
                    "form.button.Save": "Save",
                    "_authenticator": createToken(),
                    "entries": [{"id": "commission", "type": "user", "role_Reader": "True"}],
                }
            )
            self.alpha.restrictedTraverse("@@sharing").handle_form()
        entry = audit.entries(target=self.alpha)[0]
        self.assertEqual(entry.action, "workspace.sharing_changed")
        self.assertIn("commission: Reader", entry.details["local_roles"])
        # Reader is not a workspace role: it opens nothing.
        with api.env.adopt_user(username="commission"), self.assertRaises(Unauthorized):
            self.portal.restrictedTraverse("intranet/organisations/alpha/notes")

    def test_refused_changes_leave_no_entry(self):
        before = len(audit.entries())
        with api.env.adopt_user(username="alpha-member"), self.assertRaises(Unauthorized):
            workspaces.set_member(self.alpha, "beta-member", "WorkspaceMember")
        with api.env.adopt_user(username="alpha-admin"), self.assertRaises(workspaces.RosterError):
            workspaces.set_member(self.alpha, "alpha-admin", "WorkspaceMember")
        self.assertEqual(len(audit.entries()), before)

    def test_entries_are_newest_first_and_filterable(self):
        with api.env.adopt_user(username="coordinator"):
            workspaces.set_member(self.alpha, "commission", "WorkspaceGuest")
            workspaces.set_member(self.group, "commission", "WorkspaceGuest")
        everything = audit.entries()
        self.assertEqual(everything[0].target_path, "/intranet/groups/definition")
        self.assertEqual(everything[1].target_path, "/intranet/organisations/alpha")
        self.assertEqual(everything[-1].key, min(e.key for e in everything))
        self.assertEqual(
            [e.target_title for e in audit.entries(actor="coordinator")][:2],
            [
                "Definition working group",
                "Alpha Rights Centre",
            ],
        )
        self.assertEqual(
            {e.action for e in audit.entries(action="roster.added", target="/intranet/groups/definition")},
            {"roster.added"},
        )
        self.assertEqual(len(everything[0:2]), 2)

    def test_keys_are_unique_and_follow_time(self):
        for number in range(200):
            audit.record("test.entry", self.alpha, actor="coordinator", number=number)
        recorded = audit.entries(action="test.entry")
        self.assertEqual(len({e.key for e in recorded}), 200)
        times = [e.when for e in recorded]
        self.assertEqual(times, sorted(times, reverse=True))

    def test_the_log_offers_no_way_to_change_an_entry(self):
        entry = audit.entries()[0]
        with self.assertRaises(Exception):  # noqa: B017 (FrozenInstanceError)
            entry.actor = "someone-else"
        for name in ("delete", "remove", "clear", "update", "edit"):
            self.assertFalse(hasattr(audit, name), name)


class TestAuditLogView(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.intranet = self.portal["intranet"]

    def test_only_coordinators_and_managers_may_read_the_log(self):
        for user in ("alpha-admin", "alpha-member", "beta-admin", "commission", "editor-de"):
            with api.env.adopt_user(username=user), self.assertRaises(Unauthorized, msg=user):
                self.intranet.restrictedTraverse("@@audit-log")
        audit.record("workspace.created", self.intranet["organisations"]["alpha"], actor="coordinator")
        with api.env.adopt_user(username="coordinator"):
            html = self.intranet.restrictedTraverse("@@audit-log")()
        self.assertIn("Audit log", html)
        first_row = html.split("<tbody>")[1].split("</tr>")[0]
        self.assertIn("Workspace created", first_row)

    def test_log_lives_at_the_intranet_only(self):
        with api.env.adopt_user(username="coordinator"), self.assertRaises(NotFound):
            self.intranet["organisations"].restrictedTraverse("@@audit-log")()

    def test_roster_change_shows_names_and_roles_newest_first(self):
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.set_member(self.intranet["organisations"]["alpha"], "beta-member", "WorkspaceGuest")
        with api.env.adopt_user(username="coordinator"):
            html = self.intranet.restrictedTraverse("@@audit-log")()
        first_row = html.split("<tbody>")[1].split("</tr>")[0]
        self.assertIn("Anna Alexeeva (alpha-admin)", first_row)
        self.assertIn("Added to the roster", first_row)
        self.assertIn("Alpha Rights Centre", first_row)
        self.assertIn("Bella Berg (beta-member), Guest (read only)", first_row)

    def test_log_is_shown_in_pages(self):
        alpha = self.intranet["organisations"]["alpha"]
        for number in range(60):
            audit.record("test.entry", alpha, actor="coordinator", number=number)
        with api.env.adopt_user(username="coordinator"):
            view = self.intranet.restrictedTraverse("@@audit-log")
            html = view()
            self.assertEqual(html.split("<tbody>")[1].count("<tr>"), 50)
            self.assertIn("b_start:int=50", html)
            self.layer["request"].form["b_start"] = "50"
            second = view()
        self.assertEqual(second.split("<tbody>")[1].count("<tr>"), min(50, len(audit.entries()) - 50))


class TestEmptyAuditLog(unittest.TestCase):
    layer = COALITION_INTEGRATION_TESTING

    def test_a_new_site_has_an_empty_log_and_says_so(self):
        self.assertEqual(list(audit.entries()), [])
        with api.env.adopt_roles(["Manager"]):
            html = self.layer["portal"]["intranet"].restrictedTraverse("@@audit-log")()
        self.assertIn("Nothing has been recorded yet.", html)
        self.assertNotIn("audit-log-table", html)


class TestAuditTransactions(unittest.TestCase):
    layer = COALITION_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.alpha = self.portal["intranet"]["organisations"]["alpha"]

    def test_change_and_entry_abort_together(self):
        before = len(audit.entries())
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.set_member(self.alpha, "beta-member", "WorkspaceGuest")
        self.assertEqual(len(audit.entries()), before + 1)
        transaction.abort()
        self.assertNotIn("beta-member", workspaces.roster(self.alpha))
        self.assertEqual(len(audit.entries()), before)

    def test_change_and_entry_commit_together(self):
        before = len(audit.entries())
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.set_member(self.alpha, "beta-member", "WorkspaceGuest")
        transaction.commit()
        self.assertIn("beta-member", workspaces.roster(self.alpha))
        self.assertEqual(len(audit.entries()), before + 1)

    def test_concurrent_entries_do_not_conflict(self):
        transaction.commit()
        database = self.layer["app"]._p_jar.db()
        site = getSite()
        managers, connections = [], []
        try:
            for number in range(2):
                manager = transaction.TransactionManager()
                connection = database.open(transaction_manager=manager)
                managers.append(manager)
                connections.append(connection)
                portal = connection.root()["Application"]["plone"]
                setSite(portal)
                audit.record(
                    "test.concurrent", portal["intranet"]["organisations"]["alpha"], actor="coordinator", number=number
                )
            for manager in managers:
                manager.commit()  # the second commit resolves against the first instead of raising
        finally:
            setSite(site)
            for connection in connections:
                connection.close()
        transaction.begin()
        self.assertEqual(len(audit.entries(action="test.concurrent")), 2)


class TestAuditLogLink(unittest.TestCase):
    layer = COALITION_DEMO_FUNCTIONAL_TESTING

    def test_coordinator_finds_the_log_in_the_personal_menu_and_members_do_not(self):
        browser = Browser(self.layer["app"])
        browser.handleErrors = False
        browser.addHeader("Authorization", "Basic coordinator:demo-secret")
        browser.open(self.layer["portal"].absolute_url() + "/intranet")
        link = browser.getLink(url="/intranet/@@audit-log")
        link.click()
        self.assertIn("Acts, logins and reads of case files, newest first", browser.contents)

        member = Browser(self.layer["app"])
        member.addHeader("Authorization", "Basic alpha-admin:demo-secret")
        member.open(self.layer["portal"].absolute_url() + "/intranet")
        self.assertNotIn("@@audit-log", member.contents)

    def test_site_owner_reads_the_log(self):
        browser = Browser(self.layer["app"])
        browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
        browser.open(self.layer["portal"].absolute_url() + "/intranet/@@audit-log")
        self.assertIn("audit-log-table", browser.contents)
