"""Shared by the second-factor tests: a site served over HTTP where the second factor is switched on, a clock
the tests move by hand (codes are computed for a chosen 30-second step, never raced against the wall clock),
and the three routes that take a password.
"""

from coalition.intranet.security.login import api as login_api
from coalition.intranet.security.twofactor import api as twofactor
from coalition.intranet.security.twofactor import store
from coalition.intranet.security.twofactor import totp
from plone import api
import pyotp
import re
import requests
from tests.coalition_layers import COALITION_SERVER_TESTING
import transaction
import unittest
from unittest import mock


PASSWORD = "demo-secret"  # noqa: S105 (the documented password of the demo cast)
WRONG = "not-the-password"  # noqa: S105
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
SECRETS = {
    "alpha-member": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    "alpha-admin": "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
    "coordinator": "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK",
}
START_STEP = 60_000_000  # a fixed moment (about 2027): the tests' clock, not the wall clock
AUTHENTICATOR = re.compile(r'name="_authenticator"[^>]*value="([^"]+)"')


def authenticator(html: str) -> str:
    return AUTHENTICATOR.search(html).group(1)


class TwoFactorTestCase(unittest.TestCase):
    """The demo site over HTTP; the commission and coordinators must use a second factor, organisation
    admins too (the site's defaults, which the test layers switch off for every other test)."""

    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        login_api.guard()._records.clear()
        self.step = START_STEP
        clock = mock.patch.object(totp, "current_step", side_effect=lambda now=None: self.step)
        clock.start()
        self.addCleanup(clock.stop)
        self.configure_login(account_failures=10, address_failures=1000, lock_minutes=60)
        self.require(groups=["list-commission", "coordinators"], organisation_admins=True)

    # The site

    def configure_login(self, **values):
        for name, value in values.items():
            api.portal.set_registry_record(f"coalition.login.{name}", value)
        transaction.commit()

    def require(self, groups=(), organisation_admins=False, roster_members=False):
        api.portal.set_registry_record("coalition.twofactor.required_groups", list(groups))
        api.portal.set_registry_record("coalition.twofactor.require_organisation_admins", organisation_admins)
        api.portal.set_registry_record("coalition.twofactor.require_roster_members", roster_members)
        transaction.commit()

    def enrol(self, user_id):
        twofactor.enrol_with_secret(user_id, SECRETS[user_id])
        transaction.commit()

    def enrolment(self, user_id):
        transaction.begin()  # see what the server committed
        return store.get(self.portal, user_id)

    def code(self, user_id, offset=0):
        """The code the person's app shows at the tests' clock (``offset`` steps of 30 s later)."""
        return pyotp.TOTP(SECRETS[user_id]).at((self.step + offset) * totp.PERIOD)

    # The three routes

    def form_login(self, user, password, code=None, session=None):
        session = session or requests.Session()
        data = {"__ac_name": user, "__ac_password": password, "buttons.login": "Log in", "came_from": ""}
        if code is not None:
            data["__ac_otp"] = code
        response = session.post(f"{self.site_url}/login", data=data, timeout=30, allow_redirects=False)
        return session, response

    def rest_login(self, user, password, otp=None):
        body = {"login": user, "password": password}
        if otp is not None:
            body["otp"] = otp
        return requests.post(f"{self.site_url}/@login", json=body, headers=JSON, timeout=30)

    def basic(self, user, password, path="intranet", **kwargs):
        kwargs.setdefault("allow_redirects", False)
        return requests.get(f"{self.site_url}/{path}", auth=(user, password), timeout=30, **kwargs)

    def opens_intranet(self, session) -> bool:
        return session.get(f"{self.site_url}/intranet", timeout=30, allow_redirects=False).status_code == 200
