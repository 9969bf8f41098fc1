"""The public statistics page: counts from the catalog, charts with the same numbers as their tables,
upcoming birthdays and releases, languages, and nothing of a draft or retracted profile for Anonymous."""

from coalition.intranet.interfaces import ICoalitionLayer
from coalition.intranet.public import api as public
from coalition.intranet.public.boundary import provenance
from coalition.intranet.public.facts import record_ids
from coalition.intranet.public.statistics.counts import count_public_profiles
from coalition.intranet.public.statistics.upcoming import next_birthday
from coalition.intranet.public.statistics.upcoming import upcoming_birthdays
from coalition.intranet.public.statistics.upcoming import upcoming_releases
from datetime import date
from datetime import timedelta
import lxml.html
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from Products.CMFCore.indexing import processQueue
from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain
import re
import requests
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.public.profile_fixtures import make_profile
import transaction
import unittest
from unittest import mock
from xml.etree import ElementTree
from zExceptions import NotFound
from zope.interface import alsoProvides


SVG = "{http://www.w3.org/2000/svg}"
TODAY = date(2026, 5, 10)


def born_for_birthday_on(day: date, age: int = 40) -> date:
    """A date of birth whose birthday falls on ``day`` (``age`` years later)."""
    return day.replace(year=day.year - age)


def make_draft(portal, title: str, **facts):
    """A profile created in the English list but never published (initial state, as older data may hold)."""
    with provenance.publication_act(), api.env.adopt_roles(["Manager"]):
        draft = api.content.create(container=portal["en"]["prisoners"], type="PrisonerProfile", title=title, **facts)
    assert api.content.get_state(draft) != "published"
    return draft


def make_retracted(title: str, **facts):
    profile = make_profile(title, **facts)
    public.retract_profile(profile.UID())
    return profile


def render(folder) -> str:
    request = folder.REQUEST
    alsoProvides(request, ICoalitionLayer)
    return api.content.get_view(name="statistics", context=folder, request=request)()


def section(page, section_id):
    return page.get_element_by_id(f"statistics-{section_id}")


def svg_of(markup: str, section_id: str):
    """The SVG of a section, parsed as XML straight from the page's markup."""
    found = re.search(rf'<svg [^>]*id="chart-{section_id}".*?</svg>', markup, re.DOTALL)
    return ElementTree.fromstring(found.group(0))  # noqa: S314 - the page under test, not untrusted input


