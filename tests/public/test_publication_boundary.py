"""The publication boundary holds against everyone, editors and site administrators included: a profile
comes only from the act of a decided case, a retraction sticks until the case's act, and a profile the
reader may not see answers 404. Each attack is tried over HTTP as the attacker."""

from coalition.intranet.cases import publication
from coalition.intranet.public import api as public
from coalition.intranet.public.boundary import provenance
from coalition.intranet.security import audit
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.textfield.value import RichTextValue
import requests
from tests.cases.case_helpers import decided_case
from tests.coalition_layers import COALITION_DEMO_FUNCTIONAL_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.public.test_translation_status import add_user
from tests.public.test_translation_status import PASSWORD
import transaction
import unittest
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


NAME = "Fabrikat Vydumanny"
JSON = {"Accept": "application/json"}


def profiles_named(title: str) -> list:
    catalog = api.portal.get_tool("portal_catalog")
    return [brain for brain in catalog.unrestrictedSearchResults(portal_type="PrisonerProfile") if brain.Title == title]


def published_case_profile(portal, **facts):
    """A decided case of Alpha published by the commission, with a German translation (public)."""
    case = decided_case(portal, **facts)
    with api.env.adopt_user(username="commission"):
        profile = publication.publish(case)
    german = public.add_profile_translation(profile, "de", f"{profile.title} (de)")
    return case, profile, german


