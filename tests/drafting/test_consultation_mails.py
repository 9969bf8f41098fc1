"""The consultation-open mail over real SMTP: every member organisation's representatives, each in their
language, with a link to the consultation and its deadline, never the document's title or text."""

from coalition.intranet.drafting import consultation as consultations
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from tests.coalition_layers import COALITION_MAIL_FUNCTIONAL_TESTING
from tests.drafting.ballot_fixtures import make_document
from tests.notifications.notification_helpers import address
import time
import transaction
import unittest
from zope.component import getGlobalSiteManager
from zope.component import queryUtility
from zope.i18n.interfaces import ITranslationDomain
from zope.i18n.simpletranslationdomain import SimpleTranslationDomain


# A stand-in catalog for the coalition domain (the lead merges the real translations at the end).
GERMAN = {
    ("de", "mail_consultation_opened_subject"): "Eine Konsultation der Koalition ist eröffnet",
    (
        "de",
        "mail_consultation_opened",
    ): "Ein Entwurf ist zur Stellungnahme offen. Ihre Organisation kann bis ${deadline} kommentieren: ${link}",
}
SECRET_TITLE = "Consultation-title-marker-8831"
SECRET_TEXT = "Consultation-text-marker-4417"


class TestConsultationMails(unittest.TestCase):
    layer = COALITION_MAIL_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.smtp = self.layer["smtp"]
        registry = getGlobalSiteManager()
        self.original = queryUtility(ITranslationDomain, name="coalition")
        registry.registerUtility(SimpleTranslationDomain("coalition", GERMAN), ITranslationDomain, name="coalition")
        api.user.get(userid="beta-admin").setMemberProperties({"language": "de", "coalition_notifications": "off"})
        for user in ("alpha-admin", "alpha-member", "beta-member", "coordinator"):
            api.user.get(userid=user).setMemberProperties({"coalition_notifications": "off"})
        self.document = make_document(self.portal, text=f"<p>{SECRET_TEXT}</p>")
        self.document.setTitle(SECRET_TITLE)
        transaction.commit()
        time.sleep(0.2)
        self.smtp.clear()

    def tearDown(self):
        registry = getGlobalSiteManager()
        registry.unregisterUtility(provided=ITranslationDomain, name="coalition")
        if self.original is not None:
            registry.registerUtility(self.original, ITranslationDomain, name="coalition")

    def mails(self, user, subject_part):
        return [m for m in self.smtp.messages_to(address(user)) if subject_part in m.subject]

    def test_opening_mails_every_representative_in_their_language(self):
        deadline = datetime(2040, 3, 14, 12, 0, tzinfo=UTC)
        with api.env.adopt_user(username="coordinator"):
            consultations.open_consultation(self.document, deadline)
        transaction.commit()
        self.smtp.wait_for(2)
        english = self.mails("alpha-admin", "A consultation of the coalition is open")
        german = self.mails("beta-admin", "Eine Konsultation der Koalition ist eröffnet")
        self.assertEqual((len(english), len(german)), (1, 1))
        link = f"@@consultation?document={api.content.get_uuid(self.document)}"
        for mail in english + german:
            self.assertIn(link, mail.body)
            self.assertIn("2040", mail.body)  # the deadline
            for secret in (SECRET_TITLE, SECRET_TEXT):
                self.assertNotIn(secret, mail.body + mail.subject)
        self.assertIn("Ihre Organisation kann bis", german[0].body)
        # Members who are not representatives are not mailed.
        self.assertEqual(self.mails("alpha-member", "consultation"), [])
        self.assertEqual(self.mails("beta-member", "Konsultation"), [])

    def test_a_refused_opening_mails_nobody(self):
        with api.env.adopt_user(username="coordinator"), self.assertRaises(consultations.BallotError):
            consultations.open_consultation(self.document, datetime.now(UTC) - timedelta(days=1))
        transaction.abort()
        self.assertEqual(self.smtp.settled_messages(), [])
