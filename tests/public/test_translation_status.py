"""The translation status: what lacks which language, which translations are older than their source, and who may
see it (public editors and translators; not Anonymous, not an ordinary member)."""

from AccessControl import Unauthorized
from coalition.intranet.public import api as public
from coalition.intranet.public.translation import status
from DateTime import DateTime
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from plone.testing.zope import Browser
import re
import requests
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
from tests.coalition_layers import COALITION_DEMO_FUNCTIONAL_TESTING
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.page_checkers import AXE
from tests.page_checkers import html_errors
from tests.page_checkers import WCAG_21_AA
from tests.public.profile_fixtures import make_profile
from tests.public.profile_fixtures import portrait
import transaction
import unittest


PASSWORD = "translation tests: violet canyon 58"  # noqa: S105 (12+ characters, not guessable: the site's rules)


def add_user(user_id: str, *groups: str) -> None:
    api.user.create(email=f"{user_id}@example.org", username=user_id, password=PASSWORD)
    for group in groups:
        api.group.add_user(groupname=group, username=user_id)


def states(profile) -> dict:
    """language -> state of the row of ``profile``, as the current user sees it."""
    for row in status.status_rows():
        if profile.UID() == row.source.UID:
            return row.states
    return {}


def make_older(obj, days=1):
    obj.setModificationDate(DateTime() - days)
    obj.reindexObject(idxs=["modified"])


class TestStatusRows(unittest.TestCase):
    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def test_a_fresh_site_has_everything_translated(self):
        rows = status.status_rows()
        self.assertEqual([row.source.getPath() for row in rows if row.needs_work(["en", "de", "fr", "ru"])], [])

    def test_missing_and_current_translations(self):
        profile = make_profile("Ivan Statusov", translations={"de": "Iwan Statusow"})
        self.assertEqual(
            states(profile), {"en": status.SOURCE, "de": status.CURRENT, "fr": status.MISSING, "ru": status.MISSING}
        )

    def test_translation_older_than_its_source_until_it_is_edited(self):
        profile = make_profile("Ivan Statusov", translations={"de": "Iwan Statusow", "fr": "Ivan Statusov"})
        german = ITranslationManager(profile).get_translation("de")
        make_older(german)
        self.assertEqual(states(profile)["de"], status.OUTDATED)
        self.assertEqual(states(profile)["fr"], status.CURRENT)
        german.story = RichTextValue("<p>Neu übersetzt</p>", "text/html", "text/x-html-safe")
        german.reindexObject()  # a full reindex is what an edit does: the modification date moves
        self.assertEqual(states(profile)["de"], status.CURRENT)

    def test_unpublished_translation_of_a_published_source(self):
        profile = make_profile("Ivan Statusov")
        public.add_profile_translation(profile, "ru", "Иван Статусов", publish=False)
        self.assertEqual(states(profile)["ru"], status.UNPUBLISHED)

    def test_retracted_profile_is_not_to_be_translated(self):
        profile = make_profile("Ivan Statusov")
        public.retract_profile(profile.UID())
        self.assertEqual(states(profile), {})

    def test_content_written_first_in_another_language_is_its_own_source(self):
        document = api.content.create(
            container=self.portal["de"]["news"], type="Document", id="erklaerung", title="Erklärung"
        )
        rows = [row for row in status.status_rows() if document.UID() == row.source.UID]
        self.assertEqual(rows[0].states, {"en": "missing", "de": "source", "fr": "missing", "ru": "missing"})

    def test_a_new_profile_does_not_make_the_translated_folders_older(self):
        make_profile("Ivan Statusov")  # /en/prisoners changes, its translations do not
        prisoners = [row for row in status.status_rows() if row.source.getId == "prisoners"]
        self.assertEqual(prisoners[0].states, {"en": "source", "de": "current", "fr": "current", "ru": "current"})

    def test_images_are_not_followed(self):
        api.content.create(container=self.portal["en"]["news"], type="Image", id="photo", image=portrait())
        self.assertNotIn("Image", {row.source.portal_type for row in status.status_rows()})


