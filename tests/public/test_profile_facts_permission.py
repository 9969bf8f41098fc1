"""Language-independent facts change every translation at once. The facts copied from the case file change
only by a new act of publication (nobody edits them on a profile); public editors keep the editorial facts
(photo, letters, mentors); a translator edits the name and texts of their language only."""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
import requests
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.public.profile_fixtures import make_profile
from tests.public.test_translation_status import add_user
from tests.public.test_translation_status import PASSWORD
import transaction
import unittest


class TestProfileFactsPermission(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.profile = make_profile("Fakt Neizmenny", translations={"fr": "Fakt Neizmenny (fr)"})
        self.french = ITranslationManager(self.profile).get_translation("fr")
        add_user("translator-fr", "translators-fr")
        transaction.commit()
        base = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.french_url = f"{base}/fr/prisoners/{self.french.getId()}"

    def patch(self, user, password, data):
        return requests.patch(
            self.french_url,
            json=data,
            auth=(user, password),
            headers={"Accept": "application/json"},
            timeout=30,
        )

    def test_translator_changes_the_name_but_not_the_facts(self):
        response = self.patch("translator-fr", PASSWORD, {"title": "Fakt Traduit", "status": "released"})
        self.assertLess(response.status_code, 500)
        transaction.begin()
        self.assertEqual(self.profile.status, "serving_sentence")
        self.assertEqual(self.french.status, "serving_sentence")

    def test_translators_edit_form_has_no_fact_fields(self):
        html = requests.get(f"{self.french_url}/edit", auth=("translator-fr", PASSWORD), timeout=30).text
        self.assertIn('id="form-widgets-title"', html)
        self.assertNotIn('name="form.widgets.status"', html)
        self.assertNotIn('name="form.widgets.region"', html)

    def test_public_editor_cannot_change_the_facts_copied_from_the_case(self):
        response = self.patch("editor-de", "demo-secret", {"status": "released", "region": "moscow"})
        self.assertLess(response.status_code, 500, response.text)
        transaction.begin()
        for item in (self.profile, self.french):
            self.assertEqual((item.status, item.region), ("serving_sentence", "tver"))

    def test_public_editor_changes_the_editorial_facts_of_every_translation(self):
        response = self.patch("editor-de", "demo-secret", {"letters_possible": True, "seeks_mentor": True})
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        for item in (self.profile, self.french):
            self.assertEqual((item.letters_possible, item.seeks_mentor), (True, True))
        self.assertEqual(api.content.get_state(self.profile), "published")
