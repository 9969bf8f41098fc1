"""The public list of political prisoners at /<lang>/prisoners.

Counts, search, filters with their counts, sorting and pages; invalid parameters are ignored; and only
what is published in the reader's language is listed or counted: no draft, no retracted profile, no
profile of another language, no case file.
"""

from coalition.intranet.cases.regions import REGIONS
from coalition.intranet.interfaces import ICoalitionLayer
from coalition.intranet.public import api as public
from coalition.intranet.public.facts import label
from coalition.intranet.site.api import build_site_structure
from coalition.intranet.site.structure import LANGUAGES
from plone import api
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
import re
import requests
from tests.cases.case_helpers import create_case
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.page_checkers import html_errors
from tests.public.listing_fixtures import make_draft_profile
from tests.public.listing_fixtures import make_listing_profiles
from tests.public.listing_fixtures import make_profile_only_in
from tests.public.profile_fixtures import make_profile
import transaction
import unittest
from zope.i18n import translate
from zope.interface import alsoProvides


def names(view) -> list[str]:
    return [card["name"] for card in view.cards()]


def facet(view, param) -> dict:
    """{label: count} of a filter, the hidden ("more") values included."""
    for item in view.facets():
        if item["param"] == param:
            return {option["label"]: option["count"] for option in item["options"] + item["more"]}
    return {}


class ListingTestCase(unittest.TestCase):
    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.request = self.layer["request"]
        alsoProvides(self.request, ICoalitionLayer)
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def listing(self, language="en", **form):
        """The list as Anonymous sees it with the URL parameters ``form``."""
        logout()
        self.request.form.clear()
        self.request.form.update(form)
        view = api.content.get_view("prisoners-listing", self.portal[language]["prisoners"], self.request)
        view.update()
        return view


