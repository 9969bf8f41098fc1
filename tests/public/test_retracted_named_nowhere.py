"""A retracted profile is named nowhere public: not in other items' relations or back-references (HTML and REST,
every relation field, every expansion), search, feeds, sitemap, statistics, open data, the list, languages,
navigation, vocabularies, caches.

The attack is made over HTTP as Anonymous and as ``beta-member`` (a member of an organisation, no public
role). Every probe is first made while the person is published, and must name them where the channel is
meant to (so it really reaches the data, and fills every cache); then the profile is retracted in every
language and the same probe must name them nowhere: no name in any language, no URL, no UID, no translation
group. Fictional people only.
"""

from coalition.intranet.public import api as public
from coalition.intranet.public.boundary.relations import RELATED_PURGE_PATHS
from coalition.intranet.site.structure import LANGUAGES
import contextlib
from datetime import date
from datetime import datetime
from datetime import timedelta
import gzip
import html
import json
from plone import api
from plone.app.multilingual.interfaces import ITG
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.redirector.interfaces import IRedirectionStorage
from plone.app.textfield.value import RichTextValue
from plone.cachepurging.hooks import KEY as PURGE_KEY
from plone.dexterity.fti import DexterityFTI
from plone.dexterity.utils import createContentInContainer
from plone.restapi.interfaces import IExpandableElement
from plone.supermodel import model
import pytz
import requests
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.public.channel_fixtures import http_get
from tests.public.profile_fixtures import make_profile
from tests.public.profile_fixtures import portrait
import transaction
import unittest
from urllib.parse import unquote
from urllib.parse import urlencode
from z3c.caching.interfaces import IPurgePaths
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope.annotation.interfaces import IAnnotations
from zope.component import getAdapter
from zope.component import getAdapters
from zope.component import getUtility


# The person whose family asked to take the name down (region and dates unlike every demo prisoner's).
HIDDEN = {"en": "Skryta Opasnova", "de": "Skryta Opasnowa", "fr": "Skryta Opasnovae"}
HIDDEN_RU = "Скрыта Опаснова"
HIDDEN_ID = "skryta-opasnova"
HIDDEN_REGION = "chukotka"
# A published person who links the hidden one (and is linked back).
VISIBLE = {"en": "Svyaz Otkrytov", "de": "Swjas Offenow"}
# Published in English; the German translation alone was retracted.
PARTIAL = {"en": "Chastichny Vidimov", "de": "Tschastitschny Widimow"}
PROBE_TYPE = "RelationProbe"
USERS = (None, "beta-member")
SELECTION_ANY = "plone.app.querystring.operation.selection.any"
STRING_CONTAINS = "plone.app.querystring.operation.string.contains"
BERLIN = pytz.timezone("Europe/Berlin")
ALTERNATE_DE = r'<link [^>]*hreflang="de"'


class IRelationProbe(model.Schema):
    """A content type with both kinds of relation field (no type of the project has a RelationChoice yet)."""

    main_person = RelationChoice(title="Main person", vocabulary="plone.app.vocabularies.Catalog", required=False)
    people = RelationList(
        title="People",
        value_type=RelationChoice(title="Person", vocabulary="plone.app.vocabularies.Catalog"),
        default=[],
        required=False,
    )


def add_probe_type(portal) -> None:
    if PROBE_TYPE in portal.portal_types.objectIds():
        return
    fti = DexterityFTI(PROBE_TYPE)
    fti.schema = f"{__name__}.IRelationProbe"
    fti.klass = "plone.dexterity.content.Item"
    fti.behaviors = ("plone.basic", "plone.translatable", "plone.relateditems")
    fti.global_allow = True
    portal.portal_types._setObject(PROBE_TYPE, fti)


def born_in_1979_on(day: date) -> date:
    """A date of birth in 1979 whose birthday is ``day`` (28 February for 29 February)."""
    return date(1979, day.month, min(day.day, 28) if day.month == 2 else day.day)


def publish(item) -> None:
    if api.content.get_state(item, default=None) != "published":
        api.content.transition(item, to_state="published")


def relate(source, target, field="relatedItems") -> None:
    api.relation.create(source=source, target=target, relationship=field)


def readable(response) -> str:
    """The body as a reader gets it: gunzipped, and JSON without ``\\u`` escapes, plus headers that point."""
    body = response.content
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    text = body.decode("utf-8", "replace")
    if "json" in response.headers.get("Content-Type", ""):
        with contextlib.suppress(ValueError):
            text += "\n" + json.dumps(json.loads(text), ensure_ascii=False)
    text += "\n" + response.headers.get("Location", "") + "\n" + response.headers.get("Link", "")
    return "\n".join((text, html.unescape(text), unquote(text)))


