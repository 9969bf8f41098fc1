"""Profile versions are date stamps; the first upgrade step brings an older site to the current version."""

from plone import api
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
import unittest


PROFILE = "coalition.intranet:default"


def current_version() -> tuple:
    """The version of profiles/default/metadata.xml, as portal_setup records it after an upgrade."""
    return (api.portal.get_tool("portal_setup").getVersionForProfile(PROFILE),)


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
        self.assertEqual(
            [u["title"] for u in upgrades],
            [
                "Coalition identity and groups",
                "Workspaces",
                "Drafting and case files",
                "Public website",
                "Publication boundary",
                "Mentorship, events, campaigns and operations",
                "Second factor and encryption at rest",
            ],
        )
        self.setup_tool.upgradeProfile(PROFILE)

        self.assertEqual(self.setup_tool.getLastVersionForProfile(PROFILE), current_version())
        self.assertIsNotNone(api.group.get(groupname="translators-fr"))
        self.assertEqual(
            api.portal.get_registry_record("plone.bundles/coalition.csscompilation"),
            "++plone++coalition.intranet/coalition.css",
        )
        self.assertEqual(self.layer["portal"]["de"].title, "Koalition für politische Gefangene in Russland")


class TestWorkspacesUpgrade(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.setup_tool = api.portal.get_tool("portal_setup")

    def test_site_of_the_foundation_release_gets_the_workspace_features(self):
        # Put the site back to what the foundation release (20261126002) had.
        self.setup_tool.setLastVersionForProfile(PROFILE, "20261126002")
        wftool = api.portal.get_tool("portal_workflow")
        wftool.setChainForPortalTypes(["Organisation", "WorkingGroup"], ["coalition_workspace_workflow"])
        self.portal["intranet"].setLayout("listing_view")
        alpha = self.portal["intranet"]["organisations"]["alpha"]
        alpha.manage_setLocalRoles("coordinator", ["Owner"])
        api.portal.get_tool("portal_memberdata").manage_delProperties(["coalition_notifications"])

        self.setup_tool.upgradeProfile(PROFILE)

        self.assertEqual(self.setup_tool.getLastVersionForProfile(PROFILE), current_version())
        self.assertEqual(wftool.getChainForPortalType("Organisation"), ("coalition_workspace_root_workflow",))
        self.assertEqual(self.portal["intranet"].getLayout(), "dashboard")
        self.assertNotIn("Owner", alpha.get_local_roles_for_userid("coordinator"))
        self.assertTrue(api.portal.get_tool("portal_memberdata").hasProperty("coalition_notifications"))


class TestDraftingAndCasesUpgrade(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_site_of_the_workspace_release_gets_case_files(self):
        setup_tool = api.portal.get_tool("portal_setup")
        setup_tool.setLastVersionForProfile(PROFILE, "20261126003")
        types = api.portal.get_tool("portal_types")
        types.manage_delObjects(["Evidence"])
        catalog = api.portal.get_tool("portal_catalog")
        catalog.delIndex("nominating_organisation")

        setup_tool.upgradeProfile(PROFILE)

        self.assertEqual(setup_tool.getLastVersionForProfile(PROFILE), current_version())
        self.assertIn("Evidence", types.objectIds())
        self.assertIn("nominating_organisation", catalog.indexes())
        alpha_cases = catalog.unrestrictedSearchResults(portal_type="CaseFile", nominating_organisation="alpha")
        stored = [
            case
            for case in self.layer["portal"]["intranet"]["cases"].objectValues()
            if case.nominating_organisation == "alpha"
        ]
        self.assertEqual(len(alpha_cases), len(stored))
        self.assertTrue(stored)


class TestPublicWebsiteUpgrade(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_site_of_the_case_file_release_gets_region_codes_and_profile_indexes(self):
        setup_tool = api.portal.get_tool("portal_setup")
        setup_tool.setLastVersionForProfile(PROFILE, "20261126004")
        catalog = api.portal.get_tool("portal_catalog")
        catalog.delIndex("prisoner_status")
        case = catalog.unrestrictedSearchResults(portal_type="CaseFile")[0]._unrestrictedGetObject()
        case.region = "Tver region"  # free text, as the case-file release stored it
        fti = api.portal.get_tool("portal_types")["PrisonerProfile"]
        fti.behaviors = tuple(b for b in fti.behaviors if b != "coalition.prisoner_profile")

        setup_tool.upgradeProfile(PROFILE)

        self.assertEqual(setup_tool.getLastVersionForProfile(PROFILE), current_version())
        self.assertEqual(case.region, "tver")
        self.assertIn("coalition.prisoner_profile", fti.behaviors)
        self.assertGreaterEqual(len(catalog.unrestrictedSearchResults(prisoner_status="serving_sentence")), 1)


class TestPublicationBoundaryUpgrade(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_site_of_the_public_website_release_gets_the_register_and_the_profile_workflow(self):
        from Acquisition import aq_base
        from coalition.intranet.public.boundary import provenance
        from coalition.intranet.public.profile.content import PrisonerProfile
        from plone.dexterity.content import Item
        from zope.annotation.interfaces import IAnnotations

        portal = self.layer["portal"]
        setup_tool = api.portal.get_tool("portal_setup")
        setup_tool.setLastVersionForProfile(PROFILE, "20261126005")
        wftool = api.portal.get_tool("portal_workflow")
        wftool.setChainForPortalTypes(["PrisonerProfile"], ["coalition_public_workflow"])
        wftool.setChainForPortalTypes(["Discussion Item"], ["comment_one_state_workflow"])
        del IAnnotations(portal)[provenance.REGISTER_KEY]
        catalog = api.portal.get_tool("portal_catalog")
        profiles = [
            b._unrestrictedGetObject() for b in catalog.unrestrictedSearchResults(portal_type="PrisonerProfile")
        ]
        for profile in profiles:
            aq_base(profile).__class__ = Item
        published_cases = [
            b._unrestrictedGetObject()
            for b in catalog.unrestrictedSearchResults(portal_type="CaseFile")
            if getattr(b._unrestrictedGetObject(), "published_profile_uid", None)
        ]
        self.assertTrue(published_cases)

        setup_tool.upgradeProfile(PROFILE)

        self.assertEqual(setup_tool.getLastVersionForProfile(PROFILE), current_version())
        self.assertEqual(wftool.getChainForPortalType("PrisonerProfile"), ("coalition_profile_workflow",))
        self.assertEqual(wftool.getChainForPortalType("Discussion Item"), ("coalition_comment_workflow",))
        for brain in catalog.unrestrictedSearchResults(portal_type="PrisonerProfile"):
            self.assertIsInstance(brain._unrestrictedGetObject(), PrisonerProfile)
        for case in published_cases:
            record = provenance.provenance(case.published_profile_uid)
            self.assertEqual(record.source, api.content.get_uuid(case))


class TestOutreachUpgrade(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_site_of_the_publication_boundary_release_gets_mentorship_events_campaigns_and_the_guard(self):
        from coalition.intranet.site.api import language_root

        portal = self.layer["portal"]
        setup_tool = api.portal.get_tool("portal_setup")
        setup_tool.setLastVersionForProfile(PROFILE, "20261204001")
        types_tool = api.portal.get_tool("portal_types")
        types_tool.manage_delObjects(["Mentor", "Mentorship", "MentorAction", "EventPlan", "Campaign", "Supporter"])
        for language in ("en", "de"):
            root = language_root(portal, language)
            root.setLayout("folder_listing")
            root["events"].setLayout("folder_listing")
        portal.acl_users.manage_delObjects(["coalition_login_guard"])
        api.group.delete(groupname="ballot-managers")
        catalog = api.portal.get_tool("portal_catalog")
        profile = catalog.unrestrictedSearchResults(portal_type="PrisonerProfile", Language="en")[0]
        profile = profile._unrestrictedGetObject()
        profile.mentors = ["Greta Beispielsdottir, Althing, Iceland"]

        setup_tool.upgradeProfile(PROFILE)

        self.assertEqual(setup_tool.getLastVersionForProfile(PROFILE), current_version())
        for portal_type in ("Mentor", "Mentorship", "MentorAction", "EventPlan", "Campaign", "Supporter"):
            self.assertIn(portal_type, types_tool.objectIds())
        for language in ("en", "de"):
            root = language_root(portal, language)
            self.assertEqual(root.getLayout(), "front-page")
            self.assertEqual(root["events"].getLayout(), "events-calendar")
        self.assertIn("coalition_login_guard", portal.acl_users.objectIds())
        self.assertIsNotNone(api.group.get(groupname="ballot-managers"))
        # The free text is not lost: it became a draft mentor, and the profile no longer carries it.
        self.assertFalse(getattr(profile, "mentors", None))
        names = [b.Title for b in catalog.unrestrictedSearchResults(portal_type="Mentor")]
        self.assertIn("Greta Beispielsdottir", names)


class TestSecondFactorAndEncryptionUpgrade(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_site_of_the_outreach_release_gets_the_second_factor_and_seals_its_case_fields(self):
        from coalition.intranet.security.encryption import canary
        from coalition.intranet.security.encryption import fields

        portal = self.layer["portal"]
        setup_tool = api.portal.get_tool("portal_setup")
        setup_tool.setLastVersionForProfile(PROFILE, "20261204002")
        # As the older release left it: no second-factor settings, no reset permission, no canary, and a case
        # file with its confidential fields in clear under their own names.
        registry = portal.portal_registry
        for name in [key for key in registry.records if key.startswith("coalition.twofactor.")]:
            del registry.records[name]
        portal.manage_permission("coalition: Reset second factor", roles=[], acquire=0)
        delattr(portal, canary.CANARY_ATTRIBUTE)
        case = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(portal_type="CaseFile")[0]
        case = case._unrestrictedGetObject()
        case._p_activate()  # a ghost's __dict__ is empty until its state is loaded
        case.__dict__.pop(fields.storage_name("lawyer_contacts"), None)
        case.__dict__["lawyer_contacts"] = "Old-release lawyer, +7 999 000 11 22"
        case._p_changed = True

        setup_tool.upgradeProfile(PROFILE)

        self.assertEqual(setup_tool.getLastVersionForProfile(PROFILE), current_version())
        self.assertIn("coalition.twofactor.required_groups", registry.records)
        self.assertIn(
            "Coordinator",
            [r["name"] for r in portal.rolesOfPermission("coalition: Reset second factor") if r["selected"]],
        )
        self.assertTrue(canary.check_canary(portal))
        self.assertNotIn("lawyer_contacts", case.__dict__)
        self.assertIsInstance(case.__dict__[fields.storage_name("lawyer_contacts")], bytes)
        self.assertEqual(case.lawyer_contacts, "Old-release lawyer, +7 999 000 11 22")