class TestListing(ListingTestCase):
    def setUp(self):
        super().setUp()
        self.profiles = make_listing_profiles()

    def test_prisoners_folder_of_every_language_shows_the_list(self):
        for language in LANGUAGES:
            self.assertEqual(self.portal[language]["prisoners"].getLayout(), "prisoners-listing", language)

    def test_existing_sites_get_the_list_from_the_site_structure_step(self):
        folder = self.portal["de"]["prisoners"]
        folder.setLayout("listing_view")
        build_site_structure(self.portal)
        self.assertEqual(folder.getLayout(), "prisoners-listing")

    def test_count_of_the_whole_list(self):
        view = self.listing()
        self.assertEqual((view.total, view.matches), (5, 5))
        self.assertEqual(view.count_text(), "5 political prisoners")
        self.assertFalse(view.chips())

    def test_count_with_filters(self):
        view = self.listing(region="tver")
        self.assertEqual((view.total, view.matches), (5, 2))
        self.assertEqual(view.count_text(), "2 of 5 political prisoners match")

    def test_each_filter(self):
        expectations = {
            "status": ("serving_sentence", ["Anna Beispiel", "Elena Ohnedatum"]),
            "region": ("tver", ["Anna Beispiel", "Chris Probe"]),
            "category": ("anti_war", ["Anna Beispiel", "Boris Muster", "Dmitri Vorlage"]),
            "article": ("280.3", ["Boris Muster", "Dmitri Vorlage"]),
            "year": ("2022", ["Anna Beispiel", "Dmitri Vorlage"]),
            "mentor": ("has", ["Anna Beispiel"]),
            "letters": ("1", ["Anna Beispiel", "Dmitri Vorlage"]),
        }
        for param, (value, expected) in expectations.items():
            view = self.listing(**{param: value})
            self.assertEqual(names(view), expected, param)
            self.assertEqual(view.matches, len(expected), param)
        self.assertEqual(names(self.listing(mentor="seeks")), ["Boris Muster", "Dmitri Vorlage"])

    def test_combined_filters_and_their_counts(self):
        view = self.listing(region="moscow", article="280.3")
        self.assertEqual(names(view), ["Boris Muster", "Dmitri Vorlage"])
        # Each filter counts its values given the other active filters, not its own.
        self.assertEqual(facet(view, "region"), {"Moscow": 2})
        self.assertEqual(
            facet(view, "article"),
            {
                "207.3 – 'fakes' about the armed forces": 1,
                "275 – high treason": 1,
                "280.3 – 'discrediting' the armed forces": 2,
            },
        )
        self.assertEqual(facet(view, "year"), {"2023": 1, "2022": 1})
        self.assertEqual(facet(view, "status"), {"Pre-trial custody": 1, "House arrest": 1})
        self.assertEqual(facet(view, "mentor"), {"Seeks a mentor": 2})
        self.assertEqual(facet(view, "letters"), {"Letters get through": 1})

    def test_status_imprisoned_covers_every_status_of_detention(self):
        view = self.listing(status="imprisoned", region="moscow")
        base = self.portal["en"]["prisoners"].absolute_url()
        released = names(self.listing(status="released"))
        self.assertTrue(released)
        self.assertFalse(set(released) & set(names(view)))
        detained = ("pre_trial_custody", "house_arrest", "serving_sentence")
        self.assertEqual(view.matches, sum(self.listing(status=code, region="moscow").matches for code in detained))
        self.assertGreater(view.matches, 0)
        self.assertEqual([chip["label"] for chip in view.chips()], ["Currently imprisoned", "Moscow"])
        self.assertEqual(view.selection.url(base), f"{base}?status=imprisoned&region=moscow")

    def test_facet_counts_of_the_whole_list(self):
        view = self.listing()
        self.assertEqual(facet(view, "region"), {"Moscow": 3, "Tver region": 2})
        self.assertEqual(
            facet(view, "status"),
            {"Pre-trial custody": 1, "House arrest": 1, "Serving a sentence": 2, "Released": 1},
        )
        self.assertEqual(facet(view, "year"), {"2023": 1, "2022": 2, "2019": 1})
        self.assertEqual(
            facet(view, "category"),
            {"Anti-war": 3, "Religious": 1, "Journalists": 1, "Scientists": 1},
        )

    def test_filter_links_keep_the_other_filters_and_the_active_one_removes_itself(self):
        view = self.listing(region="moscow", sort="detention", b_start="24")
        base = self.portal["en"]["prisoners"].absolute_url()
        options = {option["label"]: option for item in view.facets() for option in item["options"]}
        self.assertEqual(options["Moscow"]["url"], f"{base}?sort=detention")
        self.assertTrue(options["Moscow"]["active"])
        self.assertEqual(options["2022"]["url"], f"{base}?region=moscow&year=2022&sort=detention")
        self.assertFalse(options["2022"]["active"])
        self.assertEqual(
            [chip["url"] for chip in view.chips()],
            [f"{base}?sort=detention"],
        )
        self.assertEqual(view.clear_url(), f"{base}?sort=detention")
        self.assertEqual(view.hidden_fields(), [("region", "moscow"), ("sort", "detention")])

    def test_chips_name_the_active_filters(self):
        view = self.listing(q="Muster", region="tver", year="2022", letters="1")
        self.assertEqual(
            [chip["label"] for chip in view.chips()],
            ["Search: Muster", "Tver region", "Detained in 2022", "Letters get through"],
        )

    def test_search(self):
        self.assertEqual(names(self.listing(q="Beispiel")), ["Anna Beispiel"])
        self.assertEqual(names(self.listing(q="Примерова")), ["Anna Beispiel"])
        self.assertEqual(names(self.listing(q="Muster", region="tver")), [])
        view = self.listing(q="Vorlage")
        self.assertEqual((view.matches, view.total), (1, 5))

    def test_search_in_german_finds_the_german_name(self):
        view = self.listing("de", q="Beispielowa")
        self.assertEqual(names(view), ["Anna Beispielowa"])
        self.assertEqual(view.total, 1)
        self.assertEqual(names(self.listing("en", q="Beispielowa")), [])
        self.assertEqual(names(self.listing("fr", q="Exemplova")), ["Anna Exemplova"])

    def test_sort_by_name(self):
        self.assertEqual(
            names(self.listing()),
            ["Anna Beispiel", "Boris Muster", "Chris Probe", "Dmitri Vorlage", "Elena Ohnedatum"],
        )

    def test_sort_by_newest_detention_puts_undated_profiles_last(self):
        self.assertEqual(
            names(self.listing(sort="detention")),
            ["Boris Muster", "Dmitri Vorlage", "Anna Beispiel", "Chris Probe", "Elena Ohnedatum"],
        )

    def test_sort_by_recognition_date(self):
        self.assertEqual(
            names(self.listing(sort="recognised")),
            ["Boris Muster", "Dmitri Vorlage", "Anna Beispiel", "Chris Probe", "Elena Ohnedatum"],
        )

    def test_sort_links_mark_the_active_order(self):
        sorts = self.listing(sort="detention", region="moscow").sorts()
        self.assertEqual([sort["active"] for sort in sorts], [False, True, False])
        base = self.portal["en"]["prisoners"].absolute_url()
        self.assertEqual(sorts[0]["url"], f"{base}?region=moscow")
        self.assertEqual(sorts[2]["url"], f"{base}?region=moscow&sort=recognised")

    def test_cards(self):
        cards = {card["name"]: card for card in self.listing().cards()}
        anna = cards["Anna Beispiel"]
        self.assertEqual(anna["name_ru"], "Анна Примерова")
        self.assertEqual(anna["status"], "Serving a sentence")
        self.assertEqual(anna["region"], "Tver region")
        self.assertEqual(anna["articles"], ["207.3 – 'fakes' about the armed forces"])
        self.assertEqual(anna["year"], 2022)
        self.assertTrue(anna["image"].endswith("/@@images/image/thumb"))
        self.assertIsNone(cards["Boris Muster"]["image"])
        self.assertIsNone(cards["Elena Ohnedatum"]["year"])
        # On the Russian list the name is already Russian: no second Russian name.
        make_profile_only_in(self.portal, "ru", "Грета Одноязычная")
        self.assertEqual([card["name_ru"] for card in self.listing("ru").cards()], [""])

    def test_invalid_parameters_are_ignored(self):
        view = self.listing(
            year="abc",
            status="unknown",
            region="atlantis",
            category="<script>",
            article="999",
            mentor="maybe",
            letters="yes",
            sort="evil",
            b_start="-3",
        )
        self.assertEqual((view.total, view.matches), (5, 5))
        self.assertFalse(view.chips())
        self.assertEqual(view.selection.sort, "name")
        self.assertEqual(len(view.cards()), 5)
        view = self.listing(status=["released", "deceased"], year="20222", b_start="many")
        self.assertEqual(view.matches, 5)

    def test_unparsable_search_text_finds_nothing_but_does_not_fail(self):
        for text in ('"', "(", ")(", "not", "***", "and or"):
            view = self.listing(q=text)
            self.assertLessEqual(view.matches, 5, text)
            view.cards()

    def test_a_language_without_profiles(self):
        view = self.listing("ru")
        self.assertEqual((view.total, view.matches), (0, 0))
        self.assertEqual(view.facets(), [])
        self.assertIn("No profile has been published in this language yet.", view.index())

    def test_empty_state(self):
        view = self.listing(region="tver", year="2023")
        self.assertEqual(view.matches, 0)
        self.assertEqual(view.cards(), [])
        self.assertEqual(view.count_text(), "0 of 5 political prisoners match")
        self.assertEqual(len(view.chips()), 2)
        self.assertEqual(view.clear_url(), self.portal["en"]["prisoners"].absolute_url())
        # The active filter stays on offer (with its count) so that it can be removed.
        self.assertEqual(facet(view, "year")["2023"], 0)


