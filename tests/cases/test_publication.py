"""From a recognised case with consent to the public profile, by a named act; retraction in every language."""

from AccessControl import Unauthorized
from coalition.intranet.cases import publication
from coalition.intranet.public import api as public
from coalition.intranet.security import audit
from plone import api
from plone.app.testing import logout
import requests
from tests.cases.case_helpers import CONFIDENTIAL_VALUES
from tests.cases.case_helpers import create_case
from tests.cases.case_helpers import decided_case
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest


class TestPublication(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def test_publishing_copies_only_whitelisted_facts(self):
        case = decided_case(self.portal)
        with api.env.adopt_user(username="commission"):
            profile = publication.publish(case)
        self.assertEqual(profile.aq_parent.absolute_url_path(), "/plone/en/prisoners")
        self.assertEqual(api.content.get_state(profile), "published")
        self.assertEqual((profile.title, profile.name_ru, profile.birth_year), ("Ivan Testov", "Иван Тестов", 1988))
        self.assertEqual((profile.criteria_version, profile.category), (1, "A"))
        values = " ".join(str(value) for value in vars(profile).values())
        for secret in CONFIDENTIAL_VALUES:
            self.assertNotIn(secret, values)
        self.assertFalse(hasattr(profile, "lawyer_contacts"))
        self.assertEqual(audit.entries()[0].action, "case.published")

    def test_publication_is_refused_with_its_reasons(self):
        catalog = api.portal.get_tool("portal_catalog")
        profiles_before = len(catalog.unrestrictedSearchResults(portal_type="PrisonerProfile"))
        cases = {
            "no consent": decided_case(self.portal, consent="none"),
            "not recognised": decided_case(self.portal, outcome="not_recognised"),
            "high risk": decided_case(self.portal, risk_level="high"),
        }
        for name, case in cases.items():
            with api.env.adopt_user(username="commission"), self.assertRaises(publication.PublicationRefused, msg=name):
                publication.publish(case)
        draft = create_case(self.portal, publication_consent="family")
        self.assertTrue(publication.publication_blockers(draft))
        self.assertEqual(len(catalog.unrestrictedSearchResults(portal_type="PrisonerProfile")), profiles_before)

    def test_only_the_commission_publishes(self):
        case = decided_case(self.portal)
        for user in ("alpha-member", "coordinator", "editor-de"):
            with api.env.adopt_user(username=user), self.assertRaises(Unauthorized, msg=user):
                publication.publish(case)

    def test_status_change_flows_to_the_profile_by_a_new_act(self):
        case = decided_case(self.portal)
        with api.env.adopt_user(username="commission"):
            profile = publication.publish(case)
            case.status = "released"
            self.assertEqual(profile.status, "pre_trial_custody")
            again = publication.publish(case)
        self.assertEqual(again, profile)
        self.assertEqual(profile.status, "released")

    def test_retraction_unpublishes_every_language_at_once(self):
        case = decided_case(self.portal)
        with api.env.adopt_user(username="commission"):
            profile = publication.publish(case)
        german = public.add_profile_translation(profile, "de", "Ivan Testow")
        with api.env.adopt_user(username="alpha-admin"):
            count = publication.retract(case, "The family asked us to.")
        self.assertEqual(count, 2)
        for item in (profile, german):
            self.assertEqual(api.content.get_state(item), "retracted")
        catalog = api.portal.get_tool("portal_catalog")
        logout()
        uids = [api.content.get_uuid(profile), api.content.get_uuid(german)]
        self.assertEqual(len(catalog(portal_type="PrisonerProfile", UID=uids)), 0)

    def test_the_publishing_commissioner_does_not_own_the_profile(self):
        case = decided_case(self.portal)
        with api.env.adopt_user(username="commission"):
            profile = publication.publish(case)
        self.assertFalse(api.user.has_permission("Modify portal content", username="commission", obj=profile))


class TestPublicProfileOverHttp(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def test_anonymous_reads_the_profile_until_it_is_retracted(self):
        case = decided_case(self.layer["portal"])
        with api.env.adopt_user(username="commission"):
            profile = publication.publish(case)
        transaction.commit()
        url = f"http://{self.layer['host']}:{self.layer['port']}/plone/en/prisoners/{profile.getId()}"
        page = requests.get(url, timeout=30)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Ivan Testov", page.text)
        for secret in CONFIDENTIAL_VALUES:
            self.assertNotIn(secret, page.text)
        self.assertNotIn(case.getId(), page.text)
        with api.env.adopt_user(username="alpha-admin"):
            publication.retract(case, "Safety.")
        transaction.commit()
        gone = requests.get(url, timeout=30, allow_redirects=False)
        self.assertNotEqual(gone.status_code, 200)
        search = requests.get(
            f"http://{self.layer['host']}:{self.layer['port']}/plone/@search",
            params={"SearchableText": "Testov"},
            headers={"Accept": "application/json"},
            timeout=30,
        ).json()
        self.assertEqual(search["items_total"], 0)


class TestDemoCases(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_demo_has_a_published_fictional_prisoner_and_a_nominated_case(self):
        catalog = api.portal.get_tool("portal_catalog")
        logout()
        # The demo's first case; its twelve fictional prisoners come from cases too (test_demo_prisoners.py).
        profiles = catalog(portal_type="PrisonerProfile", Title="Mikhail Vymyshlenny")
        self.assertEqual([brain.Title for brain in profiles], ["Mikhail Vymyshlenny"])
        profile = profiles[0].getObject()
        self.assertFalse(hasattr(profile, "home_address"))
        self.assertEqual(profile.category, "A")
        nominated = [
            brain
            for brain in catalog.unrestrictedSearchResults(portal_type="CaseFile")
            if brain.Title == "Elena Primernaya"
        ]
        self.assertEqual(nominated[0].review_state, "nominated")
