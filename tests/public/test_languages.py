"""The language switcher leads to the same content in the other language, or to a "not yet translated" page in
that language; the head names the published translations (hreflang). Unpublished translations stay invisible."""

from coalition.intranet.public import api as public
from plone import api
from plone.app.multilingual.interfaces import ITG
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.textfield.value import RichTextValue
import re
import requests
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.page_checkers import axe_violations
from tests.page_checkers import html_errors
from tests.public.profile_fixtures import make_profile
import transaction
import unittest


EDITOR = ("editor-de", "demo-secret")
DRAFT_TITLE = "Ivan Brouillonov"


def selector_links(html: str) -> dict:
    """language -> (href, the link's whole tag) of the language switcher's links."""
    block = re.search(r'<ul id="portal-languageselector">(.*?)</ul>', html, re.S).group(1)
    links = {}
    for tag, text in re.findall(r"(<a [^>]*>)([^<]*)</a>", block):
        links[re.search(r'hreflang="([^"]+)"', tag).group(1)] = (re.search(r'href="([^"]+)"', tag).group(1), tag, text)
    return links


def alternates(html: str) -> list[tuple[str, str]]:
    """(hreflang, href) of the ``<link rel="alternate" hreflang>`` elements in the head."""
    head = html.split("</head>")[0]
    found = []
    for tag in re.findall(r"<link [^>]*>", head):
        if 'rel="alternate"' in tag and "hreflang=" in tag:
            found.append((re.search(r'hreflang="([^"]+)"', tag).group(1), re.search(r'href="([^"]+)"', tag).group(1)))
    return found