class TestListingShowsOnlyWhatIsPublic(ListingTestCase):
    """Drafts, retracted profiles and other languages are never listed or counted for Anonymous."""

    def setUp(self):
        super().setUp()
        self.profiles = make_listing_profiles()

    def assert_unchanged_public_list(self):
        view = self.listing()
        self.assertEqual((view.total, view.matches), (5, 5))
        self.assertEqual(facet(view, "region"), {"Moscow": 3, "Tver region": 2})
        self.assertEqual(facet(view, "letters"), {"Letters get through": 2})
        self.assertEqual(facet(view, "year"), {"2023": 1, "2022": 2, "2019": 1})
        self.assertEqual(len(names(self.listing(region="tver", year="2022"))), 1)

    def test_a_draft_profile_is_neither_listed_nor_counted(self):
        make_draft_profile(self.portal)
        self.assert_unchanged_public_list()
        self.assertEqual(names(self.listing(q="Geheim")), [])
        self.assertEqual(names(self.listing(q="Тайная")), [])

    def test_a_retracted_profile_is_neither_listed_nor_counted(self):
        fritz = make_profile("Fritz Zurueck", region="tver", name_ru="Фриц Отозванный", translations={"de": "Fritz"})
        self.assertEqual(self.listing().total, 6)
        public.retract_profile(fritz.UID())
        self.assert_unchanged_public_list()
        self.assertEqual(names(self.listing(q="Zurueck")), [])
        self.assertEqual(self.listing("de").total, 1)

    def test_a_profile_of_another_language_is_neither_listed_nor_counted(self):
        make_profile_only_in(self.portal, "de", "Greta Nurdeutsch")
        self.assert_unchanged_public_list()
        self.assertEqual(names(self.listing(q="Nurdeutsch")), [])
        self.assertEqual(names(self.listing("de", q="Nurdeutsch")), ["Greta Nurdeutsch"])
        # Translations of English profiles count only in their own language.
        self.assertEqual(self.listing("fr").total, 1)


