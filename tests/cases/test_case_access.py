"""Case files are need-to-know: the nominating organisation's roster; the list commission sees facts of
nominated cases but never the confidential fields; nothing confidential reaches the catalog."""

from AccessControl import Unauthorized
from coalition.intranet.workspaces import api as workspaces
from datetime import date
from plone import api
from plone.app.testing import logout
from tests.cases.case_helpers import ADDRESS
from tests.cases.case_helpers import CONFIDENTIAL_VALUES
from tests.cases.case_helpers import create_case
from tests.cases.case_helpers import LAWYER
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
import unittest
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import WrongContainedType


CONFIDENTIAL = "coalition: View confidential case data"


class TestCaseFileAccess(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.case = create_case(self.portal)

    def can(self, user, permission="View"):
        return api.user.has_permission(permission, username=user, obj=self.case)

    def nominate(self):
        with api.env.adopt_user(username="alpha-member"):
            api.content.transition(self.case, transition="nominate")

    def test_case_has_a_neutral_id_and_the_name_as_title(self):
        self.assertRegex(self.case.getId(), r"^case-[0-9a-f]{8}$")
        self.assertEqual(self.case.Title(), "Ivan Testov")
        self.assertEqual(api.content.get_state(self.case), "draft")

    def test_nominating_roster_sees_everything_and_others_nothing(self):
        for user in ("alpha-member", "alpha-admin"):
            self.assertTrue(self.can(user), user)
            self.assertTrue(self.can(user, CONFIDENTIAL), user)
        for user in ("beta-member", "beta-admin", "coordinator", "commission", "editor-de"):
            self.assertFalse(self.can(user), user)
            self.assertFalse(self.can(user, CONFIDENTIAL), user)
        logout()
        with self.assertRaises(Unauthorized):
            self.portal.restrictedTraverse(self.case.absolute_url_path().lstrip("/").split("/", 1)[1])

    def test_commission_reads_facts_of_a_nominated_case_but_not_confidential_fields(self):
        self.nominate()
        self.assertTrue(self.can("commission"))
        self.assertFalse(self.can("commission", CONFIDENTIAL))
        with api.env.adopt_user(username="commission"):
            case = self.portal.restrictedTraverse(f"intranet/cases/{self.case.getId()}")
            self.assertEqual(case.restrictedTraverse("full_name"), "Иван Тестов")
            for field in ("lawyer_contacts", "relatives_contacts", "home_address", "health_notes"):
                with self.assertRaises(Unauthorized, msg=field):
                    case.restrictedTraverse(field)

    def test_explicit_grant_opens_the_confidential_fields_to_one_person(self):
        self.nominate()
        self.case.manage_setLocalRoles("commission", ["CaseConfidentialReader"])
        self.case.reindexObjectSecurity()
        self.assertTrue(self.can("commission", CONFIDENTIAL))
        self.assertFalse(self.can("beta-member"))

    def test_removal_from_the_roster_ends_access_to_the_organisations_cases(self):
        catalog = api.portal.get_tool("portal_catalog")
        uid = api.content.get_uuid(self.case)
        with api.env.adopt_user(username="alpha-member"):
            self.assertEqual(len(catalog(portal_type="CaseFile", UID=uid)), 1)
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.remove_member(self.portal["intranet"]["organisations"]["alpha"], "alpha-member")
        self.assertFalse(self.can("alpha-member"))
        with api.env.adopt_user(username="alpha-member"):
            self.assertEqual(len(catalog(portal_type="CaseFile")), 0)

    def test_confidential_values_are_not_in_the_catalog(self):
        catalog = api.portal.get_tool("portal_catalog")
        for value in ("Petrova", "Olga", "Lenina", "Asthma", "inhaler"):
            self.assertEqual(len(catalog.unrestrictedSearchResults(SearchableText=value)), 0, value)
        self.assertEqual(len(catalog.unrestrictedSearchResults(SearchableText="Testov")), 1)
        brain = catalog.unrestrictedSearchResults(UID=api.content.get_uuid(self.case))[0]
        metadata = " ".join(str(brain[name]) for name in catalog.schema())
        for value in CONFIDENTIAL_VALUES:
            self.assertNotIn(value, metadata)

    def test_no_workflow_path_makes_a_case_public(self):
        workflow = api.portal.get_tool("portal_workflow")
        self.assertEqual(workflow.getChainFor(self.case), ("coalition_case_workflow",))
        self.nominate()
        logout()
        self.assertFalse(api.user.has_permission("View", obj=self.case))


class TestNominationAndInput(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def transitions(self, case, user="alpha-member"):
        with api.env.adopt_user(username=user):
            return [t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(case)]

    def test_missing_facts_block_nomination_with_the_list_of_what_is_missing(self):
        case = create_case(self.portal, complete=False)
        self.assertEqual(case.nomination_blockers(), ["articles", "date_of_detention", "status", "narrative"])
        self.assertNotIn("nominate", self.transitions(case))
        case.articles = ["207.3", "280.3"]
        case.status = "serving_sentence"
        case.date_of_detention = date(2023, 5, 2)
        case.narrative = "A story."
        self.assertEqual(case.nomination_blockers(), [])
        self.assertIn("nominate", self.transitions(case))

    def test_an_article_outside_the_vocabulary_is_refused(self):
        case = create_case(self.portal)
        field = api.portal.get_tool("portal_types")["CaseFile"].lookupSchema()["articles"]
        bound = field.bind(case)
        bound.validate(["207.3"])
        with self.assertRaises((ConstraintNotSatisfied, WrongContainedType)):
            bound.validate(["999.9"])

    def test_only_own_organisations_can_nominate(self):
        from coalition.intranet.cases.my_organisations import my_organisations

        with api.env.adopt_user(username="beta-member"):
            self.assertEqual([t.value for t in my_organisations(self.portal["intranet"]["cases"])], ["beta"])
        with api.env.adopt_user(username="commission"):
            self.assertEqual(list(my_organisations(self.portal["intranet"]["cases"])), [])

    def test_other_organisation_member_cannot_read_the_address_through_the_object(self):
        case = create_case(self.portal)
        with api.env.adopt_user(username="beta-member"), self.assertRaises(Unauthorized):
            self.portal.restrictedTraverse(f"intranet/cases/{case.getId()}/home_address")
        self.assertEqual(case.home_address, ADDRESS)
        self.assertIn(LAWYER, case.lawyer_contacts)
