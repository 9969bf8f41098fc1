"""Throttling and lock-out, identical answers, password rules, session lifetime and "log out everywhere"
(issue 16), tried over HTTP on every route that takes a password: Plone's login form, the REST API's
``@login`` and HTTP Basic.

Each test lowers the thresholds in the registry of its own database (the functional layer gives every test
a fresh one), so the demo cast is never locked for the tests that run after these.
"""

from coalition.intranet.security import api as security_api
from coalition.intranet.security.login import api as login_api
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
import re
import requests
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest
import ZPublisher.HTTPRequest


PASSWORD = "demo-secret"  # noqa: S105 (the documented password of the demo cast)
WRONG = "not-the-password"  # noqa: S105
JSON = {"Accept": "application/json", "Content-Type": "application/json"}


class LoginTestCase(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        # Failed logins are counted in their own transaction: other tests' may sit in the shared fixture.
        login_api.guard()._records.clear()
        self.configure(account_failures=3, address_failures=1000, lock_minutes=60)

    def configure(self, **values):
        for name, value in values.items():
            api.portal.set_registry_record(f"coalition.login.{name}", value)
        transaction.commit()

    def basic(self, user, password, path="intranet", **kwargs):
        kwargs.setdefault("allow_redirects", False)
        return requests.get(f"{self.site_url}/{path}", auth=(user, password), timeout=30, **kwargs)

    def rest_login(self, user, password, **kwargs):
        return requests.post(
            f"{self.site_url}/@login", json={"login": user, "password": password}, headers=JSON, timeout=30, **kwargs
        )

    def form_login(self, user, password, session=None):
        session = session or requests.Session()
        response = session.post(
            f"{self.site_url}/login",
            data={"__ac_name": user, "__ac_password": password, "buttons.login": "Log in", "came_from": ""},
            timeout=30,
            allow_redirects=False,
        )
        return session, response

    def may_enter(self, user, password):
        """Whether the person gets into the intranet with these credentials (HTTP Basic)."""
        return self.basic(user, password).status_code == 200

    def assert_refused_everywhere(self, user, password):
        self.assertNotEqual(self.basic(user, password).status_code, 200)
        self.assertEqual(self.rest_login(user, password).status_code, 401)
        session, response = self.form_login(user, password)
        self.assertNotIn("__ac", session.cookies)


class TestLockout(LoginTestCase):
    def test_account_locked_after_failures_on_every_route(self):
        self.assertTrue(self.may_enter("alpha-member", PASSWORD))
        # One failure through each route: all three count for the same account.
        self.basic("alpha-member", WRONG)
        self.rest_login("alpha-member", WRONG)
        self.form_login("alpha-member", WRONG)
        self.assert_refused_everywhere("alpha-member", PASSWORD)
        # Another person is not affected.
        self.assertTrue(self.may_enter("alpha-admin", PASSWORD))

    def test_login_name_is_not_case_sensitive_for_the_counter(self):
        for name in ("Alpha-Member", "ALPHA-MEMBER", "alpha-member"):
            self.basic(name, WRONG)
        self.assertFalse(self.may_enter("alpha-member", PASSWORD))

    def test_administrator_lifts_the_lock(self):
        for _ in range(3):
            self.basic("beta-member", WRONG)
        self.assertFalse(self.may_enter("beta-member", PASSWORD))
        admin = requests.Session()
        admin.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        page = admin.get(f"{self.site_url}/@@login-lockouts", timeout=30)
        self.assertEqual(page.status_code, 200)
        self.assertIn("beta-member", page.text)
        token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text).group(1)
        # Without the CSRF token nothing happens.
        forged = admin.post(f"{self.site_url}/@@login-lockouts", data={"lift": "account:beta-member"}, timeout=30)
        self.assertNotEqual(forged.status_code, 200)
        self.assertFalse(self.may_enter("beta-member", PASSWORD))
        admin.post(
            f"{self.site_url}/@@login-lockouts",
            data={"lift": "account:beta-member", "_authenticator": token},
            timeout=30,
        )
        self.assertTrue(self.may_enter("beta-member", PASSWORD))
        transaction.begin()
        actions = [entry.action for entry in security_api.entries()]
        self.assertIn("login.lock_lifted", actions)

    def test_members_cannot_open_the_lockout_page(self):
        response = self.basic("coordinator", PASSWORD, "@@login-lockouts", allow_redirects=False)
        self.assertIn(response.status_code, (302, 401, 403))

    def test_lock_expires_after_its_time(self):
        self.configure(lock_minutes=1)
        for _ in range(3):
            self.basic("alpha-admin", WRONG)
        self.assertFalse(self.may_enter("alpha-admin", PASSWORD))
        transaction.begin()
        guard = login_api.guard()
        key = "account:alpha-admin"
        failures, start, until = guard._records[key]
        guard._records[key] = (failures, start - 7200, until - 7200)  # as if two hours had passed
        transaction.commit()
        self.assertTrue(self.may_enter("alpha-admin", PASSWORD))

    def test_success_resets_the_count(self):
        self.basic("alpha-member", WRONG)
        self.basic("alpha-member", WRONG)
        self.assertTrue(self.may_enter("alpha-member", PASSWORD))
        self.basic("alpha-member", WRONG)
        self.basic("alpha-member", WRONG)
        self.assertTrue(self.may_enter("alpha-member", PASSWORD))

    def test_client_address_locked_whatever_the_login_name(self):
        self.configure(account_failures=1000, address_failures=5)
        for number in range(5):
            self.basic(f"guess-{number}", WRONG)
        # From this address nobody logs in any more, not even with the right password.
        self.assertFalse(self.may_enter("commission", PASSWORD))
        self.assertEqual(self.rest_login("commission", PASSWORD).status_code, 401)

    def test_forwarded_address_counts_only_behind_a_trusted_proxy(self):
        self.configure(account_failures=1000, address_failures=5)
        trusted = ZPublisher.HTTPRequest.trusted_proxies  # zope.conf's trusted-proxy
        self.addCleanup(trusted.__setitem__, slice(None), list(trusted))
        trusted[:] = ["127.0.0.1"]
        attacker = {"X-Forwarded-For": "203.0.113.5"}
        for number in range(5):
            self.basic(f"guess-{number}", WRONG, headers=attacker)
        self.assertNotEqual(self.basic("commission", PASSWORD, headers=attacker).status_code, 200)
        # Someone else behind the same proxy is not locked out by the attacker.
        neighbour = {"X-Forwarded-For": "198.51.100.7"}
        self.assertEqual(self.basic("commission", PASSWORD, headers=neighbour).status_code, 200)
        transaction.begin()
        self.assertEqual({record.name for record in login_api.locks()}, {"203.0.113.5"})

    def test_operators_root_account_is_never_counted(self):
        for _ in range(5):
            self.assertEqual(self.basic(SITE_OWNER_NAME, SITE_OWNER_PASSWORD).status_code, 200)
        transaction.begin()
        self.assertNotIn(f"account:{SITE_OWNER_NAME}", login_api.guard()._records)

    def test_session_cookie_requests_count_nothing(self):
        session, response = self.form_login("alpha-member", PASSWORD)
        self.assertIn("__ac", session.cookies)
        for _ in range(4):
            self.assertEqual(session.get(f"{self.site_url}/intranet", timeout=30).status_code, 200)
        transaction.begin()
        self.assertEqual(len(login_api.guard()._records), 0)


