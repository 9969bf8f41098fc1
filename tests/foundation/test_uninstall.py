"""Uninstalling removes the add-on's configuration but keeps the coalition's data private."""

from AccessControl import Unauthorized
from plone import api
from plone.app.testing import logout
from plone.base.utils import get_installer
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
import unittest


class TestUninstall(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        installer = get_installer(self.portal, self.layer["request"])
        with api.env.adopt_roles(["Manager"]):
            installer.uninstall_product("coalition.intranet")
        self.installer = installer

    def test_addon_is_uninstalled(self):
        self.assertFalse(self.installer.is_product_installed("coalition.intranet"))

    def test_browser_layer_and_css_bundle_are_removed(self):
        from coalition.intranet.interfaces import ICoalitionLayer
        from plone.browserlayer import utils

        self.assertNotIn(ICoalitionLayer, utils.registered_layers())
        self.assertIsNone(api.portal.get_registry_record("plone.bundles/coalition.csscompilation", default=None))

    def test_intranet_stays_private_after_uninstall(self):
        logout()
        with self.assertRaises(Unauthorized):
            self.portal.restrictedTraverse("intranet/organisations/alpha/notes")
