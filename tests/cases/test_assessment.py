"""The list commission assesses a case against criteria version 1 and records an immutable decision."""

from AccessControl import Unauthorized
from coalition.intranet.cases import assessment as rules
from plone import api
from tests.cases.case_helpers import create_case
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
import unittest


ITEMS = ("C1", "C2", "C3", "C4", "C5", "X1")


class TestAssessment(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.case = create_case(self.portal)
        with api.env.adopt_user(username="alpha-member"):
            api.content.transition(self.case, transition="nominate")
        with api.env.adopt_user(username="commission"):
            api.content.transition(self.case, transition="start_review")

    def assess_all(self, finding="met"):
        with api.env.adopt_user(username="commission"):
            rules.start_assessment(self.case)
            for item_id in ITEMS:
                rules.record_finding(self.case, item_id, finding if item_id != "X1" else "not_met", "Documented.")

    def test_assessment_uses_the_current_criteria_version_and_lists_missing_items(self):
        with api.env.adopt_user(username="commission"):
            started = rules.start_assessment(self.case)
            self.assertEqual(started["criteria_version"], 1)
            rules.record_finding(self.case, "C1", "met", "Anti-war post: expression.")
        self.assertEqual(rules.missing_findings(self.case), ["C2", "C3", "C4", "C5", "X1"])
        self.assertFalse(rules.assessment_is_complete(self.case))

    def test_decision_needs_a_complete_assessment_and_is_recorded_immutably(self):
        with api.env.adopt_user(username="commission"):
            rules.start_assessment(self.case)
            rules.record_finding(self.case, "C1", "met")
            with self.assertRaises(rules.AssessmentError):
                rules.record_decision(self.case, "recognised", "Reasons.", "A")
        self.assess_all()
        with api.env.adopt_user(username="commission"):
            with self.assertRaises(rules.AssessmentError):
                rules.record_decision(self.case, "recognised", "Reasons.")  # no category
            record = rules.record_decision(self.case, "recognised", "Persecuted for an anti-war post.", "A")
        self.assertEqual(api.content.get_state(self.case), "decided")
        self.assertEqual((record["outcome"], record["category"], record["criteria_version"]), ("recognised", "A", 1))
        self.assertEqual(record["decided_by"], "commission")
        stored = self.case._coalition_decisions[0]
        self.assertIsInstance(stored, tuple)
        copy = rules.decisions(self.case)[0]
        copy["outcome"] = "excluded"
        self.assertEqual(rules.current_decision(self.case)["outcome"], "recognised")

    def test_a_revision_appends_a_new_decision_and_keeps_the_first(self):
        self.assess_all()
        with api.env.adopt_user(username="commission"):
            rules.record_decision(self.case, "under_monitoring", "Materials not yet sufficient.")
            api.content.transition(self.case, transition="revise")
            rules.start_assessment(self.case)
            for item_id in ITEMS:
                rules.record_finding(self.case, item_id, "met" if item_id != "X1" else "not_met")
            rules.record_decision(self.case, "recognised", "New court documents.", "B")
        self.assertEqual([d["outcome"] for d in rules.decisions(self.case)], ["under_monitoring", "recognised"])
        self.assertEqual([d["number"] for d in rules.decisions(self.case)], [1, 2])

    def test_only_the_commission_assesses(self):
        for user in ("alpha-member", "alpha-admin", "beta-member"):
            with api.env.adopt_user(username=user), self.assertRaises(Unauthorized, msg=user):
                rules.start_assessment(self.case)
        self.assertIsNone(rules.assessment(self.case))

    def test_the_commission_assesses_only_under_review(self):
        draft = create_case(self.portal, full_name_latin="Still Draft")
        nominated = create_case(self.portal, full_name_latin="Only Nominated")
        with api.env.adopt_user(username="alpha-member"):
            api.content.transition(nominated, transition="nominate")
        for case in (draft, nominated):
            with api.env.adopt_user(username="commission"), self.assertRaises(rules.AssessmentError) as refused:
                rules.start_assessment(case)
            self.assertEqual(refused.exception.message, "assessment_error_state", api.content.get_state(case))
            self.assertIsNone(rules.assessment(case))
        with api.env.adopt_user(username="commission"):
            self.assertEqual(rules.start_assessment(self.case)["findings"], {})

    def test_bad_findings_and_foreign_evidence_are_refused(self):
        with api.env.adopt_user(username="commission"):
            rules.start_assessment(self.case)
            with self.assertRaises(rules.AssessmentError):
                rules.record_finding(self.case, "C9", "met")
            with self.assertRaises(rules.AssessmentError):
                rules.record_finding(self.case, "C1", "probably")
            with self.assertRaises(rules.AssessmentError):
                rules.record_finding(self.case, "C1", "met", evidence=("not-a-uid-of-this-case",))
        self.assertEqual(rules.assessment(self.case)["findings"], {})

    def test_assessment_page_renders_for_the_commission(self):
        self.assess_all()
        with api.env.adopt_user(username="commission"):
            html = self.case.restrictedTraverse("@@assessment")()
        self.assertIn("decision-form", html)
        self.assertIn("C5", html)
        with api.env.adopt_user(username="alpha-member"):
            html = self.case.restrictedTraverse("@@assessment")()
        self.assertNotIn("decision-form", html)
        self.assertIn("decision-history", html)