def excerpt(response, secrets, width=160) -> str:
    """Where the first secret occurs in the response (for the failure message)."""
    text = readable(response)
    for secret in secrets:
        at = text.find(secret)
        if at >= 0:
            return f"HTTP {response.status_code}: …{text[max(at - width, 0) : at + width]}…"
    return ""


class RetractedNamedNowhere(unittest.TestCase):
    """The hidden person (published in en, de, fr) is related from every kind of relation field and links back;
    each test probes a group of channels before and after the retraction."""

    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        today = date.today()
        self.hidden = make_profile(
            HIDDEN["en"],
            translations={"de": HIDDEN["de"], "fr": HIDDEN["fr"]},
            name_ru=HIDDEN_RU,
            region=HIDDEN_REGION,
            date_of_birth=born_in_1979_on(today + timedelta(days=5)),
            birth_year=1979,
            expected_release=today + timedelta(days=40),
            image=portrait(),
        )
        self.visible = make_profile(VISIBLE["en"], translations={"de": VISIBLE["de"]}, name_ru="Связь Открытов")
        self.partial = make_profile(PARTIAL["en"], translations={"de": PARTIAL["de"]}, name_ru="Частичный Видимов")
        self.hidden_all = ITranslationManager(self.hidden).get_translations()
        visible_all = ITranslationManager(self.visible).get_translations()
        portal = self.portal
        with api.env.adopt_roles(["Manager"]):
            add_probe_type(portal)
            # Relations from a published profile to the hidden one in each language, and back.
            for language in ("en", "de"):
                relate(visible_all[language], self.hidden_all[language])
                relate(self.hidden_all[language], visible_all[language])
            # The visible person's story links the hidden one and shows their photo (linkintegrity's
            # "isReferencing" relation); the hidden person's story links the visible one.
            hidden_uid = api.content.get_uuid(self.hidden)
            self.visible.story = RichTextValue(
                f'<p>See <a href="resolveuid/{hidden_uid}">another case</a>'
                f' and <a href="/plone/resolveUid/{hidden_uid}#story">their story</a>.</p>'
                f'<p><img src="resolveuid/{hidden_uid}/@@images/image/thumb" alt="" /></p>',
                "text/html",
                "text/x-html-safe",
            )
            relate(self.visible, self.hidden, "isReferencing")
            self.hidden.story = RichTextValue(
                f'<p><a href="resolveuid/{api.content.get_uuid(self.visible)}">A fellow prisoner</a>.</p>',
                "text/html",
                "text/x-html-safe",
            )
            relate(self.hidden, self.visible, "isReferencing")
            # Other public types pointing at the hidden person.
            self.event = api.content.create(
                container=portal["en"]["events"],
                type="Event",
                title="Vecher Pisem",
                start=BERLIN.localize(datetime(2031, 10, 30, 18, 0)),
                end=BERLIN.localize(datetime(2031, 10, 30, 21, 0)),
            )
            self.page = api.content.create(container=portal["en"]["news"], type="Document", title="Stranitsa Kampanii")
            self.probe = createContentInContainer(
                portal["en"]["news"], PROBE_TYPE, checkConstraints=False, title="Probe Svyazey"
            )
            for item in (self.event, self.page, self.probe):
                publish(item)
                relate(item, self.hidden)
                relate(item, self.visible)
            relate(self.probe, self.hidden, "main_person")
            relate(self.probe, self.hidden, "people")
            relate(self.probe, self.visible, "people")
            publish(self.probe)
            api.content.transition(ITranslationManager(self.partial).get_translation("de"), to_state="retracted")
            # The profile was once at another address (renamed): the redirection tool remembers it.
            getUtility(IRedirectionStorage).add(
                f"{self.hidden.absolute_url_path()}-old", "/".join(self.hidden.getPhysicalPath())
            )
        self.hidden_uids = [api.content.get_uuid(item) for item in self.hidden_all.values()]
        self.hidden_tg = ITG(self.hidden)
        self.partial_tg = ITG(self.partial)
        self.paths = {
            "visible": self.visible.absolute_url_path().removeprefix("/plone/"),
            "visible_de": visible_all["de"].absolute_url_path().removeprefix("/plone/"),
            "event": self.event.absolute_url_path().removeprefix("/plone/"),
            "page": self.page.absolute_url_path().removeprefix("/plone/"),
            "probe": self.probe.absolute_url_path().removeprefix("/plone/"),
            "partial": self.partial.absolute_url_path().removeprefix("/plone/"),
        }
        transaction.commit()

    # HTTP

    def get(self, path, user=None, **kwargs):
        kwargs.setdefault("timeout", 60)
        return http_get(self.site_url, path, user, **kwargs)

    def json_get(self, path, user=None, **params):
        return self.get(path, user, headers={"Accept": "application/json"}, params=params)

    def json_post(self, path, data, user=None):
        return requests.post(
            f"{self.site_url}/{path}",
            headers={"Accept": "application/json", "Content-Type": "application/json"},
            data=json.dumps(data),
            auth=(user, "demo-secret") if user else None,
            timeout=60,
            allow_redirects=False,
        )

    # What names the hidden person

    def secrets(self) -> list[str]:
        return [*HIDDEN.values(), HIDDEN_RU, HIDDEN_ID, *self.hidden_uids, self.hidden_tg]

    def named(self, response, requested="") -> list[str]:
        """The secrets the response reveals (what the request itself carried does not count)."""
        text = readable(response)
        return [secret for secret in self.secrets() if secret in text and secret not in unquote(requested)]

    def retract(self):
        self.assertEqual(public.retract_profile(api.content.get_uuid(self.hidden)), 3)
        transaction.commit()

    def before_and_after(self, probes: dict, expected_before: set | None = None):
        """``probes``: name -> (function of user returning a response, the request as typed).

        Before the retraction, probes named in ``expected_before`` (default: all) must name the person (as
        Anonymous); after it, no probe may name them to anyone."""
        expected_before = set(probes) if expected_before is None else expected_before
        unreached = []
        for where, (probe, requested) in probes.items():
            for user in USERS:
                response = probe(user)
                if where in expected_before and user is None and not self.named(response, requested):
                    unreached.append(f"{where} (HTTP {response.status_code})")
        self.assertEqual(unreached, [], "probes that do not reach the person while published")
        self.retract()
        leaks = []
        for where, (probe, requested) in probes.items():
            for user in USERS:
                response = probe(user)
                revealed = self.named(response, requested)
                if revealed:
                    leaks.append(f"{where} as {user or 'Anonymous'}: {excerpt(response, revealed)}")
        self.assertEqual(leaks, [], "\n\n".join(leaks))

    # Channels

    def test_rest_json_of_related_items_with_every_expansion(self):
        request = self.layer["request"]
        expansions = sorted(
            {
                name
                for obj in (self.visible, self.event, self.probe)
                for name, _ in getAdapters((obj, request), IExpandableElement)
            }
        )
        self.assertIn("translations", expansions)
        probes = {}
        for key in ("visible", "visible_de", "event", "page", "probe"):
            path = self.paths[key]
            probes[f"GET {path}"] = (lambda user, path=path: self.json_get(path, user), path)
        control = set(probes)
        # Each expansion on its own (a component Anonymous may not read refuses the whole answer).
        for path in ("", "en", self.paths["visible"], self.paths["probe"]):
            for name in expansions:
                params = {"expand": name}
                if name == "inherit":
                    params["expand.inherit.behaviors"] = "plone.relateditems"
                if name == "navigation":
                    params["expand.navigation.depth"] = "3"
                probes[f"GET {path}?expand={name}"] = (
                    lambda user, path=path, params=params: self.json_get(path, user, **params),
                    path,
                )
        self.before_and_after(probes, control)
        # The fields are still there, holding what the reader may view.
        data = self.json_get(self.paths["probe"]).json()
        self.assertIsNone(data["main_person"])
        self.assertEqual([item["title"] for item in data["people"]], [VISIBLE["en"]])
        self.assertEqual([item["title"] for item in data["relatedItems"]], [VISIBLE["en"]])
        self.assertEqual(self.json_get(self.paths["visible"]).json()["relatedItems"], [])

    def test_search_with_full_objects(self):
        probes = {}
        queries = {
            "profiles": {"portal_type": "PrisonerProfile", "fullobjects": "1", "b_size": "500"},
            "events and pages": {"portal_type": ["Event", "Document", PROBE_TYPE], "fullobjects": "1"},
            "metadata": {"portal_type": "PrisonerProfile", "metadata_fields": "_all", "b_size": "500"},
            "name": {"SearchableText": "Skryta", "fullobjects": "1"},
            "relation index": {"getRawRelatedItems": self.hidden_uids[0], "fullobjects": "1"},
            "uid": {"UID": self.hidden_uids[0], "metadata_fields": "_all"},
        }
        for context in ("", "en/", "de/prisoners/"):
            for name, query in queries.items():
                requested = f"{context}@search?{urlencode(query, doseq=True)}"
                probes[f"{context}@search {name}"] = (
                    lambda user, context=context, query=query: self.json_get(f"{context}@search", user, **query),
                    requested,
                )
        # Searching a language other than the hidden person's finds them only in that language's terms.
        control = {name for name in probes if "uid" not in name and not name.startswith("de/")}
        control -= {"@search relation index", "en/@search relation index"}  # finds the sources, named below
        self.before_and_after(probes, control)

    def test_relations_endpoint(self):
        visible_uid = api.content.get_uuid(self.visible)
        probe_uid = api.content.get_uuid(self.probe)
        queries = {
            "source": {"source": visible_uid},
            "source probe": {"source": probe_uid},
            "target": {"target": self.hidden_uids[0]},
            "target path": {"target": f"/en/prisoners/{HIDDEN_ID}"},
            "relation": {"relation": "relatedItems"},
            "relation main_person": {"relation": "main_person"},
            "query_target": {"relation": "relatedItems", "query_target": "Skryta"},
            "query_source": {"relation": "relatedItems", "query_source": "Svyaz"},
            "broken": {"onlyBroken": "true"},
            "stats": {},
        }
        probes = {
            "@linkintegrity visible": (
                lambda user: self.json_get("@linkintegrity", user, uids=visible_uid),
                "",
            ),
            "@linkintegrity hidden": (
                lambda user: self.json_get("@linkintegrity", user, uids=self.hidden_uids[0]),
                f"uids={self.hidden_uids[0]}",
            ),
            "@@delete_confirmation_info visible": (
                lambda user: self.get(f"{self.paths['visible']}/@@delete_confirmation_info", user),
                "",
            ),
            "@@delete_confirmation_info list": (
                lambda user: self.get("en/prisoners/@@delete_confirmation_info", user),
                "",
            ),
        }
        probes |= {
            f"@relations {name}": (
                lambda user, query=query: self.json_get("@relations", user, **query),
                f"@relations?{urlencode(query)}",
            )
            for name, query in queries.items()
        }
        control = {f"@relations {name}" for name in ("source", "source probe", "relation", "query_target")}
        control.add("@linkintegrity visible")
        self.before_and_after(probes, control)

    def test_html_pages_related_items_and_back_references(self):
        probes = {
            key: (lambda user, key=key: self.get(self.paths[key], user), self.paths[key])
            for key in ("visible", "visible_de", "event", "page", "probe")
        }
        self.before_and_after(probes)
        # The story keeps its words; the link to the retracted person is no link, their photo is left out.
        story = self.get(self.paths["visible"]).text
        self.assertIn("<a>another case</a>", story)
        self.assertIn("<a>their story</a>", story)
        self.assertNotIn("@@images/image/thumb", story)
        self.assertNotIn(f"{HIDDEN_ID}/@@images/", story)

    def test_who_may_view_the_retracted_profile_still_follows_the_links(self):
        """Only the reader who may not view the target loses the link: a public editor still has it."""
        self.retract()
        for response in (
            self.get(self.paths["visible"], "editor-de"),
            self.json_get(self.paths["visible"], "editor-de"),
        ):
            text = readable(response)
            self.assertIn(f"/en/prisoners/{HIDDEN_ID}", text)
            self.assertIn(f"/en/prisoners/{HIDDEN_ID}/@@images/", text)
        related = self.json_get(self.paths["probe"], "editor-de").json()
        self.assertEqual(related["main_person"]["title"], HIDDEN["en"])
        self.assertIn(HIDDEN["en"], [item["title"] for item in related["people"]])
        # And Anonymous, right after, still does not (no cache shared between readers).
        self.assertEqual(self.named(self.get(self.paths["visible"])), [])
        self.assertEqual(self.named(self.json_get(self.paths["visible"])), [])

    def test_list_and_its_facet_counts(self):
        region_link = f"region={HIDDEN_REGION}"
        before = self.get("en/prisoners").text
        self.assertIn(region_link, html.unescape(before))
        probes = {
            f"{language}/prisoners{query}": (
                lambda user, language=language, query=query: self.get(f"{language}/prisoners{query}", user),
                f"{language}/prisoners{query}",
            )
            for language in ("en", "de", "fr")
            for query in ("", "?q=Skryta", f"?{region_link}", "?b_start=0&sort=name")
        }
        self.before_and_after(probes, {"en/prisoners", "en/prisoners?q=Skryta", "de/prisoners", "fr/prisoners"})
        for language in ("en", "de", "fr"):
            for user in USERS:
                self.assertNotIn(region_link, html.unescape(self.get(f"{language}/prisoners", user).text))

    def test_statistics_totals_birthdays_and_releases(self):
        def totals(user):
            return {
                language: json.loads(self.get(f"{language}/prisoners/@@open-data.json", user).text)["count"]
                for language in ("en", "de", "fr")
            }

        before = totals(None)
        probes = {
            f"{language}/prisoners/@@statistics": (
                lambda user, language=language: self.get(f"{language}/prisoners/@@statistics", user),
                "",
            )
            for language in ("en", "de", "fr")
        }
        # The statistics show the region of the hidden person only while they are published (one person).
        self.assertIn("Chukotka", self.get("en/prisoners/@@statistics").text)
        self.before_and_after(probes)
        for user in USERS:
            self.assertEqual(totals(user), {language: count - 1 for language, count in before.items()})
            self.assertNotIn("Chukotka", self.get("en/prisoners/@@statistics", user).text)

    def test_feeds_sitemap_and_open_data(self):
        paths = [
            *(f"{language}/prisoners/@@rss" for language in ("en", "de", "fr")),
            *(f"{language}/prisoners/@@open-data.{ext}" for language in ("en", "de", "fr") for ext in ("csv", "json")),
            "sitemap.xml.gz?page=1",
            "en/sitemap.xml.gz?page=1",
            "de/sitemap.xml.gz?page=1",
            "RSS",
            "en/RSS",
            "atom.xml",
            "search_rss?SearchableText=Skryta",
            "en/@@search?SearchableText=Skryta",
            "en/@@ajax-search?SearchableText=Skryta",
        ]
        probes = {path: (lambda user, path=path: self.get(path, user), path) for path in paths}
        control = {path for path in paths if "prisoners/@@" in path or "sitemap" in path}
        control -= {"de/sitemap.xml.gz?page=1"}  # lists German pages, with the English alternate: checked below
        control |= {"en/@@search?SearchableText=Skryta"}
        self.before_and_after(probes, control)

    def test_navigation_vocabularies_and_querystring_search(self):
        catalog_query = json.dumps({"criteria": [{"i": "SearchableText", "o": STRING_CONTAINS, "v": "Skryta"}]})
        probes = {}
        for path in ("en/prisoners", self.paths["visible"]):
            for endpoint in ("@navigation", "@breadcrumbs", "@contextnavigation"):
                params = {"expand.navigation.depth": "3"} if endpoint == "@navigation" else {}
                probes[f"{path}/{endpoint}"] = (
                    lambda user, path=path, endpoint=endpoint, params=params: self.json_get(
                        f"{path}/{endpoint}", user, **params
                    ),
                    "",
                )
        probes["en/prisoners folder_contents"] = (lambda user: self.get("en/prisoners/folder_contents", user), "")
        probes["@vocabularies Catalog"] = (
            lambda user: self.json_get("@vocabularies/plone.app.vocabularies.Catalog", user, title="Skryta"),
            "",
        )
        probes["@vocabularies Catalog all"] = (
            lambda user: self.json_get("en/@vocabularies/plone.app.vocabularies.Catalog", user, b_size="500"),
            "",
        )
        probes["@@getVocabulary Catalog"] = (
            lambda user: self.get(
                "en/@@getVocabulary", user, params={"name": "plone.app.vocabularies.Catalog", "query": catalog_query}
            ),
            "",
        )
        probes["@@getSource relatedItems"] = (
            lambda user: self.get(f"{self.paths['visible']}/@@getSource", user, params={"field": "relatedItems"}),
            "",
        )
        for name, query in {
            "profiles": [{"i": "portal_type", "o": SELECTION_ANY, "v": ["PrisonerProfile"]}],
            "text": [{"i": "SearchableText", "o": STRING_CONTAINS, "v": "Skryta"}],
        }.items():
            probes[f"@querystring-search {name}"] = (
                lambda user, query=query: self.json_post(
                    "@querystring-search", {"query": query, "fullobjects": 1, "b_size": 500}, user
                ),
                "",
            )
        control = {
            "@vocabularies Catalog all",
            "@querystring-search profiles",
            "@querystring-search text",
        }
        self.before_and_after(probes, control)

    def test_languages_translations_switcher_and_hreflang(self):
        probes = {}
        for key in ("visible", "visible_de"):
            path = self.paths[key]
            probes[f"{path} @translations"] = (lambda user, path=path: self.json_get(f"{path}/@translations", user), "")
        for language in LANGUAGES:
            selector = f"{self.paths['visible']}/@@multilingual-selector/{ITG(self.visible)}/{language}"
            probes[f"switcher to {language}"] = (lambda user, selector=selector: self.get(selector, user), selector)
            not_translated = f"{language}/@@not-translated/{self.hidden_tg}"
            probes[f"not translated {language}"] = (
                lambda user, path=not_translated: self.get(path, user),
                not_translated,
            )
            hidden_selector = f"{language}/@@multilingual-selector/{self.hidden_tg}/{language}"
            probes[f"switcher of the hidden to {language}"] = (
                lambda user, path=hidden_selector: self.get(path, user),
                hidden_selector,
            )
        control = {"not translated ru", "switcher of the hidden to en"}
        self.before_and_after(probes, control)

    def test_published_translation_never_names_its_retracted_sibling(self):
        german = ITranslationManager(self.partial).get_translation("de")
        german_path = german.absolute_url_path().removeprefix("/plone/")
        path = self.paths["partial"]
        responses = {}
        for user in USERS:
            responses[f"@translations as {user}"] = self.json_get(f"{path}/@translations", user)
            responses[f"expand as {user}"] = self.json_get(path, user, expand="translations")
            responses[f"page as {user}"] = self.get(path, user)
            responses[f"switcher as {user}"] = self.get(
                f"{path}/@@multilingual-selector/{self.partial_tg}/de", user, params={"post_path": "/"}
            )
            responses[f"de list as {user}"] = self.get("de/prisoners", user)
            responses[f"de sitemap as {user}"] = self.get("de/sitemap.xml.gz?page=1", user)
            responses[f"de open data as {user}"] = self.get("de/prisoners/@@open-data.json", user)
        for where, response in responses.items():
            text = readable(response)
            self.assertNotIn(PARTIAL["de"], text, where)
            self.assertNotIn(german_path, text, where)
            self.assertNotIn(api.content.get_uuid(german), text, where)
        # hreflang alternates: where due (the list is published in every language), not to the retracted sibling.
        self.assertRegex(self.get("en/prisoners").text, ALTERNATE_DE)
        for user in USERS:
            self.assertNotRegex(responses[f"page as {user}"].text, ALTERNATE_DE)


