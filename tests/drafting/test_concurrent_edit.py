"""Two people saving the same working document: the second save is refused, nothing is lost."""

from coalition.intranet.drafting import editing
from coalition.intranet.drafting import locks
from plone import api
import requests
from tests.coalition_layers import COALITION_DEMO_FUNCTIONAL_TESTING
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.drafting.drafting_helpers import add_working_document
from tests.drafting.drafting_helpers import browser_as
from tests.drafting.drafting_helpers import PASSWORD
from tests.drafting.drafting_helpers import save_text
import time
import transaction
import unittest


TOKEN = "form.widgets.coalition_version_token"
TEXT = "form.widgets.text"


class TestVersionToken(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.document = add_working_document(self.layer["portal"], commit=False)

    def test_token_is_the_current_version(self):
        first = editing.version_token(self.document)
        editing.check_version_token(self.document, first)
        save_text(self.document, "beta-member", "<p>Second.</p>")
        self.assertNotEqual(editing.version_token(self.document), first)
        with self.assertRaises(editing.EditConflict) as raised:
            editing.check_version_token(self.document, first)
        last = raised.exception.last_save
        self.assertEqual(last.userid, "beta-member")
        self.assertIsNotNone(last.when)
        fullname = api.user.get(userid="beta-member").getProperty("fullname")
        self.assertEqual(last.fullname, fullname)
        self.assertIn(fullname, raised.exception.args[0])

    def test_a_comment_does_not_make_the_token_stale(self):
        from plone.app.discussion.interfaces import IConversation
        from zope.component import createObject

        token = editing.version_token(self.document)
        comment = createObject("plone.Comment")
        comment.text = "A remark"
        with api.env.adopt_user(username="beta-member"):
            IConversation(self.document).addComment(comment)
        editing.check_version_token(self.document, token)


class TestEditFormConflict(unittest.TestCase):
    """Two browsers, two people: the lock is taken over or off, and both submit the form."""

    layer = COALITION_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.document = add_working_document(self.portal)
        self.url = self.document.absolute_url()

    def _text(self):
        transaction.begin()
        return self.portal["intranet"]["groups"]["definition"]["draft-definition"].text.raw

    def test_form_carries_the_token_of_the_version_being_edited(self):
        alpha = browser_as(self.layer["app"], "alpha-member")
        alpha.open(f"{self.url}/edit")
        self.assertEqual(alpha.getControl(name=TOKEN).value, editing.version_token(self.document))

    def test_stale_save_is_refused_with_who_and_when_and_keeps_the_text(self):
        # Locking off, so that both can open the form at once (the lock case follows below).
        api.portal.set_registry_record("plone.lock_on_ttw_edit", False)
        transaction.commit()
        alpha = browser_as(self.layer["app"], "alpha-member")
        beta = browser_as(self.layer["app"], "beta-member")
        alpha.open(f"{self.url}/edit")
        beta.open(f"{self.url}/edit")

        beta.getControl(name=TEXT).value = "<p>Beta's wording.</p>"
        beta.getControl(name="form.buttons.save").click()
        self.assertIn("Beta's wording", self._text())

        alpha.getControl(name=TEXT).value = "<p>Alpha's careful rewording.</p>"
        alpha.getControl(name="form.buttons.save").click()
        transaction.begin()
        self.assertIn("Beta's wording", self._text(), "the stale save must change nothing")
        self.assertIn("Not saved", alpha.contents)
        self.assertIn(api.user.get(userid="beta-member").getProperty("fullname"), alpha.contents)
        self.assertIn("Alpha&#39;s careful rewording", alpha.contents.replace("'", "&#39;"))
        self.assertTrue(alpha.url.endswith("edit"), alpha.url)
        # The message names the time of the newer version.
        when = editing.format_time(editing.last_save(self.document).when)
        self.assertIn(when, alpha.contents)

        # Knowing the newer version, a second save is a deliberate decision and goes through.
        alpha.getControl(name="form.buttons.save").click()
        transaction.begin()
        self.assertIn("Alpha's careful rewording", self._text())

    def test_a_forged_form_without_token_is_refused(self):
        alpha = browser_as(self.layer["app"], "alpha-member")
        alpha.open(f"{self.url}/edit")
        version = editing.version_token(self.document)
        alpha.getControl(name=TOKEN).value = ""
        alpha.getControl(name=TEXT).value = "<p>Overwrite.</p>"
        alpha.getControl(name="form.buttons.save").click()
        transaction.begin()
        self.assertIn("Not saved", alpha.contents)
        self.assertEqual(editing.version_token(self.document), version)

    def test_lock_taken_over_then_the_first_editor_saves(self):
        alpha = browser_as(self.layer["app"], "alpha-member")
        alpha.open(f"{self.url}/edit")
        transaction.begin()
        # The lock is an hour old: stale for the admin to take over.
        details = locks.lock_details(self.document)
        self.assertEqual(details.userid, "alpha-member")
        lock = self.document.wl_getLock(list(self.document.wl_lockmapping())[0])
        lock._modifiedtime = time.time() - 3600
        transaction.commit()

        admin = browser_as(self.layer["app"], "alpha-admin")
        admin.open(self.url)
        admin.getControl("Take over the lock and edit").click()
        self.assertTrue(admin.url.endswith("/edit"), admin.url)
        admin.getControl(name=TEXT).value = "<p>Admin's wording.</p>"
        admin.getControl(name="form.buttons.save").click()

        alpha.getControl(name=TEXT).value = "<p>Alpha's long revision.</p>"
        alpha.getControl(name="form.buttons.save").click()
        transaction.begin()
        self.assertIn("Not saved", alpha.contents)
        self.assertIn("Alpha&#39;s long revision", alpha.contents.replace("'", "&#39;"))
        self.assertIn("Admin's wording", self._text())


class TestRestConflict(unittest.TestCase):
    """REST clients send the version they edited as ``If-Match``; a stale one gets 412 and changes nothing."""

    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.document = add_working_document(self.portal)
        site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.url = f"{site_url}/intranet/groups/definition/draft-definition"

    def _patch(self, user_id, text, if_match=None):
        headers = {"Accept": "application/json"}
        if if_match is not None:
            headers["If-Match"] = f'"{if_match}"'
        return requests.patch(
            self.url,
            json={"text": {"data": text, "content-type": "text/html"}},
            headers=headers,
            auth=(user_id, PASSWORD),
            timeout=30,
        )

    def _token(self, user_id):
        response = requests.get(
            f"{self.url}/@version-token", headers={"Accept": "application/json"}, auth=(user_id, PASSWORD), timeout=30
        )
        self.assertEqual(response.status_code, 200)
        return response.json()["version_token"]

    def _text(self):
        transaction.begin()
        return self.portal["intranet"]["groups"]["definition"]["draft-definition"].text.raw

    def test_stale_if_match_is_refused_with_412(self):
        alpha_token = self._token("alpha-member")
        beta_token = self._token("beta-member")
        self.assertEqual(alpha_token, beta_token)
        self.assertEqual(self._patch("beta-member", "<p>Beta via REST.</p>", beta_token).status_code, 204)
        response = self._patch("alpha-member", "<p>Alpha via REST.</p>", alpha_token)
        self.assertEqual(response.status_code, 412)
        error = response.json()["error"]
        self.assertEqual(error["saved_by"], "beta-member")
        self.assertIn(api.user.get(userid="beta-member").getProperty("fullname"), error["message"])
        self.assertEqual(error["version"], self._token("alpha-member"))
        self.assertIn("Beta via REST", self._text())
        # With the current token the save goes through.
        self.assertEqual(self._patch("alpha-member", "<p>Alpha via REST.</p>", error["version"]).status_code, 204)
        self.assertIn("Alpha via REST", self._text())

    def test_without_if_match_the_last_write_wins_as_documented(self):
        self.assertEqual(self._patch("beta-member", "<p>No token.</p>").status_code, 204)
        self.assertIn("No token", self._text())

    def test_rest_respects_the_edit_lock_and_the_take_over_rule(self):
        with api.env.adopt_user(username="alpha-member"):
            from plone.locking.interfaces import ILockable

            ILockable(self.document).lock()
            locks.extend_own_lock(self.document)
        transaction.commit()
        self.assertEqual(self._patch("beta-member", "<p>While locked.</p>").status_code, 403)
        response = requests.delete(
            f"{self.url}/@lock",
            json={"force": True},
            headers={"Accept": "application/json"},
            auth=("alpha-admin", PASSWORD),
            timeout=30,
        )
        self.assertEqual(response.status_code, 403)
        transaction.begin()
        self.assertEqual(locks.lock_details(self.document).userid, "alpha-member")
        self.assertNotIn("While locked", self._text())
