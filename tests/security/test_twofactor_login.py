"""The second factor on every route that takes a password, tried over HTTP (issue 16): Plone's login form,
the REST API's ``@login`` with ``otp`` and HTTP Basic; wrong, reused, expired and recovery codes; the lock
after wrong codes; identical answers; a required person who has not set it up yet.
"""

from coalition.intranet.security import api as security_api
from coalition.intranet.security.login import api as login_api
from coalition.intranet.security.twofactor import api as twofactor
import re
import requests
from tests.security.twofactor_fixtures import JSON
from tests.security.twofactor_fixtures import PASSWORD
from tests.security.twofactor_fixtures import TwoFactorTestCase
from tests.security.twofactor_fixtures import WRONG
import transaction


def neutral(text: str, name: str) -> str:
    """A page without what differs between any two requests (the name tried, CSRF tokens)."""
    text = text.replace(name, "NAME")
    return re.sub(r'(_authenticator"?[^>]*value=")[^"]+', r"\1TOKEN", text)


class TestLoginForm(TwoFactorTestCase):
    def test_the_form_has_a_labelled_field_for_the_code(self):
        page = requests.get(f"{self.site_url}/login", timeout=30)
        self.assertIn('id="__ac_otp"', page.text)
        self.assertIn('for="__ac_otp"', page.text)
        # Phones and password managers offer the current code for a one-time-code field.
        code_input = re.search(r'<input[^>]*id="__ac_otp"[^>]*>', page.text).group(0)
        self.assertIn('autocomplete="one-time-code"', code_input)

    def test_an_enrolled_person_logs_in_with_the_code_only(self):
        self.enrol("alpha-member")
        session, response = self.form_login("alpha-member", PASSWORD)
        self.assertNotIn("__ac", session.cookies)
        self.assertEqual(response.status_code, 200)
        session, response = self.form_login("alpha-member", PASSWORD, code="000000")
        self.assertNotIn("__ac", session.cookies)
        session, response = self.form_login("alpha-member", PASSWORD, code=self.code("alpha-member"))
        self.assertEqual(response.status_code, 302)
        self.assertIn("__ac", session.cookies)
        # The session keeps working without the code, as today.
        self.assertTrue(self.opens_intranet(session))
        self.assertTrue(self.opens_intranet(session))

    def test_people_without_a_second_factor_leave_the_field_empty(self):
        session, response = self.form_login("beta-member", PASSWORD)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(self.opens_intranet(session))

    def test_a_right_password_with_a_wrong_code_looks_like_a_wrong_password(self):
        self.enrol("alpha-member")
        _s, wrong_code = self.form_login("alpha-member", PASSWORD, code="123456")
        _s, wrong_password = self.form_login("alpha-member", WRONG, code="123456")
        _s, no_code = self.form_login("alpha-member", PASSWORD)
        self.assertEqual(wrong_code.status_code, wrong_password.status_code)
        self.assertEqual(neutral(wrong_code.text, "alpha-member"), neutral(wrong_password.text, "alpha-member"))
        self.assertEqual(neutral(no_code.text, "alpha-member"), neutral(wrong_password.text, "alpha-member"))
        self.assertIn("authenticator app", wrong_code.text)

    def test_a_password_cookie_is_refused_for_an_enrolled_person(self):
        # The classic cookie of PAS's CookieAuthHelper carries login and password: no place for a code.
        import base64

        self.enrol("alpha-member")
        value = base64.encodebytes(b"%s:%s" % (b"alpha-member".hex().encode(), PASSWORD.encode().hex().encode()))
        cookie = {"__ac": value.decode().replace("\n", "")}
        response = requests.get(f"{self.site_url}/intranet", cookies=cookie, timeout=30, allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)