class TestCounts(unittest.TestCase):
    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        login(self.layer["app"], SITE_OWNER_NAME)
        make_profile(
            "Anna Zahlenova",
            translations={"de": "Anna Zahlenowa"},
            status="serving_sentence",
            region="tver",
            articles=["207.3"],
            case_categories=["anti_war"],
            date_of_detention=date(2022, 4, 1),
        )
        make_profile(
            "Boris Zahlenov",
            status="pre_trial_custody",
            region="moscow",
            articles=["207.3", "280.3"],
            case_categories=["anti_war", "journalists"],
            date_of_detention=date(2023, 6, 10),
        )
        make_profile(
            "Chris Zahlenko",
            status="house_arrest",
            region="moscow",
            articles=["280.3"],
            case_categories=["civic_activists"],
            date_of_detention=date(2023, 1, 5),
        )
        make_profile(
            "Darya Zahlenskaya",
            status="released",
            region="moscow",
            articles=["282.2"],
            case_categories=["religious"],
            date_of_detention=date(2019, 2, 2),
        )
        make_profile(
            "Emil Zahlenin",
            status="emigrated",
            region=None,
            articles=["282.2"],
            case_categories=["religious"],
            date_of_detention=None,
        )
        # Neither of these two is public: they must not be counted or named.
        make_draft(
            self.portal,
            "Fedor Geheimov",
            status="serving_sentence",
            region="chechnya",
            articles=["275"],
            case_categories=["scientists"],
            date_of_detention=date(2015, 3, 3),
        )
        make_retracted(
            "Galina Zurueckova",
            status="serving_sentence",
            region="dagestan",
            articles=["275.1"],
            case_categories=["lgbt"],
            date_of_detention=date(2016, 3, 3),
        )
        processQueue()
        logout()

    def test_counts_per_status_region_article_year_and_category(self):
        counts = count_public_profiles("en")
        self.assertEqual(counts.total, 5)
        self.assertEqual(counts.imprisoned, 3)
        self.assertEqual(
            counts.by_status,
            {"serving_sentence": 1, "pre_trial_custody": 1, "house_arrest": 1, "released": 1, "emigrated": 1},
        )
        self.assertEqual(counts.by_region, {"tver": 1, "moscow": 3})
        self.assertEqual(counts.region_not_stated, 1)
        self.assertEqual(counts.by_article, {"207.3": 2, "280.3": 2, "282.2": 2})
        self.assertEqual(counts.by_year, {2022: 1, 2023: 2, 2019: 1})
        self.assertEqual(counts.year_not_stated, 1)
        self.assertEqual(counts.by_category, {"anti_war": 2, "journalists": 1, "civic_activists": 1, "religious": 2})

    def test_counting_wakes_no_profile(self):
        with mock.patch.object(AbstractCatalogBrain, "getObject", side_effect=AssertionError("woken")):
            self.assertEqual(count_public_profiles("en").total, 5)

    def test_record_ids_read_from_the_lazy_result_or_from_brains(self):
        catalog = api.portal.get_tool("portal_catalog")
        lazy = catalog.searchResults(portal_type="PrisonerProfile", review_state="published")
        sorted_by_id = catalog.searchResults(portal_type="PrisonerProfile", review_state="published", sort_on="id")
        expected = sorted(brain.getRID() for brain in lazy)
        self.assertEqual(len(expected), 6)
        self.assertEqual(list(record_ids(lazy)), expected)
        self.assertEqual(list(record_ids(sorted_by_id)), expected)
        self.assertEqual(list(record_ids(list(lazy))), expected)

    def test_draft_and_retracted_profiles_are_not_counted_even_for_a_manager(self):
        for user in (None, SITE_OWNER_NAME):
            if user:
                login(self.layer["app"], user)
            counts = count_public_profiles("en")
            self.assertNotIn("chechnya", counts.by_region)
            self.assertNotIn("dagestan", counts.by_region)
            self.assertNotIn("275", counts.by_article)
            self.assertNotIn("275.1", counts.by_article)
            self.assertNotIn(2015, counts.by_year)
            self.assertNotIn(2016, counts.by_year)
            self.assertEqual(counts.total, 5)

    def test_counts_of_a_language_include_only_its_profiles(self):
        counts = count_public_profiles("de")
        self.assertEqual(counts.total, 1)
        self.assertEqual(counts.by_status, {"serving_sentence": 1})
        self.assertEqual(counts.by_region, {"tver": 1})
        self.assertEqual(counts.by_article, {"207.3": 1})
        self.assertEqual(counts.by_year, {2022: 1})
        self.assertEqual(count_public_profiles("fr").total, 0)

    def test_page_shows_key_figures_linked_to_the_filtered_list(self):
        page = lxml.html.fromstring(render(self.portal["en"]["prisoners"]))
        figures = {
            " ".join(item.text_content().split()): item.get("href")
            for item in page.get_element_by_id("statistics-figures").iter("a")
        }
        base = "http://nohost/plone/en/prisoners"
        self.assertEqual(figures["5 People on the list"], base)
        self.assertEqual(figures["1 Released"], f"{base}?status=released")
        self.assertEqual(figures["1 Emigrated"], f"{base}?status=emigrated")
        self.assertEqual(figures["Pre-trial custody: 1"], f"{base}?status=pre_trial_custody")
        self.assertEqual(figures["House arrest: 1"], f"{base}?status=house_arrest")
        self.assertEqual(figures["Serving a sentence: 1"], f"{base}?status=serving_sentence")
        imprisoned = page.xpath("//*[@id='statistics-figures']/li[2]")[0]
        self.assertEqual(" ".join(imprisoned.text_content().split())[:22], "3 Currently imprisoned")
        self.assertNotIn("Deceased", page.get_element_by_id("statistics-figures").text_content())

    def test_each_chart_has_a_table_with_the_same_numbers_and_links(self):
        markup = render(self.portal["en"]["prisoners"])
        page = lxml.html.fromstring(markup)
        expected = {
            "region": [
                ("Moscow", "3", "region=moscow"),
                ("Tver region", "1", "region=tver"),
                ("Not stated", "1", None),
            ],
            "article": [
                ("207.3 – 'fakes' about the armed forces", "2", "article=207.3"),
                ("280.3 – 'discrediting' the armed forces", "2", "article=280.3"),
                ("282.2 – organising or taking part in an 'extremist' organisation", "2", "article=282.2"),
            ],
            "year": [
                ("2019", "1", "year=2019"),
                ("2022", "1", "year=2022"),
                ("2023", "2", "year=2023"),
                ("Not stated", "1", None),
            ],
            "category": [
                ("Anti-war", "2", "category=anti_war"),
                ("Religious", "2", "category=religious"),
                ("Civic activists", "1", "category=civic_activists"),
                ("Journalists", "1", "category=journalists"),
            ],
        }
        for section_id, rows in expected.items():
            table = section(page, section_id).find(".//table")
            self.assertTrue(table.find("caption").text_content().strip())
            self.assertEqual([th.get("scope") for th in table.findall("thead/tr/th")], ["col", "col"])
            table_rows = []
            for row in table.findall("tbody/tr"):
                self.assertEqual(row.find("th").get("scope"), "row")
                link = row.find("td/a")
                href = link.get("href").split("?")[1] if link is not None else None
                table_rows.append((row.find("th").text_content().strip(), row.find("td").text_content().strip(), href))
            self.assertEqual(table_rows, rows, section_id)
            svg = svg_of(markup, section_id)
            self.assertEqual(svg.get("role"), "img")
            self.assertEqual(svg.find(f"{SVG}title").text, table.find("caption").text_content().strip())
            chart_values = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "coalition-chart-value"]
            self.assertEqual(chart_values, [number for _label, number, _href in rows], section_id)
            description = svg.find(f"{SVG}desc").text
            for label, number, _href in rows:
                self.assertIn(f"{label}: {number}", description)

    def test_anonymous_page_names_no_draft_or_retracted_profile(self):
        today = date.today()
        with api.env.adopt_roles(["Manager"]):
            for title in ("Fedor Geheimov", "Galina Zurueckova"):
                profile = api.content.find(Title=title, unrestricted=True)[0]._unrestrictedGetObject()
                profile.date_of_birth = born_for_birthday_on(today + timedelta(days=3))
                profile.expected_release = today + timedelta(days=30)
                profile.reindexObject()
        processQueue()
        markup = render(self.portal["en"]["prisoners"])
        for secret in ("Geheimov", "Zurueckova", "Chechen", "Dagestan", "275", "2015", "2016", "Scientists", "LGBT"):
            self.assertNotIn(secret, markup)
        page = lxml.html.fromstring(markup)
        self.assertIn("No releases are expected", section(page, "releases").text_content())
        for name in section(page, "birthdays").xpath(".//tbody//a/text()"):
            self.assertIn(name, ("Anna Zahlenova", "Boris Zahlenov", "Chris Zahlenko"))

    def test_region_chart_shows_the_top_fifteen_and_folds_the_rest(self):
        login(self.layer["app"], SITE_OWNER_NAME)
        regions = ["altai_krai", "amur", "arkhangelsk", "astrakhan", "belgorod", "bryansk", "buryatia", "chelyabinsk"]
        regions += ["chukotka", "chuvashia", "ingushetia", "irkutsk", "ivanovo", "kaliningrad", "kaluga", "kirov"]
        for number, region in enumerate(regions):
            make_profile(f"Person Regionov {number}", region=region)
        processQueue()
        logout()
        markup = render(self.portal["en"]["prisoners"])
        page = lxml.html.fromstring(markup)
        rows = section(page, "region").findall(".//table/tbody/tr")
        labels = [row.find("th").text_content().strip() for row in rows]
        # Moscow (3) first; then 17 regions of one person: 14 fit, 3 go into "other".
        self.assertEqual(len(labels), 17)
        self.assertEqual(labels[0], "Moscow")
        self.assertEqual(labels[-2:], ["Other regions", "Not stated"])
        self.assertEqual(rows[-2].find("td").text_content().strip(), "3")
        folded = section(page, "region").findall(".//details//a")
        self.assertEqual(len(folded), 3)
        self.assertTrue(all("?region=" in link.get("href") for link in folded))
        svg = svg_of(markup, "region")
        bars = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "coalition-chart-bar"]
        self.assertEqual(len(bars), 17)

    def test_german_page_counts_german_profiles_with_german_dates_and_numbers(self):
        today = date.today()
        login(self.layer["app"], SITE_OWNER_NAME)
        anna = api.content.find(Title="Anna Zahlenova")[0].getObject()
        for item in public.translations_of(anna):
            item.date_of_birth = born_for_birthday_on(today + timedelta(days=5))
            item.expected_release = today + timedelta(days=40)
            item.reindexObject()
        processQueue()
        logout()
        markup = render(self.portal["de"]["prisoners"])
        page = lxml.html.fromstring(markup)
        figures = page.get_element_by_id("statistics-figures")
        links = [link.get("href") for link in figures.iter("a")]
        self.assertIn("http://nohost/plone/de/prisoners?status=serving_sentence", links)
        self.assertNotIn("Boris", markup)
        birthday = section(page, "birthdays").find(".//tbody/tr")
        self.assertEqual(birthday.find("th/a").text, "Anna Zahlenowa")
        self.assertEqual(birthday.find("th/a").get("href"), anna.absolute_url().replace("/en/", "/de/"))
        shown = today + timedelta(days=5)
        german_months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August"]
        german_months += ["September", "Oktober", "November", "Dezember"]
        self.assertEqual(birthday.find("td/time").text, f"{shown.day}. {german_months[shown.month - 1]} {shown.year}")
        self.assertEqual(birthday.find("td/time").get("datetime"), shown.isoformat())
        self.assertEqual(birthday.findall("td")[1].text_content().strip(), "40")
        release = section(page, "releases").find(".//tbody/tr")
        self.assertEqual(release.find("th/a").text, "Anna Zahlenowa")

    def test_view_exists_only_in_language_folders(self):
        with api.env.adopt_roles(["Manager"]):
            folder = api.content.create(container=self.portal, type="Folder", id="elsewhere", title="Elsewhere")
        with self.assertRaises(NotFound):
            render(folder)


