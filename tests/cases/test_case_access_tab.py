"""The Access tab: explicit grants by the nominating organisation's admin, audited; the access log records
every read of a case file outside the ZODB, readable by the organisation's admins."""

from AccessControl import Unauthorized
from coalition.intranet.cases import api as cases
from coalition.intranet.cases.access_log import ENV_DIRECTORY
from coalition.intranet.security import audit
import os
from plone import api
import requests
import tempfile
from tests.cases.case_helpers import create_case
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest


class TestGrants(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.case = create_case(self.portal)

    def test_organisation_admin_grants_facts_then_confidential_access_and_revokes(self):
        with api.env.adopt_user(username="alpha-admin"):
            cases.grant_access(self.case, "beta-admin", "facts")
        self.assertTrue(api.user.has_permission("View", username="beta-admin", obj=self.case))
        self.assertFalse(
            api.user.has_permission("coalition: View confidential case data", username="beta-admin", obj=self.case)
        )
        with api.env.adopt_user(username="alpha-admin"):
            cases.grant_access(self.case, "beta-admin", "confidential")
        self.assertTrue(
            api.user.has_permission("coalition: View confidential case data", username="beta-admin", obj=self.case)
        )
        with api.env.adopt_user(username="alpha-admin"):
            cases.revoke_access(self.case, "beta-admin")
        self.assertFalse(api.user.has_permission("View", username="beta-admin", obj=self.case))
        actions = [entry.action for entry in audit.entries()][:3]
        self.assertEqual(actions, ["case.access_revoked", "case.access_granted", "case.access_granted"])

    def test_overview_names_roster_grants_and_commission(self):
        with api.env.adopt_user(username="alpha-admin"):
            cases.grant_access(self.case, "commission", "confidential")
            api.content.transition(self.case, transition="nominate")
        overview = {(e.principal, e.through, e.confidential) for e in cases.access_overview(self.case)}
        self.assertIn(("alpha-admin", "roster", True), overview)
        self.assertIn(("alpha-member", "roster", True), overview)
        self.assertIn(("commission", "grant", True), overview)
        self.assertIn(("list-commission", "commission", False), overview)

    def test_members_and_outsiders_cannot_grant(self):
        for user in ("alpha-member", "beta-admin", "coordinator"):
            with api.env.adopt_user(username=user), self.assertRaises(Unauthorized, msg=user):
                cases.grant_access(self.case, user, "confidential")

    def test_unknown_people_and_levels_are_refused(self):
        with api.env.adopt_user(username="alpha-admin"):
            with self.assertRaises(cases.CaseAccessError):
                cases.grant_access(self.case, "nobody-here", "facts")
            with self.assertRaises(cases.CaseAccessError):
                cases.grant_access(self.case, "beta-admin", "everything")
            with self.assertRaises(cases.CaseAccessError):
                cases.revoke_access(self.case, "beta-admin")


class AccessLogTestCase(unittest.TestCase):
    """A case file over HTTP, with the access log written to a directory of the test's own."""

    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.log_dir = tempfile.mkdtemp(prefix="case-access-")
        os.environ[ENV_DIRECTORY] = self.log_dir
        self.case = create_case(self.layer["portal"])
        transaction.commit()
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.url = f"{self.site_url}/intranet/cases/{self.case.getId()}"

    def tearDown(self):
        del os.environ[ENV_DIRECTORY]


class TestAccessLog(AccessLogTestCase):
    def test_views_and_rest_reads_are_logged_refused_attempts_are_not_successes(self):
        requests.get(self.url, auth=("alpha-member", "demo-secret"), timeout=30)
        requests.get(self.url, auth=("alpha-member", "demo-secret"), headers={"Accept": "application/json"}, timeout=30)
        requests.get(self.url, auth=("beta-member", "demo-secret"), timeout=30, allow_redirects=False)
        with api.env.adopt_user(username="alpha-admin"):
            log = cases.access_log(self.case)
        users = [entry["user"] for entry in log]
        self.assertEqual(users.count("alpha-member"), 2)
        self.assertNotIn("beta-member", users)
        self.assertTrue(all(entry["case"] == api.content.get_uuid(self.case) for entry in log))
        self.assertTrue(os.listdir(self.log_dir))

    def test_only_admins_of_the_organisation_read_the_log(self):
        with api.env.adopt_user(username="alpha-member"), self.assertRaises(Unauthorized):
            cases.access_log(self.case)
        page = requests.get(f"{self.url}/@@case-access", auth=("alpha-admin", "demo-secret"), timeout=30)
        self.assertEqual(page.status_code, 200)
        self.assertIn("case-access-log-section", page.text)
        self.assertIn("case-grant-form", page.text)
        member_page = requests.get(f"{self.url}/@@case-access", auth=("alpha-member", "demo-secret"), timeout=30)
        self.assertNotIn("case-grant-form", member_page.text)
        self.assertNotIn("case-access-log", member_page.text)

    def test_a_forged_grant_without_the_token_is_refused(self):
        response = requests.post(
            f"{self.url}/@@case-access",
            data={"principal": "beta-member", "level": "confidential", "grant": "1"},
            auth=("alpha-admin", "demo-secret"),
            timeout=30,
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 403)
        transaction.begin()
        self.assertNotIn("CaseConfidentialReader", self.case.get_local_roles_for_userid("beta-member"))


class TestCoordinatorReadsAccessLogs(AccessLogTestCase):
    def test_coordinator_reads_the_log_by_case_id_without_opening_the_case(self):
        requests.get(self.url, auth=("alpha-member", "demo-secret"), timeout=30)
        page = requests.get(
            f"{self.site_url}/intranet/cases/@@case-access-logs",
            params={"case": self.case.getId()},
            auth=("coordinator", "demo-secret"),
            timeout=30,
        )
        self.assertEqual(page.status_code, 200)
        self.assertIn("alpha-member", page.text)
        self.assertNotIn("Ivan Testov", page.text)
        refused = requests.get(
            f"{self.site_url}/intranet/cases/@@case-access-logs",
            params={"case": self.case.getId()},
            auth=("alpha-member", "demo-secret"),
            timeout=30,
            allow_redirects=False,
        )
        self.assertNotEqual(refused.status_code, 200)


class TestConsentRecording(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_who_recorded_the_consent_is_kept_and_audited(self):
        from zope.event import notify
        from zope.lifecycleevent import ObjectModifiedEvent

        case = create_case(self.layer["portal"])
        with api.env.adopt_user(username="alpha-admin"):
            case.publication_consent = "family"
            notify(ObjectModifiedEvent(case))
        self.assertEqual(case.consent_recorded_by, "alpha-admin")
        self.assertEqual(audit.entries()[0].action, "case.consent_recorded")
