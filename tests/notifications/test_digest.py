"""Daily digests: updates are queued per person and ``send_digests`` sends one mail each with all the links."""

from coalition.intranet.notifications import api as notifications
from coalition.intranet.notifications.digest import CONTENT
from coalition.intranet.workspaces import api as workspaces
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.uuid.interfaces import IUUID
from tests.coalition_layers import COALITION_MAIL_FUNCTIONAL_TESTING
from tests.notifications.notification_helpers import add_document
from tests.notifications.notification_helpers import address
from tests.notifications.notification_helpers import raw
from tests.notifications.notification_helpers import SECRET_TITLE
from tests.notifications.notification_helpers import set_preference
from tests.script_helpers import run_script
import transaction
import unittest


class TestDailyDigest(unittest.TestCase):
    layer = COALITION_MAIL_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.smtp = self.layer["smtp"]

    def test_daily_readers_get_nothing_at_once_and_their_updates_are_queued(self):
        set_preference("alpha-admin", "daily")
        documents = [
            add_document(self.portal, "alpha-member", "organisations/alpha", title=f"Note {n}") for n in range(3)
        ]
        self.assertEqual(self.smtp.settled_messages(), [])
        pending = notifications.pending_updates(self.portal, "alpha-admin")
        self.assertEqual([u.item_uid for u in pending], [IUUID(d) for d in documents])
        self.assertEqual({u.kind for u in pending}, {CONTENT})
        self.assertEqual(notifications.pending_updates(self.portal, "alpha-member"), [])

    def test_send_digests_sends_one_mail_with_every_link_and_empties_the_queue(self):
        set_preference("alpha-admin", "daily")
        documents = [
            add_document(self.portal, "alpha-member", "organisations/alpha", title=f"{SECRET_TITLE} {n}")
            for n in range(3)
        ]
        sent = notifications.send_digests(self.portal, datetime.now())
        transaction.commit()
        self.assertEqual(sent, 1)
        mail = self.smtp.wait_for(1)[0]
        self.assertEqual(self.smtp.settled_messages(), [mail])
        self.assertEqual(mail.envelope_to, [address("alpha-admin")])
        self.assertEqual(mail.subject, "Daily digest of your workspaces")
        for document in documents:
            self.assertIn(f"/@@open/{IUUID(document)}", mail.body)
        self.assertEqual(mail.body.count("New content in your workspace “Alpha Rights Centre”"), 3)
        self.assertNotIn("Secretov", raw(mail))
        self.assertEqual(notifications.pending_updates(self.portal, "alpha-admin"), [])
        self.assertEqual(notifications.send_digests(self.portal, datetime.now()), 0)

    def test_updates_queued_after_now_wait_for_the_next_digest(self):
        set_preference("alpha-admin", "daily")
        add_document(self.portal, "alpha-member", "organisations/alpha")
        self.assertEqual(notifications.send_digests(self.portal, datetime.now() - timedelta(hours=1)), 0)
        transaction.commit()
        self.assertEqual(len(notifications.pending_updates(self.portal, "alpha-admin")), 1)
        self.assertEqual(self.smtp.settled_messages(), [])

    def test_a_digest_drops_what_its_reader_can_no_longer_view(self):
        set_preference("beta-member", "daily")
        add_document(self.portal, "alpha-member", "groups/definition")
        self.assertEqual(len(notifications.pending_updates(self.portal, "beta-member")), 1)
        with api.env.adopt_user(username="alpha-admin"):
            workspaces.remove_member(self.portal["intranet"]["groups"]["definition"], "beta-member")
        transaction.commit()
        self.smtp.clear()
        notifications.send_digests(self.portal, datetime.now())
        transaction.commit()
        self.assertEqual(self.smtp.messages_to(address("beta-member")), [])
        self.assertEqual(notifications.pending_updates(self.portal, "beta-member"), [])

    def test_a_digest_drops_deleted_items_and_names_hidden_workspaces_nowhere(self):
        api.portal.set_registry_record("coalition.mail_hide_workspace_titles", True)
        set_preference("alpha-admin", "daily")
        kept = add_document(self.portal, "alpha-member", "organisations/alpha", title="Kept")
        deleted = add_document(self.portal, "alpha-member", "organisations/alpha", title="Deleted")
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(deleted)
        transaction.commit()
        notifications.send_digests(self.portal, datetime.now())
        transaction.commit()
        mail = self.smtp.wait_for(1)[0]
        self.assertIn(IUUID(kept), mail.body)
        self.assertEqual(mail.body.count("@@open/"), 1)
        self.assertNotIn("Alpha Rights Centre", raw(mail))
        self.assertIn("New content in one of your workspaces", mail.body)

    def test_off_means_no_mail_and_no_queue(self):
        set_preference("alpha-admin", "off")
        add_document(self.portal, "alpha-member", "organisations/alpha")
        self.assertEqual(self.smtp.settled_messages(), [])
        self.assertEqual(notifications.pending_updates(self.portal, "alpha-admin"), [])

    def test_choosing_off_later_empties_the_queue_without_a_digest(self):
        set_preference("alpha-admin", "daily")
        add_document(self.portal, "alpha-member", "organisations/alpha")
        set_preference("alpha-admin", "off")
        notifications.send_digests(self.portal, datetime.now())
        transaction.commit()
        self.assertEqual(self.smtp.settled_messages(), [])
        self.assertEqual(notifications.pending_updates(self.portal, "alpha-admin"), [])

    def test_digests_refuse_to_run_without_mail_and_keep_the_queue(self):
        set_preference("alpha-admin", "daily")
        add_document(self.portal, "alpha-member", "organisations/alpha")
        api.portal.set_registry_record("plone.email_from_address", "")
        with self.assertRaises(notifications.MailNotConfigured):
            notifications.send_digests(self.portal, datetime.now())
        self.assertEqual(len(notifications.pending_updates(self.portal, "alpha-admin")), 1)


