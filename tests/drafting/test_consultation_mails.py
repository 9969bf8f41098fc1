"""The consultation-open mail over real SMTP: every member organisation's representatives, each in their
language, with a link to the consultation and its deadline, never the document's title or text."""

from coalition.intranet.drafting import consultation as consultations
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from tests.drafting.ballot_fixtures import make_document
from tests.drafting.mail_fixtures import RepresentativesMailTestCase
import time
import transaction


# The wording the mails are checked against, independent of the .po files.
GERMAN = {
    ("de", "mail_consultation_opened_subject"): "Eine Konsultation der Koalition ist eröffnet",
    (
        "de",
        "mail_consultation_opened",
    ): "Ein Entwurf ist zur Stellungnahme offen. Ihre Organisation kann bis ${deadline} kommentieren: ${link}",
}
SECRET_TITLE = "Consultation-title-marker-8831"
SECRET_TEXT = "Consultation-text-marker-4417"


class TestConsultationMails(RepresentativesMailTestCase):
    CATALOG = GERMAN

    def setUp(self):
        super().setUp()
        self.document = make_document(self.portal, text=f"<p>{SECRET_TEXT}</p>")
        self.document.setTitle(SECRET_TITLE)
        transaction.commit()
        time.sleep(0.2)
        self.smtp.clear()

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
