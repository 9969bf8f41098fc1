"""Over the publisher: the link in the mails, and the personal preferences form (with its CSRF protection)."""

from plone import api
from plone.testing.zope import Browser
from plone.uuid.interfaces import IUUID
from tests.coalition_layers import COALITION_MAIL_FUNCTIONAL_TESTING
from tests.notifications.notification_helpers import add_document
import unittest
from urllib.error import HTTPError
from urllib.parse import unquote


def browser_for(layer, user_id: str | None = None) -> Browser:
    browser = Browser(layer["app"])
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    if user_id:
        browser.addHeader("Authorization", f"Basic {user_id}:demo-secret")
    return browser


class TestOpenLink(unittest.TestCase):
    """``@@open/<uid>`` leads the right people to the item and tells everybody else nothing."""

    layer = COALITION_MAIL_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.document = add_document(self.portal, "alpha-member", "organisations/alpha")
        self.link = f"{self.portal.absolute_url()}/@@open/{IUUID(self.document)}"

    def test_a_roster_member_is_sent_to_the_item(self):
        browser = browser_for(self.layer, "alpha-admin")
        browser.open(self.link)
        self.assertEqual(browser.url, self.document.absolute_url())
        self.assertIn("Transfer of Ivan Secretov", browser.contents)

    def test_anonymous_is_asked_to_log_in_and_learns_nothing_of_the_item(self):
        browser = browser_for(self.layer)
        browser.followRedirects = False
        browser.open(self.link)
        location = unquote(browser.headers["Location"])
        self.assertIn("require_login", location)
        self.assertIn(f"@@open/{IUUID(self.document)}", location)
        self.assertNotIn(self.document.getId(), location)
        self.assertNotIn("organisations/alpha", location)

    def test_a_member_of_another_organisation_gets_not_found(self):
        browser = browser_for(self.layer, "beta-member")
        browser.followRedirects = False
        browser.open(self.link)
        self.assertEqual(browser.headers["Status"].split()[0], "404")
        page = browser.contents if isinstance(browser.contents, str) else browser.contents.decode("utf-8")
        self.assertNotIn(self.document.getId(), page)
        self.assertNotIn("Secretov", page)
        self.assertNotIn("Location", browser.headers)

    def test_an_unknown_uid_gets_not_found(self):
        browser = browser_for(self.layer, "alpha-admin")
        browser.open(f"{self.portal.absolute_url()}/@@open/0123456789abcdef0123456789abcdef")
        self.assertEqual(browser.headers["Status"].split()[0], "404")


class TestPreferencesForm(unittest.TestCase):
    layer = COALITION_MAIL_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.url = f"{self.portal.absolute_url()}/@@notification-preferences"

    def preference(self, user_id: str) -> str:
        return api.user.get(userid=user_id).getProperty("coalition_notifications")

    def test_the_user_menu_links_to_the_form(self):
        browser = browser_for(self.layer, "alpha-member")
        browser.open(f"{self.portal.absolute_url()}/intranet")
        browser.getLink(url="@@notification-preferences").click()
        self.assertEqual(browser.url, self.url)

    def test_a_member_chooses_the_daily_digest(self):
        browser = browser_for(self.layer, "alpha-member")
        browser.open(self.url)
        self.assertIn("Notification preferences", browser.contents)
        control = browser.getControl(name="form.widgets.notifications")
        self.assertEqual(control.value, ["immediate"])
        self.assertEqual(set(control.options), {"immediate", "daily", "off"})
        control.value = ["daily"]
        browser.getControl(name="form.buttons.save").click()
        self.assertIn("Your notification preferences are saved.", browser.contents)
        self.assertEqual(self.preference("alpha-member"), "daily")
        self.assertEqual(browser.getControl(name="form.widgets.notifications").value, ["daily"])
        # Nobody else's preference changed.
        self.assertEqual(self.preference("alpha-admin"), "immediate")

    def test_a_forged_post_without_the_authenticator_is_refused(self):
        browser = browser_for(self.layer, "alpha-member")
        browser.raiseHttpErrors = True
        with self.assertRaises(HTTPError) as refused:
            browser.post(self.url, "form.widgets.notifications=off&form.buttons.save=Save")
        self.assertEqual(refused.exception.code, 403)
        self.assertEqual(self.preference("alpha-member"), "immediate")

    def test_an_unknown_choice_is_refused(self):
        browser = browser_for(self.layer, "alpha-member")
        browser.open(self.url)
        token = browser.getControl(name="_authenticator").value
        browser.post(self.url, f"form.widgets.notifications=weekly&form.buttons.save=Save&_authenticator={token}")
        self.assertIn("There were some errors", browser.contents)
        self.assertEqual(self.preference("alpha-member"), "immediate")

    def test_anonymous_is_sent_to_the_login_form(self):
        browser = browser_for(self.layer)
        browser.open(self.url)
        self.assertIn("login", browser.url)
        self.assertIn("__ac_password", browser.contents)
