"""A member logs in and lands on their dashboard, on a desktop and on a phone; preferences are one click away."""

from plone import api
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
import transaction
import unittest


class TestDashboardInTheBrowser(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.session = self.layer["browser"]
        portal = self.layer["portal"]
        for user_id, path, title in (
            ("alpha-admin", "organisations/alpha", "Budget 2027"),
            ("beta-admin", "groups/definition", "Draft criteria of the definition"),
            ("beta-member", "organisations/beta", "Beta plans for December"),
        ):
            with api.env.adopt_user(username=user_id):
                api.content.create(
                    container=portal.unrestrictedTraverse(f"intranet/{path}"), type="Document", title=title
                )
        transaction.commit()

    def test_member_sees_own_workspaces_and_changes_on_desktop_and_phone(self):
        page = self.session.new_page()
        log_in(page, self.site_url, "alpha-member", "demo-secret")
        page.goto(f"{self.site_url}/intranet")
        self.assertTrue(page.locator("h1", has_text="Welcome, Arkady Antonov").is_visible())
        workspaces = page.locator("#dashboard-workspaces")
        self.assertTrue(workspaces.locator("a", has_text="Alpha Rights Centre").is_visible())
        self.assertTrue(workspaces.locator("a", has_text="Definition working group").is_visible())
        changes = page.locator("#dashboard-changes")
        self.assertTrue(changes.locator("a", has_text="Draft criteria of the definition").is_visible())
        self.assertTrue(changes.locator("a", has_text="Budget 2027").is_visible())
        self.assertEqual(page.locator("text=Beta plans for December").count(), 0)
        self.assertEqual(page.locator("text=Beta Solidarity Network").count(), 0)
        self.assertTrue(page.locator("#dashboard-waiting", has_text="Nothing waits for you.").is_visible())
        save_screenshot(page, "dashboard-alpha-member-desktop")

        phone = self.session.new_page(viewport=PHONE)
        log_in(phone, self.site_url, "alpha-member", "demo-secret")
        phone.goto(f"{self.site_url}/intranet")
        self.assertTrue(phone.locator("#dashboard-changes a", has_text="Budget 2027").is_visible())
        # Nothing wider than the screen: the cards stack.
        width = phone.evaluate("document.documentElement.scrollWidth")
        self.assertLessEqual(width, PHONE["width"])
        save_screenshot(phone, "dashboard-alpha-member-phone")

    def test_someone_on_no_roster_gets_empty_states_and_finds_the_preferences(self):
        page = self.session.new_page()
        log_in(page, self.site_url, "mentor-coord", "demo-secret")
        page.goto(f"{self.site_url}/intranet")
        self.assertTrue(page.locator("text=You are not on the roster of any workspace yet.").is_visible())
        save_screenshot(page, "dashboard-empty-desktop")

        page.locator("#dashboard-preferences-link").click()
        page.wait_for_load_state()
        self.assertTrue(page.url.endswith("/@@notification-preferences"), page.url)
        page.get_by_label("Once a day").check()
        page.get_by_role("button", name="Save").click()
        page.wait_for_load_state()
        self.assertTrue(page.locator("text=Your notification preferences are saved.").is_visible())
        self.assertTrue(page.get_by_label("Once a day").is_checked())
        save_screenshot(page, "notification-preferences-desktop")
