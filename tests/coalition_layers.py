"""Test layers, defined once for every concern's tests.

- COALITION_INTEGRATION_TESTING: the add-on installed (default profile), in-process, rolled back per test.
- COALITION_DEMO_INTEGRATION_TESTING / COALITION_DEMO_FUNCTIONAL_TESTING: plus the demo cast and content.
- COALITION_SERVER_TESTING: the demo site served over HTTP by a real WSGI server (REST API).
- COALITION_BROWSER_TESTING: the same, plus a headless Debian chromium driven by Playwright (``browser``).
- SMTP_SERVER_FIXTURE: a real SMTP server (aiosmtpd, 127.0.0.1, free port) as ``self.layer["smtp"]``.
- COALITION_MAIL_FUNCTIONAL_TESTING: the demo site whose MailHost sends to that server; mail leaves at
  ``transaction.commit()``. COALITION_MAIL_SERVER_TESTING: the same served over HTTP.
"""

import os
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.testing import Layer
from plone.testing import zope as zope_testing
from zope.configuration import xmlconfig


# Compile the .po files when the translations are registered, as `make start` does.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")


class CoalitionLayer(PloneSandboxLayer):
    # Based on PLONE_FIXTURE directly: plone.app.contenttypes' own test fixture imports
    # plone.app.robotframework, which the project does not install.
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        import coalition.intranet
        import plone.app.contenttypes

        self.loadZCML(package=plone.app.contenttypes)
        self.loadZCML(package=coalition.intranet)
        xmlconfig.includeOverrides(configurationContext, "overrides.zcml", package=coalition.intranet)
        # includeOverrides only queues the overriding actions; carry them out as the instance's site.zcml does.
        configurationContext.execute_actions()
        zope_testing.installProduct(app, "Products.CMFPlacefulWorkflow")
        # The instance gets this rule from plone.namedfile's scaling.zcml (loaded with z3c.caching there, not
        # by the test fixture): scales by unique URL are cached strongly.
        from plone.namedfile.interfaces import IStableImageScale
        from z3c.caching.registry import register

        register(IStableImageScale, "plone.stableResource")

    def setUpPloneSite(self, portal):
        applyProfile(portal, "coalition.intranet:default")
        # Tests log in with passwords alone: nobody must use a second factor unless a test switches it on
        # (tests/security/test_twofactor*.py, in their own database).
        portal.portal_registry["coalition.twofactor.required_groups"] = []
        portal.portal_registry["coalition.twofactor.require_organisation_admins"] = False

    # The logs kept outside the ZODB (case reads, logins): the audit log's page lists them with the database's
    # entries, so every test starts with empty ones instead of a folder shared by every test and run.
    FILE_LOGS = ("COALITION_CASE_ACCESS_LOG", "COALITION_LOGIN_LOG")

    def testSetUp(self):
        import tempfile

        self._file_logs = tempfile.mkdtemp(prefix="coalition-test-logs-")
        for variable in self.FILE_LOGS:
            os.environ[variable] = os.path.join(self._file_logs, variable.lower())

    def testTearDown(self):
        import shutil

        for variable in self.FILE_LOGS:
            os.environ.pop(variable, None)
        shutil.rmtree(self._file_logs, ignore_errors=True)


COALITION_FIXTURE = CoalitionLayer()


class CoalitionDemoLayer(PloneSandboxLayer):
    defaultBases = (COALITION_FIXTURE,)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "coalition.intranet:demo")


COALITION_DEMO_FIXTURE = CoalitionDemoLayer()

COALITION_INTEGRATION_TESTING = IntegrationTesting(bases=(COALITION_FIXTURE,), name="Coalition:Integration")
COALITION_FUNCTIONAL_TESTING = FunctionalTesting(bases=(COALITION_FIXTURE,), name="Coalition:Functional")
COALITION_DEMO_INTEGRATION_TESTING = IntegrationTesting(
    bases=(COALITION_DEMO_FIXTURE,), name="CoalitionDemo:Integration"
)
COALITION_DEMO_FUNCTIONAL_TESTING = FunctionalTesting(bases=(COALITION_DEMO_FIXTURE,), name="CoalitionDemo:Functional")
COALITION_SERVER_TESTING = FunctionalTesting(
    bases=(COALITION_DEMO_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE), name="CoalitionDemo:Server"
)


class ChromiumLayer(Layer):
    """Starts one headless chromium for all browser tests; the tests get it as ``self.layer["browser"]``."""

    def setUp(self):
        from tests.browser_helpers import BrowserSession

        self["browser"] = BrowserSession().start()

    def testTearDown(self):
        self["browser"].close_pages()

    def tearDown(self):
        self["browser"].stop()
        del self["browser"]


CHROMIUM_FIXTURE = ChromiumLayer()

COALITION_BROWSER_TESTING = FunctionalTesting(
    bases=(COALITION_DEMO_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE, CHROMIUM_FIXTURE),
    name="CoalitionDemo:Browser",
)


class SMTPServerLayer(Layer):
    """A real SMTP server for the whole layer; the messages received are cleared before each test."""

    def setUp(self):
        from tests.smtp_server import SMTPTestServer

        self["smtp"] = SMTPTestServer().start()

    def testSetUp(self):
        self["smtp"].clear()

    def tearDown(self):
        self["smtp"].stop()
        del self["smtp"]


SMTP_SERVER_FIXTURE = SMTPServerLayer()

MAIL_FROM_ADDRESS = "intranet@coalition.example.org"
MAIL_FROM_NAME = "Coalition intranet"


class CoalitionMailLayer(PloneSandboxLayer):
    """The demo site with Plone's MailHost pointed at the layer's SMTP server."""

    defaultBases = (COALITION_DEMO_FIXTURE, SMTP_SERVER_FIXTURE)

    def setUpPloneSite(self, portal):
        from plone import api

        smtp = self["smtp"]
        # Plone's mailer reads the server from the registry (mail control panel); the MailHost agrees.
        api.portal.set_registry_record("plone.smtp_host", smtp.host)
        api.portal.set_registry_record("plone.smtp_port", smtp.port)
        portal.MailHost.smtp_host = smtp.host
        portal.MailHost.smtp_port = smtp.port
        api.portal.set_registry_record("plone.email_from_address", MAIL_FROM_ADDRESS)
        api.portal.set_registry_record("plone.email_from_name", MAIL_FROM_NAME)


COALITION_MAIL_FIXTURE = CoalitionMailLayer()

COALITION_MAIL_FUNCTIONAL_TESTING = FunctionalTesting(bases=(COALITION_MAIL_FIXTURE,), name="CoalitionMail:Functional")
COALITION_MAIL_SERVER_TESTING = FunctionalTesting(
    bases=(COALITION_MAIL_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE), name="CoalitionMail:Server"
)
COALITION_MAIL_BROWSER_TESTING = FunctionalTesting(
    bases=(COALITION_MAIL_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE, CHROMIUM_FIXTURE), name="CoalitionMail:Browser"
)
