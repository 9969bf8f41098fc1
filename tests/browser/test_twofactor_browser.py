"""Two-step login in chromium (issue 16): a member of the list commission, who must use it, logs in with the
password, can open nothing but the set-up page, reads the key from the page, confirms it with a code computed
like an authenticator app would, sees the recovery codes once, logs out, and then gets in only with a code
(not without one, neither by the form, nor by ``@login``, nor by HTTP Basic).

The server runs in this process: its clock of 30-second steps is set by the test, so no code races the wall
clock.
"""

from coalition.intranet.security.login import api as login_api
from coalition.intranet.security.twofactor import totp
from plone import api
import pyotp
import requests
from tests.browser_helpers import DESKTOP
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
from tests.page_checkers import axe_violations
from tests.page_checkers import html_errors
import transaction
import unittest
from unittest import mock


PASSWORD = "demo-secret"  # noqa: S105 (the documented password of the demo cast)
START_STEP = 60_000_000


class TestTwoStepLoginInTheBrowser(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.session = self.layer["browser"]
        self.step = START_STEP
        clock = mock.patch.object(totp, "current_step", side_effect=lambda now=None: self.step)
        clock.start()
        self.addCleanup(clock.stop)
        login_api.guard()._records.clear()
        api.portal.set_registry_record("coalition.twofactor.required_groups", ["list-commission", "coordinators"])
        api.portal.set_registry_record("coalition.twofactor.require_organisation_admins", True)
        transaction.commit()

    def new_page(self, viewport=None):
        page = self.session.new_page(viewport=viewport) if viewport else self.session.new_page()
        self.policy_violations = []
        page.on(
            "console",
            lambda message: (
                self.policy_violations.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        return page

    def set_up_second_factor(self, page) -> str:
        """On the set-up page: read the key, confirm it with the app's code; return the key."""
        secret = page.locator(".coalition-two-factor-secret").inner_text().replace(" ", "")
        page.get_by_label("Enter the six-digit code the app shows now").fill(pyotp.TOTP(secret).at(self.step * 30))
        page.get_by_role("button", name="Switch on two-step login").click()
        page.wait_for_load_state()
        return secret

    def test_enrol_log_out_log_in_with_the_code_refused_without(self):
        page = self.new_page()
        log_in(page, self.site_url, "commission", PASSWORD)
        self.assertTrue(page.url.endswith("/@@two-factor"), page.url)
        # Nothing else of the intranet opens before the second factor is set up.
        page.goto(f"{self.site_url}/intranet/cases")
        self.assertTrue(page.url.endswith("/@@two-factor"), page.url)
        self.assertTrue(page.get_by_role("heading", name="Set up two-step login").is_visible())
        self.assertTrue(page.locator("figure.coalition-qr svg").is_visible())
        save_screenshot(page, "twofactor-enrolment-desktop")

        # A wrong code first: a clear error, the same key to try again.
        key = page.locator(".coalition-two-factor-secret").inner_text()
        page.get_by_label("Enter the six-digit code the app shows now").fill("000000")
        page.get_by_role("button", name="Switch on two-step login").click()
        page.wait_for_load_state()
        self.assertTrue(page.locator("#two-factor-code-error").is_visible())
        self.assertEqual(page.locator(".coalition-two-factor-secret").inner_text(), key)
        save_screenshot(page, "twofactor-enrolment-wrong-code-desktop")

        secret = self.set_up_second_factor(page)
        codes = page.locator(".coalition-recovery-code-list li")
        self.assertEqual(codes.count(), 10)
        save_screenshot(page, "twofactor-recovery-codes-desktop")
        page.get_by_role("link", name="I have saved the codes: continue").click()
        page.wait_for_load_state()
        self.assertTrue(page.url.endswith("/intranet"), page.url)

        page.goto(f"{self.site_url}/logout")
        # Without the code: refused with the same answer as a wrong password.
        log_in(page, self.site_url, "commission", PASSWORD)
        self.assertTrue(page.locator("#__ac_otp").is_visible())
        self.assertTrue(page.get_by_text("Login failed.").is_visible())
        save_screenshot(page, "twofactor-login-refused-desktop")
        log_in(page, self.site_url, "commission", PASSWORD, code="123456")
        self.assertTrue(page.get_by_text("Login failed.").is_visible())
        # Nor through the REST API or HTTP Basic.
        rest = requests.post(
            f"{self.site_url}/@login",
            json={"login": "commission", "password": PASSWORD},
            headers={"Accept": "application/json"},
            timeout=30,
        )
        self.assertEqual(rest.status_code, 401)
        basic = requests.get(
            f"{self.site_url}/intranet", auth=("commission", PASSWORD), timeout=30, allow_redirects=False
        )
        self.assertNotEqual(basic.status_code, 200)

        self.step += 1
        log_in(page, self.site_url, "commission", PASSWORD, code=pyotp.TOTP(secret).at(self.step * 30))
        page.goto(f"{self.site_url}/intranet/cases/@@commission")
        self.assertTrue(page.url.endswith("/intranet/cases/@@commission"), page.url)
        page.goto(f"{self.site_url}/@@two-factor")
        self.assertTrue(page.get_by_role("heading", name="Two-step login is on").is_visible())
        save_screenshot(page, "twofactor-manage-desktop")
        self.assertEqual(self.policy_violations, [])

    def test_phone_widths(self):
        page = self.new_page(viewport=PHONE)
        page.goto(f"{self.site_url}/en/login")
        self.assertTrue(page.get_by_label("Code from your authenticator app, or a recovery code").is_visible())
        save_screenshot(page, "twofactor-login-form-phone")
        page.set_viewport_size({"width": 1280, "height": 900})
        save_screenshot(page, "twofactor-login-form-desktop")
        page.set_viewport_size(PHONE)
        log_in(page, self.site_url, "alpha-admin", PASSWORD)  # an organisation admin: required
        self.assertTrue(page.url.endswith("/@@two-factor"), page.url)
        self.assertTrue(page.locator("figure.coalition-qr svg").is_visible())
        save_screenshot(page, "twofactor-enrolment-phone")
        self.set_up_second_factor(page)
        self.assertEqual(page.locator(".coalition-recovery-code-list li").count(), 10)
        save_screenshot(page, "twofactor-recovery-codes-phone")
        self.assertEqual(self.policy_violations, [])

    def test_coordinator_resets_a_member(self):
        api.portal.set_registry_record("coalition.twofactor.required_groups", [])
        from coalition.intranet.security.twofactor import api as twofactor

        twofactor.enrol_with_secret("alpha-admin", "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU")
        transaction.commit()
        page = self.new_page()
        log_in(page, self.site_url, "coordinator", PASSWORD)
        page.goto(f"{self.site_url}/@@two-factor-reset")
        row = page.locator("table.coalition-two-factor-people tbody tr", has_text="alpha-admin")
        self.assertEqual(row.count(), 1)
        save_screenshot(page, "twofactor-reset-desktop")
        row.get_by_role("link", name="Reset the second factor of Anna Alexeeva (alpha-admin)").click()
        page.wait_for_load_state()
        self.assertTrue(
            page.get_by_role("heading", name="Reset the second factor of Anna Alexeeva (alpha-admin)?").is_visible()
        )
        save_screenshot(page, "twofactor-reset-confirm-desktop")
        page.get_by_role("button", name="Reset the second factor").click()
        page.wait_for_load_state()
        self.assertTrue(page.get_by_text("all their sessions have ended").is_visible())
        page.set_viewport_size(PHONE)
        save_screenshot(page, "twofactor-reset-phone")
        transaction.begin()
        self.assertFalse(twofactor.is_enrolled("alpha-admin"))

    def test_the_pages_pass_the_accessibility_and_html_checkers(self):
        api.user.create(email="admin@example.org", username="site-admin", password="violet tractor sings under moon")
        api.user.grant_roles(username="site-admin", roles=["Site Administrator"])
        api.portal.set_registry_record("coalition.twofactor.required_groups", [])
        api.portal.set_registry_record("coalition.twofactor.require_organisation_admins", False)
        transaction.commit()
        findings, markup = [], {}

        def check(page, name):
            for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                page.set_viewport_size(viewport)
                findings.extend(f"{name}-{width}: {line}" for line in axe_violations(page))
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 0:
                    findings.append(f"{name}-{width}: {overflow}px wider than the screen")
            markup[name] = page.content()

        page = self.new_page()
        log_in(page, self.site_url, "site-admin", "violet tractor sings under moon")
        page.goto(f"{self.site_url}/@@two-factor")
        check(page, "two-factor-setup")
        self.set_up_second_factor(page)
        check(page, "two-factor-recovery-codes")
        page.goto(f"{self.site_url}/@@two-factor")
        check(page, "two-factor-on")
        page.goto(f"{self.site_url}/@@two-factor-reset?q=alpha")
        check(page, "two-factor-reset")
        page.goto(f"{self.site_url}/@@two-factor-reset?q=alpha&confirm=alpha-member")
        check(page, "two-factor-reset-confirm")
        page.goto(f"{self.site_url}/@@two-factor-settings")
        check(page, "two-factor-settings")
        save_screenshot(page, "twofactor-settings-phone")
        page.set_viewport_size(DESKTOP)
        save_screenshot(page, "twofactor-settings-desktop")
        page.goto(f"{self.site_url}/logout")
        page.goto(f"{self.site_url}/en/login")
        check(page, "login-form")
        findings.extend(html_errors(markup))
        self.assertEqual(findings, [])
        self.assertEqual(self.policy_violations, [])