class LanguageTestCase(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"

    def url(self, obj) -> str:
        return obj.absolute_url().replace(self.portal.absolute_url(), self.site_url)

    def get(self, url, auth=None, follow=True):
        if not url.startswith("http"):
            url = f"{self.site_url}/{url}"
        return requests.get(url, auth=auth, timeout=30, allow_redirects=follow)

    def profile_with_draft_french(self):
        """A published profile in English and German, and a French translation still in draft."""
        profile = make_profile("Ivan Perevodov", translations={"de": "Iwan Perewodow"})
        draft = public.add_profile_translation(profile, "fr", DRAFT_TITLE, publish=False)
        self.assertEqual(api.content.get_state(draft), "draft")
        transaction.commit()
        return profile, draft


class TestLanguageSwitcher(LanguageTestCase):
    def test_switcher_leads_to_the_published_translation(self):
        profile, _draft = self.profile_with_draft_french()
        page = self.get(self.url(profile))
        self.assertEqual(page.status_code, 200)
        href, _tag, _text = selector_links(page.text)["de"]
        german = self.get(href.replace("&amp;", "&"))
        self.assertEqual(german.status_code, 200)
        self.assertTrue(german.url.startswith(f"{self.site_url}/de/prisoners/"), german.url)
        self.assertIn("Iwan Perewodow", german.text)
        self.assertRegex(german.text, r'<html[^>]* lang="de"')

    def test_switcher_links_name_each_language_in_its_own_language(self):
        profile, _draft = self.profile_with_draft_french()
        links = selector_links(self.get(self.url(profile)).text)
        self.assertEqual(list(links), ["en", "de", "fr", "ru"])
        names = {"en": "English", "de": "Deutsch", "fr": "Français", "ru": "Русский"}
        for language, (href, tag, text) in links.items():
            self.assertEqual(text.strip(), names[language])
            self.assertIn(f'lang="{language}"', tag)
            self.assertIn(f"/@@multilingual-selector/{ITG(profile)}/{language}", href)
        self.assertIn('aria-current="true"', links["en"][1])
        self.assertNotIn("aria-current", links["de"][1])

    def test_untranslated_language_gives_a_not_translated_page_in_that_language(self):
        profile, _draft = self.profile_with_draft_french()
        href, _tag, _text = selector_links(self.get(self.url(profile)).text)["ru"]
        page = self.get(href.replace("&amp;", "&"))
        self.assertTrue(page.url.startswith(f"{self.site_url}/ru/@@not-translated/{ITG(profile)}"), page.url)
        # The page in Russian does not exist: 404 for search engines and link checkers, never indexed.
        self.assertEqual(page.status_code, 404)
        self.assertEqual(page.headers["X-Robots-Tag"], "noindex")
        self.assertRegex(page.text, r'<meta name="robots" content="noindex"\s*/?>')
        self.assertRegex(page.text, r'<html[^>]* lang="ru"')
        # The language's name is marked as Russian (xml:lang came from the theme's XHTML output, not the page).
        self.assertRegex(page.text, r'<span lang="ru"(?: xml:lang="ru")?>Русский</span>')
        # The languages in which it is available, named in their own language, with the translated titles.
        german = ITranslationManager(profile).get_translation("de")
        for obj, language, name, title in (
            (profile, "en", "English", "Ivan Perevodov"),
            (german, "de", "Deutsch", "Iwan Perewodow"),
        ):
            attributes = f'href="{self.url(obj)}" lang="{language}" hreflang="{language}"'
            self.assertRegex(page.text, rf"<a {attributes}[^>]*><strong>{name}</strong>:\s*{title}</a>")
        # And the list of prisoners in Russian.
        self.assertIn(f'href="{self.site_url}/ru/prisoners"', page.text)
        # No alternates for a page that does not exist.
        self.assertEqual(alternates(page.text), [])

    def test_draft_translation_is_not_revealed_to_anonymous(self):
        profile, draft = self.profile_with_draft_french()
        href, _tag, _text = selector_links(self.get(self.url(profile)).text)["fr"]
        redirect = self.get(href.replace("&amp;", "&"), follow=False)
        self.assertEqual(redirect.status_code, 302)
        self.assertEqual(
            redirect.headers["Location"], f"{self.site_url}/fr/@@not-translated/{ITG(profile)}?set_language=fr"
        )
        page = self.get(redirect.headers["Location"])
        self.assertEqual(page.status_code, 404)
        self.assertNotIn(DRAFT_TITLE, page.text)
        self.assertNotIn(self.url(draft), page.text)
        available = re.search(r'<ul class="coalition-available-languages">(.*?)</ul>', page.text, re.S).group(1)
        self.assertEqual(re.findall(r'hreflang="([^"]+)"', available), ["en", "de"])
        # Asked directly, the page of the draft's language tells nothing either, and sends nowhere.
        direct = self.get(f"fr/@@not-translated/{ITG(profile)}", follow=False)
        self.assertEqual(direct.status_code, 404)
        self.assertNotIn(DRAFT_TITLE, direct.text)

    def test_editor_who_may_view_the_draft_is_led_to_it(self):
        profile, draft = self.profile_with_draft_french()
        href, _tag, _text = selector_links(self.get(self.url(profile), auth=EDITOR).text)["fr"]
        redirect = self.get(href.replace("&amp;", "&"), auth=EDITOR, follow=False)
        self.assertTrue(redirect.headers["Location"].startswith(self.url(draft)), redirect.headers["Location"])

    def test_not_translated_page_sends_to_the_translation_once_it_is_published(self):
        profile, draft = self.profile_with_draft_french()
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(draft, to_state="published")
        transaction.commit()
        response = self.get(f"fr/@@not-translated/{ITG(profile)}", follow=False)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response.headers["Location"], self.url(draft))

    def test_switcher_on_the_not_translated_page_leads_back_to_the_content(self):
        profile, _draft = self.profile_with_draft_french()
        page = self.get(f"ru/@@not-translated/{ITG(profile)}")
        href, _tag, _text = selector_links(page.text)["en"]
        english = self.get(href.replace("&amp;", "&"))
        self.assertEqual(english.status_code, 200)
        self.assertEqual(english.url.split("?")[0], self.url(profile))

    def test_not_translated_page_works_for_a_news_document(self):
        with api.env.adopt_roles(["Manager"]):
            document = api.content.create(
                container=self.portal["en"]["news"],
                type="Document",
                id="statement",
                title="Statement on the verdicts",
                text=RichTextValue("<p>Text</p>", "text/html", "text/x-html-safe"),
            )
            api.content.transition(document, to_state="published")
        transaction.commit()
        href, _tag, _text = selector_links(self.get(self.url(document)).text)["fr"]
        page = self.get(href.replace("&amp;", "&"))
        self.assertEqual(page.status_code, 404)
        self.assertTrue(page.url.startswith(f"{self.site_url}/fr/@@not-translated/{ITG(document)}"), page.url)
        self.assertRegex(page.text, r"<strong>English</strong>:\s*Statement on the verdicts</a>")

    def test_content_nobody_may_see_gives_the_same_empty_page_as_a_made_up_group(self):
        with api.env.adopt_roles(["Manager"]):
            draft = api.content.create(
                container=self.portal["en"]["news"], type="Document", id="embargoed", title="Embargoed statement"
            )
        profile = make_profile("Olga Otozvannaya", translations={"de": "Olga Zurueckgezogen"})
        public.retract_profile(profile.UID())
        transaction.commit()
        made_up = self.get("de/@@not-translated/0123456789abcdef0123456789abcdef")
        self.assertEqual(made_up.status_code, 404)
        for group in (ITG(draft), ITG(profile)):
            page = self.get(f"de/@@not-translated/{group}")
            self.assertEqual(page.status_code, 404)
            self.assertNotIn("Embargoed statement", page.text)
            self.assertNotIn("Olga", page.text)
            self.assertNotIn("available-languages-heading", page.text)
            redirect = self.get(f"@@multilingual-selector/{group}/de", follow=False)
            self.assertEqual(redirect.headers["Location"], f"{self.site_url}/de/@@not-translated/{group}")

    def test_language_roots_switch_to_each_other(self):
        links = selector_links(self.get("en").text)
        german = self.get(links["de"][0].replace("&amp;", "&"))
        self.assertEqual(german.status_code, 200)
        self.assertEqual(german.url.split("?")[0], f"{self.site_url}/de")


