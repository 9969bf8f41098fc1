"""Setting up, resetting and configuring the second factor (issue 16), over HTTP where a person would act:
enrolment needs a right code and shows the recovery codes once; coordinators reset a member's second factor
(audited, every session ends); members of another organisation cannot; what is stored reveals no secret.
"""

from coalition.intranet.security import api as security_api
from coalition.intranet.security.twofactor import api as twofactor
from coalition.intranet.security.twofactor import store
from coalition.intranet.security.twofactor.demo import DEMO_SECRETS
from coalition.intranet.security.twofactor.demo import enrol_demo_cast
from pathlib import Path
from plone import api
import pyotp
import re
import requests
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.security.twofactor_fixtures import authenticator
from tests.security.twofactor_fixtures import PASSWORD
from tests.security.twofactor_fixtures import SECRETS
from tests.security.twofactor_fixtures import TwoFactorTestCase
import transaction
import unittest


README = Path(__file__).parents[2] / "README.md"
SECRET_ON_PAGE = re.compile(r'class="coalition-two-factor-secret[^"]*"[^>]*>([A-Z2-7 ]+)<')
RECOVERY_CODE = re.compile(r"<li>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</li>")


class TestEnrolment(TwoFactorTestCase):
    def enrolment_page(self, session):
        page = session.get(f"{self.site_url}/@@two-factor", timeout=30)
        self.assertEqual(page.status_code, 200)
        secret = SECRET_ON_PAGE.search(page.text).group(1).replace(" ", "")
        token = re.search(r'name="token"[^>]*value="([^"]+)"', page.text).group(1)
        return page, secret, token

    def test_enrolment_needs_a_right_code_and_shows_the_recovery_codes_once(self):
        session, _response = self.form_login("beta-member", PASSWORD)
        page, secret, token = self.enrolment_page(session)
        self.assertIn("<svg", page.text)  # the QR code, inline: no request to another server
        self.assertNotIn("chart.googleapis", page.text)
        csrf = authenticator(page.text)

        wrong = session.post(
            f"{self.site_url}/@@two-factor",
            data={"_authenticator": csrf, "token": token, "code": "000000", "enrol": "1"},
            timeout=30,
        )
        self.assertEqual(wrong.status_code, 200)
        self.assertIn("is-invalid", wrong.text)
        self.assertIn(secret[:4], wrong.text)  # the same key again, to try once more
        self.assertIsNone(self.enrolment("beta-member"))

        right = session.post(
            f"{self.site_url}/@@two-factor",
            data={"_authenticator": csrf, "token": token, "code": pyotp.TOTP(secret).at(self.step * 30), "enrol": "1"},
            timeout=30,
        )
        codes = RECOVERY_CODE.findall(right.text)
        self.assertEqual(len(codes), 10)
        self.assertIsNotNone(self.enrolment("beta-member"))
        self.assertEqual(security_api.entries(action="twofactor.enrolled")[0].details["user"], "beta-member")
        # Shown once: the page now says it is on, without codes.
        again = session.get(f"{self.site_url}/@@two-factor", timeout=30)
        self.assertEqual(RECOVERY_CODE.findall(again.text), [])
        self.assertNotIn(codes[0], again.text)
        # And the login needs the code from now on.
        self.step += 1
        self.assertEqual(self.rest_login("beta-member", PASSWORD).status_code, 401)
        answer = self.rest_login("beta-member", PASSWORD, otp=pyotp.TOTP(secret).at(self.step * 30))
        self.assertEqual(answer.status_code, 200)

    def test_a_forged_or_foreign_enrolment_form_is_refused(self):
        session, _response = self.form_login("beta-member", PASSWORD)
        page, secret, token = self.enrolment_page(session)
        code = pyotp.TOTP(secret).at(self.step * 30)
        # Without the CSRF token nothing happens.
        forged = session.post(f"{self.site_url}/@@two-factor", data={"token": token, "code": code, "enrol": "1"})
        self.assertNotEqual(forged.status_code, 200)
        self.assertIsNone(self.enrolment("beta-member"))
        # Another person's pending key (sealed for them) does not enrol this one.
        other, _response = self.form_login("alpha-member", PASSWORD)
        _page, _secret, other_token = self.enrolment_page(other)
        answer = other.post(
            f"{self.site_url}/@@two-factor",
            data={"_authenticator": authenticator(_page.text), "token": token, "code": code, "enrol": "1"},
            timeout=30,
        )
        self.assertIn("no longer valid", answer.text)
        self.assertIsNone(self.enrolment("alpha-member"))

    def set_password_by_mail_link(self, user_id):
        transaction.begin()  # see what the server committed
        reset = api.portal.get_tool("portal_password_reset").requestReset(user_id)
        transaction.commit()
        session = requests.Session()
        new = "violet tractor sings under moon"  # noqa: S105
        session.post(
            f"{self.site_url}/passwordreset/{reset['randomstring']}",
            data={"userid": user_id, "password": new, "password2": new, "form.submitted": "1"},
            timeout=30,
        )
        return session

    def test_a_new_password_by_mail_link_logs_in_only_people_without_a_second_factor(self):
        self.enrol("alpha-member")
        session = self.set_password_by_mail_link("alpha-member")
        self.assertFalse(self.opens_intranet(session))
        self.assertEqual(self.rest_login("alpha-member", "violet tractor sings under moon").status_code, 401)
        # Plone's automatic login after a new password stays for the others.
        self.assertTrue(self.opens_intranet(self.set_password_by_mail_link("beta-member")))

    def test_the_secret_is_stored_sealed(self):
        self.enrol("alpha-member")
        enrolment = self.enrolment("alpha-member")
        self.assertNotIn(SECRETS["alpha-member"].encode(), enrolment.sealed_secret)
        import base64

        self.assertNotIn(base64.b32decode(SECRETS["alpha-member"]), enrolment.sealed_secret)
        # A sealed secret moved to another person's record does not open.
        store.put(self.portal, "beta-member", enrolment)
        transaction.commit()
        self.assertEqual(self.rest_login("beta-member", PASSWORD, otp=self.code("alpha-member")).status_code, 401)

    def test_new_recovery_codes_and_switching_off_need_a_current_code(self):
        self.enrol("alpha-member")
        session, _response = self.form_login("alpha-member", PASSWORD, code=self.code("alpha-member"))
        page = session.get(f"{self.site_url}/@@two-factor", timeout=30)
        csrf = authenticator(page.text)
        self.step += 1
        refused = session.post(
            f"{self.site_url}/@@two-factor", data={"_authenticator": csrf, "code": "123456", "renew": "1"}, timeout=30
        )
        self.assertEqual(RECOVERY_CODE.findall(refused.text), [])
        renewed = session.post(
            f"{self.site_url}/@@two-factor",
            data={"_authenticator": csrf, "code": self.code("alpha-member"), "renew": "1"},
            timeout=30,
        )
        self.assertEqual(len(RECOVERY_CODE.findall(renewed.text)), 10)
        self.step += 1
        session.post(
            f"{self.site_url}/@@two-factor",
            data={"_authenticator": csrf, "code": self.code("alpha-member"), "switch_off": "1"},
            timeout=30,
        )
        self.assertIsNone(self.enrolment("alpha-member"))
        self.assertEqual(security_api.entries(action="twofactor.disabled")[0].actor, "alpha-member")
        self.assertEqual(self.rest_login("alpha-member", PASSWORD).status_code, 200)

    def test_a_required_person_cannot_switch_it_off(self):
        self.enrol("alpha-admin")  # organisation admin: required
        session, _response = self.form_login("alpha-admin", PASSWORD, code=self.code("alpha-admin"))
        page = session.get(f"{self.site_url}/@@two-factor", timeout=30)
        self.assertNotIn('name="switch_off"', page.text)
        self.step += 1
        session.post(
            f"{self.site_url}/@@two-factor",
            data={"_authenticator": authenticator(page.text), "code": self.code("alpha-admin"), "switch_off": "1"},
            timeout=30,
        )
        self.assertIsNotNone(self.enrolment("alpha-admin"))


