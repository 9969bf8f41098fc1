"""The public profile page: facts in the reader's language, photo scales, recognition, letters, related
content, Open Graph tags; and nothing for Anonymous of a draft or retracted profile or of a case file.

Fictional people only.
"""

from coalition.intranet.cases import publication as case_publication
from coalition.intranet.demo import cases as demo_cases
from coalition.intranet.public import api as public
from coalition.intranet.public.boundary import provenance
from coalition.intranet.public.facts import format_date
from coalition.intranet.public.profile.social import og_locale
from coalition.intranet.public.profile.views import PrisonerProfileView
from datetime import date
from datetime import datetime
from datetime import timedelta
import lxml.html
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.app.textfield.value import RichTextValue
import requests
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.mentorship.mentorship_fixtures import public_mentor_of
from tests.page_checkers import axe_violations
from tests.page_checkers import html_errors
from tests.public.profile_fixtures import make_profile
from tests.public.profile_fixtures import portrait
import transaction
import unittest


NAME = "Pavel Vydumkin"
NAME_DE = "Pawel Wydumkin"
NAME_RU = "Павел Выдумкин"
STORY = "A fictional librarian who wrote a poem against the war."
INTERESTS = "Chess problems and Chekhov's letters."
ADDRESS = "170000, г. Тверь, ИК-1\nВыдумкину Павлу Ивановичу, 1985 г. р."
CREDIT = "the family (fictional)"
MENTOR_NAME = "Greta Beispiel"


def _html(text: str):
    return lxml.html.fromstring(text)


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _meta(tree, key: str) -> list[str]:
    found = tree.xpath(f'//head/meta[@property="{key}"]/@content | //head/meta[@name="{key}"]/@content')
    return [str(value) for value in found]