class TestIdenticalAnswers(LoginTestCase):
    """Unknown names, wrong passwords and locked accounts get the same answer on every route."""

    def setUp(self):
        super().setUp()
        self.configure(account_failures=1000)

    @staticmethod
    def neutral(text, name):
        text = text.replace(name, "NAME")
        return re.sub(r'(_authenticator"?[^>]*value=")[^"]+', r"\1TOKEN", text)

    def test_basic(self):
        wrong, unknown = self.basic("alpha-member", WRONG), self.basic("no-such-person", WRONG)
        self.assertEqual(wrong.status_code, unknown.status_code)
        self.assertNotEqual(wrong.status_code, 200)
        self.assertEqual(self.neutral(wrong.text, "alpha-member"), self.neutral(unknown.text, "no-such-person"))

    def test_rest_login(self):
        wrong, unknown = self.rest_login("alpha-member", WRONG), self.rest_login("no-such-person", WRONG)
        self.assertEqual((wrong.status_code, wrong.json()), (unknown.status_code, unknown.json()))

    def test_login_form(self):
        _s, wrong = self.form_login("alpha-member", WRONG)
        _s, unknown = self.form_login("no-such-person", WRONG)
        self.assertEqual(wrong.status_code, unknown.status_code)
        self.assertEqual(self.neutral(wrong.text, "alpha-member"), self.neutral(unknown.text, "no-such-person"))

    def test_locked_account_answers_like_a_wrong_password(self):
        self.configure(account_failures=3)
        for _ in range(3):
            self.rest_login("alpha-admin", WRONG)
        locked = self.rest_login("alpha-admin", PASSWORD)
        wrong = self.rest_login("beta-admin", WRONG)
        self.assertEqual((locked.status_code, locked.json()), (wrong.status_code, wrong.json()))
        # Unknown names lock the same way: a lock says nothing about whether an account exists.
        for _ in range(3):
            self.rest_login("nobody-here", WRONG)
        transaction.begin()
        locked_names = {record.name for record in login_api.locks()}
        self.assertEqual(locked_names, {"alpha-admin", "nobody-here"})