class TestPages(ListingTestCase):
    def setUp(self):
        super().setUp()
        # 26 profiles over ten regions: the first six regions have three profiles, the other four two.
        self.regions = list(REGIONS)[:10]
        for number in range(26):
            region = self.regions[number % 10]
            make_profile(f"Person {number:02d} Seitenweise", name_ru=f"Персона {number:02d}", region=region)

    def test_pages_of_24(self):
        first = self.listing()
        self.assertEqual(first.total, 26)
        self.assertEqual(len(first.cards()), 24)
        self.assertEqual(names(first)[0], "Person 00 Seitenweise")
        self.assertEqual([(page["number"], page["current"]) for page in first.pages()], [(1, True), (2, False)])
        self.assertTrue(first.pages()[1]["url"].endswith("/en/prisoners?b_start=24"))
        second = self.listing(b_start="24")
        self.assertEqual(names(second), ["Person 24 Seitenweise", "Person 25 Seitenweise"])
        self.assertEqual(second.batch.pagenumber, 2)
        self.assertEqual(second.count_text(), "26 political prisoners")

    def test_page_links_keep_filters_and_sort(self):
        view = self.listing(sort="detention", status="serving_sentence")
        base = self.portal["en"]["prisoners"].absolute_url()
        self.assertEqual(view.page_url(2), f"{base}?status=serving_sentence&sort=detention&b_start=24")

    def test_long_filter_lists_fold_the_rest_under_more(self):
        view = self.listing()
        regions = next(item for item in view.facets() if item["param"] == "region")
        self.assertEqual([option["count"] for option in regions["options"]], [3, 3, 3, 3, 3, 3, 2, 2])
        self.assertEqual([option["count"] for option in regions["more"]], [2, 2])
        self.assertFalse(regions["more_open"])
        hidden = self.regions[-1]
        page = self.listing(region=hidden).index()
        self.assertRegex(page, r"<details open[^>]*>\s*<summary[^>]*>More\s*\(2\)</summary>")
        self.assertRegex(page, r'<a class="[^"]*fw-bold"\s+href="[^"]*/en/prisoners"\s+aria-current="true"')

    def test_an_offset_beyond_the_list_shows_the_first_page(self):
        view = self.listing(b_start="2400")
        self.assertEqual(view.batch.pagenumber, 1)
        self.assertEqual(len(view.cards()), 24)