class TestProfilePage(unittest.TestCase):
    """Anonymous readers over HTTP, as the public sees the site."""

    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"

    def get(self, url, **kwargs):
        url = url if url.startswith("http") else f"{self.site_url}/{url}"
        return requests.get(url, timeout=30, allow_redirects=kwargs.pop("allow_redirects", False), **kwargs)

    def page(self, profile):
        response = self.get(profile.absolute_url())
        self.assertEqual(response.status_code, 200, profile.absolute_url())
        return _html(response.text)

    def make_full_profile(self, **facts):
        defaults = {
            "name_ru": NAME_RU,
            "image": portrait(),
            "image_caption": CREDIT,
            "letters_possible": True,
            "postal_address": ADDRESS,
            "interests": INTERESTS,
            "expected_release": date(2029, 3, 31),
        }
        defaults.update(facts)
        profile = make_profile(NAME, translations={"de": NAME_DE}, **defaults)
        with api.env.adopt_roles(["Manager"]):
            profile.story = RichTextValue(f"<p>{STORY}</p>", "text/html", "text/x-html-safe")
        public_mentor_of(profile, MENTOR_NAME)
        transaction.commit()
        return profile

    def test_facts_in_english_with_links_that_follow_the_url_contract(self):
        profile = self.make_full_profile()
        tree = self.page(profile)
        headings = tree.xpath("//h1")
        self.assertEqual([_text(h1) for h1 in headings], [NAME])
        self.assertEqual([_text(span) for span in tree.xpath('//*[@id="content"]//span[@lang="ru"]')][0], NAME_RU)
        facts = _text(tree.xpath('//section[contains(@class, "coalition-profile-facts")]/dl')[0])
        for expected in (
            "Serving a sentence",
            "Tver",
            "Anti-war",
            "Article 207.3: 'fakes' about the armed forces",
            "December 3, 1985",
            "April 1, 2022",
            "March 31, 2029",
            "7 years, general regime colony",
            "Penal colony No. 1, Tver region",
        ):
            self.assertIn(expected, facts)
        today = date.today()
        age = today.year - 1985 - ((today.month, today.day) < (12, 3))
        self.assertIn(f"(age {age})", facts)
        links = tree.xpath('//section[contains(@class, "coalition-profile-facts")]//a/@href')
        prisoners = f"{self.site_url}/en/prisoners"
        for expected in ("status=serving_sentence", "region=tver", "category=anti_war", "article=207.3"):
            self.assertIn(f"{prisoners}?{expected}", links)
        self.assertIn(STORY, _text(tree.xpath('//section[contains(@class, "coalition-profile-story")]')[0]))
        self.assertIn(INTERESTS, _text(tree.xpath('//section[contains(@class, "coalition-profile-interests")]')[0]))
        self.assertEqual(tree.xpath('//p[contains(@class, "coalition-profile-back")]/a/@href'), [prisoners])

    def test_recognition_links_to_the_version_of_the_definition_in_the_readers_language(self):
        profile = self.make_full_profile()
        section = self.page(profile).xpath('//section[contains(@class, "coalition-profile-recognition")]')[0]
        self.assertIn(
            "Recognised as a political prisoner on January 15, 2023 under version 1 of the coalition's definition.",
            _text(section),
        )
        self.assertEqual(section.xpath(".//a/@href"), [f"{self.site_url}/en/definition?version=1"])
        self.assertIn("Category A: prosecuted solely for exercising", _text(section))
        # The demo published version 1 of the definition: the link opens that version.
        definition = self.get(f"{self.site_url}/en/definition?version=1")
        self.assertEqual(definition.status_code, 200)

        german = ITranslationManager(profile).get_translation("de")
        tree = self.page(german)
        section = tree.xpath('//section[contains(@class, "coalition-profile-recognition")]')[0]
        self.assertEqual(section.xpath(".//a/@href"), [f"{self.site_url}/de/definition?version=1"])
        self.assertIn("15. Januar 2023", _text(section))

    def test_german_page_has_the_german_name_dates_and_list_links(self):
        profile = self.make_full_profile()
        german = ITranslationManager(profile).get_translation("de")
        tree = self.page(german)
        self.assertEqual([_text(h1) for h1 in tree.xpath("//h1")], [NAME_DE])
        self.assertEqual(tree.xpath("//html/@lang"), ["de"])
        facts = _text(tree.xpath('//section[contains(@class, "coalition-profile-facts")]/dl')[0])
        self.assertIn("3. Dezember 1985", facts)
        self.assertIn("1. April 2022", facts)
        self.assertIn("„Fakes“ über die Streitkräfte", facts)
        self.assertIn(f"{self.site_url}/de/prisoners?article=207.3", tree.xpath("//a/@href"))
        self.assertNotIn(f"{self.site_url}/en/prisoners?article=207.3", tree.xpath("//a/@href"))

    def test_photo_has_responsive_scales_size_alt_and_credit(self):
        profile = self.make_full_profile()
        tree = self.page(profile)
        figure = tree.xpath('//figure[contains(@class, "coalition-profile-photo")]')[0]
        image = figure.xpath(".//img")[0]
        self.assertEqual(image.get("alt"), NAME)
        self.assertTrue(image.get("width").isdigit() and image.get("height").isdigit())
        # A 600x800 portrait: the 800px "large" scale is not made larger than the photo.
        self.assertEqual((image.get("width"), image.get("height")), ("600", "800"))
        candidates = [candidate.strip().split() for candidate in image.get("srcset").split(",")]
        widths = [int(width.rstrip("w")) for _url, width in candidates]
        self.assertGreaterEqual(len(candidates), 3)
        self.assertEqual(widths, sorted(widths))
        self.assertLessEqual(max(widths), 600)
        self.assertTrue(image.get("sizes"))
        for url, _width in candidates + [[image.get("src"), ""]]:
            self.assertIn(f"{profile.absolute_url()}/@@images/", url)
            scale = self.get(url)
            self.assertEqual(scale.status_code, 200, url)
            self.assertEqual(scale.headers["Content-Type"], "image/jpeg")
        self.assertIn(CREDIT, _text(figure.xpath(".//figcaption")[0]))

    def test_no_photo_no_figure(self):
        profile = self.make_full_profile(image=None, image_caption=CREDIT)
        tree = self.page(profile)
        self.assertEqual(tree.xpath('//figure[contains(@class, "coalition-profile-photo")]'), [])
        self.assertEqual(tree.xpath('//*[@id="content"]//img[@srcset]'), [])
        self.assertNotIn(CREDIT, _text(tree))

    def test_letters_section_with_address_and_advice_when_letters_get_through(self):
        profile = self.make_full_profile()
        tree = self.page(profile)
        section = tree.xpath('//section[contains(@class, "coalition-profile-letters")]')[0]
        self.assertEqual(_text(section.xpath(".//h2")[0]), "How to write a letter")
        addresses = section.xpath('.//address[@lang="ru"]')
        self.assertEqual(len(addresses), 1)
        self.assertEqual([line.strip() for line in addresses[0].xpath("text()")], ADDRESS.splitlines())
        advice = _text(section)
        for expected in (
            "Write in Russian",
            "Leave out politics",
            "full name and year of birth",
            f"{NAME_RU}, 1985 г. р.",
            "stamped envelope",
            "ФСИН-письмо",
        ):
            self.assertIn(expected, advice)

    def test_letters_that_do_not_get_through_are_said_plainly_without_the_address(self):
        profile = self.make_full_profile(letters_possible=False)
        response = self.get(profile.absolute_url())
        tree = _html(response.text)
        self.assertNotIn("Выдумкину", response.text)
        self.assertNotIn("170000", response.text)
        self.assertEqual(tree.xpath("//address"), [])
        self.assertNotIn("How to write a letter", response.text)
        self.assertIn(f"Letters do not get through to {NAME} at the moment", _text(tree))

    def test_mentors_listed_or_a_call_for_a_mentor(self):
        from coalition.intranet.mentorship import lifecycle
        from coalition.intranet.mentorship import profiles
        from coalition.intranet.mentorship import registry

        profile = self.make_full_profile()
        section = self.page(profile).xpath('//section[contains(@class, "coalition-profile-mentors")]')[0]
        self.assertEqual([_text(link) for link in section.xpath(".//li/a")], [MENTOR_NAME])
        self.assertIn("Bundestag", _text(section))
        self.assertIn("Germany", _text(section))
        self.assertEqual(section.xpath('.//*[contains(@class, "coalition-profile-seeks-mentor")]'), [])

        uid = profiles.canonical_uid(profile)
        with api.env.adopt_roles(["Manager"]):
            for mentorship in registry.mentorships(profile_uid=uid, states=("active",)):
                lifecycle.end(mentorship, "withdrawn")
            profile.seeks_mentor = True
            profile.reindexObject()
        transaction.commit()
        section = self.page(profile).xpath('//section[contains(@class, "coalition-profile-mentors")]')[0]
        self.assertIn(f"{NAME} is looking for a mentor", _text(section))
        self.assertEqual(
            section.xpath(".//a/@href"),
            [f"{self.site_url}/en/mentorship/@@prisoners-seeking-mentor?prisoner={uid}#offer"],
        )

    def test_open_graph_and_twitter_card_with_the_photo(self):
        profile = self.make_full_profile()
        tree = self.page(profile)
        self.assertEqual(_meta(tree, "og:title"), [NAME])
        description = _meta(tree, "og:description")
        self.assertEqual(len(description), 1)
        for expected in ("Serving a sentence", "Tver", "207.3"):
            self.assertIn(expected, description[0])
        self.assertNotIn("librarian", description[0])
        images = _meta(tree, "og:image")
        self.assertEqual(len(images), 1)
        self.assertTrue(images[0].startswith(f"{profile.absolute_url()}/@@images/"), images)
        self.assertEqual(self.get(images[0]).status_code, 200)
        self.assertEqual(_meta(tree, "og:image:alt"), [NAME])
        self.assertEqual(_meta(tree, "og:locale"), ["en_GB"])
        self.assertEqual(_meta(tree, "og:locale:alternate"), ["de_DE"])
        self.assertEqual(_meta(tree, "twitter:card"), ["summary_large_image"])
        self.assertEqual(_meta(tree, "og:url"), [profile.absolute_url()])
        # One set of tags: no property or name appears twice (the alternates are a list by design).
        keys = tree.xpath("//head/meta/@property | //head/meta/@name")
        repeated = {key for key in keys if keys.count(key) > 1 and key != "og:locale:alternate"}
        self.assertEqual(repeated, set())

        german = self.page(ITranslationManager(profile).get_translation("de"))
        self.assertEqual(_meta(german, "og:title"), [NAME_DE])
        self.assertEqual(_meta(german, "og:locale"), ["de_DE"])
        self.assertIn("Verbüßt", _meta(german, "og:description")[0])

    def test_open_graph_without_a_photo_is_a_summary_card(self):
        profile = self.make_full_profile(image=None)
        tree = self.page(profile)
        self.assertEqual(_meta(tree, "twitter:card"), ["summary"])
        self.assertFalse(any("@@images" in url for url in _meta(tree, "og:image")))
        self.assertEqual(len(_meta(tree, "og:description")), 1)
        self.assertIn("Serving a sentence", _meta(tree, "og:description")[0])

    def _document(self, container, title, related_to, publish=True, portal_type="Document"):
        with api.env.adopt_roles(["Manager"]):
            item = api.content.create(container=container, type=portal_type, title=title)
            api.relation.create(source=item, target=related_to, relationship="relatedItems")
            if publish:
                api.content.transition(item, to_state="published")
        return item

    def test_related_content_shows_only_what_anonymous_may_see_in_this_language(self):
        profile = self.make_full_profile()
        german = ITranslationManager(profile).get_translation("de")
        portal = self.portal
        self._document(portal["en"]["campaigns"], "Free Pavel campaign", profile)
        self._document(portal["en"]["news"], "Draft statement about Pavel", profile, publish=False)
        self._document(portal["de"]["campaigns"], "Kampagne für Pawel", german)
        self._document(portal["de"]["campaigns"], "Kampagne mit Link auf die englische Seite", profile)
        with api.env.adopt_roles(["Manager"]):
            api.content.create(
                container=portal["intranet"]["organisations"]["alpha"],
                type="Document",
                id="memo-pavel",
                title="Internal memo about Pavel",
            )
            api.relation.create(
                source=portal["intranet"]["organisations"]["alpha"]["memo-pavel"],
                target=profile,
                relationship="relatedItems",
            )
            event = api.content.create(
                container=portal["en"]["events"],
                type="Event",
                title="Letter-writing evening",
                start=datetime(2026, 10, 30, 18, 0),
                end=datetime(2026, 10, 30, 21, 0),
            )
            api.content.transition(event, to_state="published")
            api.relation.create(source=profile, target=event, relationship="relatedItems")
        transaction.commit()

        response = self.get(profile.absolute_url())
        section = _html(response.text).xpath('//section[contains(@class, "coalition-profile-related")]')[0]
        titles = [_text(link) for link in section.xpath(".//a")]
        self.assertEqual(sorted(titles), ["Free Pavel campaign", "Letter-writing evening"])
        self.assertIn("October 30, 2026", _text(section))
        for private in ("Draft statement about Pavel", "Internal memo about Pavel", "Kampagne"):
            self.assertNotIn(private, response.text)
        # Plone's own related-items viewlet is replaced: the event is listed once.
        self.assertEqual(response.text.count("Letter-writing evening"), 1)

        german_titles = [
            _text(link)
            for link in self.page(german).xpath('//section[contains(@class, "coalition-profile-related")]//a')
        ]
        self.assertEqual(german_titles, ["Kampagne für Pawel"])

    def test_editor_sees_draft_related_content_the_reader_does_not(self):
        """A logged-in public editor sees the draft statement; the reader does not (same page)."""
        profile = self.make_full_profile()
        self._document(self.portal["en"]["news"], "Draft statement about Pavel", profile, publish=False)
        transaction.commit()
        self.assertNotIn("Draft statement about Pavel", self.get(profile.absolute_url()).text)
        as_admin = self.get(profile.absolute_url(), auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
        self.assertEqual(as_admin.status_code, 200)
        self.assertIn("Draft statement about Pavel", as_admin.text)

    # Security

    def assert_nothing_for_anonymous(self, url: str, secrets: tuple):
        response = self.get(url)
        self.assertNotEqual(response.status_code, 200, url)
        self.assertIn(response.status_code, (302, 401, 403, 404), url)
        followed = self.get(url, allow_redirects=True)
        for secret in secrets:
            self.assertNotIn(secret, followed.text)
            self.assertNotIn(secret, response.text)

    def test_draft_profile_gives_anonymous_nothing(self):
        with provenance.publication_act(), api.env.adopt_roles(["Manager"]):  # older data: no act recorded
            draft = api.content.create(
                container=self.portal["en"]["prisoners"],
                type="PrisonerProfile",
                title="Draftina Skrytova",
                name_ru="Драфтина Скрытова",
                place_of_detention="Secret colony 77",
                image=portrait(),
            )
        transaction.commit()
        self.assertEqual(api.content.get_state(draft), "draft")
        secrets = ("Draftina Skrytova", "Драфтина Скрытова", "Secret colony 77")
        self.assert_nothing_for_anonymous(draft.absolute_url(), secrets)
        self.assert_nothing_for_anonymous(f"{draft.absolute_url()}/view", secrets)
        self.assert_nothing_for_anonymous(f"{draft.absolute_url()}/@@images/image/large", secrets)

    def test_retracted_profile_gives_anonymous_nothing_in_any_language(self):
        profile = self.make_full_profile()
        german = ITranslationManager(profile).get_translation("de")
        photo_url = self.page(profile).xpath('//figure[contains(@class, "coalition-profile-photo")]//img/@src')[0]
        self.assertEqual(self.get(photo_url).status_code, 200)
        public.retract_profile(profile.UID())
        transaction.commit()
        secrets = (NAME, NAME_DE, NAME_RU, STORY, "Выдумкину")
        self.assert_nothing_for_anonymous(profile.absolute_url(), secrets)
        self.assert_nothing_for_anonymous(german.absolute_url(), secrets)
        self.assert_nothing_for_anonymous(photo_url, secrets)

    def test_no_field_of_the_case_file_reaches_the_profile_page(self):
        """The demo's published case: its confidential data and internal texts are not on the page."""
        cases = self.portal["intranet"]["cases"]
        case = next(case for case in cases.objectValues() if case.full_name_latin == "Mikhail Vymyshlenny")
        profile = case_publication.published_profile(case)
        self.assertIsNotNone(profile)
        pages = [self.get(profile.absolute_url())]
        pages += [self.get(item.absolute_url()) for item in public.translations_of(profile) if item is not profile]
        case_only = (
            demo_cases.PUBLISHED_CASE["lawyer_contacts"],
            demo_cases.PUBLISHED_CASE["relatives_contacts"],
            demo_cases.PUBLISHED_CASE["home_address"],
            demo_cases.PUBLISHED_CASE["health_notes"],
            demo_cases.PUBLISHED_CASE["court"],
            "A fictional teacher sentenced",
            demo_cases.DECISION_REASONING,
            "Fictional demo finding",
            case.absolute_url(),
            "/intranet/",
        )
        self.assertIn("Mikhail Vymyshlenny", pages[0].text)
        for response in pages:
            self.assertEqual(response.status_code, 200)
            for secret in case_only:
                self.assertNotIn(secret, response.text)


class TestProfileView(unittest.TestCase):
    """The view's methods, in-process."""

    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.request = self.layer["request"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        login(self.portal, TEST_USER_NAME)

    def view(self, profile):
        return PrisonerProfileView(profile, self.request)

    def test_articles_have_their_plain_language_explanation_and_a_filter_link(self):
        profile = make_profile("Olga Primerova", articles=["207.3", "280.3"])
        articles = self.view(profile).articles()
        self.assertEqual([article["code"] for article in articles], ["207.3", "280.3"])
        self.assertEqual(articles[0]["explanation"], "'fakes' about the armed forces")
        self.assertEqual(articles[1]["explanation"], "'discrediting' the armed forces")
        self.assertEqual(articles[1]["url"], f"{self.portal.absolute_url()}/en/prisoners?article=280.3")

    def test_age_from_the_date_of_birth_not_for_the_deceased(self):
        born = date.today().replace(year=date.today().year - 40) - timedelta(days=1)
        profile = make_profile("Olga Primerova", date_of_birth=born, birth_year=born.year)
        self.assertEqual(self.view(profile).age(), 40)
        profile.status = "deceased"
        self.assertIsNone(self.view(profile).age())
        profile.date_of_birth = None
        self.assertEqual(self.view(profile).birth_year(), born.year)

    def test_definition_link_without_a_published_version_is_the_definition_page(self):
        profile = make_profile("Olga Primerova", criteria_version=7)
        # No definition is published in this layer: the page links to the definition as it is.
        self.assertEqual(self.view(profile).definition_url(7), f"{self.portal.absolute_url()}/en/definition")

    def test_recognition_category_is_explained_and_the_wording_follows_gender(self):
        profile = make_profile("Olga Primerova", category="b", gender="female")
        recognition = self.view(profile).recognition()
        self.assertEqual(recognition["category"], "B")
        self.assertIn("Category B", recognition["category_explanation"].default)
        self.assertTrue(recognition["female"])
        profile.gender = "unknown"
        self.assertFalse(self.view(profile).recognition()["female"])
        profile.recognised_on = None
        profile.criteria_version = None
        self.assertIsNone(self.view(profile).recognition())

    def test_address_only_while_letters_get_through(self):
        profile = make_profile("Olga Primerova", letters_possible=True, postal_address="Line 1\n\nLine 2\n")
        self.assertEqual(self.view(profile).postal_address(), ["Line 1", "Line 2"])
        profile.letters_possible = False
        self.assertEqual(self.view(profile).postal_address(), [])
        self.assertTrue(self.view(profile).letters_blocked())
        profile.status = "released"
        self.assertFalse(self.view(profile).letters_blocked())

    def test_related_items_follow_the_readers_permissions(self):
        profile = make_profile("Olga Primerova")
        draft = api.content.create(container=self.portal["en"]["news"], type="Document", title="Draft note")
        api.relation.create(source=draft, target=profile, relationship="relatedItems")
        self.assertEqual([item["title"] for item in self.view(profile).related()], ["Draft note"])
        logout()
        self.assertEqual(self.view(profile).related(), [])

    def test_related_published_item_without_view_permission_is_not_listed(self):
        profile = make_profile("Olga Primerova")
        page = api.content.create(container=self.portal["en"]["news"], type="Document", title="Restricted page")
        api.content.transition(page, to_state="published")
        api.relation.create(source=page, target=profile, relationship="relatedItems")
        # Published, but readable by managers only: the permission check alone must keep it off the page.
        page.manage_permission("View", ["Manager"], acquire=False)
        self.assertEqual([item["title"] for item in self.view(profile).related()], ["Restricted page"])
        logout()
        self.assertEqual(self.view(profile).related(), [])

    def test_own_related_items_of_other_types_are_not_listed(self):
        profile = make_profile("Olga Primerova")
        link = api.content.create(container=self.portal["en"]["news"], type="Link", title="A link", remoteUrl="x")
        page = api.content.create(container=self.portal["en"]["news"], type="Document", title="A page")
        api.relation.create(source=profile, target=link, relationship="relatedItems")
        api.relation.create(source=profile, target=page, relationship="relatedItems")
        self.assertEqual([item["title"] for item in self.view(profile).related()], ["A page"])

    def test_dates_and_og_locale_per_language(self):
        day = date(2024, 2, 12)
        self.assertEqual(format_date(day, "en"), "February 12, 2024")
        self.assertEqual(format_date(day, "de"), "12. Februar 2024")
        self.assertEqual(format_date(day, "fr"), "12 février 2024")
        self.assertEqual(format_date(day, "ru"), "12 февраля 2024 г.")
        self.assertEqual(format_date(day, "xx"), "2024-02-12")
        self.assertEqual(og_locale("en"), "en_GB")
        self.assertEqual(og_locale("de"), "de_DE")
        self.assertEqual(og_locale("uk"), "uk_UA")
        self.assertEqual(og_locale("pt-br"), "pt_BR")

    def test_photo_is_none_without_an_image(self):
        profile = make_profile("Olga Primerova")
        self.assertIsNone(self.view(profile).photo())
        profile.image = portrait(size=(300, 400))
        photo = self.view(profile).photo()
        self.assertEqual((photo["width"], photo["height"]), (300, 400))
        self.assertIn(" 300w", photo["srcset"])


class TestProfilePageInTheBrowser(unittest.TestCase):
    """Layout on desktop and phone, WCAG 2.1 AA (axe-core) and valid HTML (Nu checker)."""

    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.session = self.layer["browser"]
        profile = make_profile(
            NAME,
            translations={"de": NAME_DE},
            name_ru=NAME_RU,
            image=portrait(),
            image_caption=CREDIT,
            letters_possible=True,
            postal_address=ADDRESS,
            seeks_mentor=True,
            interests=INTERESTS,
        )
        with api.env.adopt_roles(["Manager"]):
            profile.story = RichTextValue(f"<p>{STORY}</p>", "text/html", "text/x-html-safe")
        transaction.commit()
        self.profile = profile

    def boxes(self, page):
        return {
            name: page.locator(selector).bounding_box()
            for name, selector in {
                "photo": ".coalition-profile-photo img",
                "facts": ".coalition-profile-facts",
                "story": ".coalition-profile-story",
            }.items()
        }

    def test_two_columns_on_desktop_one_on_a_phone(self):
        page = self.session.new_page()
        page.goto(self.profile.absolute_url())
        boxes = self.boxes(page)
        self.assertGreater(boxes["story"]["x"], boxes["photo"]["x"] + boxes["photo"]["width"] - 1)
        save_screenshot(page, "profile-en-desktop")

        phone = self.session.new_page(viewport=PHONE)
        phone.goto(self.profile.absolute_url())
        boxes = self.boxes(phone)
        self.assertAlmostEqual(boxes["story"]["x"], boxes["photo"]["x"], delta=2)
        self.assertGreater(boxes["facts"]["y"], boxes["photo"]["y"] + boxes["photo"]["height"] - 1)
        self.assertGreater(boxes["story"]["y"], boxes["facts"]["y"] + boxes["facts"]["height"] - 1)
        self.assertLessEqual(boxes["photo"]["width"], PHONE["width"])
        # The browser picked a scale from srcset that suits the phone, not the largest one.
        self.assertTrue(phone.locator(".coalition-profile-photo img").evaluate("img => img.currentSrc"))
        save_screenshot(phone, "profile-en-phone")

    def test_accessible_and_valid_in_english_and_german(self):
        pages = {}
        for language, item in (("en", self.profile), ("de", ITranslationManager(self.profile).get_translation("de"))):
            page = self.session.new_page()
            page.goto(item.absolute_url())
            # The markup as served, before axe-core injects its script.
            pages[f"profile-{language}"] = page.content()
            self.assertEqual(axe_violations(page), [], language)
        self.assertEqual(html_errors(pages), [])