class TestReset(TwoFactorTestCase):
    def setUp(self):
        super().setUp()
        # The coordinator uses HTTP Basic in these tests: coordinators need no second factor here.
        self.require(groups=["list-commission"], organisation_admins=True)

    def coordinator(self):
        session = requests.Session()
        session.auth = ("coordinator", PASSWORD)
        return session

    def test_coordinator_resets_audited_and_every_session_ends(self):
        self.enrol("alpha-admin")
        member, _response = self.form_login("alpha-admin", PASSWORD, code=self.code("alpha-admin"))
        self.assertTrue(self.opens_intranet(member))
        token = self.rest_login("alpha-admin", PASSWORD, otp=self.code("alpha-admin", 1)).json()["token"]

        coordinator = self.coordinator()
        page = coordinator.get(f"{self.site_url}/@@two-factor-reset", timeout=30)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Anna Alexeeva", page.text)  # listed: has a second factor
        found = coordinator.get(f"{self.site_url}/@@two-factor-reset", params={"q": "Alexeeva"}, timeout=30)
        self.assertIn("confirm=alpha-admin", found.text)
        confirm = coordinator.get(f"{self.site_url}/@@two-factor-reset", params={"confirm": "alpha-admin"}, timeout=30)
        self.assertIn("coalition-two-factor-confirm-reset", confirm.text)
        self.assertIsNotNone(self.enrolment("alpha-admin"))  # asking changes nothing
        csrf = authenticator(page.text)
        coordinator.post(
            f"{self.site_url}/@@two-factor-reset", data={"_authenticator": csrf, "user_id": "alpha-admin"}, timeout=30
        )

        self.assertIsNone(self.enrolment("alpha-admin"))
        entry = security_api.entries(action="twofactor.reset")[0]
        self.assertEqual((entry.actor, entry.details["user"]), ("coordinator", "alpha-admin"))
        self.assertFalse(self.opens_intranet(member))
        bearer = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self.assertEqual(requests.get(f"{self.site_url}/intranet", headers=bearer, timeout=30).status_code, 401)
        # Required as an organisation admin: the next login leads to setting it up again.
        session, response = self.form_login("alpha-admin", PASSWORD)
        self.assertTrue(response.headers["Location"].endswith("/@@two-factor"))

    def test_a_reset_without_csrf_token_changes_nothing(self):
        self.enrol("alpha-admin")
        answer = self.coordinator().post(f"{self.site_url}/@@two-factor-reset", data={"user_id": "alpha-admin"})
        self.assertNotEqual(answer.status_code, 200)
        self.assertIsNotNone(self.enrolment("alpha-admin"))

    def test_members_of_another_organisation_cannot_reset_anyone(self):
        self.require(groups=[], organisation_admins=False)
        self.enrol("alpha-member")
        for user in ("beta-member", "beta-admin", "alpha-admin"):
            with self.subTest(user):
                session = requests.Session()
                session.auth = (user, PASSWORD)
                page = session.get(f"{self.site_url}/@@two-factor-reset", timeout=30, allow_redirects=False)
                self.assertNotEqual(page.status_code, 200)
                # With a valid CSRF token of their own, a forged POST is refused as well.
                csrf = authenticator(session.get(f"{self.site_url}/@@logout-everywhere", timeout=30).text)
                forged = session.post(
                    f"{self.site_url}/@@two-factor-reset",
                    data={"_authenticator": csrf, "user_id": "alpha-member"},
                    timeout=30,
                    allow_redirects=False,
                )
                self.assertNotEqual(forged.status_code, 200)
                self.assertIsNotNone(self.enrolment("alpha-member"))
        self.assertEqual(list(security_api.entries(action="twofactor.reset")), [])


