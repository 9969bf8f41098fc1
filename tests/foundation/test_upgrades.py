"""Profile versions are date stamps; the first upgrade step brings an older site to the current version."""

from plone import api
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
import unittest


PROFILE = "coalition.intranet:default"


class TestUpgrades(unittest.TestCase):
    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        self.setup_tool = api.portal.get_tool("portal_setup")

    def test_site_is_up_to_date_after_install(self):
        self.assertEqual(self.setup_tool.listUpgrades(PROFILE), [])

    def test_upgrade_from_first_version_restores_groups_and_identity(self):
        self.setup_tool.setLastVersionForProfile(PROFILE, "20261126001")
        api.group.delete(groupname="translators-fr")
        api.portal.set_registry_record("plone.bundles/coalition.csscompilation", "")
        self.layer["portal"]["de"].title = "Deutsch"

        upgrades = self.setup_tool.listUpgrades(PROFILE)
        self.assertEqual([u["title"] for u in upgrades], ["Coalition identity and groups"])
        self.setup_tool.upgradeProfile(PROFILE)

        self.assertEqual(self.setup_tool.getLastVersionForProfile(PROFILE), ("20261126002",))
        self.assertIsNotNone(api.group.get(groupname="translators-fr"))
        self.assertEqual(
            api.portal.get_registry_record("plone.bundles/coalition.csscompilation"),
            "++plone++coalition.intranet/coalition.css",
        )
        self.assertEqual(self.layer["portal"]["de"].title, "Koalition für politische Gefangene in Russland")
