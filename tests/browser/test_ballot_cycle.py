"""The full cycle in a browser: a coordinator opens a ballot on the definition, both representatives vote,
the coordinator closes it (criteria v2 adopted) and publishes; the public page shows it in English and German."""

from coalition.intranet.demo import definition
from plone import api
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
from tests.drafting.ballot_fixtures import put_coordinator_on_the_roster
import transaction
import unittest


PASSWORD = "demo-secret"  # noqa: S105 (the documented password of the demo cast)


class TestBallotCycleInTheBrowser(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.session = self.layer["browser"]
        portal = self.layer["portal"]
        put_coordinator_on_the_roster(portal)
        self.document = portal["intranet"]["groups"]["definition"][definition.DOCUMENT_ID]
        self.document_url = self.document.absolute_url()
        transaction.commit()

    def page_of(self, user, viewport=None):
        page = self.session.new_page(**({"viewport": viewport} if viewport else {}))
        log_in(page, self.site_url, user, PASSWORD)
        return page

    def vote(self, user, organisation, option, statement=""):
        page = self.page_of(user)
        page.goto(f"{self.site_url}/intranet")
        waiting = page.locator("#dashboard-waiting")
        waiting.locator("a", has_text="Second reading of the definition").click()
        page.wait_for_load_state()
        page.check(f"#vote-{organisation}-{option}")
        if statement:
            page.fill(f"#statement-{organisation}", statement)
        page.click("button[name='form.buttons.vote']")
        page.wait_for_load_state()
        self.assertTrue(page.get_by_text("Your organisation's vote has been recorded.").is_visible())
        return page

    def test_ballot_adoption_and_publication(self):
        coordinator = self.page_of("coordinator")
        coordinator.goto(self.document_url)
        coordinator.get_by_role("link", name="Start a ballot on this document").click()
        coordinator.wait_for_load_state()
        coordinator.fill("#ballot-title", "Second reading of the definition")
        coordinator.fill("#ballot-question", "Do you adopt the definition as drafted now?")
        coordinator.select_option("#ballot-quorum", "1/2")
        save_screenshot(coordinator, "ballot-start-desktop")
        coordinator.click("button[name='form.buttons.start']")
        coordinator.wait_for_load_state()
        save_screenshot(coordinator, "ballot-open-desktop")
        self.assertTrue(coordinator.locator("h1", has_text="Second reading of the definition").is_visible())
        self.assertIn("0", coordinator.locator("#ballot-participation").inner_text())
        ballot_url = coordinator.url

        alpha = self.vote("alpha-admin", "alpha", "approve", "We support the criteria.")
        save_screenshot(alpha, "ballot-voted-alpha-desktop")
        self.vote("beta-admin", "beta", "approve")

        coordinator.goto(ballot_url)
        self.assertIn("2", coordinator.locator("#ballot-participation").inner_text())
        coordinator.click("button[name='form.buttons.close']")
        coordinator.wait_for_load_state()
        self.assertEqual(coordinator.locator("#ballot-outcome").inner_text().strip(), "Adopted")
        self.assertIn("We support the criteria.", coordinator.locator("#ballot-votes").inner_text())
        save_screenshot(coordinator, "ballot-closed-desktop")
        phone = self.page_of("alpha-member", PHONE)
        phone.goto(ballot_url)
        self.assertTrue(phone.locator("#ballot-outcome").is_visible())
        save_screenshot(phone, "ballot-closed-phone")

        transaction.begin()
        from coalition.intranet.criteria import api as criteria

        self.assertEqual(criteria.current_version().number, 2)

        coordinator.goto(f"{self.site_url}/en/definition")
        coordinator.click("button[name='form.buttons.publish']")
        coordinator.wait_for_load_state()
        self.assertIn("Version 2", coordinator.locator("#definition-version").inner_text())

        for language, heading in (("en", "Fundamental freedoms"), ("de", "Grundfreiheiten")):
            for name, viewport in (("desktop", None), ("phone", PHONE)):
                reader = self.session.new_page(**({"viewport": viewport} if viewport else {}))
                reader.goto(f"{self.site_url}/{language}/definition")
                self.assertIn("2", reader.locator("#definition-version").inner_text())
                self.assertTrue(reader.get_by_text(heading).is_visible())
                organisations = reader.locator("#definition-organisations").inner_text()
                self.assertIn("Alpha Rights Centre", organisations)
                self.assertIn("Beta Solidarity Network", organisations)
                self.assertEqual(reader.locator("form[action$='@@publish-definition']").count(), 0)
                save_screenshot(reader, f"definition-{language}-{name}")
            reader.locator("#definition-versions a").last.click()
            reader.wait_for_load_state()
            self.assertIn("1", reader.locator("#definition-version").inner_text())
        self.assertEqual(api.content.get_state(self.document), "private")
