"""Every message of the coalition domain is translated in the four site languages and used at run time."""

from coalition.intranet import _
from coalition.intranet.i18n import template_msgids
from coalition.intranet.i18n import untranslated
from coalition.intranet.site.structure import LANGUAGES
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
import unittest
from zope.i18n import translate


class TestCatalogs(unittest.TestCase):
    def test_template_has_messages(self):
        self.assertIn("label_country", template_msgids())

    def test_no_message_is_untranslated_in_a_site_language(self):
        for language in LANGUAGES:
            self.assertEqual(untranslated(language), [], language)


class TestRuntimeTranslation(unittest.TestCase):
    layer = COALITION_INTEGRATION_TESTING

    def test_catalogs_are_compiled_and_registered(self):
        label = _("label_country", default="Country")
        self.assertEqual(translate(label, target_language="de"), "Land")
        self.assertEqual(translate(label, target_language="fr"), "Pays")
        self.assertEqual(translate(label, target_language="ru"), "Страна")
        self.assertEqual(translate(label, target_language="en"), "Country")