class TestEmptyPage(unittest.TestCase):
    layer = COALITION_INTEGRATION_TESTING

    def test_empty_states(self):
        logout()
        markup = render(self.layer["portal"]["en"]["prisoners"])
        page = lxml.html.fromstring(markup)
        self.assertIn("No one is on the public list", page.get_element_by_id("statistics-empty").text_content())
        self.assertNotIn("<svg", markup)
        self.assertIn("No birthdays in the next 60 days.", " ".join(markup.split()))
        self.assertIn("No releases are expected in the next 12 months.", markup)


class TestUpcoming(unittest.TestCase):
    """Birthdays in the next 60 days and releases in the next 12 months, of people in detention."""

    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        login(self.layer["app"], SITE_OWNER_NAME)
        self.make("Today Geburtstag", birthday=TODAY, letters_possible=True, translations={"de": "Heute Geburtstag"})
        self.make("Last Day", birthday=TODAY + timedelta(days=60), age=25)
        self.make("Too Late", birthday=TODAY + timedelta(days=61))
        self.make("Just Passed", birthday=TODAY - timedelta(days=1))
        self.make("Free Already", birthday=TODAY + timedelta(days=2), status="released")
        self.make("No Birthday Known")
        self.make("Release Today", release=TODAY)
        self.make("Release In A Year", release=date(2027, 5, 10), status="pre_trial_custody")
        self.make("Release Later", release=date(2027, 5, 11))
        self.make("Release Passed", release=TODAY - timedelta(days=1))
        self.make("Released Early", release=TODAY + timedelta(days=30), status="released")
        self.make("At Home", release=TODAY + timedelta(days=100), status="house_arrest")
        make_draft(self.portal, "Draft Birthday", status="serving_sentence", date_of_birth=born_for_birthday_on(TODAY))
        make_retracted("Retracted Person", date_of_birth=born_for_birthday_on(TODAY), expected_release=TODAY)
        processQueue()
        logout()

    def make(self, title, birthday=None, age=40, release=None, **facts):
        facts.setdefault("status", "serving_sentence")
        return make_profile(
            title,
            date_of_birth=born_for_birthday_on(birthday, age) if birthday else None,
            expected_release=release,
            **facts,
        )

    def test_birthdays_from_today_to_sixty_days_of_people_in_detention(self):
        birthdays = upcoming_birthdays("en", TODAY)
        self.assertEqual([item.title for item in birthdays], ["Today Geburtstag", "Last Day"])
        first, last = birthdays
        self.assertEqual((first.date, first.age, first.letters_possible), (TODAY, 40, True))
        self.assertEqual((last.date, last.age, last.letters_possible), (date(2026, 7, 9), 25, False))
        self.assertTrue(first.url.endswith("/en/prisoners/" + first.url.rsplit("/", 1)[-1]))

    def test_birthdays_across_new_year(self):
        login(self.layer["app"], SITE_OWNER_NAME)
        self.make("New Year Baby", birthday=date(2027, 1, 2), age=30)
        processQueue()
        logout()
        birthdays = upcoming_birthdays("en", date(2026, 12, 20))
        found = [(item.title, item.date, item.age) for item in birthdays]
        self.assertEqual(found, [("New Year Baby", date(2027, 1, 2), 30)])

    def test_leap_day_birthdays_are_kept_on_28_february_in_common_years(self):
        self.assertEqual(next_birthday(date(2000, 2, 29), date(2027, 2, 1)), date(2027, 2, 28))
        self.assertEqual(next_birthday(date(2000, 2, 29), date(2028, 2, 1)), date(2028, 2, 29))
        self.assertEqual(next_birthday(date(2000, 3, 1), date(2027, 3, 2)), date(2028, 3, 1))

    def test_releases_in_the_next_twelve_months_of_people_still_in_detention(self):
        releases = upcoming_releases("en", TODAY)
        self.assertEqual(
            [(item.title, item.date) for item in releases],
            [
                ("Release Today", TODAY),
                ("At Home", TODAY + timedelta(days=100)),
                ("Release In A Year", date(2027, 5, 10)),
            ],
        )

    def test_other_languages_list_only_their_translations(self):
        birthdays = upcoming_birthdays("de", TODAY)
        self.assertEqual([item.title for item in birthdays], ["Heute Geburtstag"])
        self.assertIn("/de/prisoners/", birthdays[0].url)
        self.assertEqual(upcoming_releases("de", TODAY), [])

    def test_draft_and_retracted_profiles_are_not_named_even_for_a_manager(self):
        for user in (None, SITE_OWNER_NAME):
            if user:
                login(self.layer["app"], user)
            titles = [item.title for item in upcoming_birthdays("en", TODAY) + upcoming_releases("en", TODAY)]
            self.assertNotIn("Draft Birthday", titles)
            self.assertNotIn("Retracted Person", titles)

    def test_with_the_indexes_the_same_lists_without_waking_a_profile(self):
        # The profile installs the indexes; without them (a site before the upgrade) the lists wake profiles.
        catalog = api.portal.get_tool("portal_catalog")
        with api.env.adopt_roles(["Manager"]):
            catalog.delIndex("prisoner_birthday")
            catalog.delIndex("prisoner_expected_release")
        expected = (upcoming_birthdays("en", TODAY), upcoming_releases("en", TODAY))
        new_year = upcoming_birthdays("en", date(2026, 12, 20))
        # Across New Year, with a birthday on the last day of the window (9 July).
        long_window = upcoming_birthdays("en", date(2026, 12, 31), days=190)
        self.assertEqual([item.title for item in long_window], ["Just Passed", "Today Geburtstag", "Last Day"])
        with api.env.adopt_roles(["Manager"]):
            catalog.addIndex("prisoner_birthday", "FieldIndex")
            catalog.addIndex("prisoner_expected_release", "FieldIndex")
            catalog.manage_reindexIndex(ids=["prisoner_birthday", "prisoner_expected_release"])
        index = catalog.Indexes["prisoner_birthday"]
        self.assertIn("0510-1986", index.uniqueValues())
        with mock.patch.object(AbstractCatalogBrain, "getObject", side_effect=AssertionError("woken")):
            self.assertEqual((upcoming_birthdays("en", TODAY), upcoming_releases("en", TODAY)), expected)
            self.assertEqual(upcoming_birthdays("en", date(2026, 12, 20)), new_year)
            self.assertEqual(upcoming_birthdays("en", date(2026, 12, 31), days=190), long_window)

    def test_leap_day_birthday_found_through_the_index_on_28_february(self):
        login(self.layer["app"], SITE_OWNER_NAME)
        self.make("Leap Day", birthday=date(2028, 2, 29), age=28)
        processQueue()
        catalog = api.portal.get_tool("portal_catalog")
        catalog.delIndex("prisoner_birthday")
        without_index = [(item.title, item.date) for item in upcoming_birthdays("en", date(2027, 1, 20))]
        catalog.addIndex("prisoner_birthday", "FieldIndex")
        catalog.manage_reindexIndex(ids=["prisoner_birthday"])
        logout()
        with_index = [(item.title, item.date) for item in upcoming_birthdays("en", date(2027, 1, 20), days=39)]
        self.assertEqual(without_index, [("Leap Day", date(2027, 2, 28))])
        self.assertEqual(with_index, without_index)

    def test_page_lists_birthdays_with_age_and_letters_and_releases(self):
        today = date.today()
        login(self.layer["app"], SITE_OWNER_NAME)
        self.make("Page Birthday", birthday=today + timedelta(days=1), age=33, letters_possible=True)
        self.make("Page Release", release=today + timedelta(days=200))
        processQueue()
        logout()
        page = lxml.html.fromstring(render(self.portal["en"]["prisoners"]))
        birthdays = {
            row.find("th/a").text: [cell.text_content().strip() for cell in row.findall("td")]
            for row in section(page, "birthdays").findall(".//tbody/tr")
        }
        shown = today + timedelta(days=1)
        self.assertEqual(birthdays["Page Birthday"], [f"{shown:%B} {shown.day}, {shown.year}", "33", "Yes"])
        releases = [row.find("th/a").text for row in section(page, "releases").findall(".//tbody/tr")]
        self.assertIn("Page Release", releases)
        self.assertNotIn("Draft Birthday", page.text_content())
        self.assertNotIn("Retracted Person", page.text_content())


