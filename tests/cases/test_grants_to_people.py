"""Grants go to people: access to a case file is granted to named users or to member organisations (their
roster, live), never to groups. Tried over HTTP as the organisation admin who would grant, the members of
another organisation who would read, and a site administrator using Plone's sharing form."""

from coalition.intranet.cases import api as cases
from coalition.intranet.security import audit
import json
from plone import api
import re
import requests
from tests.cases.case_helpers import ADDRESS
from tests.cases.case_helpers import create_case
from tests.cases.case_helpers import RELATIVES
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest


PASSWORD = "demo-secret"
# Accounts made by a test need a password the site's rules accept (12+ characters, not guessable).
NEW_ACCOUNT_PASSWORD = "grants tests: quiet harbour 41"  # noqa: S105
NEW_ACCOUNTS = ("site-admin", "ops-manager")
JSON = {"Accept": "application/json"}
GRANT_ROLES = {"CaseReader", "CaseConfidentialReader"}
# Plone's virtual groups, its own groups and the coalition's site-wide groups (site/structure.py).
GROUPS = (
    "AuthenticatedUsers",
    "Anonymous",
    "Administrators",
    "Site Administrators",
    "Reviewers",
    "coordinators",
    "list-commission",
    "public-editors",
    "translators-de",
    "mentorship-coordinators",
    "friends-of-alpha",
)


def authenticator(html):
    """The plone.protect token of the first form on a page."""
    for tag in re.findall(r"<input[^>]*>", html):
        if 'name="_authenticator"' in tag:
            return re.search(r'value="([^"]+)"', tag).group(1)
    raise AssertionError("no _authenticator on the page")


