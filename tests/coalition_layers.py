"""Test layers, defined once for every concern's tests.

- COALITION_INTEGRATION_TESTING: the add-on installed (default profile), in-process, rolled back per test.
- COALITION_DEMO_INTEGRATION_TESTING / COALITION_DEMO_FUNCTIONAL_TESTING: plus the demo cast and content.
- COALITION_SERVER_TESTING: the demo site served over HTTP by a real WSGI server (REST API).
- COALITION_BROWSER_TESTING: the same, plus a headless Debian chromium driven by Playwright (``browser``).
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
        zope_testing.installProduct(app, "Products.CMFPlacefulWorkflow")

    def setUpPloneSite(self, portal):
        applyProfile(portal, "coalition.intranet:default")


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
