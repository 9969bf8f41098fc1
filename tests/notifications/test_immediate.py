"""Immediate notifications: real mail through Plone's MailHost to a real SMTP server, links and nothing else."""

from coalition.intranet.notifications.subscribers import profile_import_finished
from coalition.intranet.notifications.subscribers import profile_import_started
from coalition.intranet.workspaces import api as workspaces
from plone import api
from plone.uuid.interfaces import IUUID
from tests.coalition_layers import COALITION_MAIL_FUNCTIONAL_TESTING
from tests.coalition_layers import MAIL_FROM_ADDRESS
from tests.notifications.notification_helpers import add_document
from tests.notifications.notification_helpers import address
from tests.notifications.notification_helpers import raw
from tests.notifications.notification_helpers import SECRET_TEXT
from tests.notifications.notification_helpers import SECRET_TITLE
import transaction
import unittest


class TestImmediateNotifications(unittest.TestCase):
    layer = COALITION_MAIL_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.smtp = self.layer["smtp"]

    def test_the_smtp_fixture_receives_what_the_mailhost_sends_at_commit(self):
        api.portal.send_email(recipient="someone@example.org", subject="Fixture check", body="Hello")
        self.assertEqual(self.smtp.messages, [])
        transaction.commit()
        mail = self.smtp.wait_for(1)[0]
        self.assertEqual(mail.envelope_to, ["someone@example.org"])
        self.assertEqual(mail.envelope_from, MAIL_FROM_ADDRESS)
        self.assertEqual(mail.subject, "Fixture check")

    def test_new_content_mails_the_roster_but_not_the_actor_nor_other_organisations(self):
        add_document(self.portal, "alpha-member", "organisations/alpha")
        mails = self.smtp.wait_for(1)
        self.assertEqual(self.smtp.settled_messages(), mails)
        self.assertEqual(self.smtp.recipients(), {address("alpha-admin")})
        self.assertEqual(mails[0].subject, "New content in your workspaces")

    def test_content_in_a_working_group_reaches_every_organisation_on_its_roster(self):
        add_document(self.portal, "beta-member", "groups/definition")
        self.smtp.wait_for(3)
        self.assertEqual(
            self.smtp.recipients(), {address("alpha-admin"), address("alpha-member"), address("beta-admin")}
        )

    def test_mail_carries_neither_title_nor_text_nor_author_nor_the_item_url(self):
        document = add_document(self.portal, "alpha-member", "organisations/alpha")
        mail = self.smtp.wait_for(1)[0]
        text = raw(mail)
        for secret in (SECRET_TITLE, "Secretov", SECRET_TEXT, "+7 900", "Arkady Antonov", document.getId()):
            self.assertNotIn(secret, text, secret)
        self.assertIn(f"{self.portal.absolute_url()}/@@open/{IUUID(document)}", mail.body)
        self.assertIn("Alpha Rights Centre", mail.body)
        self.assertIn("@@notification-preferences", mail.body)
        self.assertEqual(mail.message["Auto-Submitted"], "auto-generated")

    def test_hidden_workspace_titles_are_never_named(self):
        api.portal.set_registry_record("coalition.mail_hide_workspace_titles", True)
        transaction.commit()
        add_document(self.portal, "alpha-member", "organisations/alpha")
        mail = self.smtp.wait_for(1)[0]
        text = raw(mail)
        self.assertNotIn("Alpha Rights Centre", text)
        self.assertNotIn("/organisations/alpha", text)
        self.assertIn("New content in one of your workspaces", mail.body)

    def test_a_member_removed_from_the_roster_gets_nothing_more(self):
        # First beta-member is notified (and Plone remembers their roles for this request)…
        add_document(self.portal, "alpha-member", "groups/definition", title="Before")
        self.assertEqual(len(self.smtp.wait_for(3)), 3)
        self.smtp.clear()
        group = self.portal["intranet"]["groups"]["definition"]
        # …then taken off the roster: from this moment on, nothing more reaches them.
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.remove_member(group, "beta-member")
        transaction.commit()
        add_document(self.portal, "alpha-member", "groups/definition")
        self.smtp.wait_for(2)
        self.assertEqual(len(self.smtp.settled_messages()), 2)
        self.assertEqual(self.smtp.recipients(), {address("alpha-admin"), address("beta-admin")})

    def test_content_outside_workspaces_is_not_announced(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.create(container=self.portal["en"]["news"], type="News Item", title="Public news")
        transaction.commit()
        self.assertEqual(self.smtp.settled_messages(), [])

    def test_the_workspace_itself_is_not_announced(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.create(container=self.portal["intranet"]["organisations"], type="Organisation", title="Gamma")
        transaction.commit()
        self.assertEqual(self.smtp.settled_messages(), [])

    def test_an_item_deleted_before_commit_is_not_announced(self):
        document = add_document(self.portal, "alpha-member", "organisations/alpha", commit=False)
        with api.env.adopt_user(username="alpha-member"):
            api.content.delete(document)
        transaction.commit()
        self.assertEqual(self.smtp.settled_messages(), [])

    def test_a_pasted_folder_is_announced_once(self):
        with api.env.adopt_user(username="alpha-member"):
            folder = api.content.create(
                container=self.portal["intranet"]["organisations"]["alpha"], type="Folder", title="Minutes"
            )
            for number in range(3):
                api.content.create(container=folder, type="Document", title=f"Minutes {number}")
        transaction.commit()
        self.smtp.wait_for(4)
        self.smtp.clear()
        with api.env.adopt_user(username="alpha-member"):
            api.content.copy(source=folder, target=self.portal["intranet"]["organisations"]["alpha"])
        transaction.commit()
        self.assertEqual(len(self.smtp.wait_for(1)), 1)
        self.assertEqual(len(self.smtp.settled_messages()), 1)

    def test_a_working_copy_is_not_announced(self):
        from plone.app.iterate.interfaces import IWorkingCopy
        from zope.interface import alsoProvides

        # plone.app.iterate copies the item (an added event) and marks the copy in the same transaction.
        document = add_document(self.portal, "alpha-member", "organisations/alpha", commit=False)
        alsoProvides(document, IWorkingCopy)
        transaction.commit()
        self.assertEqual(self.smtp.settled_messages(), [])

    def test_what_a_profile_import_creates_is_not_announced(self):
        profile_import_started(None)
        add_document(self.portal, "alpha-member", "organisations/alpha", commit=False)
        profile_import_finished(None)
        transaction.commit()
        self.assertEqual(self.smtp.settled_messages(), [])

    def test_a_mail_server_that_is_down_does_not_undo_the_work(self):
        from tests.smtp_server import free_port

        api.portal.set_registry_record("plone.smtp_port", free_port())
        transaction.commit()
        with self.assertLogs("coalition.intranet.notifications.mail", level="ERROR") as logged:
            document = add_document(self.portal, "alpha-member", "organisations/alpha")
        self.assertIn("alpha-admin@example.org", logged.output[0])
        transaction.begin()
        self.assertIn(document.getId(), self.portal["intranet"]["organisations"]["alpha"])
        self.assertEqual(self.smtp.settled_messages(), [])

    def test_without_mail_configured_work_goes_on_and_nothing_is_sent(self):
        api.portal.set_registry_record("plone.email_from_address", "")
        transaction.commit()
        add_document(self.portal, "alpha-member", "organisations/alpha")
        self.assertEqual(self.smtp.settled_messages(), [])
