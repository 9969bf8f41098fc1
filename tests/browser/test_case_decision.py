"""In the browser: the list commission reviews a nominated case, records findings and a decision, publishes
the profile; a reader sees it; the organisation's admin retracts it at the family's request."""

from plone import api
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.cases.case_helpers import create_case
from tests.coalition_layers import COALITION_BROWSER_TESTING
import transaction
import unittest


class TestDecisionAndPublication(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.browser = self.layer["browser"]
        self.case = create_case(self.layer["portal"], publication_consent="family", full_name_latin="Oleg Obraztsov")
        with api.env.adopt_user(username="alpha-member"):
            api.content.transition(self.case, transition="nominate")
        transaction.commit()
        self.case_url = f"{self.site_url}/intranet/cases/{self.case.getId()}"

    def test_commission_decides_and_publishes_then_the_organisation_retracts(self):
        page = self.browser.new_page()
        log_in(page, self.site_url, "commission", "demo-secret")
        page.goto(self.case_url)
        page.locator("#plone-contentmenu-workflow > a").click()
        page.locator("#workflow-transition-start_review").click()
        page.wait_for_load_state()

        page.goto(f"{self.case_url}/@@assessment")
        page.get_by_role("button", name="Start the assessment").click()
        page.wait_for_load_state()
        for item in ("C1", "C2", "C3", "C4", "C5"):
            page.locator(f"#finding-{item}").select_option("met")
        page.locator("#finding-X1").select_option("not_met")
        page.locator("#reasoning-C1").fill("Prosecuted for an anti-war post.")
        page.get_by_role("button", name="Save the findings").click()
        page.wait_for_load_state()
        page.locator("#decision-outcome").select_option("recognised")
        page.locator("#decision-category").select_option("A")
        page.locator("#decision-reasoning").fill("Persecuted solely for expressing an opinion.")
        save_screenshot(page, "case-decision-form-desktop")
        page.get_by_role("button", name="Record the decision").click()
        page.wait_for_load_state()
        self.assertIn("Persecuted solely for expressing an opinion.", page.locator("#decision-history").inner_text())

        page.goto(f"{self.case_url}/@@publication")
        preview = page.locator("#publication-preview").inner_text()
        self.assertIn("Oleg Obraztsov", preview)
        self.assertNotIn("Petrova", preview)
        save_screenshot(page, "case-publication-preview-desktop")
        page.get_by_role("button", name="Publish the profile").click()
        page.wait_for_load_state()
        profile_url = page.locator("a", has_text="Oleg Obraztsov").first.get_attribute("href")

        reader = self.browser.new_page(viewport=PHONE)
        reader.goto(profile_url)
        self.assertTrue(reader.locator("h1", has_text="Oleg Obraztsov").is_visible())
        self.assertFalse("Petrova" in reader.content(), "a confidential value is on the public page")
        save_screenshot(reader, "profile-public-phone")

        admin = self.browser.new_page()
        log_in(admin, self.site_url, "alpha-admin", "demo-secret")
        admin.goto(f"{self.case_url}/@@publication")
        admin.locator("#retract-reason").fill("The family asked us to.")
        admin.get_by_role("button", name="Take off the public site in every language").click()
        admin.wait_for_load_state()
        reader.goto(profile_url)
        still_public = reader.locator("h1", has_text="Oleg Obraztsov").count()
        self.assertFalse(still_public, "the retracted profile is still public")


class TestConsentWithdrawnInTheBrowser(unittest.TestCase):
    """The organisation's admin records in the case form that the family withdrew consent: the profile is
    gone from the public site in every language at once, without a separate act."""

    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        from coalition.intranet.cases import publication
        from coalition.intranet.public import api as public
        from tests.cases.case_helpers import decided_case

        portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.browser = self.layer["browser"]
        self.case = decided_case(portal, full_name_latin="Vera Otozvannaya")
        with api.env.adopt_user(username="commission"):
            profile = publication.publish(self.case)
        german = public.add_profile_translation(profile, "de", "Wera Otoswannaja")
        transaction.commit()
        self.profile_urls = [item.absolute_url().replace("http://nohost", self.site_url) for item in (profile, german)]
        self.case_url = f"{self.site_url}/intranet/cases/{self.case.getId()}"

    def test_consent_withdrawn_takes_the_profile_off_in_every_language(self):
        reader = self.browser.new_page(viewport=PHONE)
        for url in self.profile_urls:
            self.assertEqual(reader.goto(url).status, 200)

        admin = self.browser.new_page()
        log_in(admin, self.site_url, "alpha-admin", "demo-secret")
        admin.goto(f"{self.case_url}/edit")
        admin.locator(".autotoc-nav a", has_text="Publication").click()
        admin.locator("#form-widgets-publication_consent").select_option("withdrawn")
        save_screenshot(admin, "case-consent-withdrawn-desktop")
        admin.locator("#form-buttons-save").click()
        admin.wait_for_load_state()

        for url in self.profile_urls:
            response = reader.goto(url)
            self.assertEqual(response.status, 404, url)
            self.assertNotIn("Otozvannaya", reader.content())
            self.assertNotIn("Otoswannaja", reader.content())
        listing = reader.goto(f"{self.site_url}/de/prisoners")
        self.assertEqual(listing.status, 200)
        self.assertNotIn("Otoswannaja", reader.content())
        save_screenshot(reader, "profile-retracted-404-phone")