class GrantsTestCase(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        self.case = create_case(portal)
        # Any other group of the site is refused as well, not only the ones known by name.
        api.group.create(groupname="friends-of-alpha", title="Friends of Alpha")
        api.group.add_user(groupname="friends-of-alpha", username="beta-member")
        transaction.commit()
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.case_url = f"{self.site_url}/intranet/cases/{self.case.getId()}"

    def session(self, user):
        session = requests.Session()
        session.auth = (user, NEW_ACCOUNT_PASSWORD if user in NEW_ACCOUNTS else PASSWORD)
        return session

    def post_access_form(self, user, **data):
        """Submit the Access tab's form as ``user`` would; returns the page shown afterwards."""
        session = self.session(user)
        page = session.get(f"{self.case_url}/@@case-access", timeout=30)
        self.assertEqual(page.status_code, 200, page.text[:500])
        data["_authenticator"] = authenticator(page.text)
        return session.post(f"{self.case_url}/@@case-access", data=data, timeout=30)

    def grant(self, principal, level="confidential", user="alpha-admin"):
        return self.post_access_form(user, principal=principal, level=level, grant="1")

    def revoke(self, principal, user="alpha-admin"):
        return self.post_access_form(user, principal=principal, revoke="1")

    def read_as(self, user):
        """The case as ``user`` reads it through the REST API (the page shows the same fields)."""
        return requests.get(
            self.case_url,
            auth=(user, PASSWORD),
            headers={"Accept": "application/json"},
            timeout=30,
            allow_redirects=False,
        )

    def assert_reads_confidential(self, user):
        response = self.read_as(user)
        self.assertEqual(response.status_code, 200, user)
        self.assertEqual(response.json()["relatives_contacts"], RELATIVES)

    def assert_reads_nothing(self, user):
        response = self.read_as(user)
        self.assertNotEqual(response.status_code, 200, user)
        self.assertNotIn(RELATIVES, response.text)
        self.assertNotIn(ADDRESS, response.text)
        self.assertNotIn("Ivan Testov", response.text)

    def found_by_search(self, user):
        response = requests.get(
            f"{self.site_url}/@search",
            params={"portal_type": "CaseFile", "UID": self.case.UID()},
            auth=(user, PASSWORD),
            headers={"Accept": "application/json"},
            timeout=30,
        )
        return response.json()["items_total"] == 1

    def audited(self, action):
        """The principals named by the audit log's entries ``action`` on this case, newest first."""
        transaction.begin()
        uid = self.case.UID()
        return [e.details.get("principal") for e in audit.entries() if e.action == action and e.target_uid == uid]

    def stored_grants(self):
        transaction.begin()
        roles = {principal: set(r) & GRANT_ROLES for principal, r in self.case.get_local_roles()}
        return {principal: r for principal, r in roles.items() if r}, cases.granted_organisations(self.case)


class TestNoGrantToGroups(GrantsTestCase):
    def test_granting_authenticated_users_confidential_access_is_refused(self):
        before = self.stored_grants()
        page = self.grant("AuthenticatedUsers")
        self.assertIn("AuthenticatedUsers is a group", page.text)
        self.assertIn("never to groups", page.text)
        self.assertNotIn("Access granted.", page.text)
        self.assertEqual(self.stored_grants(), before)
        self.assert_reads_nothing("beta-member")
        self.assertFalse(self.found_by_search("beta-member"))

    def test_every_group_is_refused_and_nothing_changes(self):
        before = self.stored_grants()
        for group in GROUPS:
            for level in ("facts", "confidential"):
                page = self.grant(group, level)
                self.assertIn(f"{group} is a group", page.text, group)
                self.assertNotIn("Access granted.", page.text, group)
        self.assertEqual(self.stored_grants(), before)
        for user in ("beta-member", "beta-admin", "coordinator", "commission"):
            self.assert_reads_nothing(user)
        self.assertFalse(self.audited("case.access_granted"))

    def test_unknown_names_are_refused(self):
        page = self.grant("no-such-person")
        self.assertIn("There is no user or member organisation no-such-person", page.text)

    def test_a_named_user_may_still_be_granted_and_revoked(self):
        self.assertIn("Access granted.", self.grant("beta-member").text)
        self.assert_reads_confidential("beta-member")
        self.assert_reads_nothing("beta-admin")
        self.assertIn("Access revoked.", self.revoke("beta-member").text)
        self.assert_reads_nothing("beta-member")


class TestGrantToOrganisation(GrantsTestCase):
    def remove_from_roster(self, organisation, userid, admin):
        session = self.session(admin)
        roster_url = f"{self.site_url}/intranet/organisations/{organisation}/@@roster"
        page = session.get(roster_url, timeout=30)
        response = session.post(
            roster_url,
            data={"_authenticator": authenticator(page.text), "userid": userid, "form.buttons.remove": "1"},
            timeout=30,
        )
        self.assertEqual(response.status_code, 200)

    def test_organisation_roster_reads_while_on_it(self):
        self.assert_reads_nothing("beta-member")
        page = self.grant("beta")
        self.assertIn("Access granted.", page.text)
        # The Access tab names the organisation and who is on its roster now.
        self.assertIn("Beta Solidarity Network", page.text)
        self.assertIn("Member organisation granted on this case", page.text)
        self.assert_reads_confidential("beta-member")
        self.assert_reads_confidential("beta-admin")
        self.assertTrue(self.found_by_search("beta-member"))

        self.remove_from_roster("beta", "beta-member", admin="beta-admin")
        self.assert_reads_nothing("beta-member")
        self.assertFalse(self.found_by_search("beta-member"))
        self.assert_reads_confidential("beta-admin")

    def test_facts_level_keeps_the_confidential_fields_out(self):
        self.grant("beta", level="facts")
        response = self.read_as("beta-member")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Ivan Testov", response.text)
        self.assertNotIn(RELATIVES, response.text)
        self.assertNotIn("relatives_contacts", response.json())

    def test_revoking_the_organisation_ends_its_access(self):
        self.grant("beta")
        self.assert_reads_confidential("beta-member")
        page = self.revoke("beta")
        self.assertIn("Access revoked.", page.text)
        self.assertNotIn("Member organisation granted on this case", page.text)
        self.assert_reads_nothing("beta-member")
        self.assertFalse(self.found_by_search("beta-member"))
        self.assertEqual(self.stored_grants(), ({}, {}))
        self.assertEqual(self.audited("case.access_granted"), ["beta"])
        self.assertEqual(self.audited("case.access_revoked"), ["beta"])

    def test_another_organisation_cannot_open_the_access_tab(self):
        response = requests.get(
            f"{self.case_url}/@@case-access", auth=("beta-admin", PASSWORD), timeout=30, allow_redirects=False
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("case-grant-form", response.text)
        self.assert_reads_nothing("beta-admin")


class TestSharingFormGivesGroupsNothing(GrantsTestCase):
    """Plone's sharing form on case files is for managers only (site administrators hold no "Change local
    roles" there); even for them, groups get no local role."""

    def setUp(self):
        super().setUp()
        api.user.create(username="site-admin", email="site-admin@example.org", password=NEW_ACCOUNT_PASSWORD)
        api.user.grant_roles(username="site-admin", roles=["Site Administrator"])
        api.user.create(username="ops-manager", email="ops-manager@example.org", password=NEW_ACCOUNT_PASSWORD)
        api.user.grant_roles(username="ops-manager", roles=["Manager"])
        transaction.commit()

    def test_site_administrators_have_no_sharing_form_on_cases(self):
        for url in (f"{self.case_url}/@@sharing", f"{self.case_url}/@sharing"):
            response = requests.post(
                url,
                auth=("site-admin", NEW_ACCOUNT_PASSWORD),
                headers={"Accept": "application/json", "Content-Type": "application/json"},
                data=json.dumps({"entries": [{"id": "beta-member", "type": "user", "roles": {"Reader": True}}]}),
                timeout=30,
                allow_redirects=False,
            )
            self.assertIn(response.status_code, (302, 401, 403), url)
        transaction.begin()
        self.assertEqual(self.case.get_local_roles_for_userid("beta-member"), ())

    def test_rest_sharing_refuses_a_group(self):
        before = self.stored_grants()
        for group in ("AuthenticatedUsers", "friends-of-alpha", "list-commission"):
            response = requests.post(
                f"{self.case_url}/@sharing",
                auth=("ops-manager", NEW_ACCOUNT_PASSWORD),
                headers={"Accept": "application/json", "Content-Type": "application/json"},
                data=json.dumps({"entries": [{"id": group, "type": "group", "roles": {"Reader": True}}]}),
                timeout=30,
            )
            self.assertEqual(response.status_code, 400, response.text[:500])
            self.assertIn("never for groups", response.text)
        transaction.begin()
        self.assertFalse(
            [p for p, _r in self.case.get_local_roles() if p in ("AuthenticatedUsers", "friends-of-alpha")]
        )
        self.assertEqual(self.stored_grants(), before)
        self.assert_reads_nothing("beta-member")

    def test_rest_sharing_still_serves_named_users(self):
        response = requests.post(
            f"{self.case_url}/@sharing",
            auth=("ops-manager", NEW_ACCOUNT_PASSWORD),
            headers={"Accept": "application/json", "Content-Type": "application/json"},
            data=json.dumps({"entries": [{"id": "beta-member", "type": "user", "roles": {"Reader": True}}]}),
            timeout=30,
        )
        self.assertEqual(response.status_code, 204, response.text[:500])
        transaction.begin()
        self.assertIn("Reader", self.case.get_local_roles_for_userid("beta-member"))

    def test_classic_sharing_form_refuses_a_group(self):
        session = self.session("ops-manager")
        page = session.get(f"{self.case_url}/@@sharing", timeout=30)
        self.assertEqual(page.status_code, 200)
        response = session.post(
            f"{self.case_url}/@@sharing",
            data={
                "_authenticator": authenticator(page.text),
                "form.submitted": "1",
                "form.button.Save": "Save",
                "entries.id:records": "AuthenticatedUsers",
                "entries.type:records": "group",
                "entries.role_Reader:records": "True",
            },
            timeout=30,
        )
        self.assertIn("never for groups", response.text)
        transaction.begin()
        self.assertEqual(self.case.get_local_roles_for_userid("AuthenticatedUsers"), ())

    def test_organisation_admins_have_no_sharing_form(self):
        response = requests.get(
            f"{self.case_url}/@@sharing", auth=("alpha-admin", PASSWORD), timeout=30, allow_redirects=False
        )
        self.assertNotEqual(response.status_code, 200)


class TestOldGroupGrantsAreRemoved(GrantsTestCase):
    def test_remove_group_grants_takes_old_group_grants_and_keeps_people(self):
        # Older data: a group given confidential access before the rule, next to a named user's grant.
        self.case.manage_setLocalRoles("AuthenticatedUsers", ["CaseConfidentialReader"])
        self.case.manage_setLocalRoles("friends-of-alpha", ["CaseReader"])
        self.case.manage_setLocalRoles("commission", ["CaseConfidentialReader"])
        self.case.reindexObjectSecurity()
        transaction.commit()
        self.assert_reads_confidential("beta-member")
        page = requests.get(f"{self.case_url}/@@case-access", auth=("alpha-admin", PASSWORD), timeout=30)
        self.assertIn("AuthenticatedUsers", page.text)

        removed = cases.remove_group_grants(self.case)
        transaction.commit()

        self.assertEqual(removed, ["AuthenticatedUsers", "friends-of-alpha"])
        self.assert_reads_nothing("beta-member")
        self.assertFalse(self.found_by_search("beta-member"))
        self.assert_reads_confidential("commission")
        self.assertEqual(sorted(self.audited("case.access_revoked")), ["AuthenticatedUsers", "friends-of-alpha"])
        self.assertEqual(cases.remove_group_grants(self.case), [])

    def test_an_old_group_grant_can_be_revoked_on_the_access_tab(self):
        self.case.manage_setLocalRoles("AuthenticatedUsers", ["CaseConfidentialReader"])
        self.case.reindexObjectSecurity()
        transaction.commit()
        self.assertIn("Access revoked.", self.revoke("AuthenticatedUsers").text)
        self.assert_reads_nothing("beta-member")
