"""Set-up shared by the drafting mail tests: representatives in two languages, mail counted per person."""

from plone import api
from tests.coalition_layers import COALITION_MAIL_FUNCTIONAL_TESTING
from tests.notifications.notification_helpers import address
import unittest
from zope.component import getGlobalSiteManager
from zope.component import queryUtility
from zope.i18n.interfaces import ITranslationDomain
from zope.i18n.simpletranslationdomain import SimpleTranslationDomain


class RepresentativesMailTestCase(unittest.TestCase):
    """beta-admin reads German, everyone else English; workspace notifications are off, so only the
    drafting mails under test arrive. The ``coalition`` domain translates from the class's ``CATALOG``
    (fixed wording, whatever the .po files say) until the test ends."""

    layer = COALITION_MAIL_FUNCTIONAL_TESTING
    CATALOG: dict = {}

    def setUp(self):
        self.portal = self.layer["portal"]
        self.smtp = self.layer["smtp"]
        registry = getGlobalSiteManager()
        original = queryUtility(ITranslationDomain, name="coalition")
        stand_in = SimpleTranslationDomain("coalition", self.CATALOG)
        registry.registerUtility(stand_in, ITranslationDomain, name="coalition")
        self.addCleanup(self._restore_catalog, original)
        api.user.get(userid="beta-admin").setMemberProperties({"language": "de", "coalition_notifications": "off"})
        for user in ("alpha-admin", "alpha-member", "beta-member", "coordinator"):
            api.user.get(userid=user).setMemberProperties({"coalition_notifications": "off"})

    @staticmethod
    def _restore_catalog(original):
        registry = getGlobalSiteManager()
        registry.unregisterUtility(provided=ITranslationDomain, name="coalition")
        if original is not None:
            registry.registerUtility(original, ITranslationDomain, name="coalition")

    def mails(self, user, subject_part):
        return [m for m in self.smtp.messages_to(address(user)) if subject_part in m.subject]