class TestStatisticsOverHttp(unittest.TestCase):
    """The page as an anonymous reader gets it from the server, in two languages."""

    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        make_profile("Hanna Netzova", translations={"de": "Hanna Netzowa"}, status="released", region="moscow")
        make_draft(self.layer["portal"], "Igor Verborgen", status="serving_sentence", region="chechnya")
        transaction.commit()

    def test_anonymous_readers_get_the_page_in_their_language(self):
        english = requests.get(f"{self.site_url}/en/prisoners/@@statistics", timeout=30)
        self.assertEqual(english.status_code, 200)
        self.assertIn("Political prisoners in numbers", english.text)
        self.assertIn(f"{self.site_url}/en/prisoners?status=released", english.text)
        german = requests.get(f"{self.site_url}/de/prisoners/@@statistics", timeout=30)
        self.assertEqual(german.status_code, 200)
        self.assertIn('lang="de"', german.text)
        # The status label comes translated from the vocabulary.
        self.assertIn("Freigelassen", german.text)
        self.assertIn(f"{self.site_url}/de/prisoners?status=released", german.text)
        for text in (english.text, german.text):
            self.assertNotIn("Verborgen", text)
            self.assertNotIn("chechnya", text)
            self.assertEqual(len(re.findall(r'<svg [^>]*role="img"', text)), 4)