class TestRestLogin(TwoFactorTestCase):
    def test_login_with_otp_in_the_same_request_returns_a_working_token(self):
        self.enrol("alpha-member")
        self.assertEqual(self.rest_login("alpha-member", PASSWORD).status_code, 401)
        answer = self.rest_login("alpha-member", PASSWORD, otp=self.code("alpha-member"))
        self.assertEqual(answer.status_code, 200, answer.text)
        bearer = {"Authorization": f"Bearer {answer.json()['token']}", "Accept": "application/json"}
        self.assertEqual(requests.get(f"{self.site_url}/intranet", headers=bearer, timeout=30).status_code, 200)

    def test_wrong_code_and_wrong_password_get_the_same_answer(self):
        self.enrol("alpha-member")
        wrong_code = self.rest_login("alpha-member", PASSWORD, otp="123456")
        wrong_password = self.rest_login("alpha-member", WRONG, otp=self.code("alpha-member"))
        no_code = self.rest_login("alpha-member", PASSWORD)
        unknown = self.rest_login("nobody-at-all", WRONG, otp="123456")
        answers = {(r.status_code, str(r.json())) for r in (wrong_code, wrong_password, no_code, unknown)}
        self.assertEqual(len(answers), 1, answers)
        self.assertEqual(wrong_code.status_code, 401)

    def test_people_without_a_second_factor_need_no_otp(self):
        self.assertEqual(self.rest_login("beta-member", PASSWORD).status_code, 200)

    def test_numbers_and_spaces_in_the_code_are_fine(self):
        self.enrol("alpha-member")
        code = self.code("alpha-member")
        answer = requests.post(
            f"{self.site_url}/@login",
            json={"login": "alpha-member", "password": PASSWORD, "otp": f"{code[:3]} {code[3:]}"},
            headers=JSON,
            timeout=30,
        )
        self.assertEqual(answer.status_code, 200)


class TestBasic(TwoFactorTestCase):
    def test_basic_is_refused_for_an_enrolled_person_even_with_the_right_password(self):
        self.enrol("alpha-member")
        self.assertNotEqual(self.basic("alpha-member", PASSWORD).status_code, 200)
        # The others keep using Basic as before.
        self.assertEqual(self.basic("beta-member", PASSWORD).status_code, 200)

    def test_basic_refusals_count_like_wrong_passwords(self):
        self.configure_login(account_failures=3)
        self.enrol("alpha-member")
        for _ in range(3):
            self.basic("alpha-member", PASSWORD)
        transaction.begin()
        self.assertIn("alpha-member", {record.name for record in login_api.locks()})


class TestCodes(TwoFactorTestCase):
    def test_a_code_is_accepted_once(self):
        self.enrol("alpha-member")
        code = self.code("alpha-member")
        self.assertEqual(self.rest_login("alpha-member", PASSWORD, otp=code).status_code, 200)
        self.assertEqual(self.rest_login("alpha-member", PASSWORD, otp=code).status_code, 401)
        session, _response = self.form_login("alpha-member", PASSWORD, code=code)
        self.assertNotIn("__ac", session.cookies)
        # Nor an older code still inside the window of clock drift.
        self.assertEqual(self.rest_login("alpha-member", PASSWORD, otp=self.code("alpha-member", -1)).status_code, 401)
        # The next step's code works.
        self.step += 1
        self.assertEqual(self.rest_login("alpha-member", PASSWORD, otp=self.code("alpha-member")).status_code, 200)

    def test_clock_drift_of_one_step_is_accepted_older_codes_are_expired(self):
        self.enrol("alpha-member")
        self.assertEqual(self.rest_login("alpha-member", PASSWORD, otp=self.code("alpha-member", -2)).status_code, 401)
        self.assertEqual(self.rest_login("alpha-member", PASSWORD, otp=self.code("alpha-member", -1)).status_code, 200)
        self.assertEqual(self.rest_login("alpha-member", PASSWORD, otp=self.code("alpha-member", +1)).status_code, 200)
        self.assertEqual(self.rest_login("alpha-member", PASSWORD, otp=self.code("alpha-member", +2)).status_code, 401)

    def test_a_recovery_code_works_once_and_is_audited(self):
        pending = twofactor.start_enrolment("alpha-member", "alpha-member")
        import pyotp

        codes = twofactor.enrol("alpha-member", pending, pyotp.TOTP(pending.secret).at(self.step * 30))
        transaction.commit()
        self.assertEqual(len(codes), 10)
        self.assertEqual(len(set(codes)), 10)
        # Typed in capitals and without hyphens: still the code.
        typed = codes[3].replace("-", "").upper()
        self.assertEqual(self.rest_login("alpha-member", PASSWORD, otp=typed).status_code, 200)
        self.assertEqual(self.rest_login("alpha-member", PASSWORD, otp=codes[3]).status_code, 401)
        session, response = self.form_login("alpha-member", PASSWORD, code=codes[4])
        self.assertIn("__ac", session.cookies)
        self.assertEqual(self.enrolment("alpha-member").recovery_digests.__len__(), 8)
        used = security_api.entries(action="twofactor.recovery_code_used")
        self.assertEqual(len(used), 2)
        self.assertEqual(used[0].actor, "alpha-member")
        # The codes are kept as hashes only.
        self.assertNotIn(codes[0].encode(), b"".join(self.enrolment("alpha-member").recovery_digests))

    def test_wrong_codes_lock_the_account_like_wrong_passwords(self):
        self.configure_login(account_failures=3)
        self.enrol("alpha-member")
        for wrong in ("111111", "222222", "333333"):
            self.rest_login("alpha-member", PASSWORD, otp=wrong)
        locked = self.rest_login("alpha-member", PASSWORD, otp=self.code("alpha-member"))
        wrong_password = self.rest_login("beta-member", WRONG)
        self.assertEqual((locked.status_code, locked.json()), (wrong_password.status_code, wrong_password.json()))
        session, _response = self.form_login("alpha-member", PASSWORD, code=self.code("alpha-member", 1))
        self.assertNotIn("__ac", session.cookies)
        transaction.begin()
        self.assertIn("alpha-member", {record.name for record in login_api.locks()})

    def test_a_locked_address_refuses_even_the_right_code(self):
        self.configure_login(account_failures=1000, address_failures=5)
        self.enrol("alpha-member")
        for number in range(5):
            self.rest_login(f"guess-{number}", WRONG, otp="123456")
        self.assertEqual(self.rest_login("alpha-member", PASSWORD, otp=self.code("alpha-member")).status_code, 401)
        # The code was not used up by the refused login: once the lock is lifted, it still works.
        transaction.begin()
        for record in login_api.locks():
            login_api.lift_lock(record.kind, record.name)
        transaction.commit()
        self.assertEqual(self.rest_login("alpha-member", PASSWORD, otp=self.code("alpha-member")).status_code, 200)