class TestSendDigestsCommand(unittest.TestCase):
    """``scripts/send_digests.py``, as zconsole runs it, with the links starting at ``--portal-url``."""

    layer = COALITION_MAIL_FUNCTIONAL_TESTING

    def run_command(self, *argv):
        return run_script(self.layer["app"], "send_digests.py", *argv)

    def test_the_command_sends_the_digests_and_reports_progress(self):
        portal = self.layer["portal"]
        set_preference("alpha-admin", "daily")
        set_preference("beta-admin", "daily")
        document = add_document(portal, "alpha-member", "groups/definition")
        code, output = self.run_command("--site-id", "plone", "--portal-url", "https://intranet.example.org/coalition")
        self.assertEqual(code, 0, output)
        self.assertIn("2 digest(s) sent.", output)
        self.assertIn("alpha-admin: digest with 1 link(s)", output)
        mails = self.layer["smtp"].wait_for(3)
        digests = [m for m in mails if m.subject == "Daily digest of your workspaces"]
        self.assertEqual({a for m in digests for a in m.envelope_to}, {address("alpha-admin"), address("beta-admin")})
        for mail in digests:
            self.assertIn(f"https://intranet.example.org/coalition/@@open/{IUUID(document)}", mail.body)
        transaction.begin()
        self.assertEqual(notifications.pending_updates(portal, "alpha-admin"), [])

    def test_the_command_refuses_to_run_without_mail(self):
        api.portal.set_registry_record("plone.email_from_address", "")
        transaction.commit()
        code, output = self.run_command("--site-id", "plone")
        self.assertEqual(code, 2)
        self.assertIn("Not sent", output)

    def test_the_command_names_a_missing_site(self):
        code, output = self.run_command("--site-id", "nowhere")
        self.assertEqual(code, 1)
        self.assertIn("No site 'nowhere'", output)
