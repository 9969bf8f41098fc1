"""Campaigns over HTTP: a visitor signs and confirms by the mailed link, moderators export; nothing of a
supporter that is not approved and named reaches Anonymous or another organisation's member by any channel."""

from coalition.intranet.campaigns import api as campaigns
from coalition.intranet.security import api as security
from coalition.intranet.signups.api import HONEYPOT_FIELD_NAME
from coalition.intranet.signups.guards import RATE_BOOK
import gzip
from plone import api
from plone.dexterity.utils import createContentInContainer
import re
import requests
from tests.campaigns.campaign_fixtures import make_campaign
from tests.coalition_layers import COALITION_MAIL_SERVER_TESTING
from tests.public.channel_fixtures import http_get
import transaction
import unittest


HIDDEN_NAME = "Markerhidden Zzyzx"
UNCONFIRMED_NAME = "Markerunconfirmed Qwvx"
WAITING_NAME = "Markerwaiting Plokj"
SHOWN_NAME = "Shownname Visible"
SECRET_EMAIL = "secret-marker-7731@example.org"
NEVER_PUBLIC = (HIDDEN_NAME, UNCONFIRMED_NAME, WAITING_NAME, SECRET_EMAIL, "secret-marker")


class TestCampaignsOverHTTP(unittest.TestCase):
    layer = COALITION_MAIL_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.smtp = self.layer["smtp"]
        RATE_BOOK.clear()
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.items = make_campaign(self.portal, "marker-campaign")
        self.en = self.items["en"]
        with api.env.adopt_roles(["Manager"]):
            for number, (name, state, shown) in enumerate(
                (
                    (HIDDEN_NAME, "approved", False),
                    (UNCONFIRMED_NAME, None, True),
                    (WAITING_NAME, "confirmed", True),
                    (SHOWN_NAME, "approved", True),
                )
            ):
                supporter = createContentInContainer(
                    self.en,
                    "Supporter",
                    id=f"s-marker{number}",
                    checkConstraints=False,
                    title=name,
                    supporter_role="academic",
                    country="AT",
                    organisation="secret-marker org" if not shown else "Visible University",
                    email=SECRET_EMAIL if number == 0 else f"secret-marker-{number}@example.org",
                    show_name=shown,
                )
                if state:
                    api.content.transition(supporter, transition="confirm")
                if state == "approved":
                    api.content.transition(supporter, transition="approve")
        transaction.commit()

    def get(self, path, user=None, **kwargs):
        return http_get(self.site_url, path, user, **kwargs)

    def assert_no_marker(self, text, where):
        for secret in NEVER_PUBLIC:
            self.assertNotIn(secret, text, f"{where} revealed {secret!r}")

    def test_public_pages_name_only_approved_named_supporters(self):
        campaign_path = "en/campaigns/marker-campaign"
        for user in (None, "beta-member"):
            page = self.get(campaign_path, user)
            self.assertEqual(page.status_code, 200)
            self.assertIn(SHOWN_NAME, page.text)
            self.assertIn("2 of 100 supporters", page.text)
            self.assertIn("1 supporters signed without showing their name", page.text)
            self.assert_no_marker(page.text, f"the campaign page for {user}")
            channels = {
                "German page": "de/campaigns/marker-campaign",
                "REST campaign": (f"{campaign_path}", {"Accept": "application/json"}),
                "REST expanded": (f"{campaign_path}?expand=translations,breadcrumbs", {"Accept": "application/json"}),
                "REST search": ("@search?SearchableText=Markerhidden", {"Accept": "application/json"}),
                "REST search all": ("@search?portal_type=Supporter&fullobjects=1", {"Accept": "application/json"}),
                "catalog search page": "@@search?SearchableText=Markerwaiting",
                "vocabulary": ("@vocabularies/coalition.vocabularies.Countries", {"Accept": "application/json"}),
                "news feed": "en/news/@@news.rss",
                "statements feed": "en/news/@@statements.rss",
                "front page": "en",
                "campaigns": "en/campaigns",
            }
            for where, spec in channels.items():
                path, headers = spec if isinstance(spec, tuple) else (spec, {})
                response = self.get(path, user, headers=headers)
                self.assertIn(response.status_code, (200, 401, 403), where)
                self.assert_no_marker(response.text, f"{where} for {user}")
            sitemap = self.get("en/sitemap.xml.gz?page=1", user)
            self.assertEqual(sitemap.status_code, 200)
            body = gzip.decompress(sitemap.content).decode("utf-8")
            self.assertIn("marker-campaign", body)
            self.assertNotIn("s-marker", body)
            # The supporters themselves: not found, on every route.
            for number in range(4):
                for suffix, headers in (("", {}), ("", {"Accept": "application/json"}), ("/@@images/image", {})):
                    response = self.get(f"{campaign_path}/s-marker{number}{suffix}", user, headers=headers)
                    self.assertEqual(response.status_code, 404, (number, suffix, user))
                    self.assert_no_marker(response.text, f"supporter {number} for {user}")

    def test_moderators_export_csv_and_the_export_is_audited(self):
        for user in (None, "beta-member"):
            response = self.get("en/campaigns/marker-campaign/@@supporters.csv", user)
            self.assertNotEqual(response.status_code, 200, user)
            self.assert_no_marker(response.text, f"the export for {user}")
        page = self.get("en/campaigns/marker-campaign/@@supporters", "editor-de")
        self.assertEqual(page.status_code, 200)
        self.assertIn(WAITING_NAME, page.text)
        authenticator = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text).group(1)
        response = requests.post(
            f"{self.site_url}/en/campaigns/marker-campaign/@@supporters.csv",
            data={"_authenticator": authenticator},
            auth=("editor-de", "demo-secret"),
            timeout=30,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(SECRET_EMAIL, response.text)
        self.assertNotIn(UNCONFIRMED_NAME, response.text)  # not yet agreed to anything
        transaction.begin()
        actions = [entry.action for entry in security.entries()][:3]
        self.assertIn("campaign.supporters_exported", actions)

    def test_a_visitor_signs_confirms_and_withdraws_by_the_mailed_links(self):
        session = requests.Session()
        form_page = session.get(f"{self.site_url}/de/campaigns/marker-campaign/@@sign", timeout=30)
        self.assertEqual(form_page.status_code, 200)
        token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', form_page.text).group(1)
        data = {
            "_authenticator": token,
            HONEYPOT_FIELD_NAME: "",
            "name": "Lena Beispiel",
            "role": "journalist",
            "country": "DE",
            "email": "lena@example.org",
            "show_name": "1",
        }
        bad = session.post(
            f"{self.site_url}/de/campaigns/marker-campaign/@@sign", data={**data, "email": "x"}, timeout=30
        )
        self.assertEqual(bad.status_code, 200)
        self.assertIn("alert-danger", bad.text)
        spam = session.post(
            f"{self.site_url}/de/campaigns/marker-campaign/@@sign",
            data={**data, HONEYPOT_FIELD_NAME: "bot"},
            timeout=30,
        )
        self.assertIn("alert-danger", spam.text)
        done = session.post(f"{self.site_url}/de/campaigns/marker-campaign/@@sign", data=data, timeout=30)
        self.assertTrue(done.url.endswith("/@@signed"), done.url)
        [mail] = self.smtp.wait_for(1)
        confirm = re.search(r"(http\S+@@confirm-signature\?token=\S+)", mail.body).group(1)
        page = session.get(confirm, timeout=30)
        # The link leads to the campaign's language: German.
        self.assertIn("Meine Unterschrift bestätigen", page.text)
        transaction.begin()
        self.assertEqual(campaigns.supporter_count(self.en), 2)
        authenticator = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text).group(1)
        post = {"_authenticator": authenticator, HONEYPOT_FIELD_NAME: "", "token": confirm.split("token=")[1]}
        confirmed = session.post(confirm.split("?")[0], data=post, timeout=30)
        self.assertIn("alert-success", confirmed.text)
        again = session.post(confirm.split("?")[0], data=post, timeout=30)
        self.assertIn("Ihre Unterschrift war bereits bestätigt", again.text)
        transaction.begin()
        states = [api.content.get_state(obj) for obj in self.items["de"].objectValues()]
        self.assertEqual(states, ["confirmed"])

        # A flood from one address is refused (the limit counts accepted posts).
        for _attempt in range(6):
            last = session.post(
                f"{self.site_url}/de/campaigns/marker-campaign/@@sign",
                data={**data, "email": "other@example.org"},
                timeout=30,
            )
        self.assertIn("Zu viele Einsendungen", last.text)

        withdraw = re.search(r"(http\S+@@withdraw-signature\?token=\S+)", mail.body).group(1)
        post["token"] = withdraw.split("token=")[1]
        gone = session.post(withdraw.split("?")[0], data=post, timeout=30)
        self.assertIn("alert-success", gone.text)
        transaction.begin()
        self.assertEqual(len(self.items["de"].objectValues()), 1)  # only the flood's one accepted sign-up
