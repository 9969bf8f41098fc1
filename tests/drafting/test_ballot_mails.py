"""Ballot mails over real SMTP: opened, reminder two days before the deadline (once), closed with the result,
held at the deadline because the text changed (to the coordinators), a replaced vote (to the first voter);
each in its recipient's language, with a link and never the ballot's title or text."""

from coalition.intranet.drafting import ballots
from coalition.intranet.jobs.api import run_job
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from tests.drafting.ballot_fixtures import close
from tests.drafting.ballot_fixtures import make_document
from tests.drafting.ballot_fixtures import save_new_version
from tests.drafting.ballot_fixtures import start
from tests.drafting.ballot_fixtures import vote
from tests.drafting.mail_fixtures import RepresentativesMailTestCase
from tests.notifications.notification_helpers import address
import time
import transaction


# The wording the mails are checked against, independent of the .po files; nested messages (the outcome)
# are translated from it too.
GERMAN = {
    ("en", "ballot_outcome_adopted"): "Adopted",
    ("de", "mail_ballot_opened_subject"): "Eine Abstimmung der Koalition ist eröffnet",
    (
        "de",
        "mail_ballot_opened",
    ): "Eine Abstimmung ist eröffnet. Ihre Organisation kann bis ${deadline} abstimmen: ${link}",
}
SECRET_TITLE = "Ballot-title-marker-5521"


class TestBallotMails(RepresentativesMailTestCase):
    CATALOG = GERMAN

    def setUp(self):
        super().setUp()
        self.document = make_document(self.portal)
        transaction.commit()
        time.sleep(0.2)
        self.smtp.clear()

    def test_opened_mail_reaches_each_representative_in_their_language(self):
        ballot = start(self.document, title=SECRET_TITLE)
        transaction.commit()
        self.smtp.wait_for(2)
        english = self.mails("alpha-admin", "A ballot of the coalition is open")[0]
        german = self.mails("beta-admin", "Eine Abstimmung der Koalition ist eröffnet")[0]
        uid = api.content.get_uuid(ballot)
        for mail in (english, german):
            self.assertIn(f"@@open/{uid}", mail.body)
            self.assertNotIn(SECRET_TITLE, mail.body + mail.subject)
            self.assertNotIn("deprived of liberty", mail.body)
        self.assertIn("Ihre Organisation kann bis", german.body)
        # Members who are not representatives get no ballot mail.
        self.assertEqual(self.mails("alpha-member", "ballot"), [])

    def test_reminder_once_to_the_organisation_that_has_not_voted(self):
        ballot = start(self.document, days=1)
        vote(ballot, "alpha-admin", "approve")
        transaction.commit()
        self.smtp.wait_for(2)
        self.smtp.clear()
        run_job(self.portal, "ballot-reminders")
        transaction.commit()
        self.smtp.wait_for(1)
        self.assertEqual(len(self.smtp.messages_to(address("beta-admin"))), 1)
        self.assertEqual(self.smtp.messages_to(address("alpha-admin")), [])
        # The second run sends nothing.
        self.smtp.clear()
        self.assertIn("0 organisation(s)", run_job(self.portal, "ballot-reminders").summary)
        transaction.commit()
        time.sleep(0.5)
        self.assertEqual(self.smtp.messages, [])

    def test_closed_mail_gives_the_outcome(self):
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "approve")
        vote(ballot, "beta-admin", "approve")
        transaction.commit()
        self.smtp.wait_for(2)
        self.smtp.clear()
        close(ballot)
        transaction.commit()
        self.smtp.wait_for(2)
        mail = self.mails("alpha-admin", "closed")[0]
        self.assertIn("Adopted (2 of 2 organisations voted)", mail.body)

    def test_held_ballot_tells_the_coordinators_once(self):
        ballot = start(self.document)
        save_new_version(self.document, "<p>Changed.</p>")
        ballot.deadline = datetime.now(UTC) - timedelta(minutes=1)
        transaction.commit()
        self.smtp.wait_for(2)
        self.smtp.clear()
        run_job(self.portal, "due-ballots")
        run_job(self.portal, "due-ballots")
        transaction.commit()
        self.smtp.wait_for(1)
        time.sleep(0.3)
        held = self.mails("coordinator", "could not close")
        self.assertEqual(len(held), 1)
        self.assertFalse(ballots.is_closed(ballot))

    def test_the_first_voter_is_told_when_a_colleague_replaces_the_vote(self):
        from coalition.intranet.workspaces.api import set_member

        api.user.create(
            username="alpha-admin-2", email="alpha-admin-2@example.org", password="ballot mails: plum violet harbour 42"
        )
        with api.env.adopt_roles(["Manager"]):
            set_member(self.portal["intranet"]["organisations"]["alpha"], "alpha-admin-2", "WorkspaceAdmin")
        ballot = start(self.document)
        vote(ballot, "alpha-admin", "approve")
        transaction.commit()
        self.smtp.wait_for(2)
        self.smtp.clear()
        vote(ballot, "alpha-admin-2", "reject", replace=True)
        transaction.commit()
        self.smtp.wait_for(1)
        self.assertEqual(len(self.mails("alpha-admin", "vote was changed")), 1)