class TestLogoutEverywhere(LoginTestCase):
    def test_every_session_and_token_ends(self):
        browser, _response = self.form_login("alpha-member", PASSWORD)
        laptop, _response = self.form_login("alpha-member", PASSWORD)
        token = self.rest_login("alpha-member", PASSWORD).json()["token"]
        bearer = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self.assertEqual(requests.get(f"{self.site_url}/intranet", headers=bearer, timeout=30).status_code, 200)
        self.assertEqual(laptop.get(f"{self.site_url}/intranet", timeout=30, allow_redirects=False).status_code, 200)

        page = browser.get(f"{self.site_url}/@@logout-everywhere", timeout=30)
        csrf = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text).group(1)
        browser.post(f"{self.site_url}/@@logout-everywhere", data={"_authenticator": csrf}, timeout=30)

        self.assertEqual(requests.get(f"{self.site_url}/intranet", headers=bearer, timeout=30).status_code, 401)
        stolen = laptop.get(f"{self.site_url}/intranet", timeout=30, allow_redirects=False)
        self.assertEqual(stolen.status_code, 302)
        self.assertIn("login", stolen.headers["Location"])
        # A new login works.
        self.assertTrue(self.may_enter("alpha-member", PASSWORD))

    def test_anonymous_has_no_such_page(self):
        response = requests.get(f"{self.site_url}/@@logout-everywhere", timeout=30, allow_redirects=False)
        self.assertIn(response.status_code, (302, 401, 403))


class TestPasswordRules(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.registration = api.portal.get_tool("portal_registration")

    def test_short_and_common_passwords_are_refused(self):
        for weak in ("short", "demo-secret", "Password123!", "qwertyuiop1234", "coalition2026!"):
            with self.subTest(weak):
                self.assertTrue(self.registration.testPasswordValidity(weak))

    def test_a_long_unguessable_password_is_accepted(self):
        self.assertIsNone(self.registration.testPasswordValidity("violet tractor sings under moon"))

    def test_new_accounts_get_no_weak_password(self):
        with self.assertRaises(ValueError):
            api.user.create(email="weak@example.org", username="weak", password="password1234")
        self.assertIsNone(api.user.get(username="weak"))

    def test_demo_password_only_inside_the_demo(self):
        with login_api.demo_passwords():
            self.assertIsNone(self.registration.testPasswordValidity("demo-secret"))
            self.assertTrue(self.registration.testPasswordValidity("password"))
        self.assertTrue(self.registration.testPasswordValidity("demo-secret"))

    def test_sessions_last_the_configured_hours(self):
        acl_users = api.portal.get().acl_users
        self.assertEqual(acl_users.session.timeout, 8 * 3600)
        self.assertTrue(acl_users.session.per_user_keyring)
        self.assertEqual(acl_users.jwt_auth.token_timeout, 8 * 3600)
        self.assertTrue(acl_users.jwt_auth.store_tokens)
        self.assertEqual(acl_users.plugins.listPluginIds(IAuthenticationPlugin)[0], "coalition_login_guard")