class TestResetRules(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        twofactor.enrol_with_secret("alpha-member", SECRETS["alpha-member"])
        twofactor.enrol_with_secret("coordinator", SECRETS["coordinator"])
        api.user.create(
            email="siteadmin@example.org", username="site-admin", password="violet tractor sings under moon"
        )
        api.user.grant_roles(username="site-admin", roles=["Site Administrator"])
        twofactor.enrol_with_secret("site-admin", "ONSWG4TFOQQGC5LUNBSW42LDMF2GS33O")

    def test_nobody_resets_their_own(self):
        with api.env.adopt_user(username="coordinator"), self.assertRaises(twofactor.TwoFactorError):
            twofactor.reset("coordinator")
        self.assertTrue(twofactor.is_enrolled("coordinator"))

    def test_only_site_administrators_reset_a_site_administrator(self):
        with api.env.adopt_user(username="coordinator"):
            with self.assertRaises(twofactor.TwoFactorError):
                twofactor.reset("site-admin")
            self.assertTrue(twofactor.reset("alpha-member"))
        self.assertTrue(twofactor.is_enrolled("site-admin"))
        with api.env.adopt_user(username="site-admin"):
            self.assertTrue(twofactor.reset("coordinator"))

    def test_members_may_not(self):
        from AccessControl import Unauthorized

        with api.env.adopt_user(username="beta-admin"):
            self.assertFalse(twofactor.may_reset())
            with self.assertRaises(Unauthorized):
                twofactor.reset("alpha-member")
        self.assertTrue(twofactor.is_enrolled("alpha-member"))

    def test_a_logged_in_person_confirms_their_password_without_a_code(self):
        # The password form checks the current password again (acl_users.authenticate): no new login.
        with api.env.adopt_user(username="alpha-member"):
            self.assertTrue(self.portal.portal_membership.testCurrentPassword(PASSWORD))
        with api.env.adopt_user(username="beta-member"):
            self.assertFalse(self.portal.acl_users.authenticate("alpha-member", PASSWORD, self.layer["request"]))


class TestSettingsAndDemo(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.request = self.layer["request"]

    def test_the_layers_require_nobody_the_site_defaults_require_the_commission_coordinators_and_admins(self):
        from coalition.intranet.security.twofactor.interfaces import ITwoFactorSettings

        self.assertEqual(api.portal.get_registry_record("coalition.twofactor.required_groups"), [])
        self.assertEqual(ITwoFactorSettings["required_groups"].default, ["list-commission", "coordinators"])
        self.assertTrue(ITwoFactorSettings["require_organisation_admins"].default)
        self.assertFalse(ITwoFactorSettings["require_roster_members"].default)

    def test_site_administrators_choose_who_must_use_it(self):
        from plone.protect.authenticator import createToken

        self.request.method = "POST"
        self.request.form.update(
            {"_authenticator": createToken(), "required_groups": ["coordinators"], "roster_members": "1"}
        )
        with api.env.adopt_roles(["Site Administrator"]):
            self.portal.restrictedTraverse("@@two-factor-settings")()
        self.assertEqual(api.portal.get_registry_record("coalition.twofactor.required_groups"), ["coordinators"])
        self.assertTrue(api.portal.get_registry_record("coalition.twofactor.require_roster_members"))
        self.assertFalse(api.portal.get_registry_record("coalition.twofactor.require_organisation_admins"))
        self.assertTrue(twofactor.is_required("coordinator"))
        self.assertTrue(twofactor.is_required("beta-member"))
        self.assertFalse(twofactor.is_required("editor-de"))

    def test_unknown_groups_are_refused(self):
        from plone.protect.authenticator import createToken

        self.request.method = "POST"
        self.request.form.update({"_authenticator": createToken(), "required_groups": ["no-such-group"]})
        with api.env.adopt_roles(["Site Administrator"]):
            self.portal.restrictedTraverse("@@two-factor-settings")()
        self.assertEqual(api.portal.get_registry_record("coalition.twofactor.required_groups"), [])

    def test_members_cannot_open_the_settings(self):
        from AccessControl import Unauthorized

        with api.env.adopt_user(username="coordinator"), self.assertRaises(Unauthorized):
            self.portal.restrictedTraverse("@@two-factor-settings")

    def test_install_adds_the_menu_entries_the_control_panel_and_the_challenge(self):
        from coalition.intranet.security.twofactor.setup import install
        from Products.PluggableAuthService.interfaces.plugins import IChallengePlugin

        install(self.portal)  # again: nothing doubles
        user_actions = self.portal.portal_actions.user.objectIds()
        self.assertEqual([a for a in user_actions if a.startswith("two-factor")], ["two-factor", "two-factor-reset"])
        configlets = [action.getId() for action in self.portal.portal_controlpanel.listActions()]
        self.assertEqual(configlets.count("coalition-two-factor"), 1)
        plugins = self.portal.acl_users.plugins
        self.assertEqual(plugins.listPluginIds(IChallengePlugin)[0], "coalition_login_guard")

    def test_the_demo_profile_enrols_nobody_and_the_site_script_enrols_the_cast(self):
        self.assertEqual(twofactor.enrolled_user_ids(), [])
        enrolled = enrol_demo_cast(self.portal)
        self.assertEqual(sorted(enrolled), sorted(DEMO_SECRETS))
        self.assertEqual(enrol_demo_cast(self.portal), [])  # idempotent

    def test_the_readme_prints_each_demo_secret(self):
        text = README.read_text(encoding="utf-8")
        for user_id, secret in DEMO_SECRETS.items():
            self.assertRegex(text, rf"`{re.escape(user_id)}`[^\n]*`{secret}`")
