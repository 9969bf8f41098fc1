"""Decisions cannot be revived: a revision opens a new review round; ``decide`` passes only when a decision
of that round is recorded (never from the workflow menu, ``content_status_modify`` or REST); the next
decision needs a new complete assessment; every decision records the (public) facts it judged."""

from coalition.intranet.cases import assessment as rules
from coalition.intranet.cases import publication
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.api.exc import InvalidParameterError
import re
import requests
from tests.cases.case_helpers import approve_ballot
from tests.cases.case_helpers import assess_completely
from tests.cases.case_helpers import case_under_review
from tests.cases.case_helpers import CONFIDENTIAL_VALUES
from tests.cases.case_helpers import create_case
from tests.cases.case_helpers import CRITERIA_ITEMS as ITEMS
from tests.cases.case_helpers import decided_case
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest


JSON = {"Accept": "application/json"}


def assert_no_confidential_value(test, text, where):
    for value in CONFIDENTIAL_VALUES:
        test.assertNotIn(value, text, where)


class TestRevivalOverHttp(unittest.TestCase):
    """The attack for real, as the list commission over HTTP."""

    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.case = decided_case(self.layer["portal"])
        transaction.commit()
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.case_url = f"{self.site_url}/intranet/cases/{self.case.getId()}"

    def request(self, method, url, user="commission", **kwargs):
        kwargs.setdefault("timeout", 30)
        return requests.request(method, url, auth=(user, "demo-secret"), allow_redirects=False, **kwargs)

    def token(self):
        page = self.request("GET", f"{self.case_url}/@@assessment").text
        return re.search(r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', page).group(1)

    def state(self):
        response = self.request("GET", f"{self.case_url}/@workflow", headers=JSON)
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()["state"]["id"], [
            item["@id"].rsplit("/", 1)[-1] for item in response.json()["transitions"]
        ]

    def post_assessment(self, **form):
        return self.request("POST", f"{self.case_url}/@@assessment", data={"_authenticator": self.token(), **form})

    def test_a_revised_case_cannot_be_decided_again_without_a_new_decision(self):
        self.assertEqual(self.state(), ("decided", ["close", "revise"]))
        revised = self.request("POST", f"{self.case_url}/@workflow/revise", headers=JSON)
        self.assertEqual(revised.status_code, 200, revised.text)
        state, transitions = self.state()
        self.assertEqual(state, "under_review")
        self.assertNotIn("decide", transitions)

        # REST: the transition is not available.
        rest = self.request("POST", f"{self.case_url}/@workflow/decide", headers=JSON)
        self.assertGreaterEqual(rest.status_code, 400, rest.text)
        self.assertEqual(self.state()[0], "under_review")

        # Classic UI: the workflow menu does not offer it, content_status_modify does nothing.
        page = self.request("GET", self.case_url).text
        self.assertNotIn("workflow_action=decide", page)
        classic = self.request(
            "POST",
            f"{self.case_url}/content_status_modify",
            data={"workflow_action": "decide", "_authenticator": self.token()},
        )
        self.assertLess(classic.status_code, 500, classic.text)
        by_get = self.request(
            "GET",
            f"{self.case_url}/content_status_modify",
            params={"workflow_action": "decide", "_authenticator": self.token()},
        )
        self.assertLess(by_get.status_code, 500, by_get.text)
        self.assertEqual(self.state()[0], "under_review")

        transaction.begin()
        self.assertEqual(api.content.get_state(self.case), "under_review")
        self.assertEqual(rules.review_round(self.case), 2)
        self.assertIsNone(rules.current_decision(self.case))
        self.assertEqual(len(rules.decisions(self.case)), 1)
        self.assertTrue(publication.publication_blockers(self.case))
        page = self.request("GET", f"{self.case_url}/@@assessment").text
        self.assertIn('id="new-assessment-needed"', page)
        self.assertNotIn("decision-in-force", page)

    def test_after_a_revision_the_old_findings_do_not_count_and_a_new_assessment_decides(self):
        self.request("POST", f"{self.case_url}/@workflow/revise", headers=JSON)
        # A decision on the findings of round 1 is refused.
        self.post_assessment(decide="1", outcome="recognised", category="A", reasoning="Same as before.")
        self.assertEqual(self.state()[0], "under_review")
        transaction.begin()
        self.assertEqual(len(rules.decisions(self.case)), 1)

        # The facts change during the revision; a new complete assessment and decision in round 2.
        with api.env.adopt_roles(["Manager"]):
            self.case.status = "serving_sentence"
            self.case.sentence = "6 years"
        transaction.commit()
        self.post_assessment(start="1")
        findings = {f"finding-{item}": "met" if item != "X1" else "not_met" for item in ITEMS}
        self.post_assessment(save="1", **findings)
        self.post_assessment(decide="1", outcome="recognised", category="B", reasoning="Sentenced for the post.")
        self.assertEqual(self.state(), ("decided", ["close", "revise"]))

        transaction.begin()
        first, second = rules.decisions(self.case)
        self.assertEqual((first["round"], second["round"]), (1, 2))
        self.assertEqual(rules.current_decision(self.case)["number"], 2)
        self.assertEqual(rules.current_decision(self.case)["category"], "B")
        judged_first, judged_second = rules.decision_snapshot(first), rules.decision_snapshot(second)
        self.assertEqual(judged_first["status"], "pre_trial_custody")
        self.assertIsNone(judged_first["sentence"])
        self.assertEqual((judged_second["status"], judged_second["sentence"]), ("serving_sentence", "6 years"))
        self.assertEqual(judged_second["date_of_birth"], "1988-07-14")
        self.assertEqual(judged_second["articles"], ("207.3",))
        self.assertEqual(set(judged_second), set(rules.SNAPSHOT_FIELDS))
        for name in rules.CONFIDENTIAL_FIELDS:
            self.assertNotIn(name, judged_second)
        assert_no_confidential_value(self, repr(self.case._coalition_decisions), "stored decisions")
        self.assertEqual(dict(second["findings"])["X1"], "not_met")

        # The page marks the facts that changed since the first decision; nothing confidential on it.
        for user in ("commission", "alpha-member"):
            page = self.request("GET", f"{self.case_url}/@@assessment", user=user).text
            self.assertIn("Facts judged", page)
            self.assertRegex(page, r'class="table-warning fact-changed"\s+data-fact="status"')
            self.assertRegex(page, r'class="fact-unchanged"\s+data-fact="region"')
            self.assertIn("decision-in-force", page)
            assert_no_confidential_value(self, page, f"@@assessment as {user}")


class TestDecisionRounds(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def test_start_review_and_revise_open_rounds_and_only_this_rounds_decision_is_current(self):
        case = create_case(self.portal)
        with api.env.adopt_user(username="alpha-member"):
            api.content.transition(case, transition="nominate")
        with api.env.adopt_user(username="commission"):
            api.content.transition(case, transition="start_review")
            self.assertEqual(rules.review_round(case), 1)
            assess_completely(case)
            self.assertEqual(rules.assessment(case)["round"], 1)
            rules.record_decision(case, "under_monitoring", "Materials not yet sufficient.")
            self.assertEqual(rules.current_decision(case)["round"], 1)
            api.content.transition(case, transition="revise")
            self.assertEqual(rules.review_round(case), 2)
            self.assertIsNone(rules.current_decision(case))
            self.assertIsNone(rules.assessment(case))
            self.assertFalse(rules.assessment_is_complete(case))
            with self.assertRaises(rules.AssessmentError):
                rules.record_finding(case, "C1", "met")
            with self.assertRaises(rules.AssessmentError):
                rules.record_decision(case, "recognised", "Nothing new.", "A")
            self.assertEqual(api.content.get_state(case), "under_review")

    def test_decide_is_refused_to_everyone_but_the_decision_api(self):
        case = decided_case(self.portal)
        with api.env.adopt_user(username="commission"):
            api.content.transition(case, transition="revise")
        workflow = api.portal.get_tool("portal_workflow")
        for user, roles in (("commission", None), ("coordinator", None), ("commission", ["Manager"])):
            with api.env.adopt_user(username=user), api.env.adopt_roles(roles or api.user.get_roles()):
                self.assertNotIn("decide", [item["id"] for item in workflow.getTransitionsFor(case)], user)
                with self.assertRaises(InvalidParameterError, msg=(user, roles)):
                    api.content.transition(case, transition="decide")
        with api.env.adopt_user(username="commission"):
            self.assertIn("close", [item["id"] for item in workflow.getTransitionsFor(decided_case(self.portal))])
        self.assertFalse(case.decision_being_recorded())
        self.assertEqual(api.content.get_state(case), "under_review")

    def test_a_ballot_opened_before_a_revision_decides_nothing_after_it(self):
        case = case_under_review(self.portal, publication_consent="family")
        with api.env.adopt_user(username="commission"):
            ballot = rules.propose_decision_by_ballot(
                case, "recognised", "Proposed.", "A", deadline=datetime.now(UTC) + timedelta(days=7), quorum="1/2"
            )
            rules.record_decision(case, "under_monitoring", "Decided by the commission meanwhile.")
            api.content.transition(case, transition="revise")
        approve_ballot(ballot)
        self.assertEqual(api.content.get_state(case), "under_review")
        self.assertEqual([d["outcome"] for d in rules.decisions(case)], ["under_monitoring"])

    def test_a_decision_by_ballot_carries_its_round_and_the_facts_of_the_proposal(self):
        case = case_under_review(self.portal, publication_consent="family")
        with api.env.adopt_user(username="commission"):
            ballot = rules.propose_decision_by_ballot(
                case, "recognised", "Proposed.", "A", deadline=datetime.now(UTC) + timedelta(days=7), quorum="1/2"
            )
        approve_ballot(ballot)
        decision = rules.current_decision(case)
        self.assertEqual((decision["round"], decision["ballot"]), (1, api.content.get_uuid(ballot)))
        self.assertEqual(rules.decision_snapshot(decision)["full_name_latin"], "Ivan Testov")
        self.assertEqual(dict(decision["findings"])["C1"], "met")
        assert_no_confidential_value(self, repr(decision), "ballot decision")

    def test_cases_from_before_rounds_read_as_round_one(self):
        case = decided_case(self.portal)
        # As stored before review rounds and snapshots existed.
        del case.review_round
        legacy = [
            tuple(item for item in stored if item[0] not in ("round", "facts")) for stored in case._coalition_decisions
        ]
        case._coalition_decisions[:] = legacy
        del case._coalition_assessment["round"]
        self.assertEqual(rules.review_round(case), 1)
        self.assertEqual(rules.current_decision(case)["round"], 1)
        self.assertEqual(rules.decision_snapshot(rules.current_decision(case)), {})
        self.assertEqual(rules.facts_changed(case, rules.current_decision(case)), [])
        with api.env.adopt_user(username="commission"):
            html = case.restrictedTraverse("@@assessment")()
            api.content.transition(case, transition="revise")
            self.assertEqual(rules.review_round(case), 2)
            self.assertIsNone(rules.current_decision(case))
            self.assertIsNone(rules.assessment(case))  # the findings of round 1 do not count
            assess_completely(case)
            rules.record_decision(case, "recognised", "Reviewed again.", "B")
        self.assertIn("decision-history", html)
        self.assertEqual([d["round"] for d in rules.decisions(case)], [1, 2])
        self.assertEqual(rules.current_decision(case)["category"], "B")

    def test_a_legacy_case_revised_before_rounds_existed_needs_a_new_assessment(self):
        case = decided_case(self.portal)
        with api.env.adopt_user(username="commission"):
            api.content.transition(case, transition="revise")
        del case.review_round
        del case._coalition_assessment["round"]
        self.assertEqual(rules.review_round(case), 1)
        self.assertIsNone(rules.assessment(case))
        with api.env.adopt_user(username="commission"), self.assertRaises(rules.AssessmentError):
            rules.record_decision(case, "recognised", "Old findings.", "A")

    def test_the_snapshot_fields_are_public_facts_only(self):
        self.assertTrue(set(rules.SNAPSHOT_FIELDS) <= set(publication.PUBLIC_FIELDS))
        self.assertFalse(set(rules.SNAPSHOT_FIELDS) & set(rules.CONFIDENTIAL_FIELDS))
        schema = api.portal.get_tool("portal_types")["CaseFile"].lookupSchema()
        for name in rules.SNAPSHOT_FIELDS:
            self.assertIn(name, schema)
