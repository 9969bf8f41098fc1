"""The arithmetic of the second factor, without a site: codes, time steps, recovery codes."""

from coalition.intranet.security.twofactor import recovery
from coalition.intranet.security.twofactor import totp
import pyotp
import unittest


SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = 1_800_000_000.0  # a fixed moment; the step of a code never depends on the wall clock here


class TestTimeCodes(unittest.TestCase):
    def code(self, seconds_later=0):
        return pyotp.TOTP(SECRET).at(NOW + seconds_later)

    def test_the_current_code_and_one_step_either_side(self):
        step = totp.current_step(NOW)
        self.assertEqual(totp.matching_step(SECRET, self.code(), -1, NOW), step)
        self.assertEqual(totp.matching_step(SECRET, self.code(-30), -1, NOW), step - 1)
        self.assertEqual(totp.matching_step(SECRET, self.code(30), -1, NOW), step + 1)

    def test_two_steps_away_is_expired(self):
        self.assertIsNone(totp.matching_step(SECRET, self.code(-60), -1, NOW))
        self.assertIsNone(totp.matching_step(SECRET, self.code(60), -1, NOW))

    def test_no_code_for_a_step_already_used(self):
        step = totp.current_step(NOW)
        self.assertIsNone(totp.matching_step(SECRET, self.code(), step, NOW))
        self.assertIsNone(totp.matching_step(SECRET, self.code(-30), step, NOW))
        self.assertEqual(totp.matching_step(SECRET, self.code(30), step, NOW), step + 1)

    def test_only_six_digits_are_a_code(self):
        for wrong in ("", "12345", "1234567", "abcdef", None, "12 345"):
            with self.subTest(wrong):
                self.assertIsNone(totp.matching_step(SECRET, wrong, -1, NOW))
        spaced = f"{self.code()[:3]} {self.code()[3:]}"
        self.assertIsNotNone(totp.matching_step(SECRET, spaced, -1, NOW))

    def test_new_secrets_are_random_base32_of_160_bits(self):
        secrets = {totp.new_secret() for _ in range(20)}
        self.assertEqual(len(secrets), 20)
        for secret in secrets:
            self.assertEqual(len(secret), 32)
            self.assertTrue(set(secret) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"))

    def test_the_qr_code_is_inline_svg_of_the_otpauth_address(self):
        uri = totp.provisioning_uri(SECRET, "alpha-member", "Coalition")
        self.assertTrue(uri.startswith("otpauth://totp/Coalition:alpha-member?"))
        self.assertIn(f"secret={SECRET}", uri)
        svg = totp.qr_code_svg(uri, "QR code")
        self.assertTrue(svg.startswith("<svg"))
        self.assertIn("<title>QR code</title>", svg)
        self.assertNotIn("http", svg.replace("http://www.w3.org/2000/svg", ""))


class TestRecoveryCodes(unittest.TestCase):
    def test_ten_different_codes_in_three_groups(self):
        codes = recovery.new_codes()
        self.assertEqual(len(set(codes)), 10)
        for code in codes:
            self.assertRegex(code, r"^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$")
            self.assertTrue(recovery.is_recovery_code(code))

    def test_a_code_matches_its_salted_hash_however_it_is_typed(self):
        code = recovery.new_codes(1)[0]
        salt = recovery.new_salt()
        digest = recovery.digest(code, salt)
        self.assertEqual(recovery.digest(code.upper().replace("-", " "), salt), digest)
        self.assertNotEqual(recovery.digest(code, recovery.new_salt()), digest)
        self.assertNotIn(recovery.normalised(code).encode(), digest)

    def test_app_codes_and_other_text_are_no_recovery_codes(self):
        for text in ("123456", "", "abcd-efgh-jkm", "abcd-efgh-jkm0"):
            with self.subTest(text):
                self.assertFalse(recovery.is_recovery_code(text))
