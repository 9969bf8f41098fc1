"""Mails are written in the recipient's language (member property ``language``, else the site's default)."""

from coalition.intranet.notifications.preferences import language_of
from plone import api
from tests.coalition_layers import COALITION_MAIL_FUNCTIONAL_TESTING
from tests.notifications.notification_helpers import add_document
from tests.notifications.notification_helpers import address
import transaction
import unittest
from zope.component import getGlobalSiteManager
from zope.component import queryUtility
from zope.i18n.interfaces import ITranslationDomain
from zope.i18n.simpletranslationdomain import SimpleTranslationDomain


GERMAN = {
    ("de", "mail_subject_new_content"): "Neuer Inhalt in Ihren Arbeitsbereichen",
    ("de", "mail_new_content"): "Neuer Inhalt im Arbeitsbereich „${workspace}“: ${link}",
}


class TestMailLanguage(unittest.TestCase):
    layer = COALITION_MAIL_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.smtp = self.layer["smtp"]
        # A stand-in catalog for the coalition domain: the real .po files are completed by the lead at the end.
        registry = getGlobalSiteManager()
        self.original = queryUtility(ITranslationDomain, name="coalition")
        registry.registerUtility(SimpleTranslationDomain("coalition", GERMAN), ITranslationDomain, name="coalition")

    def tearDown(self):
        registry = getGlobalSiteManager()
        registry.unregisterUtility(provided=ITranslationDomain, name="coalition")
        if self.original is not None:
            registry.registerUtility(self.original, ITranslationDomain, name="coalition")

    def test_language_of_prefers_the_member_and_falls_back_to_the_site(self):
        member = api.user.get(userid="alpha-admin")
        self.assertEqual(language_of(member), "en")
        member.setMemberProperties({"language": "de"})
        self.assertEqual(language_of(member), "de")

    def test_each_recipient_reads_the_mail_in_their_own_language(self):
        api.user.get(userid="alpha-admin").setMemberProperties({"language": "de"})
        transaction.commit()
        add_document(self.portal, "beta-member", "groups/definition")
        self.smtp.wait_for(3)
        german = self.smtp.messages_to(address("alpha-admin"))[0]
        self.assertEqual(german.subject, "Neuer Inhalt in Ihren Arbeitsbereichen")
        self.assertIn("Neuer Inhalt im Arbeitsbereich „Definition working group“", german.body)
        english = self.smtp.messages_to(address("beta-admin"))[0]
        self.assertEqual(english.subject, "New content in your workspaces")
