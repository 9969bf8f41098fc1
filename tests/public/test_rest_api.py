"""The REST API (``@search``, ``@translations``) answers for published content as Anonymous, and never returns a
draft or retracted profile, a case file or intranet content, whatever the query asks for."""

import json
from plone import api
from plone.app.multilingual.interfaces import ITG
from plone.app.multilingual.interfaces import ITranslationManager
import requests
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.public.channel_fixtures import CASE_NAME
from tests.public.channel_fixtures import DRAFT_NAME
from tests.public.channel_fixtures import POSTAL_ADDRESS
from tests.public.channel_fixtures import PublicChannelTestCase
from tests.public.channel_fixtures import PUBLISHED_NAME
from tests.public.channel_fixtures import PUBLISHED_NAME_DE
from tests.public.channel_fixtures import RETRACTED_NAME
from tests.public.channel_fixtures import WORKSPACE_TITLE
from tests.public.profile_fixtures import make_profile
import transaction
import unittest


SELECTION_ANY = "plone.app.querystring.operation.selection.any"


class TestRestApi(PublicChannelTestCase, unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def json_get(self, url_path, user=None, **params):
        return self.get(url_path, user, headers={"Accept": "application/json"}, params=params)

    def search(self, context="en/prisoners", user=None, **params) -> dict:
        response = self.json_get(f"{context}/@search", user, **params)
        self.assertEqual(response.status_code, 200, (context, params))
        return response.json()

    def published_count(self, language) -> int:
        catalog = api.portal.get_tool("portal_catalog")
        path = "/".join(self.portal[language]["prisoners"].getPhysicalPath())
        return len(
            catalog.unrestrictedSearchResults(portal_type="PrisonerProfile", review_state="published", path=path)
        )

    def test_search_answers_with_full_published_profiles_as_anonymous(self):
        data = self.search(portal_type="PrisonerProfile", fullobjects="1", b_size="100")
        self.assertEqual(data["items_total"], self.published_count("en"))
        self.assertTrue(all(item["review_state"] == "published" for item in data["items"]))
        item = {entry["title"]: entry for entry in data["items"]}[PUBLISHED_NAME]
        self.assertEqual(item["status"]["token"], "serving_sentence")
        self.assertEqual([article["token"] for article in item["articles"]], ["207.3", "280.3"])
        german = self.search("de/prisoners", portal_type="PrisonerProfile", metadata_fields="_all", b_size="100")
        item = {entry["title"]: entry for entry in german["items"]}[PUBLISHED_NAME_DE]
        self.assertEqual(item["TranslationGroup"], ITG(self.cast["published"]))
        self.assertEqual(item["Language"], "de")
        self.assertEqual(german["items_total"], self.published_count("de"))

    def test_translations_answer_with_the_published_translations(self):
        response = self.json_get("en/prisoners/anatoly-veshnyakov/@translations")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json()["items"], [{"@id": f"{self.site_url}/de/prisoners/anatoly-veshnyakov", "language": "de"}]
        )
        back = self.json_get("de/prisoners/anatoly-veshnyakov/@translations").json()
        self.assertEqual([item["language"] for item in back["items"]], ["en"])

    def test_translations_never_name_an_unpublished_translation(self):
        profile = make_profile("Perevod Chastichny", translations={"de": "Perewod Teilweise", "fr": "Perevod Partiel"})
        french = ITranslationManager(profile).get_translation("fr")
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(french, to_state="retracted")
        transaction.commit()
        path = f"en/prisoners/{profile.getId()}"
        for response in (self.json_get(f"{path}/@translations"), self.json_get(path, expand="translations")):
            self.assertEqual(response.status_code, 200)
            self.assertNotIn("/fr/prisoners/", response.text)
            self.assertNotIn("Perevod Partiel", response.text)
            self.assertIn("/de/prisoners/", response.text)

    def test_search_never_returns_private_content_whatever_the_query(self):
        retracted_uid = api.content.get_uuid(self.cast["retracted"])
        probes = [
            {"portal_type": "PrisonerProfile", "fullobjects": "1"},
            {"portal_type": "PrisonerProfile", "metadata_fields": "_all"},
            {"portal_type": "CaseFile", "fullobjects": "1"},
            {"portal_type": "CaseFile", "metadata_fields": "_all"},
            {"path": "/plone/intranet", "metadata_fields": "_all", "fullobjects": "1"},
            {"path": "/plone/intranet/cases", "metadata_fields": "_all"},
            {"review_state": "draft", "fullobjects": "1"},
            {"review_state": "retracted", "metadata_fields": "_all"},
            {"SearchableText": DRAFT_NAME.split()[0]},
            {"SearchableText": RETRACTED_NAME.split()[0], "fullobjects": "1"},
            {"SearchableText": CASE_NAME.split()[0], "metadata_fields": "_all"},
            {"SearchableText": WORKSPACE_TITLE.split()[-1]},
            {"UID": retracted_uid, "fullobjects": "1"},
            {"UID": api.content.get_uuid(self.cast["draft"])},
            {"UID": api.content.get_uuid(self.cast["case"]), "fullobjects": "1"},
            {"TranslationGroup": ITG(self.cast["retracted"]), "metadata_fields": "_all"},
        ]
        for user in (None, "beta-member"):
            for context in ("", "en", "en/prisoners", "de/prisoners"):
                for params in probes:
                    response = self.json_get(f"{context}/@search" if context else "@search", user, **params)
                    where = f"{context}/@search {params} as {user}"
                    self.assert_nothing_private(response.text, where)
                    # (beta-member may find beta's own demo case; never alpha's case made here.)
                    if user is None and response.status_code == 200 and "PrisonerProfile" not in params.values():
                        self.assertEqual(response.json()["items_total"], 0, where)

    def test_querystring_search_never_returns_private_content(self):
        for portal_types in (["PrisonerProfile"], ["CaseFile"], ["PrisonerProfile", "CaseFile", "Document"]):
            response = requests.post(
                f"{self.site_url}/@querystring-search",
                headers={"Accept": "application/json", "Content-Type": "application/json"},
                data=json.dumps(
                    {"query": [{"i": "portal_type", "o": SELECTION_ANY, "v": portal_types}], "fullobjects": 1}
                ),
                timeout=30,
            )
            self.assert_nothing_private(response.text, f"@querystring-search {portal_types}")

    def test_private_objects_refuse_every_endpoint(self):
        retracted_de = ITranslationManager(self.cast["retracted"]).get_translation("de")
        for obj in (self.cast["draft"], self.cast["retracted"], retracted_de, self.cast["case"], self.cast["memo"]):
            path = obj.absolute_url_path().removeprefix("/plone/")
            for endpoint in ("", "/@translations", "/@workflow", "/@history", "/@breadcrumbs"):
                response = self.json_get(f"{path}{endpoint}", expand="translations")
                self.assertIn(response.status_code, (401, 403, 404), f"{path}{endpoint}")
                # A 404 repeats the address asked for, as for one that never existed: that tells nothing.
                asked = f"{self.site_url}/{path}"
                self.assert_nothing_private(response.text.replace(asked, "<asked>"), f"{path}{endpoint}")
                # Another organisation's member: nothing either (``@history`` of a case answers ``[]``).
                response = self.json_get(f"{path}{endpoint}", "beta-member", expand="translations")
                answer = response.text.replace(asked, "<asked>")
                self.assert_nothing_private(answer, f"{path}{endpoint} as beta-member")

    def test_retraction_removes_the_profile_from_the_api_at_once(self):
        titles = [item["title"] for item in self.search(portal_type="PrisonerProfile", b_size="100")["items"]]
        self.assertIn(PUBLISHED_NAME, titles)
        self.retract(self.cast["published"])
        for context, name in (("en/prisoners", PUBLISHED_NAME), ("de/prisoners", PUBLISHED_NAME_DE)):
            data = self.search(context, portal_type="PrisonerProfile", fullobjects="1", b_size="100")
            self.assertNotIn(name, [item["title"] for item in data["items"]])
            response = self.json_get(f"{context}/anatoly-veshnyakov")
            self.assertIn(response.status_code, (401, 403, 404))
            self.assertNotIn(name, response.text)

    def test_public_metadata_does_not_name_the_intranet_member_who_published(self):
        """A profile's creator is the coalition, never the member who took the act of publication: otherwise
        ``@search?metadata_fields=_all`` (Creator, listCreators) and Plone's Atom feed would name them."""
        with api.env.adopt_user(username="commission"):
            make_profile("Avtor Publikatsii")
        transaction.commit()
        data = self.search(SearchableText="Avtor", metadata_fields="_all")
        self.assertEqual(data["items_total"], 1)
        item = data["items"][0]
        self.assertNotIn("commission", [item["Creator"], *item["listCreators"]])
        self.assertEqual(self.search("", Creator="commission")["items_total"], 0)


class TestRestPostalAddress(PublicChannelTestCase, unittest.TestCase):
    """The REST API shows the postal address only while letters get through, as the profile page does."""

    layer = COALITION_SERVER_TESTING

    def profile_json(self):
        response = self.get("en/prisoners/anatoly-veshnyakov", None, headers={"Accept": "application/json"})
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_address_shown_while_letters_get_through(self):
        self.assertEqual(self.profile_json()["postal_address"], POSTAL_ADDRESS)

    def test_address_withheld_when_letters_are_blocked(self):
        with api.env.adopt_roles(["Manager"]):
            self.cast["published"].letters_possible = False
        transaction.commit()
        data = self.profile_json()
        self.assertIsNone(data["postal_address"])
        self.assertNotIn(POSTAL_ADDRESS, json.dumps(data, ensure_ascii=False))
