"""The guards of visitors' forms refuse what is not a genuine, not too frequent POST of the form."""

from coalition.intranet.signups import api as signups
from coalition.intranet.signups.guards import RATE_BOOK
from plone.protect.authenticator import createToken
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
import unittest


class TestCheckPublicPost(unittest.TestCase):
    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        RATE_BOOK.clear()
        self.request = self.layer["request"]

    def tearDown(self):
        RATE_BOOK.clear()

    def post(self, **form):
        request = self.request
        request["REQUEST_METHOD"] = "POST"
        request.form.clear()
        request.form.update({"_authenticator": createToken(), signups.HONEYPOT_FIELD_NAME: "", **form})
        for key, value in request.form.items():
            request[key] = value
        return request

    def assertRefused(self, request, msgid):
        with self.assertRaises(signups.SubmissionRefused) as caught:
            signups.check_public_post(request, "test-form")
        self.assertEqual(caught.exception.message, msgid)

    def test_a_genuine_post_passes(self):
        signups.check_public_post(self.post(name="Anna"), "test-form")

    def test_a_get_is_refused(self):
        request = self.post()
        request["REQUEST_METHOD"] = "GET"
        self.assertRefused(request, "signup_error_method")

    def test_a_post_without_or_with_a_forged_authenticator_is_refused(self):
        request = self.post()
        del request.form["_authenticator"]
        request.other.pop("_authenticator", None)
        self.assertRefused(request, "signup_error_csrf")
        self.assertRefused(self.post(_authenticator="0" * 40), "signup_error_csrf")

    def test_a_filled_or_missing_honeypot_is_refused(self):
        self.assertRefused(self.post(**{signups.HONEYPOT_FIELD_NAME: "http://spam.example"}), "signup_error_honeypot")
        request = self.post()
        del request.form[signups.HONEYPOT_FIELD_NAME]
        self.assertRefused(request, "signup_error_honeypot")

    def test_the_rate_is_limited_per_client_address_and_form(self):
        for _attempt in range(3):
            signups.check_public_post(self.post(), "test-form", limit=3)
        with self.assertRaises(signups.SubmissionRefused) as caught:
            signups.check_public_post(self.post(), "test-form", limit=3)
        self.assertEqual(caught.exception.message, "signup_error_rate")
        # Another form of the same visitor is counted apart.
        signups.check_public_post(self.post(), "other-form", limit=3)

    def test_refused_posts_do_not_use_up_the_rate(self):
        for _attempt in range(5):
            with self.assertRaises(signups.SubmissionRefused):
                signups.check_public_post(self.post(**{signups.HONEYPOT_FIELD_NAME: "x"}), "test-form", limit=1)
        signups.check_public_post(self.post(), "test-form", limit=1)

    def test_the_form_guards_render_the_authenticator_and_the_honeypot(self):
        html = self.layer["portal"].restrictedTraverse("@@coalition-form-guards")()
        self.assertIn('name="_authenticator"', html)
        self.assertIn(f'name="{signups.HONEYPOT_FIELD_NAME}"', html)
        self.assertIn('class="coalition-honeypot"', html)
        self.assertIn("<label", html)


class TestAddresses(unittest.TestCase):
    def test_addresses_are_normalised(self):
        self.assertEqual(signups.normalise_email("  Anna.Example@Mail.EXAMPLE.org "), "anna.example@mail.example.org")

    def test_what_is_not_an_address_is_refused(self):
        for text in ("", "anna", "anna@", "@example.org", "anna@example", "a b@example.org", "a@b@example.org"):
            with self.subTest(text=text), self.assertRaises(signups.SubmissionRefused):
                signups.normalise_email(text)


class TestTokens(unittest.TestCase):
    layer = COALITION_INTEGRATION_TESTING

    def test_a_token_gives_back_its_subject_for_its_purpose_only(self):
        token = signups.make_token("confirm", "registration-17")
        self.assertEqual(signups.read_token("confirm", token), "registration-17")
        with self.assertRaises(signups.TokenInvalid):
            signups.read_token("cancel", token)

    def test_a_tampered_token_is_invalid(self):
        token = signups.make_token("confirm", "registration-17")
        payload, signature = token.split(".")
        forged = signups.make_token("confirm", "registration-18").split(".")[0]
        for bad in (f"{forged}.{signature}", f"{payload}.{signature[:-2]}AA", payload, "", "not.a-token"):
            with self.subTest(token=bad), self.assertRaises(signups.TokenInvalid):
                signups.read_token("confirm", bad)

    def test_an_old_token_has_expired(self):
        import time

        token = signups.make_token("confirm", "registration-17", days=1)
        with self.assertRaises(signups.TokenExpired):
            signups.read_token("confirm", token, now=time.time() + 2 * 86400)
