"""Comments on workspace items notify the roster like new content does (ready for when comments are enabled)."""

from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.uuid.interfaces import IUUID
from tests.coalition_layers import COALITION_MAIL_FUNCTIONAL_TESTING
from tests.notifications.notification_helpers import add_document
from tests.notifications.notification_helpers import address
from tests.notifications.notification_helpers import raw
import transaction
import unittest
from zope.component import createObject


SECRET_COMMENT = "The family asked us not to publish the address in Tver"


def add_comment(item, user_id: str, text: str = SECRET_COMMENT, in_reply_to=None) -> str:
    comment = createObject("plone.Comment")
    comment.text = text
    comment.author_username = user_id
    comment.creator = user_id
    if in_reply_to is not None:
        comment.in_reply_to = in_reply_to
    with api.env.adopt_user(username=user_id):
        comment_id = IConversation(item).addComment(comment)
    transaction.commit()
    return str(comment_id)


class TestCommentNotifications(unittest.TestCase):
    layer = COALITION_MAIL_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.smtp = self.layer["smtp"]
        self.document = add_document(self.portal, "alpha-admin", "groups/definition")
        self.smtp.wait_for(3)
        self.smtp.clear()

    def test_a_comment_mails_the_roster_except_its_author_without_its_text(self):
        comment_id = add_comment(self.document, "beta-admin")
        mails = self.smtp.wait_for(3)
        self.assertEqual(
            self.smtp.recipients(), {address("alpha-admin"), address("alpha-member"), address("beta-member")}
        )
        for mail in mails:
            self.assertEqual(mail.subject, "New comment in your workspaces")
            self.assertNotIn("Tver", raw(mail))
            self.assertNotIn("Bernhard Becker", raw(mail))
            self.assertIn(f"/@@open/{IUUID(self.document)}#{comment_id}", mail.body)
            self.assertIn("New comment in your workspace “Definition working group”", mail.body)

    def test_a_reply_is_announced_too(self):
        first = add_comment(self.document, "beta-admin")
        self.smtp.wait_for(3)
        self.smtp.clear()
        add_comment(self.document, "alpha-member", text="Agreed.", in_reply_to=int(first))
        self.smtp.wait_for(3)
        self.assertEqual(
            self.smtp.recipients(), {address("alpha-admin"), address("beta-admin"), address("beta-member")}
        )

    def test_a_comment_on_the_workspace_itself_reaches_its_roster(self):
        add_comment(self.portal["intranet"]["groups"]["definition"], "alpha-member")
        self.smtp.wait_for(3)
        self.assertEqual(
            self.smtp.recipients(), {address("alpha-admin"), address("beta-admin"), address("beta-member")}
        )
