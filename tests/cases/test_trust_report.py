"""The trust report: every public profile → its case → the decision → the criteria version → the act of
publication; profiles whose chain fails are flagged. Read over HTTP by coordinators and the commission
only; it shows no confidential value; every public profile of the demo is in it without a flag."""

from coalition.intranet.cases import assessment as rules
from coalition.intranet.cases import publication
from coalition.intranet.cases import trust
from coalition.intranet.cases.access_log import accesses_of
from coalition.intranet.cases.access_log import ENV_DIRECTORY
from coalition.intranet.cases.content import neutral_case_id
from coalition.intranet.public.boundary import provenance
import csv
from datetime import datetime
from datetime import timedelta
from datetime import UTC
import io
import os
from plone import api
import re
import requests
import shutil
import tempfile
from tests.cases.case_helpers import approve_ballot
from tests.cases.case_helpers import case_under_review
from tests.cases.case_helpers import CONFIDENTIAL_VALUES
from tests.cases.case_helpers import decided_case
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest
from urllib.parse import urlparse


PASSWORD = "demo-secret"  # noqa: S105 (the demo cast's documented password)
OLDER_DATA_TITLE = "Staraya Zapis"
NARRATIVE = "Arrested for an anti-war post."


def published_case(portal, **facts):
    case = decided_case(portal, **facts)
    with api.env.adopt_user(username="commission"):
        profile = publication.publish(case)
    return case, profile


def profile_outside_an_act(title=OLDER_DATA_TITLE, publish=True):
    """Older data: a profile that no act of publication stands behind (no entry in the register)."""
    portal = api.portal.get()
    with provenance.publication_act(), api.env.adopt_roles(["Manager"]):
        profile = api.content.create(container=portal["en"]["prisoners"], type="PrisonerProfile", title=title)
        if publish:
            api.content.transition(profile, to_state="published")
    return profile


def row_of(rows, profile) -> trust.TrustRow:
    found = [row for row in rows if row.profile_uid == api.content.get_uuid(profile)]
    assert len(found) == 1, (profile, found)
    return found[0]


def codes(row) -> set:
    return {flag.code for flag in row.flags}


class TestTrustRows(unittest.TestCase):
    """The rows and flags, computed in-process."""

    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def test_a_published_case_has_the_whole_chain_and_no_flag(self):
        case, profile = published_case(self.portal)
        row = row_of(trust.trust_report(), profile)
        self.assertEqual(row.flags, ())
        self.assertEqual((row.title, row.state, row.public_languages), ("Ivan Testov", "published", ("en",)))
        self.assertEqual((row.case_id, row.case_state), (neutral_case_id(case), "decided"))
        decision = row.decision
        self.assertEqual((decision.number, decision.outcome, decision.category), (1, "recognised", "A"))
        self.assertEqual((decision.by_ballot, decision.decided_by, decision.in_force), (False, "commission", True))
        self.assertEqual((row.profile_criteria_version, decision.criteria_version), (1, 1))
        self.assertEqual((row.has_act, row.act_live, row.published_by), (True, True, "commission"))
        self.assertTrue(row.published_on)

    def test_a_decision_by_ballot_is_reported_as_such(self):
        case = case_under_review(self.portal, publication_consent="family")
        with api.env.adopt_user(username="commission"):
            ballot = rules.propose_decision_by_ballot(
                case, "recognised", "Documented.", "A", deadline=datetime.now(UTC) + timedelta(days=7), quorum="1/2"
            )
        approve_ballot(ballot)
        with api.env.adopt_user(username="commission"):
            profile = publication.publish(case)
        row = row_of(trust.trust_report(), profile)
        self.assertTrue(row.decision.by_ballot)
        self.assertEqual(row.flags, ())

    def test_a_retracted_profile_shows_who_retracted_it_and_why_and_is_not_flagged(self):
        case, profile = published_case(self.portal)
        with api.env.adopt_user(username="alpha-admin"):
            publication.retract(case, "The family asked us to.")
        row = row_of(trust.trust_report(), profile)
        self.assertFalse(row.public)
        self.assertFalse(row.act_live)
        self.assertEqual((row.retracted_by, row.retraction_reason), ("alpha-admin", "The family asked us to."))
        self.assertEqual(row.flags, ())

    def test_public_while_the_act_is_retracted_is_flagged(self):
        case, profile = published_case(self.portal)
        with api.env.adopt_user(username="alpha-admin"):
            publication.retract(case, "Safety.")
        with provenance.publication_act(), api.env.adopt_roles(["Manager"]):
            api.content.transition(profile, to_state="published")
        self.assertIn("public_while_retracted", codes(row_of(trust.trust_report(), profile)))

    def test_a_live_act_whose_profile_is_not_published_is_flagged(self):
        _case, profile = published_case(self.portal)
        with provenance.publication_act(), api.env.adopt_roles(["Manager"]):
            api.content.transition(profile, to_state="retracted")
        self.assertEqual(codes(row_of(trust.trust_report(), profile)), {"live_not_published"})

    def test_high_risk_out_of_date_facts_and_criteria_mismatch_are_flagged(self):
        case, profile = published_case(self.portal)
        # Bypassing events, as data changed by a script or an older version would.
        case.risk_level = "high"
        case.status = "released"
        profile.criteria_version = 7
        self.assertEqual(
            codes(row_of(trust.trust_report(), profile)), {"high_risk", "out_of_date", "criteria_mismatch"}
        )

    def test_a_case_in_review_again_has_no_decision_in_force(self):
        case, profile = published_case(self.portal)
        with api.env.adopt_user(username="commission"):
            api.content.transition(case, transition="revise")
        row = row_of(trust.trust_report(), profile)
        self.assertIn("not_decided", codes(row))
        self.assertEqual(row.case_state, "under_review")

    def test_a_missing_source_case_is_flagged(self):
        case, profile = published_case(self.portal)
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(case, check_linkintegrity=False)
        row = row_of(trust.trust_report(), profile)
        self.assertEqual(codes(row), {"source_missing"})
        self.assertEqual(row.case_id, "")

    def test_older_data_without_an_act_is_reported_published_or_not(self):
        public = profile_outside_an_act()
        draft = profile_outside_an_act("Chernovik Bezaktov", publish=False)
        rows = trust.trust_report()
        self.assertEqual(codes(row_of(rows, public)), {"no_act"})
        self.assertEqual(codes(row_of(rows, draft)), {"no_act"})
        self.assertFalse(row_of(rows, draft).public)
        # Flagged rows come first.
        self.assertTrue(rows[0].flagged)


