"""The cache rules as Plone answers them, without a proxy: what may be stored where, and the tags."""

from coalition.intranet.caching.tags import LIST_TAG
from datetime import date
from datetime import timedelta
from plone import api
from plone.app.multilingual.interfaces import ITG
from plone.app.multilingual.interfaces import ITranslationManager
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.public.channel_fixtures import http_get
from tests.public.profile_fixtures import make_profile
from tests.public.profile_fixtures import portrait
import transaction
import unittest


def directives(response) -> dict:
    """``Cache-Control`` as ``{directive: value}``."""
    header = response.headers.get("Cache-Control", "")
    return {name.strip().lower(): value for name, _, value in (part.partition("=") for part in header.split(","))}


class TestCacheRules(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://localhost:{self.layer['port']}/plone"
        self.profile = make_profile("Keshin Pravilov", translations={"de": "Keschin Prawilow"}, image=portrait())
        self.uid = api.content.get_uuid(self.profile)
        self.group = ITG(self.profile)
        self.translation = ITranslationManager(self.profile).get_translation("de")
        scale = self.profile.restrictedTraverse("@@images").scale("image", scale="preview")
        self.scale_path = "en/prisoners/keshin-pravilov/@@images/" + scale.url.split("/@@images/")[1]
        transaction.commit()

    def get(self, path, user=None):
        response = http_get(self.site_url, path, user)
        self.assertEqual(response.status_code, 200, path)
        return response

    def test_anonymous_profile_page_is_kept_by_the_proxy_and_revalidated_by_browsers(self):
        response = self.get("en/prisoners/keshin-pravilov")
        cache = directives(response)
        self.assertEqual(response.headers["X-Cache-Rule"], "plone.content.itemView")
        self.assertEqual(cache["s-maxage"], "3600")
        self.assertEqual(cache["max-age"], "0")
        self.assertNotIn("private", cache)
        self.assertTrue(response.headers["ETag"])
        tags = response.headers["xkey"].split()
        self.assertIn(f"profile-{self.uid}", tags)
        self.assertIn(f"tg-{self.group}", tags)

    def test_translation_carries_the_group_tag(self):
        tags = self.get(self.translation.absolute_url().split("/plone/", 1)[1]).headers["xkey"].split()
        self.assertIn(f"tg-{self.group}", tags)
        self.assertIn(f"profile-{api.content.get_uuid(self.translation)}", tags)
        self.assertNotIn(f"profile-{self.uid}", tags)

    def test_the_same_page_for_a_member_is_never_stored(self):
        response = self.get("en/prisoners/keshin-pravilov", "alpha-member")
        cache = directives(response)
        self.assertIn("private", cache)
        self.assertIn("no-store", cache)
        self.assertNotIn("s-maxage", cache)

    def test_intranet_pages_are_never_stored(self):
        for path in ("intranet", "intranet/organisations/alpha", "intranet/cases"):
            cache = directives(self.get(path, "alpha-admin"))
            self.assertIn("no-store", cache, path)
            self.assertIn("private", cache, path)

    def test_lists_carry_the_list_tag(self):
        for path, rule in (
            ("en/prisoners", "coalition.publicLists"),
            ("en/prisoners?region=tver&b_start=24", "coalition.publicLists"),
            ("de/prisoners/@@statistics", "coalition.publicLists"),
            ("en/prisoners/@@rss", "plone.content.dynamic"),
            ("en/prisoners/@@open-data.json", "plone.content.dynamic"),
            ("sitemap.xml.gz", "plone.content.dynamic"),
        ):
            response = self.get(path)
            self.assertEqual(response.headers.get("X-Cache-Rule"), rule, path)
            self.assertIn(LIST_TAG, response.headers["xkey"].split(), path)
            self.assertIn("s-maxage", directives(response), path)

    def test_a_profile_page_is_not_a_list(self):
        self.assertNotIn(LIST_TAG, self.get("en/prisoners/keshin-pravilov").headers["xkey"].split())

    def test_image_scale_with_a_unique_url_is_kept_for_a_year(self):
        response = self.get(self.scale_path)
        cache = directives(response)
        self.assertEqual(response.headers["X-Cache-Rule"], "plone.stableResource")
        self.assertEqual(cache["max-age"], "31536000")
        self.assertIn("public", cache)
        self.assertIn(f"profile-{self.uid}", response.headers["xkey"].split())

    def test_image_by_field_name_is_revalidated(self):
        response = self.get("en/prisoners/keshin-pravilov/@@images/image")
        cache = directives(response)
        self.assertEqual(response.headers["X-Cache-Rule"], "plone.content.file")
        self.assertEqual(cache["s-maxage"], "86400")
        self.assertEqual(cache["max-age"], "0")
        self.assertTrue(response.headers["Last-Modified"])
        self.assertIn(f"profile-{self.uid}", response.headers["xkey"].split())

    def test_yesterdays_copy_of_a_page_with_todays_dates_is_not_revalidated(self):
        today = date.today()
        etag = self.get("en/prisoners/@@statistics").headers["ETag"]
        self.assertIn(today.isoformat(), etag)
        self.assertEqual(
            http_get(self.site_url, "en/prisoners/@@statistics", headers={"If-None-Match": etag}).status_code, 304
        )
        yesterdays = etag.replace(today.isoformat(), (today - timedelta(days=1)).isoformat())
        response = http_get(self.site_url, "en/prisoners/@@statistics", headers={"If-None-Match": yesterdays})
        self.assertEqual(response.status_code, 200)

    def test_a_page_related_to_a_profile_carries_its_tags(self):
        with api.env.adopt_roles(["Manager"]):
            page = api.content.create(container=self.portal["en"]["news"], type="Document", title="Svyazannaya")
            api.content.transition(page, to_state="published")
            api.relation.create(source=page, target=self.profile, relationship="relatedItems")
        transaction.commit()
        tags = self.get("en/news/svyazannaya").headers["xkey"].split()
        self.assertIn(f"tg-{self.group}", tags)
        self.assertIn(f"profile-{self.uid}", tags)
