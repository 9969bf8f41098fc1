"""The edit lock of a working document: who and since when, and who may take over a stale lock."""

from coalition.intranet.drafting import locks
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.locking.interfaces import ILockable
from tests.coalition_layers import COALITION_DEMO_FUNCTIONAL_TESTING
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.drafting.drafting_helpers import add_guest
from tests.drafting.drafting_helpers import add_working_document
from tests.drafting.drafting_helpers import browser_as
import time
import transaction
import unittest
from zExceptions import Redirect


def age_lock(document, minutes):
    """Pretend the lock was taken (or last refreshed) ``minutes`` ago."""
    for lock in document.wl_lockmapping().values():
        lock._modifiedtime = time.time() - minutes * 60


class TestLockRules(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.document = add_working_document(self.portal, commit=False)
        with api.env.adopt_user(username="alpha-member"):
            ILockable(self.document).lock()
            locks.extend_own_lock(self.document)

    def test_details_name_the_holder_and_time(self):
        details = locks.lock_details(self.document)
        self.assertEqual(details.userid, "alpha-member")
        self.assertEqual(details.fullname, api.user.get(userid="alpha-member").getProperty("fullname"))
        self.assertLess(abs((datetime.now(UTC) - details.since).total_seconds()), 60)
        self.assertFalse(details.stale)

    def test_the_lock_outlives_plone_lockings_ten_minutes(self):
        age_lock(self.document, 45)
        details = locks.lock_details(self.document)
        self.assertIsNotNone(details)
        self.assertTrue(details.stale)

    def test_nobody_takes_over_a_fresh_lock(self):
        for user_id in ("alpha-admin", "beta-member"):
            with api.env.adopt_user(username=user_id):
                self.assertFalse(locks.may_take_over(self.document))
                with self.assertRaises(locks.LockError):
                    locks.take_over(self.document)
                self.assertFalse(locks.may_force_unlock(self.document))
        self.assertEqual(locks.lock_details(self.document).userid, "alpha-member")

    def test_only_an_admin_takes_over_a_stale_lock(self):
        age_lock(self.document, 31)
        add_guest(self.portal)
        for user_id in ("beta-member", "beta-admin", "gamma-guest"):
            with api.env.adopt_user(username=user_id):
                self.assertFalse(locks.may_take_over(self.document), user_id)
                with self.assertRaises(locks.LockError):
                    locks.take_over(self.document)
        with api.env.adopt_user(username="alpha-admin"):
            self.assertTrue(locks.may_take_over(self.document))
            locks.take_over(self.document)
        self.assertEqual(locks.lock_details(self.document).userid, "alpha-admin")
        self.assertFalse(locks.lock_details(self.document).stale)

    def test_stale_after_is_a_registry_setting(self):
        age_lock(self.document, 10)
        self.assertFalse(locks.lock_details(self.document).stale)
        api.portal.set_registry_record(locks.STALE_RECORD, 5)
        self.assertTrue(locks.lock_details(self.document).stale)
        with api.env.adopt_user(username="alpha-admin"):
            self.assertTrue(locks.may_take_over(self.document))

    def test_now_can_be_given(self):
        later = datetime.now(UTC) + timedelta(minutes=40)
        self.assertTrue(locks.lock_details(self.document, now=later).stale)


class TestLockInTheBrowser(unittest.TestCase):
    layer = COALITION_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.document = add_working_document(self.portal)
        self.url = self.document.absolute_url()
        self.alpha = browser_as(self.layer["app"], "alpha-member")
        self.alpha.open(f"{self.url}/edit")
        transaction.begin()

    def test_view_shows_who_edits_since_when_even_to_guests(self):
        add_guest(self.portal)
        transaction.commit()
        fullname = api.user.get(userid="alpha-member").getProperty("fullname")
        for user_id in ("beta-member", "gamma-guest"):
            browser = browser_as(self.layer["app"], user_id)
            browser.open(self.url)
            self.assertIn("coalition-lock-status", browser.contents)
            self.assertIn(fullname, browser.contents)
            self.assertIn("is editing this document since", browser.contents)
            self.assertNotIn("Take over the lock", browser.contents)
            # Opening the edit form leads back to the document while someone else edits.
            if user_id == "beta-member":
                with self.assertRaises(Redirect):
                    browser.open(f"{self.url}/edit")

    def test_member_cannot_force_unlock_with_plone_lockings_own_form(self):
        beta = browser_as(self.layer["app"], "beta-member")
        beta.open(self.url)
        beta.post(f"{self.url}/@@plone_lock_operations/force_unlock", "")
        transaction.begin()
        self.assertEqual(locks.lock_details(self.document).userid, "alpha-member")

    def test_admin_takes_over_stale_lock_with_the_button(self):
        age_lock(self.document, 40)
        transaction.commit()
        admin = browser_as(self.layer["app"], "alpha-admin")
        admin.open(self.url)
        admin.getControl("Take over the lock and edit").click()
        self.assertIn("You took over the lock", admin.contents)
        self.assertIn("form.buttons.save", admin.contents)
        transaction.begin()
        self.assertEqual(locks.lock_details(self.document).userid, "alpha-admin")

    def test_take_over_needs_the_csrf_token(self):
        age_lock(self.document, 40)
        transaction.commit()
        admin = browser_as(self.layer["app"], "alpha-admin")
        from zExceptions import Forbidden

        with self.assertRaises(Forbidden):
            admin.post(f"{self.url}/@@take-over-lock", "")
        transaction.begin()
        self.assertEqual(locks.lock_details(self.document).userid, "alpha-member")
