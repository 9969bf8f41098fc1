"""The life of a supporter without HTTP: sign, confirm, moderate, withdraw; duplicates and bad input."""

from coalition.intranet.campaigns import api as campaigns
from coalition.intranet.campaigns import supporters as rules
from coalition.intranet.campaigns.signatures import signatures_of
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
import re
from tests.campaigns.campaign_fixtures import make_campaign
from tests.campaigns.campaign_fixtures import sign_form
from tests.coalition_layers import COALITION_MAIL_FUNCTIONAL_TESTING
import transaction
import unittest
from urllib.parse import parse_qs
from urllib.parse import urlparse


def link_in(body: str, view: str) -> str:
    match = re.search(rf"(https?://\S+/@@{view}\?token=\S+)", body)
    assert match, body
    return match.group(1)


def token_of(link: str) -> str:
    return parse_qs(urlparse(link).query)["token"][0]


class TestSupporterLifecycle(unittest.TestCase):
    layer = COALITION_MAIL_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.smtp = self.layer["smtp"]
        self.campaigns = make_campaign(self.portal)
        self.en, self.de = self.campaigns["en"], self.campaigns["de"]

    def supporters(self, campaign):
        with api.env.adopt_roles(["Manager"]):
            return [obj for obj in campaign.objectValues() if obj.portal_type == "Supporter"]

    def test_sign_confirm_approve_withdraw(self):
        self.assertEqual(campaigns.sign_up(self.de, sign_form()), "new")
        transaction.commit()
        [mail] = self.smtp.wait_for(1)
        self.assertEqual(mail.envelope_to, ["ada@example.org"])
        self.assertIn("Campaign test-campaign (de)", mail.subject)
        [supporter] = self.supporters(self.de)
        self.assertEqual(api.content.get_state(supporter), "unconfirmed")
        self.assertEqual(campaigns.supporter_count(self.en), 0)

        supporter, before = campaigns.confirm(token_of(link_in(mail.body, "confirm-signature")))
        self.assertFalse(before)
        self.assertEqual(api.content.get_state(supporter), "confirmed")
        self.assertEqual(campaigns.supporter_count(self.de), 0)  # not before moderation
        _again, before = campaigns.confirm(token_of(link_in(mail.body, "confirm-signature")))
        self.assertTrue(before)

        with api.env.adopt_roles(["Manager"]):
            api.content.transition(supporter, transition="approve")
        # One campaign in two languages: the same count and list on both pages.
        self.assertEqual(campaigns.supporter_count(self.en), 1)
        self.assertEqual(campaigns.public_signatures(self.en)[0].name, "Ada Beispiel")
        self.assertEqual(campaigns.counts_by(self.en, "country"), {"DE": 1})

        with api.env.adopt_roles(["Manager"]):
            api.content.transition(supporter, transition="reject")
        self.assertEqual(campaigns.supporter_count(self.de), 0)
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(supporter, transition="approve")
        self.assertEqual(campaigns.supporter_count(self.de), 1)

        campaigns.withdraw(token_of(link_in(mail.body, "withdraw-signature")))
        self.assertEqual(self.supporters(self.de), [])
        self.assertEqual(campaigns.supporter_count(self.de), 0)
        self.assertEqual(len(signatures_of(self.de).emails), 0)
        with self.assertRaises(rules.SignUpRefused):
            campaigns.withdraw(token_of(link_in(mail.body, "withdraw-signature")))
        # Signing again after a withdrawal is a new sign-up with a new confirmation.
        self.assertEqual(campaigns.sign_up(self.en, sign_form()), "new")

    def test_a_hidden_name_is_counted_but_not_named(self):
        campaigns.sign_up(self.en, sign_form(name="Hidden Person", show_name=""))
        [supporter] = self.supporters(self.en)
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(supporter, transition="confirm")
            api.content.transition(supporter, transition="approve")
        [copy] = campaigns.public_signatures(self.en)
        self.assertEqual((copy.name, copy.organisation, copy.country), ("", "", "DE"))
        self.assertEqual(campaigns.supporter_count(self.en), 1)

    def test_same_address_in_any_language_is_one_supporter(self):
        campaigns.sign_up(self.en, sign_form(email="Same@Example.org"))
        transaction.commit()
        self.smtp.wait_for(1)
        self.assertEqual(campaigns.sign_up(self.de, sign_form(email="same@example.org ")), "pending")
        [supporter] = self.supporters(self.en)
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(supporter, transition="confirm")
        self.assertEqual(campaigns.sign_up(self.de, sign_form(email="same@example.org")), "known")
        transaction.commit()
        mails = self.smtp.wait_for(3)
        self.assertEqual(len(self.supporters(self.en) + self.supporters(self.de)), 1)
        # The German sign-up gets the "already signed" mail in German.
        self.assertIn("bereits unterschrieben", mails[-1].subject.lower() + mails[-1].body.lower())

    def test_bad_input_stores_nothing(self):
        bad_forms = (
            sign_form(name=""),
            sign_form(name="<script>alert(1)</script>"),
            sign_form(name="Visit https://spam.example"),
            sign_form(name="x" * 121),
            sign_form(email="not-an-address"),
            sign_form(role="king"),
            sign_form(country="Atlantis"),
        )
        for form in bad_forms:
            with self.assertRaises(rules.SignUpRefused, msg=form):
                campaigns.sign_up(self.en, form)
        self.assertEqual(self.supporters(self.en), [])
        self.assertIsNone(signatures_of(self.en))

    def test_an_ended_campaign_takes_no_signature(self):
        from datetime import date
        from datetime import timedelta

        self.en.campaign_end = date.today() - timedelta(days=1)
        with self.assertRaises(rules.SignUpRefused):
            campaigns.sign_up(self.en, sign_form())
        self.assertEqual(self.supporters(self.en), [])

    def test_forged_or_foreign_tokens_are_refused(self):
        from coalition.intranet.signups import api as signups

        campaigns.sign_up(self.en, sign_form())
        [supporter] = self.supporters(self.en)
        uid = api.content.get_uuid(supporter)
        withdraw_token = signups.make_token(rules.WITHDRAW_PURPOSE, uid)
        with self.assertRaises(signups.TokenInvalid):
            campaigns.confirm(withdraw_token)  # a link made for another purpose
        with self.assertRaises(signups.TokenInvalid):
            campaigns.confirm(withdraw_token[:-3] + "abc")
        self.assertEqual(api.content.get_state(supporter), "unconfirmed")

    def test_an_editor_cannot_add_an_address_twice(self):
        campaigns.sign_up(self.en, sign_form())
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        with self.assertRaises((rules.SignUpRefused, api.exc.InvalidParameterError)) as refused:
            api.content.create(
                container=self.de,
                type="Supporter",
                title="Copycat",
                supporter_role="citizen",
                country="DE",
                email="ada@example.org",
            )
        self.assertIn("already signed", str(refused.exception))
