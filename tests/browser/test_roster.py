"""A coordinator creates an organisation naming its first admin, then sees the admin on the roster."""

from plone import api
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
from tests.workspaces.roster_helpers import install_mock_mailhost
import transaction
import unittest


class TestCoordinatorCreatesOrganisation(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.session = self.layer["browser"]
        self.portal = self.layer["portal"]
        install_mock_mailhost(self.portal)
        transaction.commit()

    def test_coordinator_creates_an_organisation_and_its_admin_is_on_the_roster(self):
        page = self.session.new_page()
        log_in(page, self.site_url, "coordinator", "demo-secret")
        page.goto(f"{self.site_url}/intranet/organisations")
        page.locator("#plone-contentmenu-factories > a").click()
        page.locator("#plone-contentmenu-factories a#organisation").click()
        page.wait_for_load_state()
        self.assertIn("++add++Organisation", page.url)

        page.get_by_label("Name", exact=True).fill("Gamma Prison Watch")
        page.get_by_label("Country").fill("Georgia")
        page.get_by_label("First organisation admin").fill("irina.gamma@example.net")
        save_screenshot(page, "organisation-add-form-desktop")
        page.locator("button[name='form.buttons.save']").click()
        page.wait_for_load_state()

        self.assertTrue(page.url.endswith("/intranet/organisations/gamma-prison-watch/@@roster"), page.url)
        self.assertTrue(page.get_by_role("heading", name="Roster of Gamma Prison Watch").is_visible())
        self.assertTrue(page.get_by_text("An invitation has been sent to irina.gamma@example.net.").is_visible())
        row = page.locator("#roster-table tbody tr")
        self.assertEqual(row.count(), 1)
        self.assertIn("irina.gamma@example.net", row.inner_text())
        self.assertEqual(row.locator(".roster-role").inner_text().strip(), "Admin")
        # The coordinator manages the roster: the add form and the row's controls are there.
        self.assertTrue(page.get_by_label("User id or e-mail address").is_visible())
        self.assertTrue(row.get_by_role("button", name="Remove").is_visible())
        save_screenshot(page, "roster-new-organisation-desktop")

        page.set_viewport_size(PHONE)
        page.reload()
        self.assertTrue(page.get_by_role("heading", name="Roster of Gamma Prison Watch").is_visible())
        save_screenshot(page, "roster-new-organisation-phone")

        transaction.begin()
        gamma = self.portal["intranet"]["organisations"]["gamma-prison-watch"]
        self.assertEqual(gamma.country, "Georgia")
        self.assertEqual(api.content.get_state(gamma), "private")
        self.assertEqual(len(self.portal.MailHost.messages), 1)

    def test_member_reads_the_roster_on_a_phone_without_forms(self):
        page = self.session.new_page(viewport=PHONE)
        log_in(page, self.site_url, "alpha-member", "demo-secret")
        page.goto(f"{self.site_url}/intranet/groups/definition/@@roster")
        self.assertTrue(page.get_by_role("heading", name="Roster of Definition working group").is_visible())
        self.assertEqual(page.locator("#roster-table tbody tr").count(), 4)
        self.assertEqual(page.locator("#roster-add-form").count(), 0)
        self.assertEqual(page.get_by_role("button", name="Remove").count(), 0)
        save_screenshot(page, "roster-member-phone")

    def test_coordinator_reads_the_audit_log(self):
        page = self.session.new_page()
        log_in(page, self.site_url, "coordinator", "demo-secret")
        page.goto(f"{self.site_url}/intranet/@@audit-log")
        self.assertTrue(page.get_by_role("heading", name="Audit log").is_visible())
        self.assertGreater(page.locator("#audit-log-table tbody tr").count(), 5)
        save_screenshot(page, "audit-log-desktop")
