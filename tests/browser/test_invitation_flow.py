"""End to end, with a real SMTP server and Debian chromium: an organisation admin invites a new member by e-mail,
the member sets a password from the mail's link and uploads a file, and a member of the other organisation
cannot open it."""

import re
import requests
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_MAIL_BROWSER_TESTING
import unittest


NEW_MEMBER_EMAIL = "vera.novak@example.net"
NEW_PASSWORD = "correct-horse-battery-staple"


class TestInvitationToUpload(unittest.TestCase):
    layer = COALITION_MAIL_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.browser = self.layer["browser"]
        self.smtp = self.layer["smtp"]

    def test_admin_invites_member_who_sets_password_uploads_and_other_organisation_cannot_open(self):
        admin = self.browser.new_page()
        log_in(admin, self.site_url, "alpha-admin", "demo-secret")
        admin.goto(f"{self.site_url}/intranet/organisations/alpha/@@roster")
        admin.get_by_label("User id or e-mail address").fill(NEW_MEMBER_EMAIL)
        admin.locator("#roster-add-form select").select_option("WorkspaceMember")
        admin.locator("#roster-add-form button[type='submit']").click()
        admin.wait_for_load_state()
        self.assertTrue(admin.get_by_text(f"An invitation has been sent to {NEW_MEMBER_EMAIL}.").is_visible())
        save_screenshot(admin, "invitation-sent-desktop")

        (mail,) = self.smtp.wait_for(1)
        self.assertIn(NEW_MEMBER_EMAIL, mail.envelope_to)
        link = re.search(r"http://\S+/passwordreset/\S+", mail.body).group(0)
        user_id = re.search(r"vera\.novak\S*", mail.body).group(0).rstrip(".,")

        member = self.browser.new_page(viewport=PHONE)
        member.goto(link)
        save_screenshot(member, "invitation-set-password-phone")
        if member.locator("#userid").count():
            member.locator("#userid").fill(user_id)
        member.locator("#password").fill(NEW_PASSWORD)
        member.locator("#password2").fill(NEW_PASSWORD)
        member.locator("input[type='submit'], button[type='submit']").last.click()
        member.wait_for_load_state()

        log_in(member, self.site_url, user_id, NEW_PASSWORD)
        member.goto(f"{self.site_url}/intranet/organisations/alpha/++add++File")
        member.get_by_label("Title").fill("Court hearing notes")
        member.locator("input[type='file']").first.set_input_files(
            {"name": "hearing.txt", "mimeType": "text/plain", "buffer": b"hearing notes: confidential-7731"}
        )
        member.locator("button[name='form.buttons.save']").click()
        member.wait_for_load_state()
        self.assertIn("/intranet/organisations/alpha/", member.url)
        save_screenshot(member, "invitation-member-uploaded-phone")
        file_url = member.url.split("/view")[0]

        other = self.browser.new_page()
        log_in(other, self.site_url, "beta-member", "demo-secret")
        other.goto(file_url)
        self.assertNotIn("Court hearing notes", other.content())
        other.goto(f"{file_url}/@@download/file")
        self.assertNotIn("confidential-7731", other.content())
        save_screenshot(other, "invitation-other-organisation-refused")
        direct = requests.get(
            f"{file_url}/@@download/file", auth=("beta-member", "demo-secret"), timeout=30, allow_redirects=False
        )
        self.assertNotEqual(direct.status_code, 200)
        self.assertNotIn(b"confidential-7731", direct.content)
        own = requests.get(f"{file_url}/@@download/file", auth=(user_id, NEW_PASSWORD), timeout=30)
        self.assertEqual(own.content, b"hearing notes: confidential-7731")
