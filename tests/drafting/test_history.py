"""Versions of a working document in the browser: history, diff between any two versions, revert."""

from plone import api
import re
from tests.coalition_layers import COALITION_DEMO_FUNCTIONAL_TESTING
from tests.drafting.drafting_helpers import add_guest
from tests.drafting.drafting_helpers import add_working_document
from tests.drafting.drafting_helpers import browser_as
import transaction
import unittest
from zExceptions import Unauthorized


def token_in(html):
    return re.search(r'name="_authenticator" type="hidden" value="([0-9a-f]+)"', html).group(1)


class TestHistory(unittest.TestCase):
    layer = COALITION_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.document = add_working_document(self.portal, text="<p>Criterion one: deprived of liberty.</p>")
        self.url = self.document.absolute_url()
        alpha = browser_as(self.layer["app"], "alpha-member")
        for text in ("<p>Criterion one: deprived of liberty, house arrest included.</p>", "<p>Rewritten.</p>"):
            alpha.open(f"{self.url}/edit")
            alpha.getControl(name="form.widgets.text").value = text
            alpha.getControl(name="form.buttons.save").click()
        transaction.begin()

    def _document(self):
        transaction.begin()
        return self.portal["intranet"]["groups"]["definition"]["draft-definition"]

    def test_every_browser_save_is_a_version(self):
        repository = api.portal.get_tool("portal_repository")
        with api.env.adopt_user(username="alpha-member"):
            history = repository.getHistoryMetadata(self._document())
            self.assertEqual(history.getLength(countPurged=False), 3)

    def test_members_and_guests_read_history_and_diff_between_any_two_versions(self):
        add_guest(self.portal)
        transaction.commit()
        for user_id in ("beta-member", "gamma-guest"):
            browser = browser_as(self.layer["app"], user_id)
            browser.open(f"{self.url}/@@historyview")
            self.assertIn("@@history?one=", browser.contents.replace("&amp;", "&"), user_id)
            self.assertEqual("Revert to this revision" in browser.contents, user_id != "gamma-guest", user_id)
            # The first and the latest version, inline: what was deleted and what was inserted.
            browser.open(f"{self.url}/@@history?one=2&two=0")
            self.assertIn('<span class="delete">Criterion one: deprived of liberty. </span>', browser.contents)
            self.assertIn('<span class="insert">Rewritten. </span>', browser.contents, user_id)
            browser.open(f"{self.url}/@@history?one=1&two=0")
            self.assertIn("house arrest", browser.contents, user_id)

    def test_member_reverts_guest_may_not(self):
        add_guest(self.portal)
        transaction.commit()
        guest = browser_as(self.layer["app"], "gamma-guest")
        guest.open(f"{self.url}/@@history?one=2&two=0")
        with self.assertRaises(Unauthorized):
            guest.post(f"{self.url}/@@revertversion", f"version_id=0&_authenticator={token_in(guest.contents)}")
        self.assertIn("Rewritten", self._document().text.raw)

        member = browser_as(self.layer["app"], "beta-member")
        member.open(f"{self.url}/@@history?one=2&two=0")
        member.post(f"{self.url}/@@revertversion", f"version_id=0&_authenticator={token_in(member.contents)}")
        document = self._document()
        self.assertIn("deprived of liberty.", document.text.raw)
        # Reverting is itself a new version: nothing of the history is lost.
        repository = api.portal.get_tool("portal_repository")
        with api.env.adopt_user(username="alpha-member"):
            self.assertEqual(repository.getHistoryMetadata(document).getLength(countPurged=False), 4)

    def test_outsiders_see_no_history(self):
        # The coordinator is on this group's roster in the demo: a public editor is a real outsider.
        outsider = browser_as(self.layer["app"], "editor-de")
        for path in ("@@historyview", "@@history?one=1&two=0", "@@revertversion?version_id=0"):
            with self.assertRaises(Unauthorized):
                outsider.open(f"{self.url}/{path}")
        self.assertIn("Rewritten", self._document().text.raw)
