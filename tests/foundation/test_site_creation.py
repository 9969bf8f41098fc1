"""The site is created as `make start` creates it: Classic UI distribution plus the coalition profile."""

from coalition.intranet.site.api import create_site
from plone import api
from plone.app.multilingual.interfaces import IPloneAppMultilingualInstalled
from plone.app.testing import SITE_OWNER_NAME
from plone.testing.zope import login
from tests.coalition_layers import COALITION_FUNCTIONAL_TESTING
import unittest
from zope.component.hooks import setSite
from zope.interface import noLongerProvides


class TestSiteCreation(unittest.TestCase):
    layer = COALITION_FUNCTIONAL_TESTING

    def setUp(self):
        self.app = self.layer["app"]
        login(self.app["acl_users"], SITE_OWNER_NAME)
        # The test request went through the layer's site and carries its browser layers; a request that
        # creates a site from the Zope root (as `make start` does) has none.
        noLongerProvides(self.layer["request"], IPloneAppMultilingualInstalled)

    def tearDown(self):
        setSite(self.layer["portal"])

    def test_production_site_has_structure_but_no_demo_data(self):
        site = create_site(self.app, "production", demo=False)
        self.assertEqual(site.getId(), "production")
        for language in ("en", "de", "fr", "ru"):
            self.assertIn("prisoners", site[language])
        self.assertIn("organisations", site["intranet"])
        self.assertEqual(site["intranet"]["organisations"].contentIds(), [])
        self.assertIsNone(api.user.get(username="alpha-admin"))
        self.assertEqual(
            api.portal.get_registry_record("plone.site_title"), "Coalition for Political Prisoners in Russia"
        )

    def test_demo_site_has_the_demo_cast(self):
        site = create_site(self.app, "demo", demo=True)
        self.assertEqual(sorted(site["intranet"]["organisations"].contentIds()), ["alpha", "beta"])
        self.assertIsNotNone(api.user.get(username="alpha-admin"))
