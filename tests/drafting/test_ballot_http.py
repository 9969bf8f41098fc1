"""Over HTTP: secret ballots hide who voted what (page and REST API), closed ballots refuse PATCH,
votes by non-representatives are refused, and the public definition page shows only the published copy."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
import re
import requests
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.drafting.ballot_fixtures import close
from tests.drafting.ballot_fixtures import make_document
from tests.drafting.ballot_fixtures import put_coordinator_on_the_roster
from tests.drafting.ballot_fixtures import start
from tests.drafting.ballot_fixtures import vote
import transaction
import unittest


PASSWORD = "demo-secret"  # noqa: S105 (the documented password of the demo cast)


class TestBallotHTTP(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def session(self, user):
        session = requests.Session()
        session.auth = (user, PASSWORD)
        return session

    def _secret_ballot(self):
        document = make_document(self.portal)
        ballot = start(document, secret=True)
        vote(ballot, "alpha-admin", "reject", "Our private reasons.")
        vote(ballot, "beta-admin", "approve")
        close(ballot)
        transaction.commit()
        return ballot

    def test_secret_ballot_page_shows_counts_only(self):
        ballot = self._secret_ballot()
        for user in ("coordinator", "alpha-admin", "beta-member"):
            html = self.session(user).get(ballot.absolute_url(), timeout=30).text
            self.assertIn('id="count-approve"', html)
            self.assertNotIn('id="ballot-votes"', html)
            # No organisation is put next to an option.
            self.assertIsNone(re.search(r"Alpha Rights Centre</td>\s*<td>(Reject|Approve)", html))
        # Not even a site administrator sees the votes of a secret ballot.
        session = requests.Session()
        session.auth = ("admin", "secret")
        html = session.get(ballot.absolute_url(), timeout=30).text
        self.assertNotIn('id="ballot-votes"', html)

    def test_open_ballot_page_for_each_person(self):
        document = make_document(self.portal)
        ballot = start(document)
        vote(ballot, "alpha-admin", "approve")
        transaction.commit()
        expectations = {
            "coordinator": "Close the ballot now",
            "beta-admin": "form.buttons.vote",
            "alpha-member": "1 of 2",
        }
        for user, text in expectations.items():
            answer = self.session(user).get(ballot.absolute_url(), timeout=30)
            self.assertEqual(answer.status_code, 200, answer.text[-3000:])
            self.assertIn(text, answer.text)

    def test_coordinator_starts_a_ballot_through_the_form(self):
        from coalition.intranet.demo import definition

        put_coordinator_on_the_roster(self.portal)
        transaction.commit()
        url = f"{self.site_url}/intranet/groups/definition/{definition.DOCUMENT_ID}/@@start-ballot"
        session = self.session("coordinator")
        page = session.get(url, timeout=30).text
        token = re.search(r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', page).group(1)
        data = {
            "title": "Second reading",
            "question": "Adopt?",
            "deadline": "2099-12-10T18:00",
            "quorum": "1/2",
            "majority": "simple",
            "version": "",
            "form.buttons.start": "1",
            "_authenticator": token,
        }
        answer = session.post(url, data=data, timeout=30)
        self.assertEqual(answer.status_code, 200, answer.text[-3000:])
        self.assertIn("Second reading", answer.text)
        self.assertIn("The ballot is open.", answer.text)

    def test_criteria_edit_form(self):
        from coalition.intranet.criteria import api as criteria
        from coalition.intranet.demo import definition

        criteria_set = self.portal["intranet"]["groups"]["definition"][definition.DOCUMENT_ID]["criteria"]
        url = f"{criteria_set.absolute_url()}/@@edit-criteria"
        session = self.session("alpha-member")
        page = session.get(url, timeout=30).text
        self.assertIn('value="X1"', page)
        token = re.search(r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', page).group(1)
        data = {"_authenticator": token, "form.buttons.save": "1", "count": "1"}
        data.update({"item.0.id": "C1", "item.0.kind": "criterion", "item.0.title.en": "Freedoms"})
        data.update({"item.1.id": "x2", "item.1.kind": "exclusion", "item.1.title.en": "Bad id"})
        answer = session.post(url, data=data, timeout=30)
        self.assertIn("is not a valid id", answer.text)
        transaction.begin()
        self.assertEqual(len(criteria.items(criteria_set)), 9)
        data["item.1.id"] = "X2"
        session.post(url, data=data, timeout=30)
        transaction.begin()
        self.assertEqual([item["id"] for item in criteria.items(criteria_set)], ["C1", "X2"])
        # Someone outside the working group cannot even open the form.
        answer = self.session("beta-member").get(url, timeout=30, allow_redirects=False)
        self.assertEqual(answer.status_code, 200)
        outsider_password = "ballot http: quiet orchard river 5"  # noqa: S105
        api.user.create(username="outsider", email="o@example.org", password=outsider_password)
        transaction.commit()
        outsider = requests.Session()
        outsider.auth = ("outsider", outsider_password)
        answer = outsider.get(url, timeout=30, allow_redirects=False)
        self.assertIn(answer.status_code, (302, 401, 403, 404))

    def test_coordinator_restarts_a_ballot_after_the_text_changed(self):
        from tests.drafting.ballot_fixtures import save_new_version

        document = make_document(self.portal)
        ballot = start(document)
        save_new_version(document, "<p>Newer wording.</p>")
        transaction.commit()
        session = self.session("coordinator")
        page = session.get(ballot.absolute_url(), timeout=30).text
        self.assertIn('id="ballot-text-changed"', page)
        token = re.search(r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', page).group(1)
        answer = session.post(
            ballot.absolute_url(), data={"form.buttons.restart": "1", "_authenticator": token}, timeout=30
        )
        self.assertNotEqual(answer.url.rstrip("/"), ballot.absolute_url())
        self.assertIn("Newer wording.", answer.text)
        transaction.begin()
        self.assertEqual(ballot.result["outcome"], "superseded")

    def test_rules_of_an_open_ballot_cannot_be_changed(self):
        document = make_document(self.portal)
        ballot = start(document)
        transaction.commit()
        session = self.session("coordinator")
        self.assertEqual(session.get(f"{ballot.absolute_url()}/@@edit", timeout=30).status_code, 200)
        session.headers["Accept"] = "application/json"
        session.patch(ballot.absolute_url(), json={"quorum": "1/2", "secret": True}, timeout=30)
        transaction.begin()
        self.assertEqual((ballot.quorum, ballot.secret), ("2/3", False))

    def test_rest_api_never_serialises_votes(self):
        ballot = self._secret_ballot()
        session = self.session("coordinator")
        session.headers["Accept"] = "application/json"
        answers = [
            session.get(ballot.absolute_url(), timeout=30).text,
            session.get(
                f"{ballot.absolute_url()}?expand=workflow,actions,breadcrumbs,navigation,types", timeout=30
            ).text,
            session.get(
                f"{self.site_url}/@search?portal_type=Ballot&fullobjects=1&metadata_fields=_all", timeout=30
            ).text,
        ]
        self.assertIn("Adopt the definition", answers[2])
        for text in answers:
            self.assertNotIn("reject", text.lower().replace('"majority"', ""))
            self.assertNotIn("Our private reasons", text)
            self.assertNotIn("_votes", text)

    def test_closed_ballot_refuses_rest_patch(self):
        ballot = self._secret_ballot()
        for user in ("coordinator", "alpha-admin"):
            session = self.session(user)
            session.headers["Accept"] = "application/json"
            answer = session.patch(ballot.absolute_url(), json={"question": "Changed?"}, timeout=30)
            self.assertIn(answer.status_code, (401, 403))
        transaction.begin()
        self.assertEqual(ballot.question, "Do you adopt this text?")

    def test_vote_by_non_representative_over_http_changes_nothing(self):
        document = make_document(self.portal)
        ballot = start(document)
        transaction.commit()
        session = self.session("alpha-member")
        page = session.get(ballot.absolute_url(), timeout=30).text
        self.assertNotIn('name="form.buttons.vote"', page)
        token = re.search(r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', page)
        data = {"option": "approve", "form.buttons.vote": "1", "_authenticator": token.group(1) if token else ""}
        answer = session.post(ballot.absolute_url(), data=data, timeout=30)
        # Refused either by the CSRF check (no form, so no token) or by the rule with its message.
        self.assertTrue(answer.status_code == 403 or "Only the representative" in answer.text)
        transaction.begin()
        self.assertEqual(len(ballot._votes), 0)

    def test_representative_votes_through_the_form(self):
        document = make_document(self.portal)
        ballot = start(document)
        transaction.commit()
        session = self.session("beta-admin")
        page = session.get(ballot.absolute_url(), timeout=30).text
        token = re.search(r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', page).group(1)
        data = {"option": "abstain", "organisation": "beta", "form.buttons.vote": "1", "_authenticator": token}
        answer = session.post(ballot.absolute_url(), data=data, timeout=30)
        self.assertIn("has been recorded", answer.text)
        # Without the CSRF token nothing is recorded.
        session.post(ballot.absolute_url(), data=dict(data, _authenticator="", option="reject"), timeout=30)
        transaction.begin()
        self.assertEqual(ballot._votes["beta"][0], "abstain")

    def test_public_definition_page_in_english_and_german(self):
        expectations = {
            "en": ("Version", "Fundamental freedoms", "Violence", "house arrest"),
            "de": ("Version", "Grundfreiheiten", "Gewalt", "Hausarrest"),
        }
        for language, texts in expectations.items():
            answer = requests.get(f"{self.site_url}/{language}/definition", timeout=30)
            self.assertEqual(answer.status_code, 200)
            html = answer.text
            for text in (*texts, "Alpha Rights Centre", "Beta Solidarity Network", 'id="definition-version"'):
                self.assertIn(text, html)
            # Nothing else of the intranet: no link to it, no ballot, no statement, no publish button.
            self.assertNotIn("/intranet", html)
            self.assertNotIn("Adoption of the definition", html)
            self.assertNotIn("documentation practice", html)
            self.assertNotIn("form.buttons.publish", html)

    def test_older_versions_stay_readable(self):
        from coalition.intranet.criteria import api as criteria
        from coalition.intranet.criteria import publication
        from coalition.intranet.demo import definition

        put_coordinator_on_the_roster(self.portal)
        document = self.portal["intranet"]["groups"]["definition"][definition.DOCUMENT_ID]
        changed = criteria.items(document["criteria"])
        changed[2]["title"]["en"] = "Political reasons only"
        with api.env.adopt_user(username="alpha-member"):
            criteria.set_items(document["criteria"], changed)
        ballot = start(document)
        vote(ballot, "alpha-admin", "approve")
        vote(ballot, "beta-admin", "abstain")
        close(ballot)
        with api.env.adopt_user(username="coordinator"):
            publication.publish_definition()
        transaction.commit()
        latest = requests.get(f"{self.site_url}/en/definition", timeout=30).text
        self.assertIn("Political reasons only", latest)
        self.assertIn("?version=1", latest)
        old = requests.get(f"{self.site_url}/en/definition?version=1", timeout=30).text
        self.assertIn("Purely political reasons", old)
        self.assertIn("older version", old)

    def test_anonymous_cannot_reach_ballots_or_criteria(self):
        from coalition.intranet.demo import definition

        base = f"{self.site_url}/intranet/groups/definition/{definition.DOCUMENT_ID}"
        for path in ("", "/criteria", "/criteria/@@edit-criteria", "/@@start-ballot"):
            answer = requests.get(base + path, timeout=30, allow_redirects=False)
            self.assertIn(answer.status_code, (302, 401, 403, 404), path)
        answer = requests.post(f"{self.site_url}/en/definition/@@publish-definition", timeout=30, allow_redirects=False)
        self.assertIn(answer.status_code, (302, 401, 403))
