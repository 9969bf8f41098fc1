"""The consultation phase: opened by a coordinator with its own deadline, every member organisation comments
and reads the others' comments, it closes at its deadline, the drafters answer each comment, and only then
does the ballot open, carrying the consultation's record."""

from AccessControl import Unauthorized
from coalition.intranet.drafting import ballots
from coalition.intranet.drafting import consultation as consultations
from coalition.intranet.jobs.api import run_job
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
import re
import requests
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.drafting.ballot_fixtures import start
from tests.drafting.test_ballot_lifecycle import document_without_coordinator
import transaction
import unittest


PASSWORD = "demo-secret"  # noqa: S105 (the documented password of the demo cast)


def in_days(days):
    return datetime.now(UTC) + timedelta(days=days)


def as_user(user, function, *args, **kwargs):
    with api.env.adopt_user(username=user):
        return function(*args, **kwargs)


def past_deadline(consultation):
    consultation.deadline = datetime.now(UTC) - timedelta(minutes=1)


class TestConsultation(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.document = document_without_coordinator(self.portal)

    def test_the_whole_phase_before_a_ballot(self):
        consultation = as_user("coordinator", consultations.open_consultation, self.document, in_days(5))
        self.assertIn("First text.", consultation.text)
        # Beta is not on the document's roster, but comments for its organisation.
        as_user("beta-member", consultations.add_comment, self.document, "Clarify 'first'.", "First text.")
        as_user("alpha-admin", consultations.add_comment, self.document, "Fine as it is.")
        self.assertEqual([c["organisation"] for c in consultation.comments], ["beta", "alpha"])
        # A ballot cannot open during the consultation.
        with self.assertRaises(ballots.BallotError):
            start(self.document)
        past_deadline(consultation)
        self.assertIn("1 consultation(s) closed", run_job(self.portal, "due-ballots").summary)
        with self.assertRaises(ballots.BallotError):
            as_user("alpha-member", consultations.add_comment, self.document, "Too late.")
        # Nor before every comment has an answer.
        with self.assertRaises(ballots.BallotError):
            start(self.document)
        with self.assertRaises(Unauthorized):
            as_user("beta-admin", consultations.answer_comment, self.document, 1, "accepted")
        with self.assertRaises(ballots.BallotError):
            as_user("alpha-member", consultations.answer_comment, self.document, 2, "declined", "")
        as_user("alpha-member", consultations.answer_comment, self.document, 1, "changed", "Reworded.")
        as_user("alpha-member", consultations.answer_comment, self.document, 2, "accepted")
        ballot = start(self.document)
        record = ballot.consultation_record
        self.assertEqual(record["comments"][0]["answer"]["kind"], "changed")
        self.assertEqual(record["comments"][0]["passage"], "First text.")

    def test_the_dashboard_shows_open_consultations_until_the_organisation_commented(self):
        from coalition.intranet.drafting.waiting import OpenConsultations

        waiting = OpenConsultations()
        beta = api.user.get(userid="beta-member")
        self.assertEqual(waiting.items(beta), [])
        as_user("coordinator", consultations.open_consultation, self.document, in_days(5))
        items = waiting.items(beta)
        self.assertEqual([item.detail for item in items], ["Beta Solidarity Network"])
        self.assertIn("@@consultation?document=", items[0].url)
        as_user("beta-admin", consultations.add_comment, self.document, "Noted.")
        self.assertEqual(waiting.items(beta), [])

    def test_only_coordinators_open_and_only_member_organisations_comment(self):
        with self.assertRaises(Unauthorized):
            as_user("alpha-admin", consultations.open_consultation, self.document, in_days(5))
        as_user("coordinator", consultations.open_consultation, self.document, in_days(5))
        with self.assertRaises(ballots.BallotError):
            as_user("coordinator", consultations.open_consultation, self.document, in_days(6))
        api.user.create(username="outsider", email="outsider@example.org", password="outsider: lake pine 93")
        with self.assertRaises(ballots.BallotError):
            as_user("outsider", consultations.add_comment, self.document, "Hello")
        with self.assertRaises(ballots.BallotError):
            as_user("beta-member", consultations.add_comment, self.document, "   ")
        self.assertEqual(len(consultations.current(self.document).comments), 0)


def token(html):
    return re.search(r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', html).group(1)


class TestConsultationHTTP(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        with api.env.adopt_roles(["Manager"]):
            self.document = document_without_coordinator(self.portal)
        as_user("coordinator", consultations.open_consultation, self.document, in_days(5))
        as_user("alpha-admin", consultations.add_comment, self.document, "Alpha's remark 7781.")
        transaction.commit()
        self.url = f"{self.portal.absolute_url()}/@@consultation?document={api.content.get_uuid(self.document)}"

    def session(self, user, password=PASSWORD):
        session = requests.Session()
        session.auth = (user, password)
        return session

    def test_another_organisation_reads_and_comments(self):
        beta = self.session("beta-member")
        page = beta.get(self.url, timeout=30)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Alpha's remark 7781.", page.text)
        self.assertIn("First text.", page.text)
        beta.post(
            self.url,
            data={"_authenticator": token(page.text), "text": "Beta's remark 9912.", "form.buttons.comment": "1"},
            timeout=30,
        )
        self.assertIn("Beta's remark 9912.", self.session("alpha-member").get(self.url, timeout=30).text)

    def test_people_outside_the_member_organisations_see_nothing(self):
        api.user.create(username="outsider", email="outsider@example.org", password="outsider: lake pine 93")
        transaction.commit()
        answer = self.session("outsider", "outsider: lake pine 93").get(self.url, timeout=30)
        self.assertNotIn("Alpha's remark 7781.", answer.text)
        self.assertNotIn("First text.", answer.text)
        anonymous = requests.get(self.url, timeout=30)
        self.assertNotIn("Alpha's remark 7781.", anonymous.text)