class HttpCase(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.base = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.report_url = f"{self.base}/intranet/cases/@@trust-report"
        # The report writes to the case access log: keep it out of the checkout.
        self.log_dir = tempfile.mkdtemp(prefix="case-access-")
        os.environ[ENV_DIRECTORY] = self.log_dir

    def tearDown(self):
        del os.environ[ENV_DIRECTORY]
        shutil.rmtree(self.log_dir, ignore_errors=True)

    def get(self, url, user=None, password=PASSWORD, **kwargs):
        auth = (user, password) if user else None
        return requests.get(url, auth=auth, allow_redirects=False, timeout=60, **kwargs)

    def report(self, user="coordinator") -> str:
        response = self.get(self.report_url, user)
        self.assertEqual(response.status_code, 200, response.text[:500])
        return response.text

    def report_csv(self, user="coordinator") -> list[dict]:
        response = self.get(self.report_url + ".csv", user)
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertTrue(response.headers["Content-Type"].startswith("text/csv"))
        return list(csv.DictReader(io.StringIO(response.text)))

    def html_row(self, html, profile) -> str:
        match = re.search(rf'<tr[^>]*id="trust-{api.content.get_uuid(profile)}"[^>]*>', html)
        self.assertIsNotNone(match, f"no row for {profile.title}")
        return match.group(0)

    def all_profile_titles(self) -> set:
        catalog = api.portal.get_tool("portal_catalog")
        return {brain.Title for brain in catalog.unrestrictedSearchResults(portal_type="PrisonerProfile")}


class TestWhoReadsTheReport(HttpCase):
    def test_coordinator_and_commission_read_it(self):
        _case, profile = published_case(self.portal)
        transaction.commit()
        for user in ("coordinator", "commission"):
            html = self.report(user)
            self.assertIn("trust-report-table", html, user)
            self.assertIn("Ivan Testov", html, user)
            self.assertIn('id="trust-report-summary"', html, user)
            self.assertIn('data-flags=""', self.html_row(html, profile), user)
            rows = self.report_csv(user)
            self.assertIn(api.content.get_uuid(profile), {row["profile_uid"] for row in rows})

    def test_others_are_refused_and_see_no_name(self):
        published_case(self.portal)
        profile_outside_an_act()
        transaction.commit()
        titles = self.all_profile_titles()
        self.assertIn("Ivan Testov", titles)
        for user in ("beta-member", "editor-de", None):
            for url in (self.report_url, self.report_url + ".csv"):
                response = self.get(url, user)
                self.assertNotEqual(response.status_code, 200, f"{user} {url}")
                self.assertIn(response.status_code, (302, 401, 403, 404), f"{user} {url}")
                for title in titles:
                    self.assertNotIn(title, response.text, f"{user} {url}")
                if response.status_code == 302:
                    # Where the refusal leads (the login form or "insufficient privileges") names nobody.
                    landing = requests.get(
                        response.headers["Location"], auth=(user, PASSWORD) if user else None, timeout=60
                    )
                    for title in titles:
                        self.assertNotIn(title, landing.text, f"{user} {url} → login")

    def test_the_commission_page_links_the_report(self):
        response = self.get(f"{self.base}/intranet/cases/@@commission", "commission")
        self.assertEqual(response.status_code, 200)
        self.assertIn("@@trust-report", response.text)

    def test_coordinators_find_it_next_to_the_audit_log(self):
        response = self.get(f"{self.base}/intranet", "coordinator")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/intranet/@@audit-log", response.text)
        self.assertIn("/intranet/cases/@@trust-report", response.text)
        member = self.get(f"{self.base}/intranet", "beta-member")
        self.assertNotIn("@@trust-report", member.text)


class TestFlagsOverHttp(HttpCase):
    def test_a_profile_created_outside_an_act_is_flagged(self):
        profile = profile_outside_an_act()
        transaction.commit()
        html = self.report("coordinator")
        self.assertIn("no_act", self.html_row(html, profile))
        self.assertIn("No act of publication stands behind this profile", html)
        rows = {row["profile_uid"]: row for row in self.report_csv("coordinator")}
        row = rows[api.content.get_uuid(profile)]
        self.assertEqual((row["flag_codes"], row["act"], row["case_id"]), ("no_act", "none", ""))

    def test_withdrawn_consent_set_behind_the_rules_back_is_flagged(self):
        case, profile = published_case(self.portal)
        # A plain attribute set: no event, so nothing retracted the profile.
        case.publication_consent = "withdrawn"
        transaction.commit()
        self.assertEqual(api.content.get_state(profile), "published")
        html = self.report("commission")
        self.assertIn("no_consent", self.html_row(html, profile))
        self.assertIn(neutral_case_id(case), html)
        rows = {row["profile_uid"]: row for row in self.report_csv("commission")}
        self.assertIn("no_consent", rows[api.content.get_uuid(profile)]["flag_codes"].split())

    def test_the_report_shows_no_confidential_value(self):
        case, _profile = published_case(self.portal)
        transaction.commit()
        for user in ("coordinator", "commission"):
            for response in (self.get(self.report_url, user), self.get(self.report_url + ".csv", user)):
                self.assertEqual(response.status_code, 200)
                for secret in (*CONFIDENTIAL_VALUES, NARRATIVE, "Иван Тестов"):
                    self.assertNotIn(secret, response.text, user)
                # The case is named by its neutral id only, never by its URL.
                self.assertNotIn(case.absolute_url_path(), response.text)
                self.assertNotIn(api.content.get_uuid(case), response.text)

    def test_reading_the_report_is_a_read_of_each_case_it_names(self):
        case, _profile = published_case(self.portal)
        transaction.commit()
        self.report("coordinator")
        reads = [entry for entry in accesses_of(api.content.get_uuid(case)) if entry["user"] == "coordinator"]
        self.assertEqual([entry["what"] for entry in reads], ["list:trust-report"])


class TestEveryDemoProfile(HttpCase):
    def test_every_public_profile_of_the_demo_is_traced_without_a_flag(self):
        found = self.get(
            f"{self.base}/@search",
            params={"portal_type": "PrisonerProfile", "b_size": 10000},
            headers={"Accept": "application/json"},
        ).json()
        public_paths = {urlparse(item["@id"]).path for item in found["items"]}
        self.assertTrue(public_paths, "the demo has public profiles")
        rows = self.report_csv("coordinator")
        by_path = {}
        for row in rows:
            for version in row["versions"].split():
                language, state, url = version.split(":", 2)
                by_path[urlparse(url).path] = (state, row)
        problems = []
        for path in sorted(public_paths):
            if path not in by_path:
                problems.append(f"{path}: not in the report")
                continue
            state, row = by_path[path]
            if state != "published":
                problems.append(f"{path}: reported as {state}")
            if row["flag_codes"]:
                problems.append(f"{path}: {row['flag_codes']}")
        self.assertEqual(problems, [])
