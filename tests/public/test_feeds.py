"""The RSS feed of each language's list, its autodiscovery link, Plone's own feeds and the sitemap: as Anonymous
(and as members), published profiles come out; drafts, retracted profiles, case files and workspace content never."""

from coalition.intranet.public import api as public
from coalition.intranet.public.boundary import provenance
from coalition.intranet.public.facts import label
from coalition.intranet.public.feeds import rss as feeds
from coalition.intranet.public.feeds.purge import PublicListPurgePaths
from coalition.intranet.site.structure import LANGUAGES
from DateTime import DateTime
from email.utils import parsedate_to_datetime
import gzip
from plone import api
from plone.base.interfaces.syndication import IFeedSettings
from plone.cachepurging.hooks import KEY as PURGE_KEY
from plone.dexterity.utils import createContentInContainer
import re
import requests
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.public.channel_fixtures import PublicChannelTestCase
from tests.public.channel_fixtures import PUBLISHED_NAME
from tests.public.channel_fixtures import PUBLISHED_NAME_DE
from tests.public.profile_fixtures import make_profile
import transaction
import unittest
from unittest import mock
from uuid import UUID
from xml.etree import ElementTree
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
FEED_LINK = re.compile(r'<link rel="alternate" type="application/rss\+xml" href="([^"]+)" title="([^"]+)"')


def parse_xml(data: bytes):
    return ElementTree.fromstring(data)  # noqa: S314 - the response under test, not untrusted input


def feed_items(response) -> list[dict]:
    channel = parse_xml(response.content).find("channel")
    items = []
    for item in channel.findall("item"):
        enclosure = item.find("enclosure")
        items.append(
            {
                "title": item.findtext("title"),
                "link": item.findtext("link"),
                "guid": item.findtext("guid"),
                "guid_is_permalink": item.find("guid").get("isPermaLink"),
                "pubDate": parsedate_to_datetime(item.findtext("pubDate")),
                "description": item.findtext("description"),
                "enclosure": dict(enclosure.attrib) if enclosure is not None else None,
            }
        )
    return items


def in_language(message, language):
    return translate(message, domain="coalition", target_language=language)