class TestRequiredButNotSetUp(TwoFactorTestCase):
    def test_rest_and_basic_tell_them_to_use_the_browser_first(self):
        answer = self.rest_login("commission", PASSWORD)
        self.assertEqual(answer.status_code, 401)
        self.assertIn("browser", answer.json()["error"]["message"])
        self.assertNotIn("token", answer.json())
        basic = self.basic("commission", PASSWORD)
        self.assertEqual(basic.status_code, 401)
        self.assertIn("browser", basic.text)
        as_json = self.basic("commission", PASSWORD, headers={"Accept": "application/json"})
        self.assertIn("browser", as_json.json()["message"])
        # A wrong password gets the usual answer: the message tells nothing to someone without the password.
        self.assertNotIn("browser", self.rest_login("commission", WRONG).json()["error"]["message"])
        self.assertNotIn("browser", self.basic("commission", WRONG).text)

    def test_the_browser_opens_the_enrolment_page_and_nothing_else(self):
        session, response = self.form_login("commission", PASSWORD)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response.headers["Location"].endswith("/@@two-factor"))
        for path in ("intranet", "intranet/cases", "en", "intranet/cases/@@commission", "en/prisoners"):
            answer = session.get(f"{self.site_url}/{path}", timeout=30, allow_redirects=False)
            self.assertEqual(answer.status_code, 302, path)
            self.assertTrue(answer.headers["Location"].endswith("/@@two-factor"), path)
        page = session.get(f"{self.site_url}/@@two-factor", timeout=30)
        self.assertEqual(page.status_code, 200)
        self.assertIn("coalition-qr-code", page.text)
        self.assertIn("no-store", page.headers.get("Cache-Control", ""))
        # Logging out stays possible.
        self.assertNotEqual(session.get(f"{self.site_url}/logout", timeout=30).status_code, 500)
        self.assertFalse(self.opens_intranet(session))

    def test_a_token_from_before_the_requirement_answers_with_the_reason(self):
        token = self.rest_login("beta-member", PASSWORD).json()["token"]
        self.require(groups=[], organisation_admins=False, roster_members=True)
        bearer = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        answer = requests.get(f"{self.site_url}/intranet", headers=bearer, timeout=30)
        self.assertEqual(answer.status_code, 403)
        self.assertIn("browser", answer.json()["message"])

    def test_organisation_admins_are_required_by_default(self):
        self.assertEqual(self.rest_login("alpha-admin", PASSWORD).status_code, 401)
        self.assertEqual(self.rest_login("alpha-member", PASSWORD).status_code, 200)
        self.require(groups=[], organisation_admins=False, roster_members=True)
        self.assertEqual(self.rest_login("alpha-member", PASSWORD).status_code, 401)
        self.assertEqual(self.rest_login("editor-de", PASSWORD).status_code, 200)  # on no organisation's roster
