"""Four language root folders with the public sections, linked as translations, titled in their language."""

from coalition.intranet.site import structure
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from plone.base.interfaces import INavigationRoot
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
import unittest


class TestLanguages(unittest.TestCase):
    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def test_site_languages_are_english_german_french_russian(self):
        self.assertEqual(api.portal.get_registry_record("plone.default_language"), "en")
        self.assertEqual(api.portal.get_registry_record("plone.available_languages"), ["en", "de", "fr", "ru"])

    def test_each_language_has_a_published_navigation_root(self):
        for language in ("en", "de", "fr", "ru"):
            root = self.portal[language]
            self.assertEqual(root.portal_type, "LRF")
            self.assertEqual(ILanguage(root).get_language(), language)
            self.assertTrue(INavigationRoot.providedBy(root))
            self.assertEqual(api.content.get_state(root), "published")

    def test_language_roots_carry_the_translated_site_title(self):
        self.assertEqual(self.portal["en"].Title(), "Coalition for Political Prisoners in Russia")
        self.assertEqual(self.portal["de"].Title(), "Koalition für politische Gefangene in Russland")
        self.assertEqual(self.portal["fr"].Title(), "Coalition pour les prisonniers politiques en Russie")
        self.assertEqual(self.portal["ru"].Title(), "Коалиция в защиту политзаключённых в России")
        for language in ("de", "fr", "ru"):
            self.assertNotEqual(self.portal[language].Description(), self.portal["en"].Description())

    def test_public_sections_exist_in_every_language_and_are_translations_of_each_other(self):
        for section_id in ("prisoners", "definition", "mentorship", "events", "campaigns", "news", "about"):
            english = self.portal["en"][section_id]
            translations = ITranslationManager(english).get_translations()
            self.assertEqual(set(translations), {"en", "de", "fr", "ru"}, section_id)
            for language, folder in translations.items():
                self.assertEqual(folder.getId(), section_id)
                self.assertEqual(folder.aq_parent.getId(), language)
                self.assertEqual(folder.Title(), structure.PUBLIC_SECTIONS[section_id][language][0])
                self.assertEqual(api.content.get_state(folder), "published")

    def test_public_editors_may_edit_every_language_and_translators_only_their_own(self):
        self.assertIn("Editor", self.portal["fr"].get_local_roles_for_userid("public-editors"))
        self.assertIn("Reviewer", self.portal["fr"].get_local_roles_for_userid("public-editors"))
        self.assertIn("Editor", self.portal["de"].get_local_roles_for_userid("translators-de"))
        self.assertEqual(self.portal["fr"].get_local_roles_for_userid("translators-de"), ())