class TestAlternateLanguages(LanguageTestCase):
    def test_head_names_published_translations_and_the_default_language(self):
        profile, _draft = self.profile_with_draft_french()
        german = ITranslationManager(profile).get_translation("de")
        expected = [("en", self.url(profile)), ("de", self.url(german)), ("x-default", self.url(profile))]
        for url in (self.url(profile), self.url(german)):
            self.assertEqual(alternates(self.get(url).text), expected, url)

    def test_editor_visit_does_not_put_the_draft_in_the_head_served_to_anonymous(self):
        profile, draft = self.profile_with_draft_french()
        # pam's viewlet cached the first visitor's links for everybody: an editor first, then Anonymous.
        editor_page = self.get(self.url(profile), auth=EDITOR).text
        anonymous_page = self.get(self.url(profile)).text
        for html in (editor_page, anonymous_page):
            self.assertNotIn(self.url(draft), html.split("</head>")[0])
            self.assertNotIn("fr", [language for language, _href in alternates(html)])

    def test_language_roots_have_all_four_alternates_and_no_duplicates(self):
        found = alternates(self.get("en").text)
        self.assertEqual(
            found,
            [
                ("en", f"{self.site_url}/en"),
                ("de", f"{self.site_url}/de"),
                ("fr", f"{self.site_url}/fr"),
                ("ru", f"{self.site_url}/ru"),
                ("x-default", f"{self.site_url}/en"),
            ],
        )

    def test_untranslated_content_has_no_alternates(self):
        profile = make_profile("Anton Odinokov")
        transaction.commit()
        self.assertEqual(alternates(self.get(self.url(profile)).text), [])

    def test_error_page_has_no_alternates(self):
        response = self.get("en/prisoners/nobody-of-that-name")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(alternates(response.text), [])


class TestNotTranslatedPageInTheBrowser(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def test_reader_switches_to_russian_and_finds_the_available_languages(self):
        profile = make_profile("Ivan Perevodov", translations={"de": "Iwan Perewodow"})
        transaction.commit()
        page = self.layer["browser"].new_page(viewport=PHONE)
        page.goto(profile.absolute_url())
        page.locator("#portal-languageselector a[hreflang='ru']").click()
        page.wait_for_load_state()
        self.assertIn("/ru/@@not-translated/", page.url)
        self.assertEqual(page.locator("html").get_attribute("lang"), "ru")
        self.assertTrue(page.locator("h1.documentFirstHeading").is_visible())
        markup = page.content()
        self.assertEqual(axe_violations(page), [])
        self.assertEqual(html_errors({"not-translated-ru": markup}), [])
        save_screenshot(page, "not-translated-ru-phone")
        page.locator(".coalition-available-languages a[hreflang='de']").click()
        page.wait_for_load_state()
        self.assertTrue(page.locator("h1", has_text="Iwan Perewodow").is_visible())
