"""Housekeeping of sign-ups: the moderators' dashboard item and the job that removes expired sign-ups."""

from coalition.intranet.campaigns import api as campaigns
from coalition.intranet.campaigns import housekeeping
from coalition.intranet.campaigns.signatures import signatures_of
from coalition.intranet.jobs.api import run_job
from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from plone import api
from tests.campaigns.campaign_fixtures import make_campaign
from tests.campaigns.campaign_fixtures import sign_form
from tests.coalition_layers import COALITION_MAIL_FUNCTIONAL_TESTING
import transaction
import unittest


MODERATOR = "moderator-person"
OUTSIDER = "outsider-person"
PASSWORD = "a long moderator passphrase 7"  # noqa: S105 (a test account)


class TestHousekeeping(unittest.TestCase):
    layer = COALITION_MAIL_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.campaigns = make_campaign(self.portal)
        self.en, self.de = self.campaigns["en"], self.campaigns["de"]
        with api.env.adopt_roles(["Manager"]):
            api.user.create(email="m@example.org", username=MODERATOR, password=PASSWORD)
            api.user.grant_roles(username=MODERATOR, roles=["SupporterModerator"])
            api.user.create(email="o@example.org", username=OUTSIDER, password=PASSWORD)
        transaction.commit()

    def supporters(self):
        with api.env.adopt_roles(["Manager"]):
            return {
                obj.email: obj
                for campaign in (self.en, self.de)
                for obj in campaign.objectValues()
                if obj.portal_type == "Supporter"
            }

    def sign(self, campaign, email: str, *, days_ago: int = 0, confirm: bool = False):
        campaigns.sign_up(campaign, sign_form(email=email))
        supporter = self.supporters()[email]
        with api.env.adopt_roles(["Manager"]):
            if confirm:
                api.content.transition(supporter, transition="confirm")
            supporter.creation_date = DateTime(datetime.now() - timedelta(days=days_ago))
            supporter.reindexObject()
        return supporter

    def test_expired_sign_ups_are_removed_and_their_address_freed(self):
        self.sign(self.de, "old@example.org", days_ago=8)
        self.sign(self.en, "fresh@example.org", days_ago=2)
        self.sign(self.en, "confirmed@example.org", days_ago=30, confirm=True)
        transaction.commit()

        result = run_job(self.portal, "expired-signups")

        self.assertEqual(result.summary, "1 expired sign-up(s) removed.")
        self.assertEqual(sorted(self.supporters()), ["confirmed@example.org", "fresh@example.org"])
        # The address is free again: signing anew is a new sign-up, not "already signed".
        self.assertEqual(len(signatures_of(self.de).emails), 2)
        self.assertEqual(campaigns.sign_up(self.de, sign_form(email="old@example.org")), "new")
        # Nothing left to remove on a second run.
        self.assertEqual(run_job(self.portal, "expired-signups").summary, "0 expired sign-up(s) removed.")

    def test_moderators_see_waiting_signatures_on_their_dashboard(self):
        self.sign(self.de, "a@example.org", confirm=True)
        self.sign(self.en, "b@example.org", confirm=True)
        self.sign(self.en, "unconfirmed@example.org")
        transaction.commit()
        source = housekeeping.SupportersToModerate()
        ours = (f"{self.en.absolute_url()}/@@supporters", f"{self.de.absolute_url()}/@@supporters")

        def our_items(userid):
            return [item for item in source.items(api.user.get(userid=userid)) if item.url in ours]

        [item] = our_items(MODERATOR)
        self.assertEqual(item.detail, "2 waiting")  # both languages, the unconfirmed one not counted

        self.assertEqual(source.items(api.user.get(userid=OUTSIDER)), [])
        with api.env.adopt_roles(["Manager"]):
            for supporter in self.supporters().values():
                if api.content.get_state(supporter) == "confirmed":
                    api.content.transition(supporter, transition="approve")
        self.assertEqual(our_items(MODERATOR), [])

    def test_the_dashboard_page_shows_the_item_to_the_moderator(self):
        self.sign(self.de, "a@example.org", confirm=True)
        transaction.commit()
        from plone.testing.zope import Browser

        browser = Browser(self.layer["app"])
        browser.addHeader("Authorization", f"Basic {MODERATOR}:{PASSWORD}")
        browser.open(f"{self.portal.absolute_url()}/intranet")
        self.assertIn("Signatures waiting for moderation", browser.contents)
        self.assertIn(f"{self.de.absolute_url()}/@@supporters", browser.contents)