class TestStatusView(unittest.TestCase):
    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.request = self.layer["request"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        add_user("translator-de", "translators-de")
        add_user("translator-fr", "translators-fr")
        add_user("public-editor", "public-editors")
        add_user("plain-member")
        self.profile = make_profile("Ivan Statusov", translations={"fr": "Ivan Statusov"})
        self.english_draft = api.content.create(
            container=self.portal["en"]["news"], type="Document", id="embargoed", title="Embargoed statement"
        )
        self.french = ITranslationManager(self.profile).get_translation("fr")
        make_older(self.french)
        logout()

    def render(self, language_root="de", **form):
        self.request.form.clear()
        self.request.form.update(form)
        view = self.portal[language_root].restrictedTraverse("@@translation-status")
        return view, view()

    def test_translator_sees_the_queue_of_their_language_first(self):
        login(self.portal, "translator-de")
        view, html = self.render()
        self.assertEqual(view.selected_languages, ["de"])
        self.assertIn("Ivan Statusov", html)
        self.assertIn(f"{self.portal['de']['prisoners'].absolute_url()}/++addtranslation++{self.profile.UID()}", html)
        # Only the German column; the French translation is not the German translator's business.
        self.assertEqual(re.findall(r'data-language="(\w+)"', html), ["de"])
        self.assertNotIn("/@@babel_edit", html)

    def test_public_editor_sees_every_language(self):
        login(self.portal, "public-editor")
        view, html = self.render("en")
        self.assertEqual(view.selected_languages, ["en", "de", "fr", "ru"])
        self.assertIn(f"{self.french.absolute_url()}/@@babel_edit", html)
        self.assertIn("Older than the source", html)
        # Editors see drafts too: the English draft lacks all its translations.
        self.assertIn("Embargoed statement", html)

    def test_translator_is_not_shown_drafts_they_may_not_view(self):
        login(self.portal, "translator-de")
        _view, html = self.render(language="all")
        self.assertNotIn("Embargoed statement", html)

    def test_translate_links_only_where_the_user_may_add(self):
        login(self.portal, "translator-de")
        _view, html = self.render(language="ru")
        self.assertIn("Ivan Statusov", html)
        self.assertNotIn("++addtranslation++", html)
        logout()
        login(self.portal, "public-editor")
        _view, html = self.render(language="ru")
        self.assertIn(f"{self.portal['ru']['prisoners'].absolute_url()}/++addtranslation++{self.profile.UID()}", html)

    def test_filters_are_links_with_counts(self):
        login(self.portal, "public-editor")
        view, html = self.render("en", language="fr", state="outdated")
        self.assertEqual([row.source.Title for row in view.rows], ["Ivan Statusov"])
        languages = {link["lang"]: link["count"] for link in view.language_filters()}
        self.assertEqual(languages, {None: 1, "en": 0, "de": 0, "fr": 1, "ru": 0})
        state_counts = {link["label"].default: link["count"] for link in view.state_filters()}
        self.assertEqual(
            state_counts, {"Everything to do": 2, "Missing": 1, "Older than the source": 1, "Not published": 0}
        )
        self.assertIn('href="http://nohost/plone/en/@@translation-status?language=fr&amp;state=missing"', html)
        self.assertIn('aria-current="page"', html)
        view, html = self.render("en", language="fr", type="Document")
        self.assertEqual([row.source.Title for row in view.rows], ["Embargoed statement"])

    def test_everything_translated(self):
        login(self.portal, "translator-fr")
        _view, html = self.render("fr")
        self.assertIn("Ivan Statusov", html)
        self.french.reindexObject()  # the translation is now newer than its source
        _view, html = self.render("fr")
        self.assertIn("Everything is translated.", html)
        self.assertNotIn("Ivan Statusov", html)

    def test_others_are_refused(self):
        for user, root in (("plain-member", "de"), ("translator-de", "fr"), ("translator-de", "en")):
            login(self.portal, user)
            with self.assertRaises(Unauthorized, msg=(user, root)):
                self.portal[root].restrictedTraverse("@@translation-status")
            logout()
        with self.assertRaises(Unauthorized):
            self.portal["de"].restrictedTraverse("@@translation-status")

    def test_translators_cannot_use_pams_translate_menu_on_the_source(self):
        # Why the view links to ++addtranslation++: @@create_translation needs "Manage Translations" on the source.
        login(self.portal, "translator-de")
        self.assertFalse(api.user.has_permission("plone.app.multilingual: Manage Translations", obj=self.profile))
        self.assertTrue(api.user.has_permission("Add portal content", obj=self.portal["de"]["prisoners"]))


class TestStatusOverHttp(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"

    def get(self, path, auth=None, follow=True):
        return requests.get(f"{self.site_url}/{path}", auth=auth, timeout=30, allow_redirects=follow)

    def test_anonymous_is_sent_to_the_login_form(self):
        response = self.get("de/@@translation-status", follow=False)
        self.assertEqual(response.status_code, 302)
        self.assertIn("require_login", response.headers["Location"])
        page = self.get("de/@@translation-status")
        self.assertIn('name="__ac_name"', page.text)
        self.assertNotIn("coalition-translation-status", page.text)

    def test_an_ordinary_member_is_refused(self):
        page = self.get("de/@@translation-status", auth=("beta-member", "demo-secret"))
        self.assertTrue(page.url.endswith("/insufficient-privileges"), page.url)
        self.assertNotIn("coalition-translation-status", page.text)
        self.assertNotIn("++addtranslation++", page.text)

    def test_german_translator_sees_the_german_queue(self):
        profile = make_profile("Ivan Statusov")
        transaction.commit()
        page = self.get("de/@@translation-status", auth=("editor-de", "demo-secret"))
        self.assertEqual(page.status_code, 200)
        self.assertIn("coalition-translation-status", page.text)
        self.assertRegex(page.text, r'class="nav-link active" href="[^"]*language=de" aria-current="page"')
        self.assertIn(f"/de/prisoners/++addtranslation++{profile.UID()}", page.text)
        self.assertRegex(page.text, r'<meta name="robots" content="noindex"\s*/?>')


class TestTranslatorAtWork(unittest.TestCase):
    """A translator who is nothing else (group translators-fr only) translates and edits through the links."""

    layer = COALITION_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        with api.env.adopt_roles(["Manager"]):
            add_user("translator-fr", "translators-fr")
        self.profile = make_profile("Ivan Statusov")
        transaction.commit()
        self.browser = Browser(self.layer["app"])
        self.browser.handleErrors = False
        self.browser.addHeader("Authorization", f"Basic translator-fr:{PASSWORD}")

    def test_translator_creates_edits_and_submits_a_translation(self):
        browser = self.browser
        browser.open(self.portal["fr"].absolute_url() + "/@@translation-status")
        browser.getLink(url=f"/fr/prisoners/++addtranslation++{self.profile.UID()}").click()
        browser.getControl(name="form.widgets.title").value = "Ivan Statoussov"
        browser.getControl(name="form.buttons.save").click()
        transaction.begin()
        french = ITranslationManager(self.profile).get_translation("fr")
        self.assertEqual(french.title, "Ivan Statoussov")
        self.assertEqual(french.aq_parent, self.portal["fr"]["prisoners"])
        self.assertEqual(french.region, "tver")  # language-independent facts come from the source
        self.assertEqual(api.content.get_state(french), "draft")

        browser.open(self.portal["fr"].absolute_url() + "/@@translation-status")
        self.assertIn("Non publiée", browser.contents)  # the French page of the French translator
        browser.getLink(url=f"{french.absolute_url()}/@@babel_edit").click()
        browser.getControl(name="form.widgets.title").value = "Ivan Statoussov (corrigé)"
        browser.getControl(name="form.buttons.save").click()
        transaction.begin()
        self.assertEqual(french.title, "Ivan Statoussov (corrigé)")

        browser.open(french.absolute_url())
        browser.getLink(url="workflow_action=submit").click()
        transaction.begin()
        self.assertEqual(api.content.get_state(french), "pending")
        # Publishing is a public editor's act (Reviewer on the language roots), not a translator's.
        browser.open(french.absolute_url())
        self.assertNotIn("workflow_action=publish", browser.contents)


def content_axe_violations(page) -> list[str]:
    """axe-core on the view's own content: Plone's editing toolbar (icon links on a phone) is not this view's."""
    # Evaluated, not injected as a script tag: the site's Content-Security-Policy refuses inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "(tags) => axe.run('#content', {runOnly: {type: 'tag', values: tags}})",
        WCAG_21_AA,
    )
    return [f"{violation['id']}: {node['target']}" for violation in result["violations"] for node in violation["nodes"]]


class TestStatusPageInTheBrowser(unittest.TestCase):
    layer = COALITION_BROWSER_TESTING

    def test_german_translator_reads_the_queue_on_a_phone(self):
        profile = make_profile("Ivan Statusov", translations={"de": "Iwan Statusow"})
        make_older(ITranslationManager(profile).get_translation("de"))
        transaction.commit()
        site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        page = self.layer["browser"].new_page(viewport=PHONE)
        log_in(page, site_url, "editor-de", "demo-secret")
        page.goto(f"{site_url}/de/@@translation-status")
        row = page.locator("tr", has_text="Ivan Statusov")
        self.assertTrue(row.locator("a", has_text=re.compile("Edit translation|Übersetzung bearbeiten")).count())
        # Only the view's own markup: the editing toolbar has Plone's own validation errors.
        content = page.locator("#content").evaluate("element => element.outerHTML")
        document = f'<!DOCTYPE html><html lang="de"><head><title>Status</title></head><body>{content}</body></html>'
        self.assertEqual(content_axe_violations(page), [])
        self.assertEqual(html_errors({"translation-status-de": document}), [])
        save_screenshot(page, "translation-status-de-phone")