class TestRetractionPurgesRelatedPages(unittest.TestCase):
    """Caching proxies drop the pages that named the person (their related items, back-references), not only
    the profile's own page and lists."""

    layer = COALITION_INTEGRATION_TESTING

    def test_retraction_queues_purges_of_the_related_items(self):
        portal = self.layer["portal"]
        hidden = make_profile(HIDDEN["en"], translations={"de": HIDDEN["de"]})
        visible = make_profile(VISIBLE["en"])
        with api.env.adopt_roles(["Manager"]):
            page = api.content.create(container=portal["en"]["news"], type="Document", title="Stranitsa Kampanii")
            publish(page)
            relate(page, hidden)
            relate(hidden, visible)
            unrelated = api.content.create(container=portal["en"]["news"], type="Document", title="Unrelated")
        paths = getAdapter(hidden, IPurgePaths, name=RELATED_PURGE_PATHS).getRelativePaths()
        self.assertIn("/plone/en/news/stranitsa-kampanii", paths)
        self.assertIn("/plone/en/news/stranitsa-kampanii/view", paths)
        self.assertIn("/plone/en/prisoners/svyaz-otkrytov", paths)
        self.assertNotIn(unrelated.absolute_url_path(), paths)

        api.portal.set_registry_record("plone.cachepurging.interfaces.ICachePurgingSettings.enabled", True)
        api.portal.set_registry_record(
            "plone.cachepurging.interfaces.ICachePurgingSettings.cachingProxies", ("http://proxy.invalid:6081",)
        )
        public.retract_profile(api.content.get_uuid(hidden))
        queued = IAnnotations(self.layer["request"]).get(PURGE_KEY, set())
        for path in ("/plone/en/news/stranitsa-kampanii", "/plone/en/prisoners/svyaz-otkrytov"):
            self.assertIn(path, queued)
        self.assertIn(f"/plone/en/prisoners/{HIDDEN_ID}/view", queued)