class TestListingPage(unittest.TestCase):
    """The page as served: markup, links, images, and no private content over HTTP."""

    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.profiles = make_listing_profiles()
        transaction.commit()

    def get(self, path, **params):
        return requests.get(f"{self.site_url}/{path}", params=params, timeout=60)

    def test_page_markup(self):
        response = self.get("en/prisoners", region="tver")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn('id="prisoner-count"', page)
        self.assertIn('role="search"', page)
        self.assertRegex(page, r'<label class="form-label"\s+for="prisoners-q"')
        self.assertIn('<details class="coalition-filters"', page)
        self.assertRegex(page, r'<nav aria-labelledby="prisoner-filters-heading"')
        self.assertRegex(page, r'<nav class="[^"]*"\s+aria-labelledby="prisoner-sort-label"')
        # The active filter and sort are marked; filter links follow the URL contract.
        self.assertRegex(page, r'href="[^"]*/en/prisoners"\s+aria-current="true"')
        self.assertIn("/en/prisoners?region=tver&amp;year=2022", page)
        self.assertIn("Remove filter:", page)
        self.assertIn("Anna Beispiel", page)
        self.assertIn("Chris Probe", page)
        self.assertNotIn("Boris Muster", page)
        self.assertRegex(page, r'<p class="text-body-secondary mb-2"\s+lang="ru"[^>]*>Анна Примерова</p>')

    def test_photo_is_a_scaled_image_and_a_missing_photo_a_placeholder(self):
        page = self.get("en/prisoners", q="Beispiel").text
        anna_url = self.profiles["anna"].absolute_url()
        self.assertIn(f'src="{anna_url}/@@images/image/thumb"', page)
        self.assertIn(f'srcset="{anna_url}/@@images/image/thumb 1x, {anna_url}/@@images/image/mini 2x"', page)
        for scale in ("thumb", "mini"):
            image = requests.get(f"{anna_url}/@@images/image/{scale}", timeout=30)
            self.assertEqual(image.status_code, 200, scale)
            self.assertEqual(image.headers["Content-Type"], "image/jpeg")
        page = self.get("en/prisoners", q="Muster").text
        self.assertIn("Boris Muster", page)
        self.assertNotIn("@@images/image", page)

    def test_pagination_nav_is_labelled(self):
        for number in range(20):
            make_profile(f"Person {number:02d} Seitenweise")
        transaction.commit()
        page = self.get("en/prisoners").text
        self.assertRegex(page, r'<nav class="mt-4"\s+aria-labelledby="prisoner-pages-label"')
        self.assertRegex(page, r'aria-current="page"')
        self.assertIn("b_start=24", page)

    def test_german_page_shows_translated_labels(self):
        page = self.get("de/prisoners").text
        self.assertIn("Anna Beispielowa", page)
        self.assertNotIn("Boris Muster", page)
        status = translate(label("status", "serving_sentence"), target_language="de")
        self.assertNotEqual(status, "Serving a sentence")
        self.assertIn(status, page)

    def test_invalid_parameters_do_not_fail(self):
        for params in (
            {"year": "abc"},
            {"status": "unknown"},
            {"region": "<b>x</b>"},
            {"b_start": "-1"},
            {"b_start": "abc"},
            {"sort": "evil"},
            {"q": '"'},
            {"q": "(("},
            {"letters": "yes", "mentor": "x"},
        ):
            response = self.get("en/prisoners", **params)
            self.assertEqual(response.status_code, 200, params)
        response = requests.get(f"{self.site_url}/en/prisoners?status=released&status=deceased", timeout=30)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("<b>x</b>", self.get("en/prisoners", region="<b>x</b>").text)

    def test_empty_state_offers_to_clear_the_filters(self):
        page = self.get("en/prisoners", region="tver", year="2023").text
        self.assertIn('class="alert alert-info"', page)
        self.assertIn("No political prisoner matches", page)
        self.assertRegex(page, r'<a href="[^"?]*/en/prisoners"\s*>Clear the search and all filters')

    def test_drafts_retracted_profiles_and_other_languages_stay_out_for_anonymous(self):
        before = self.count("en/prisoners")
        make_draft_profile(self.portal, "Dora Geheim")
        fritz = make_profile("Fritz Zurueck", region="tver", name_ru="Фриц Отозванный")
        public.retract_profile(fritz.UID())
        make_profile_only_in(self.portal, "de", "Greta Nurdeutsch")
        transaction.commit()
        self.assertEqual(self.count("en/prisoners"), before)
        for params in ({}, {"region": "tver"}, {"q": "Geheim"}, {"q": "Zurueck"}, {"q": "Nurdeutsch"}):
            page = self.get("en/prisoners", **params).text
            for name in ("Dora Geheim", "Fritz Zurueck", "Greta Nurdeutsch", "Тайная", "Отозванный"):
                self.assertNotIn(name, page, params)
        self.assertIn("Greta Nurdeutsch", self.get("de/prisoners").text)

    def test_a_case_file_never_appears(self):
        create_case(self.portal, full_name="Казимир Секретов", full_name_latin="Kasimir Vertraulich")
        transaction.commit()
        for language in ("en", "ru"):
            before = self.count(f"{language}/prisoners")
            for params in ({}, {"region": "tver"}, {"sort": "detention"}):
                page = self.get(f"{language}/prisoners", **params).text
                self.assertNotIn("Vertraulich", page)
                self.assertNotIn("Секретов", page)
            self.assertEqual(self.count(f"{language}/prisoners"), before)
            # Searched for, the name is echoed in the search field but nothing is found.
            for text in ("Vertraulich", "Секретов"):
                self.assertEqual(self.count(f"{language}/prisoners?q={text}"), 0)
                self.assertNotIn('class="card h-100"', self.get(f"{language}/prisoners", q=text).text)

    def test_valid_html(self):
        documents = {
            "list": self.get("en/prisoners").text,
            "filtered": self.get("en/prisoners", region="moscow", sort="detention", q="Muster").text,
            "empty": self.get("de/prisoners", region="tver", year="2023").text,
        }
        self.assertEqual(html_errors(documents), [])

    def count(self, path) -> int:
        text = self.get(path).text
        # The number's place in the sentence depends on the language ("Политзаключённых: 3").
        sentence = re.search(r'id="prisoner-count"[^>]*>([^<]*)', text).group(1)
        return int(re.search(r"\d+", sentence).group(0))