class TestProfilesFeed(PublicChannelTestCase, unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def feed(self, language, user=None):
        response = self.get(f"{language}/prisoners/@@rss", user)
        self.assertEqual(response.status_code, 200, language)
        self.assertTrue(response.headers["Content-Type"].startswith("application/rss+xml"))
        return response

    def test_feed_is_rss_2_with_the_facts_of_each_published_profile(self):
        response = self.feed("en")
        rss = parse_xml(response.content)
        self.assertEqual((rss.tag, rss.get("version")), ("rss", "2.0"))
        channel = rss.find("channel")
        self.assertEqual(channel.findtext("language"), "en")
        self.assertEqual(channel.findtext("link"), f"{self.site_url}/en/prisoners")
        profile = self.cast["published"]
        item = {entry["title"]: entry for entry in feed_items(response)}[PUBLISHED_NAME]
        self.assertEqual(item["link"], profile.absolute_url().replace("http://nohost/plone", self.site_url))
        self.assertEqual(item["guid"], UUID(api.content.get_uuid(profile)).urn)
        self.assertEqual(item["guid_is_permalink"], "false")
        self.assertEqual(int(item["pubDate"].timestamp()), int(profile.modified().timeTime()))
        article_label = in_language(label("articles", "207.3"), "en")
        self.assertNotEqual(article_label, "207.3", "the article's label is missing")
        for fact in ("Serving a sentence", "Moscow", article_label, "280.3"):
            self.assertIn(fact, item["description"])
        # The photo as a re-encoded scale (no EXIF of the original upload), with its real size and type.
        enclosure = item["enclosure"]
        self.assertIn("/@@images/image-", enclosure["url"])
        self.assertEqual(enclosure["type"], "image/jpeg")
        photo = self.get(enclosure["url"])
        self.assertEqual(photo.status_code, 200)
        self.assertEqual(int(enclosure["length"]), len(photo.content))

    def test_each_language_has_its_own_feed_with_translated_facts(self):
        german = {entry["title"]: entry for entry in feed_items(self.feed("de"))}
        self.assertIn(PUBLISHED_NAME_DE, german)
        self.assertNotIn(PUBLISHED_NAME, german)
        self.assertIn("/de/prisoners/", german[PUBLISHED_NAME_DE]["link"])
        status_de = in_language(label("status", "serving_sentence"), "de")
        self.assertNotEqual(status_de, "Serving a sentence", "the German label of the status is missing")
        self.assertIn(status_de, german[PUBLISHED_NAME_DE]["description"])
        french = [entry["title"] for entry in feed_items(self.feed("fr"))]
        self.assertNotIn(PUBLISHED_NAME, french, "no French translation: not in the French feed")

    def test_newest_change_first_by_exact_time_and_at_most_the_feed_size(self):
        later = make_profile("Pozdny Izmenov")
        latest = make_profile("Samy Poslednov")
        # Same minute (the catalog's date index keeps minutes): the exact time decides.
        for profile, when in ((later, "2031/01/01 10:00:05 UTC"), (latest, "2031/01/01 10:00:40 UTC")):
            with api.env.adopt_roles(["Manager"]):
                profile.setModificationDate(DateTime(when))
                profile.reindexObject(idxs=["modified"])
        transaction.commit()
        titles = [entry["title"] for entry in feed_items(self.feed("en"))]
        self.assertEqual(titles[:2], ["Samy Poslednov", "Pozdny Izmenov"])
        self.assertIn(PUBLISHED_NAME, titles)
        with mock.patch.object(feeds, "FEED_SIZE", 2):
            titles = [entry["title"] for entry in feed_items(self.feed("en"))]
        self.assertEqual(titles, ["Samy Poslednov", "Pozdny Izmenov"])

    def test_drafts_retracted_profiles_cases_and_workspaces_never_appear(self):
        for language in ("en", "de"):
            for user in (None, "alpha-member", "editor-de"):
                response = self.feed(language, user)
                self.assert_nothing_private(response.text, f"{language} feed as {user}")

    def test_retraction_removes_the_profile_from_every_language_feed_at_once(self):
        self.assertIn(PUBLISHED_NAME, self.feed("en").text)
        self.assertIn(PUBLISHED_NAME_DE, self.feed("de").text)
        self.retract(self.cast["published"])
        self.assertNotIn(PUBLISHED_NAME, self.feed("en").text)
        self.assertNotIn(PUBLISHED_NAME_DE, self.feed("de").text)

    def test_the_feed_answers_on_the_list_only(self):
        for path in (
            "en/news/@@rss",
            "en/@@rss",
            "@@rss",
            "intranet/cases/@@rss",
            "en/prisoners/anatoly-veshnyakov/@@rss",
        ):
            response = self.get(path)
            self.assertNotEqual(response.status_code, 200, path)
            self.assert_nothing_private(response.text, path)

    def test_pages_of_a_language_root_link_to_its_feed(self):
        for language, path in (("en", "en/prisoners"), ("en", "en/prisoners/anatoly-veshnyakov"), ("de", "de")):
            head = self.get(path).text.split("</head>")[0]
            links = FEED_LINK.findall(head)
            self.assertEqual([href for href, _title in links], [f"{self.site_url}/{language}/prisoners/@@rss"], path)
        self.assertEqual(FEED_LINK.findall(self.get("intranet", "alpha-member").text), [], "no feed in the intranet")

    def test_plone_syndication_reveals_nothing_private(self):
        # Plone's own feeds stay closed on the list (they would name the publisher) and show nothing private.
        self.assertEqual(self.get("en/prisoners/RSS").status_code, 404)
        self.assertEqual(self.get("en/prisoners/atom.xml").status_code, 404)
        for path in (
            "RSS",
            "atom.xml",
            "en/RSS",
            "search_rss?SearchableText=Draftina",
            "search_rss?SearchableText=Casefilov",
        ):
            response = self.get(path)
            self.assert_nothing_private(response.text, path)


class TestPloneFeedsNameNoAuthor(unittest.TestCase):
    """Plone's own feeds of a public folder whose syndication an editor switched on must not name the intranet
    member who wrote an item (user id, full name, e-mail)."""

    layer = COALITION_SERVER_TESTING
    SETTING = "plone.base.interfaces.syndication.ISiteSyndicationSettings.show_author_info"

    def setUp(self):
        portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        news = portal["en"]["news"]
        with api.env.adopt_user(username="editor-de"), api.env.adopt_roles(["Manager"]):
            item = api.content.create(container=news, type="News Item", title="Zayavlenie Koalitsii")
            api.content.transition(item, to_state="published")
            IFeedSettings(news).enabled = True
        editor = api.user.get(username="editor-de")
        self.identity = ("editor-de", editor.getProperty("fullname"), editor.getProperty("email"))
        self.assertTrue(all(self.identity))

    def assert_no_author(self):
        for view in ("RSS", "rss.xml", "atom.xml"):
            response = requests.get(f"{self.site_url}/en/news/{view}", timeout=30)
            self.assertEqual(response.status_code, 200, view)
            self.assertIn("Zayavlenie Koalitsii", response.text)
            for value in self.identity:
                self.assertNotIn(value, response.text, f"{view} names the author")

    def test_with_author_info_switched_off_plone_feeds_name_nobody(self):
        api.portal.set_registry_record(self.SETTING, False)
        transaction.commit()
        self.assert_no_author()

    def test_site_setting_keeps_authors_out_of_plone_feeds(self):
        """Plone's default ``show_author_info`` is True; the coalition's profile sets it to False
        (profiles/default/registry/public.xml)."""
        transaction.commit()
        self.assert_no_author()


class TestSitemap(PublicChannelTestCase, unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def configure(self):
        # The site enables it in its profile (registry/public.xml).
        self.assertTrue(api.portal.get_registry_record("plone.enable_sitemap"))

    def sitemap(self, path="sitemap.xml.gz?page=1", user=None):
        response = self.get(path, user)
        self.assertEqual(response.status_code, 200, path)
        return parse_xml(gzip.decompress(response.content))

    def entries(self, path="sitemap.xml.gz?page=1", user=None) -> dict:
        urlset = self.sitemap(path, user)
        return {
            url.findtext("s:loc", namespaces=SITEMAP_NS): {
                link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP_NS)
            }
            for url in urlset.findall("s:url", SITEMAP_NS)
        }

    def test_index_points_to_the_pages(self):
        index = self.sitemap("sitemap.xml.gz")
        locations = [loc.text.strip() for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        self.assertEqual(locations, [f"{self.site_url}/sitemap.xml.gz?page=1"])

    def test_all_language_roots_and_profiles_with_their_published_translations(self):
        entries = self.entries()
        for language in LANGUAGES:
            self.assertIn(f"{self.site_url}/{language}", entries)
            self.assertIn(f"{self.site_url}/{language}/prisoners", entries)
        english = f"{self.site_url}/en/prisoners/anatoly-veshnyakov"
        german = f"{self.site_url}/de/prisoners/anatoly-veshnyakov"
        self.assertEqual(entries[english], {"en": english, "de": german})
        self.assertEqual(entries[german], {"en": english, "de": german})
        self.assertEqual(sorted(entries[f"{self.site_url}/fr"]), ["de", "en", "fr", "ru"])

    def test_listed_addresses_answer_to_anonymous_without_a_redirect(self):
        # Every kind of entry (the many demo profiles are all alike: ours stand for them).
        entries = [loc for loc in self.entries() if "/prisoners/" not in loc or "anatoly-veshnyakov" in loc]
        self.assertNotIn(self.site_url, entries, "the site root only redirects")
        for loc in entries:
            self.assertEqual(self.get(loc).status_code, 200, loc)

    def test_a_language_root_lists_its_own_content_with_alternates_elsewhere(self):
        entries = self.entries("de/sitemap.xml.gz?page=1")
        self.assertTrue(all(loc.startswith(f"{self.site_url}/de") for loc in entries), list(entries))
        german = f"{self.site_url}/de/prisoners/anatoly-veshnyakov"
        self.assertEqual(entries[german]["en"], f"{self.site_url}/en/prisoners/anatoly-veshnyakov")

    def test_nothing_private_whoever_asks(self):
        for user in (None, "alpha-member", "editor-de"):
            for path in ("sitemap.xml.gz?page=1", "en/sitemap.xml.gz?page=1", "de/sitemap.xml.gz?page=1"):
                entries = self.entries(path, user)
                text = " ".join([*entries, *(href for links in entries.values() for href in links.values())])
                self.assertNotIn("/intranet", text, f"{path} as {user}")
                self.assertNotIn("draftina", text, f"{path} as {user}")
                self.assertNotIn("retracta-skrytova", text, f"{path} as {user}")
                self.assertNotIn(self.cast["case"].getId(), text, f"{path} as {user}")
        self.assertNotEqual(self.get("intranet/sitemap.xml.gz").status_code, 200)

    def test_retraction_removes_the_profile_and_its_alternates_at_once(self):
        english = f"{self.site_url}/en/prisoners/anatoly-veshnyakov"
        self.assertIn(english, self.entries())  # fills the anonymous cache of the sitemap
        self.retract(self.cast["published"])
        entries = self.entries()
        self.assertNotIn(english, entries)
        self.assertNotIn(english.replace("/en/", "/de/"), entries)
        self.assertNotIn("anatoly-veshnyakov", str(entries))

    def test_disabled_sitemap_is_not_found(self):
        api.portal.set_registry_record("plone.enable_sitemap", False)
        transaction.commit()
        self.assertEqual(self.get("sitemap.xml.gz").status_code, 404)


class TestCachingOfPublicLists(PublicChannelTestCase, unittest.TestCase):
    """With plone.app.caching's proxy settings, the lists are cached briefly (terse caching)."""

    layer = COALITION_SERVER_TESTING

    def configure(self):
        self.portal.portal_setup.runAllImportStepsFromProfile("profile-plone.app.caching:with-caching-proxy")
        api.portal.set_registry_record("plone.caching.interfaces.ICacheSettings.enabled", True)
        api.portal.set_registry_record("plone.enable_sitemap", True)

    def test_feed_open_data_and_sitemap_are_cached_for_a_minute_at_most(self):
        for path in (
            "en/prisoners/@@rss",
            "en/prisoners/@@open-data.csv",
            "de/prisoners/@@open-data.json",
            "sitemap.xml.gz",
        ):
            response = self.get(path)
            self.assertEqual(response.headers.get("X-Cache-Rule"), "plone.content.dynamic", path)
            directives = dict(part.strip().partition("=")[::2] for part in response.headers["Cache-Control"].split(","))
            self.assertLessEqual(int(directives["s-maxage"]), 60, path)
            self.assertLessEqual(int(directives["max-age"]), 10, path)

    def test_members_get_private_uncached_responses(self):
        response = self.get("en/prisoners/@@rss", "alpha-member")
        self.assertIn("private", response.headers["Cache-Control"])


class TestPurgeOnRetraction(unittest.TestCase):
    """A retraction asks the caching proxy to drop the lists of every language, not only the profile page."""

    layer = COALITION_INTEGRATION_TESTING

    def test_retraction_queues_purges_of_the_feed_open_data_and_sitemaps(self):
        profile = make_profile("Purgin Ochistkov", translations={"de": "Purgin Otschistkow"})
        api.portal.set_registry_record("plone.cachepurging.interfaces.ICachePurgingSettings.enabled", True)
        api.portal.set_registry_record(
            "plone.cachepurging.interfaces.ICachePurgingSettings.cachingProxies", ("http://proxy.invalid:6081",)
        )
        public.retract_profile(api.content.get_uuid(profile))
        queued = IAnnotations(self.layer["request"]).get(PURGE_KEY, set())
        for language in ("en", "de"):
            for view in ("@@rss", "@@open-data.csv", "@@open-data.json"):
                self.assertIn(f"/plone/{language}/prisoners/{view}", queued)
            self.assertIn(f"/plone/{language}/sitemap.xml.gz", queued)
        self.assertIn("/plone/sitemap.xml.gz", queued)
        self.assertIn("/plone/sitemap.xml.gz?page=1", queued)

    def test_no_purge_paths_outside_the_list(self):
        with provenance.publication_act(), api.env.adopt_roles(["Manager"]):
            stray = createContentInContainer(
                self.layer["portal"]["en"]["news"], "PrisonerProfile", title="Stray Profile", checkConstraints=False
            )
        self.assertEqual(PublicListPurgePaths(stray).getRelativePaths(), [])
