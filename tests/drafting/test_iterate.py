"""Working copies (plone.app.iterate) of a working document: private, in the workspace, without the ballots."""

from AccessControl import Unauthorized
from Acquisition import aq_parent
from plone import api
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.app.iterate.interfaces import IWorkingCopy
from tests.coalition_layers import COALITION_DEMO_FUNCTIONAL_TESTING
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.drafting.drafting_helpers import add_guest
from tests.drafting.drafting_helpers import add_working_document
from tests.drafting.drafting_helpers import browser_as
from tests.drafting.drafting_helpers import save_text
import transaction
import unittest


class TestWorkingCopy(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.document = add_working_document(self.portal, commit=False)
        # A ballot inside the document, as drafting/ballots.py places them (made directly: only its place matters).
        with api.env.adopt_roles(["Manager"]):
            self.ballot = api.content.create(container=self.document, type="Ballot", id="ballot", title="Adopt")

    def _checkout(self, user_id="alpha-member"):
        with api.env.adopt_user(username=user_id):
            return ICheckinCheckoutPolicy(self.document).checkout(aq_parent(self.document))

    def test_members_hold_the_iterate_permissions_guests_do_not(self):
        add_guest(self.portal)
        for user_id, allowed in (("alpha-admin", True), ("beta-member", True), ("gamma-guest", False)):
            for permission in ("iterate : Check out content", "iterate : Check in content"):
                self.assertEqual(
                    bool(api.user.has_permission(permission, username=user_id, obj=self.document)), allowed, user_id
                )

    def test_copy_is_private_in_the_workspace_without_the_ballots(self):
        copy = self._checkout()
        self.assertTrue(IWorkingCopy.providedBy(copy))
        self.assertIs(aq_parent(copy).aq_base, aq_parent(self.document).aq_base)
        self.assertEqual(api.content.get_state(copy), "private")
        workflow = api.portal.get_tool("portal_workflow")
        self.assertEqual(workflow.getChainFor(copy), ("coalition_workspace_workflow",))
        self.assertEqual(copy.objectIds(), [])
        self.assertEqual(self.document.objectIds(), [self.ballot.getId()])
        for user_id in ("beta-member",):
            self.assertTrue(api.user.has_permission("View", username=user_id, obj=copy))
        self.assertFalse(api.user.has_permission("View", username="editor-de", obj=copy))

    def test_editing_the_copy_leaves_the_current_text_then_check_in(self):
        copy = self._checkout()
        save_text(copy, "alpha-member", "<p>A large revision.</p>")
        self.assertIn("First wording", self.document.text.raw)
        with api.env.adopt_user(username="alpha-member"):
            baseline = ICheckinCheckoutPolicy(copy).checkin("Large revision")
        self.assertIs(baseline.aq_base, self.document.aq_base)
        self.assertIn("A large revision", self.document.text.raw)
        self.assertNotIn(copy.getId(), aq_parent(self.document).objectIds())
        # The ballot stays on the baseline, the only document there is.
        self.assertEqual(self.document.objectIds(), [self.ballot.getId()])
        self.assertEqual(api.content.get_state(self.document), "private")

    def test_guest_cannot_check_out(self):
        add_guest(self.portal)
        with self.assertRaises(Unauthorized):
            self._checkout("gamma-guest")


class TestWorkingCopyInTheBrowser(unittest.TestCase):
    layer = COALITION_DEMO_FUNCTIONAL_TESTING

    def test_check_out_and_in_through_plones_forms(self):
        portal = self.layer["portal"]
        document = add_working_document(portal)
        url = document.absolute_url()
        alpha = browser_as(self.layer["app"], "alpha-member")
        alpha.open(url)
        self.assertIn("@@content-checkout", alpha.contents)
        beta = browser_as(self.layer["app"], "beta-member")
        alpha.open(f"{url}/@@content-checkout")
        alpha.getControl(name="form.button.Checkout").click()
        self.assertIn("working_copy_of_draft-definition", alpha.url)
        copy_url = alpha.url.split("/@@")[0].rstrip("/")
        self.assertEqual(copy_url, f"{aq_parent(document).absolute_url()}/working_copy_of_draft-definition")
        # The others see that a working copy is out, and who has it.
        beta.open(url)
        self.assertIn("has checked out a working copy of this document since", beta.contents)
        alpha.open(f"{copy_url}/edit")
        alpha.getControl(name="form.widgets.text").value = "<p>Revised in the copy.</p>"
        alpha.getControl(name="form.buttons.save").click()
        transaction.begin()
        self.assertIn("First wording", portal["intranet"]["groups"]["definition"]["draft-definition"].text.raw)
        alpha.open(f"{copy_url}/@@content-checkin")
        alpha.getControl(name="checkin_message").value = "Revision"
        alpha.getControl(name="form.button.Checkin").click()
        transaction.begin()
        self.assertIn("Revised in the copy", portal["intranet"]["groups"]["definition"]["draft-definition"].text.raw)


class TestCheckoutLock(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_a_checked_out_document_is_not_taken_over(self):
        from coalition.intranet.drafting import locks
        import time

        portal = self.layer["portal"]
        document = add_working_document(portal, commit=False)
        with api.env.adopt_user(username="alpha-member"):
            ICheckinCheckoutPolicy(document).checkout(aq_parent(document))
        for lock in document.wl_lockmapping().values():
            lock._modifiedtime = time.time() - 3600
        details = locks.lock_details(document)
        self.assertEqual(details.userid, "alpha-member")
        self.assertFalse(details.edit_lock)
        with api.env.adopt_user(username="alpha-admin"):
            self.assertFalse(locks.may_take_over(document))


class TestCommentsSurviveCheckIn(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_threads_and_resolution_stay_on_the_document(self):
        from coalition.intranet.drafting import comments
        from tests.drafting.test_comments import add_comment

        portal = self.layer["portal"]
        document = add_working_document(portal, commit=False)
        first = add_comment(document, "beta-member", "Criterion 3 is too narrow.")
        with api.env.adopt_user(username="alpha-member"):
            comments.resolve(document, first)
            copy = ICheckinCheckoutPolicy(document).checkout(aq_parent(document))
        save_text(copy, "alpha-member", "<p>Revised.</p>")
        with api.env.adopt_user(username="alpha-member"):
            ICheckinCheckoutPolicy(copy).checkin("Revision")
        [thread] = comments.threads(document)
        self.assertEqual(thread.comment.text, "Criterion 3 is too narrow.")
        self.assertEqual(thread.resolution.userid, "alpha-member")
        self.assertIn("Revised", document.text.raw)

    def test_cancelling_a_check_out_keeps_the_comments(self):
        from coalition.intranet.drafting import comments
        from plone.app.discussion.interfaces import IConversation
        from tests.drafting.test_comments import add_comment

        portal = self.layer["portal"]
        document = add_working_document(portal, commit=False)
        add_comment(document, "beta-member", "Criterion 3 is too narrow.")
        with api.env.adopt_user(username="alpha-member"):
            copy = ICheckinCheckoutPolicy(document).checkout(aq_parent(document))
            self.assertFalse(IConversation(copy).enabled())
            ICheckinCheckoutPolicy(copy).cancelCheckout()
        self.assertEqual(len(comments.threads(document)), 1)
