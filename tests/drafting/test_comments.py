"""Comments on working documents: replies, resolution, and never a leak outside the roster."""

from coalition.intranet.drafting import comments
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.discussion.interfaces import IDiscussionSettings
from plone.registry.interfaces import IRegistry
import requests
from tests.coalition_layers import COALITION_DEMO_FUNCTIONAL_TESTING
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_MAIL_FUNCTIONAL_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.drafting.drafting_helpers import add_guest
from tests.drafting.drafting_helpers import add_working_document
from tests.drafting.drafting_helpers import browser_as
from tests.drafting.drafting_helpers import PASSWORD
from tests.drafting.drafting_helpers import SECRET_TEXT
import transaction
import unittest
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.component import createObject
from zope.component import getUtility


def add_comment(document, user_id, text=SECRET_TEXT, in_reply_to=None):
    comment = createObject("plone.Comment")
    comment.text = text
    comment.author_username = user_id
    comment.creator = user_id
    if in_reply_to is not None:
        comment.in_reply_to = int(in_reply_to)
    with api.env.adopt_user(username=user_id):
        return str(IConversation(document).addComment(comment))


class TestDiscussionSettings(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def test_discussion_only_on_working_documents(self):
        types = api.portal.get_tool("portal_types")
        self.assertTrue(types["WorkingDocument"].getProperty("allow_discussion"))
        for other in ("Document", "News Item", "File", "Organisation", "WorkingGroup"):
            self.assertFalse(types[other].getProperty("allow_discussion"), other)
        document = add_working_document(self.portal, commit=False)
        with api.env.adopt_user(username="alpha-member"):
            self.assertTrue(IConversation(document).enabled())
            page = api.content.create(container=document.aq_parent, type="Document", title="Page")
            self.assertFalse(IConversation(page).enabled())

    def test_no_anonymous_comments_no_moderation_no_discussion_mails(self):
        settings = getUtility(IRegistry).forInterface(IDiscussionSettings, check=False)
        self.assertTrue(settings.globally_enabled)
        self.assertFalse(settings.anonymous_comments)
        self.assertFalse(settings.moderation_enabled)
        self.assertFalse(settings.user_notification_enabled)
        self.assertFalse(settings.moderator_notification_enabled)
        self.assertEqual(settings.text_transform, "text/plain")
        document = add_working_document(self.portal, commit=False)
        comment_id = add_comment(document, "beta-member")
        comment = IConversation(document)[comment_id]
        workflow = api.portal.get_tool("portal_workflow")
        self.assertEqual(workflow.getChainFor(comment), ("coalition_comment_workflow",))

    def test_nobody_comments_on_public_pages(self):
        page = self.portal["en"]["news"]
        for user_id in ("beta-member", "editor-de", "coordinator"):
            self.assertFalse(api.user.has_permission("Reply to item", username=user_id, obj=page), user_id)

    def test_guest_reads_but_does_not_write(self):
        document = add_working_document(self.portal, commit=False)
        add_guest(self.portal)
        first = add_comment(document, "beta-member")
        with api.env.adopt_user(username="gamma-guest"):
            self.assertTrue(api.user.has_permission("View comments", obj=document))
            self.assertFalse(comments.may_comment(document))
            self.assertEqual(len(comments.threads(document)), 1)
            with self.assertRaises(comments.Unauthorized):
                comments.resolve(document, first)
        for user_id in ("alpha-admin", "alpha-member", "beta-member"):
            with api.env.adopt_user(username=user_id):
                self.assertTrue(comments.may_comment(document), user_id)


class TestResolution(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.document = add_working_document(self.portal, commit=False)

    def test_threads_group_replies_and_record_who_resolved(self):
        first = add_comment(self.document, "beta-member", "Criterion 3 is too narrow.")
        reply = add_comment(self.document, "alpha-member", "Widened it.", in_reply_to=first)
        add_comment(self.document, "beta-member", "Thanks.", in_reply_to=reply)
        second = add_comment(self.document, "beta-admin", "Typo in X1.")
        threads = comments.threads(self.document)
        self.assertEqual([t.comment.getId() for t in threads], [first, second])
        self.assertEqual([(c.text, depth) for c, depth in threads[0].replies], [("Widened it.", 1), ("Thanks.", 2)])

        with api.env.adopt_user(username="alpha-member"):
            resolution = comments.resolve(self.document, first)
        self.assertEqual(resolution.userid, "alpha-member")
        self.assertEqual(resolution.fullname, api.user.get(userid="alpha-member").getProperty("fullname"))
        threads = comments.threads(self.document)
        self.assertEqual(threads[0].resolution.userid, "alpha-member")
        self.assertIsNone(threads[1].resolution)

        with api.env.adopt_user(username="beta-member"):
            with self.assertRaises(comments.ThreadError):
                comments.resolve(self.document, first)
            comments.reopen(self.document, first)
            with self.assertRaises(comments.ThreadError):
                comments.reopen(self.document, first)
            # Only a whole thread is resolved, not a reply; unknown ids are refused.
            with self.assertRaises(comments.ThreadError):
                comments.resolve(self.document, reply)
            with self.assertRaises(comments.ThreadError):
                comments.resolve(self.document, "123456")
            with self.assertRaises(comments.ThreadError):
                comments.resolve(self.document, "../../x")
        self.assertIsNone(comments.threads(self.document)[0].resolution)


class TestCommentsInTheBrowser(unittest.TestCase):
    layer = COALITION_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.document = add_working_document(self.portal)
        self.url = self.document.absolute_url()

    def test_comment_reply_resolve_reopen(self):
        beta = browser_as(self.layer["app"], "beta-member")
        beta.open(self.url)
        beta.getControl(name="form.widgets.text").value = "Criterion 3 is too narrow."
        beta.getControl(name="form.buttons.comment").click()
        transaction.begin()
        [thread] = comments.threads(self.document)
        self.assertEqual(thread.comment.author_username, "beta-member")

        alpha = browser_as(self.layer["app"], "alpha-member")
        alpha.open(self.url)
        self.assertIn("Criterion 3 is too narrow.", alpha.contents)
        # The reply form is the comment form with in_reply_to set (pat-discussion does this in the browser).
        alpha.getControl(name="form.widgets.in_reply_to").value = thread.comment.getId()
        alpha.getControl(name="form.widgets.text").value = "Widened it."
        alpha.getControl(name="form.buttons.comment").click()
        alpha.open(self.url)
        alpha.getControl("Mark thread resolved").click()
        transaction.begin()
        [thread] = comments.threads(self.document)
        self.assertEqual([c.text for c, _depth in thread.replies], ["Widened it."])
        self.assertEqual(thread.resolution.userid, "alpha-member")
        self.assertIn("The thread is resolved.", alpha.contents)
        self.assertIn("<details", alpha.contents)
        self.assertIn("Resolved by", alpha.contents)

        beta.open(self.url)
        beta.getControl("Reopen thread").click()
        transaction.begin()
        self.assertIsNone(comments.threads(self.document)[0].resolution)

    def test_resolution_needs_post_and_csrf_token(self):
        first = add_comment(self.document, "beta-member")
        transaction.commit()
        alpha = browser_as(self.layer["app"], "alpha-member")
        with self.assertRaises(Forbidden):
            alpha.post(f"{self.url}/@@resolve-comment-thread", f"comment_id={first}&action=resolve")
        with self.assertRaises(BadRequest):
            alpha.open(f"{self.url}/@@resolve-comment-thread?comment_id={first}&action=resolve")
        transaction.begin()
        self.assertIsNone(comments.threads(self.document)[0].resolution)

    def test_guest_sees_comments_without_form_or_buttons(self):
        add_guest(self.portal)
        add_comment(self.document, "beta-member", "Criterion 3 is too narrow.")
        transaction.commit()
        guest = browser_as(self.layer["app"], "gamma-guest")
        guest.open(self.url)
        self.assertIn("Criterion 3 is too narrow.", guest.contents)
        self.assertNotIn("form.buttons.comment", guest.contents)
        self.assertNotIn("Mark thread resolved", guest.contents)


class TestCommentsDoNotLeak(unittest.TestCase):
    """A working document in alpha's own workspace: beta-member and Anonymous must learn nothing of its comments."""

    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        alpha = self.portal["intranet"]["organisations"]["alpha"]
        with api.env.adopt_user(username="alpha-member"):
            self.document = api.content.create(container=alpha, type="WorkingDocument", id="wd", title="Alpha draft")
        add_comment(self.document, "alpha-member")
        transaction.commit()
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.doc_url = f"{self.site_url}/intranet/organisations/alpha/wd"

    def _get(self, url, auth, **params):
        return requests.get(
            url, auth=auth, headers={"Accept": "application/json"}, params=params, timeout=30, allow_redirects=False
        )

    def test_catalog_does_not_show_comments_to_outsiders(self):
        catalog = api.portal.get_tool("portal_catalog")
        with api.env.adopt_user(username="alpha-admin"):
            self.assertEqual(len(catalog(portal_type="Discussion Item", SearchableText="Petrova")), 1)
        for user_id in ("beta-member", "coordinator"):
            with api.env.adopt_user(username=user_id):
                self.assertEqual(len(catalog(portal_type="Discussion Item")), 0, user_id)
                self.assertEqual(len(catalog(SearchableText="Petrova")), 0, user_id)

    def test_rest_api_shows_nothing_to_anonymous_or_another_organisation(self):
        for auth in (None, ("beta-member", PASSWORD)):
            for url, params in (
                (f"{self.doc_url}/@comments", {}),
                (f"{self.site_url}/@search", {"SearchableText": "Petrova", "fullobjects": "1"}),
                (f"{self.site_url}/@search", {"portal_type": "Discussion Item"}),
                (f"{self.doc_url}/++conversation++default", {}),
            ):
                response = self._get(url, auth, **params)
                if "@search" in url and response.status_code == 200:
                    self.assertEqual(response.json()["items"], [], (url, auth))
                else:
                    self.assertNotIn("Petrova", response.text, (url, auth))
                    self.assertIn(response.status_code, (401, 403, 404), (url, auth))

    def test_outsiders_cannot_post_comments(self):
        for auth in (None, ("beta-member", PASSWORD)):
            response = requests.post(
                f"{self.doc_url}/@comments",
                json={"text": "Injected"},
                auth=auth,
                headers={"Accept": "application/json"},
                timeout=30,
            )
            self.assertIn(response.status_code, (401, 403, 404), auth)
        transaction.begin()
        self.assertEqual(len(comments.threads(self.document)), 1)

    def test_roster_reads_comments_over_rest(self):
        response = self._get(f"{self.doc_url}/@comments", ("alpha-admin", PASSWORD))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Petrova", response.text)


class TestNoDiscussionMails(unittest.TestCase):
    """plone.app.discussion's own mails would carry the comment's text; only the coalition's (links) leave."""

    layer = COALITION_MAIL_FUNCTIONAL_TESTING

    def test_a_comment_sends_no_mail_with_its_text(self):
        smtp = self.layer["smtp"]
        document = add_working_document(self.layer["portal"])
        smtp.wait_for(1)
        smtp.clear()
        add_comment(document, "beta-member")
        transaction.commit()
        mails = smtp.wait_for(3)
        for mail in mails:
            self.assertNotIn("Petrova", mail.body)
            self.assertEqual(mail.subject, "New comment in your workspaces")