class HttpCase(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.base = f"http://{self.layer['host']}:{self.layer['port']}/plone"

    def url(self, obj) -> str:
        return self.base + obj.absolute_url_path().removeprefix("/plone")

    def request(self, method, url, user=None, password="demo-secret", **kwargs):  # noqa: S107 (demo cast)
        auth = (user, password) if user else None
        kwargs.setdefault("timeout", 30)
        return requests.request(method, url, auth=auth, allow_redirects=False, **kwargs)


class TestOneWayIn(HttpCase):
    def test_public_editor_cannot_create_a_profile_by_rest(self):
        response = self.request(
            "POST",
            f"{self.base}/en/prisoners",
            "editor-de",
            json={"@type": "PrisonerProfile", "title": NAME, "status": "serving_sentence", "category": "A"},
            headers=JSON,
        )
        self.assertIn(response.status_code, (401, 403), response.text)
        transaction.begin()
        self.assertEqual(profiles_named(NAME), [])

    def test_site_administrator_cannot_create_a_profile_by_rest_either(self):
        response = self.request(
            "POST",
            f"{self.base}/en/prisoners",
            "admin",
            password="admin",
            json={"@type": "PrisonerProfile", "title": NAME, "status": "serving_sentence"},
            headers=JSON,
        )
        self.assertGreaterEqual(response.status_code, 400, response.text)
        transaction.begin()
        self.assertEqual(profiles_named(NAME), [])

    def test_public_editor_gets_no_add_form(self):
        response = self.request("GET", f"{self.base}/en/prisoners/++add++PrisonerProfile", "editor-de")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn('name="form.widgets.title"', response.text)
        menu = self.request("GET", f"{self.base}/en/prisoners", "editor-de").text
        self.assertNotIn("++add++PrisonerProfile", menu)

    def test_a_profile_cannot_be_copied_into_a_second_one(self):
        _case, profile, _german = published_case_profile(self.portal)
        transaction.commit()
        before = len(profiles_named(profile.title))
        response = self.request(
            "POST",
            f"{self.base}/en/prisoners/@copy",
            "admin",
            password="admin",
            json={"source": self.url(profile)},
            headers=JSON,
        )
        self.assertNotEqual(response.status_code, 200, response.text)
        transaction.begin()
        self.assertEqual(len(profiles_named(profile.title)), before)

    def test_a_profile_cannot_be_deleted_or_moved_out_of_the_list(self):
        _case, profile, _german = published_case_profile(self.portal)
        transaction.commit()
        deleted = self.request("DELETE", self.url(profile), "admin", password="admin", headers=JSON)
        self.assertGreaterEqual(deleted.status_code, 400)
        moved = self.request(
            "POST", f"{self.base}/en/news/@move", "admin", password="admin", json={"source": self.url(profile)}
        )
        self.assertGreaterEqual(moved.status_code, 400)
        transaction.begin()
        self.assertEqual(profile.aq_parent.absolute_url_path(), "/plone/en/prisoners")


class TestFactsComeFromTheCase(HttpCase):
    def test_public_editor_cannot_change_recognition_or_facts(self):
        _case, profile, german = published_case_profile(self.portal)
        transaction.commit()
        for target in (profile, german):
            response = self.request(
                "PATCH",
                self.url(target),
                "editor-de",
                json={"category": "B", "criteria_version": 9, "status": "released", "title": "Renamed"},
                headers=JSON,
            )
            self.assertLess(response.status_code, 500, response.text)
        transaction.begin()
        for item in (profile, german):
            self.assertEqual((item.category, item.criteria_version, item.status), ("A", 1, "pre_trial_custody"))
        edit_form = self.request("GET", f"{self.url(profile)}/edit", "editor-de").text
        self.assertNotIn('name="form.widgets.category"', edit_form)
        self.assertNotIn('name="form.widgets.status"', edit_form)


class TestRetractionSticks(HttpCase):
    def test_editor_cannot_publish_a_retracted_profile_again(self):
        case, profile, german = published_case_profile(self.portal)
        with api.env.adopt_user(username="alpha-admin"):
            publication.retract(case, "The family asked us to.")
        transaction.commit()
        for target in (profile, german):
            response = self.request("POST", f"{self.url(target)}/@workflow/publish", "editor-de", headers=JSON)
            self.assertGreaterEqual(response.status_code, 400, response.text)
            classic = self.request(
                "GET", f"{self.url(target)}/content_status_modify?workflow_action=publish", "editor-de"
            )
            self.assertNotEqual(classic.status_code, 500)
        transaction.begin()
        self.assertEqual(api.content.get_state(profile), "retracted")
        self.assertEqual(api.content.get_state(german), "retracted")
        self.assertEqual(self.request("GET", self.url(profile)).status_code, 404)

    def test_even_a_site_administrator_cannot_publish_it_by_workflow(self):
        case, profile, _german = published_case_profile(self.portal)
        with api.env.adopt_user(username="alpha-admin"):
            publication.retract(case, "Safety.")
        transaction.commit()
        response = self.request(
            "POST", f"{self.url(profile)}/@workflow/publish", "admin", password="admin", headers=JSON
        )
        self.assertGreaterEqual(response.status_code, 400, response.text)
        transaction.begin()
        self.assertEqual(api.content.get_state(profile), "retracted")

    def test_a_retracted_profile_answers_404_in_every_language_and_route(self):
        case, profile, german = published_case_profile(self.portal)
        with api.env.adopt_user(username="alpha-admin"):
            publication.retract(case, "The family asked us to.")
        transaction.commit()
        for target in (profile, german):
            for user in (None, "beta-member"):
                for suffix, headers in (("", {}), ("", JSON), ("/@@images/image", {}), ("/view", {})):
                    response = self.request("GET", self.url(target) + suffix, user, headers=headers)
                    self.assertEqual(response.status_code, 404, (target, user, suffix, headers))
                    self.assertNotIn("login", response.headers.get("Location", ""))
                    self.assertNotIn(profile.title, response.text)
                api_url = self.url(target).replace("/plone/", "/plone/++api++/")
                self.assertEqual(self.request("GET", api_url, user).status_code, 404)
        # Editors still reach it (to see what was retracted).
        self.assertEqual(self.request("GET", self.url(profile), "editor-de").status_code, 200)

    def test_the_case_act_brings_back_only_the_languages_that_were_public(self):
        case, profile, german = published_case_profile(self.portal)
        french = public.add_profile_translation(profile, "fr", f"{profile.title} (fr)")
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(french, to_state="retracted")  # an editor hid the French text
        with api.env.adopt_user(username="alpha-admin"):
            publication.retract(case, "Safety, for a while.")
        with api.env.adopt_user(username="commission"):
            publication.publish(case)
        transaction.commit()
        self.assertEqual(api.content.get_state(profile), "published")
        self.assertEqual(api.content.get_state(german), "published")
        self.assertEqual(api.content.get_state(french), "retracted")
        self.assertEqual(self.request("GET", self.url(german)).status_code, 200)
        self.assertEqual(self.request("GET", self.url(french)).status_code, 404)

    def test_translations_are_published_by_editors_only_while_the_act_stands(self):
        case, profile, _german = published_case_profile(self.portal)
        russian = public.add_profile_translation(profile, "ru", "Русский", publish=False)
        transaction.commit()
        response = self.request("POST", f"{self.url(russian)}/@workflow/publish", "editor-de", headers=JSON)
        self.assertEqual(response.status_code, 200, response.text)
        transaction.begin()
        self.assertEqual(api.content.get_state(russian), "published")


class TestRetractedAtOnce(HttpCase):
    def assert_gone_everywhere(self, case, profile, german, why):
        transaction.begin()
        for item in (profile, german):
            self.assertEqual(api.content.get_state(item), "retracted", why)
            self.assertEqual(self.request("GET", self.url(item)).status_code, 404, why)
        listing = self.request("GET", f"{self.base}/en/prisoners").text
        self.assertNotIn(profile.title, listing)
        entry = audit.entries()[0]
        self.assertEqual((entry.action, entry.details.get("automatic")), ("case.retracted", "yes"))
        self.assertFalse(publication.is_published(case))

    def test_consent_withdrawn_in_the_case_form_retracts_every_language(self):
        case, profile, german = published_case_profile(self.portal)
        transaction.commit()
        response = self.request(
            "PATCH", self.url(case), "alpha-admin", json={"publication_consent": "withdrawn"}, headers=JSON
        )
        self.assertEqual(response.status_code, 204, response.text)
        self.assert_gone_everywhere(case, profile, german, "consent withdrawn")
        self.assertEqual(audit.entries()[0].actor, "alpha-admin")

    def test_risk_raised_to_high_retracts_every_language(self):
        case, profile, german = published_case_profile(self.portal)
        transaction.commit()
        response = self.request("PATCH", self.url(case), "alpha-admin", json={"risk_level": "high"}, headers=JSON)
        self.assertEqual(response.status_code, 204, response.text)
        self.assert_gone_everywhere(case, profile, german, "risk high")

    def test_republishing_rechecks_consent(self):
        case, profile, _german = published_case_profile(self.portal)
        with api.env.adopt_user(username="alpha-member"):
            case.publication_consent = "withdrawn"
            notify(ObjectModifiedEvent(case))
        with api.env.adopt_user(username="commission"), self.assertRaises(publication.PublicationRefused):
            publication.publish(case)
        self.assertEqual(api.content.get_state(profile), "retracted")


class TestTranslationOfAProfileWithoutAct(unittest.TestCase):
    """Older data: a profile without a case act behind it cannot gain translations (nor be published)."""

    layer = COALITION_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        from plone.testing.zope import Browser

        self.portal = self.layer["portal"]
        with api.env.adopt_roles(["Manager"]):
            add_user("translator-fr", "translators-fr")
            with provenance.publication_act():
                self.orphan = api.content.create(
                    container=self.portal["en"]["prisoners"],
                    type="PrisonerProfile",
                    title="Orphan Bezdelov",
                    story=RichTextValue("", "text/html", "text/x-html-safe"),
                )
        transaction.commit()
        self.browser = Browser(self.layer["app"])
        self.browser.handleErrors = True
        self.browser.raiseHttpErrors = False
        self.browser.addHeader("Authorization", f"Basic translator-fr:{PASSWORD}")

    def test_translator_cannot_translate_it(self):
        browser = self.browser
        browser.open(f"{self.portal['fr']['prisoners'].absolute_url()}/++addtranslation++{self.orphan.UID()}")
        contents = browser.contents
        if "form.widgets.title" in (contents.decode() if isinstance(contents, bytes) else contents):
            browser.getControl(name="form.widgets.title").value = "Orphelin"
            browser.getControl(name="form.buttons.save").click()
        transaction.begin()
        self.assertFalse(ITranslationManager(self.orphan).has_translation("fr"))
        self.assertEqual(profiles_named("Orphelin"), [])

    def test_nobody_can_publish_it(self):
        with api.env.adopt_roles(["Manager"]):
            transitions = [t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(self.orphan)]
        self.assertNotIn("publish", transitions)