class TestUpcomingPagesAreBounded(unittest.TestCase):
    """The statistics page shows the soonest dates only; the whole list is batched on its own page."""

    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.folder = self.portal["en"]["prisoners"]
        login(self.layer["app"], SITE_OWNER_NAME)
        for number in range(25):
            make_profile(
                f"Person Kalendarov {number:02d}",
                status="serving_sentence",
                date_of_birth=born_for_birthday_on(date.today() + timedelta(days=number)),
            )
        processQueue()
        logout()

    def render_view(self, name, **form):
        request = self.folder.REQUEST
        alsoProvides(request, ICoalitionLayer)
        request.form.update(form)
        return lxml.html.fromstring(api.content.get_view(name=name, context=self.folder, request=request)())

    def test_the_statistics_page_shows_the_soonest_birthdays_and_links_to_all(self):
        page = lxml.html.fromstring(render(self.folder))
        names = section(page, "birthdays").xpath(".//tbody//a/text()")
        self.assertEqual(names, [f"Person Kalendarov {number:02d}" for number in range(20)])
        more = section(page, "birthdays").xpath(".//a[contains(@href, '@@upcoming-birthdays')]")
        self.assertEqual(" ".join(more[0].text_content().split()), "All 25 upcoming birthdays")

    def test_the_whole_list_is_batched_with_links_between_the_batches(self):
        from coalition.intranet.public.statistics import views

        original = views.UPCOMING_BATCH
        views.UPCOMING_BATCH = 10
        try:
            first = self.render_view("upcoming-birthdays")
            self.assertEqual(len(first.xpath("//tbody/tr")), 10)
            self.assertIn("1–10 of 25", " ".join(first.text_content().split()))
            self.assertTrue(first.xpath("//a[contains(@href, 'b_start=10')]"))
            last = self.render_view("upcoming-birthdays", b_start="20")
            names = last.xpath("//tbody//a/text()")
            self.assertEqual(names, [f"Person Kalendarov {number:02d}" for number in range(20, 25)])
            self.assertTrue(last.xpath("//a[contains(@href, 'b_start=10')]"))
            self.assertFalse(last.xpath("//a[contains(@href, 'b_start=30')]"))
        finally:
            views.UPCOMING_BATCH = original

    def test_a_period_without_releases_says_so(self):
        page = self.render_view("upcoming-releases")
        self.assertIn("Nothing in this period.", page.text_content())
        self.assertFalse(page.xpath("//tbody/tr"))
