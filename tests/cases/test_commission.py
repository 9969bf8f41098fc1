"""The list commission's lists and dashboard entry show nominated cases, and only what it may see."""

from datetime import date
from plone import api
from tests.cases.case_helpers import create_case
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
import unittest


class TestCommissionLists(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.nominated = create_case(self.portal, full_name_latin="Anna Nominated")
        with api.env.adopt_user(username="alpha-member"):
            api.content.transition(self.nominated, transition="nominate")
        self.draft = create_case(self.portal, full_name_latin="Boris Draft", date_of_birth=date(1990, 1, 1))

    def test_commission_sees_nominated_cases_waiting_and_no_drafts(self):
        from coalition.intranet.cases import commission

        with api.env.adopt_user(username="commission"):
            titles = [brain.Title for brain in commission.waiting_for_assessment()]
            self.assertIn("Anna Nominated", titles)
            self.assertNotIn("Boris Draft", titles)
            self.assertNotIn("Anna Nominated", [brain.Title for brain in commission.decisions_due()])
        with api.env.adopt_user(username="beta-member"):
            self.assertNotIn("Anna Nominated", [brain.Title for brain in commission.waiting_for_assessment()])

    def test_dashboard_shows_commission_members_what_waits(self):
        from coalition.intranet.cases.commission import CasesWaitingForAssessment

        source = CasesWaitingForAssessment()
        items = source.items(api.user.get(username="commission"))
        self.assertIn("Anna Nominated", [item.title for item in items])
        self.assertNotIn("Boris Draft", [item.title for item in items])
        self.assertEqual(source.items(api.user.get(username="alpha-member")), [])

    def test_overview_page_lists_the_nominated_case(self):
        with api.env.adopt_user(username="commission"):
            html = self.portal["intranet"]["cases"].restrictedTraverse("@@commission")()
        self.assertIn("Anna Nominated", html)
        self.assertNotIn("Boris Draft", html)
