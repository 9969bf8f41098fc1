"""Nobody is named by the public side: whoever creates, translates, edits, copies or moves an item into a
language root, the item names the coalition as its creator, no member keeps the Owner role on it, and no
channel tells Anonymous or another member who did it (REST, ``@search?Creator=``, catalog metadata, feeds,
author pages, ``@users``, ``@history``, ``@workflow``, the page itself). Tried over HTTP as the attacker;
the editors still edit and publish what they wrote. Content below ``/intranet`` keeps its authors."""

from coalition.intranet.public.api import PUBLIC_CREATOR
from coalition.intranet.public.boundary.anonymity import anonymise_public_content
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.base.interfaces import ILanguage
from plone.base.interfaces.syndication import ISiteSyndicationSettings
from plone.testing.zope import Browser
import requests
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.public.profile_fixtures import make_profile
import transaction
import unittest
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


DEMO_PASSWORD = "demo-secret"
EDITOR = "editor-de"
EDITOR_TRACES = ("editor-de", "Emma Editorin")
MEMBER_TRACES = ("alpha-member", "Arkady Antonov")
# Who reads as the attacker: Anonymous and a member of another organisation with no public role.
READERS = (None, "beta-member")


def owners(obj) -> list:
    return [principal for principal, roles in obj.get_local_roles() if "Owner" in roles]


def catalog_creators(obj) -> list:
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=obj.UID())
    return [(brain.Creator, tuple(brain.listCreators)) for brain in brains]


class AnonymityOverHttp(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        # Plone's own feeds, switched on for every folder: they must not name anyone either.
        api.portal.set_registry_record("allowed", True, interface=ISiteSyndicationSettings)
        api.portal.set_registry_record("default_enabled", True, interface=ISiteSyndicationSettings)
        api.portal.set_registry_record("search_rss_enabled", True, interface=ISiteSyndicationSettings)
        transaction.commit()

    # HTTP helpers

    def url(self, path: str) -> str:
        return path if path.startswith("http") else f"{self.site_url}/{path.lstrip('/')}"

    def call(self, method, path, user=None, password=DEMO_PASSWORD, json_api=False, **kwargs):
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("allow_redirects", False)
        if user:
            kwargs["auth"] = (user, password)
        if json_api:
            kwargs["headers"] = {"Accept": "application/json", **kwargs.get("headers", {})}
        return requests.request(method, self.url(path), **kwargs)

    def rest(self, method, path, user=None, **kwargs):
        return self.call(method, path, user, json_api=True, **kwargs)

    def browser(self, user=EDITOR, password=DEMO_PASSWORD) -> Browser:
        browser = Browser(self.layer["app"])
        browser.handleErrors = False
        browser.addHeader("Authorization", f"Basic {user}:{password}")
        return browser

    def path_of(self, obj) -> str:
        return obj.absolute_url_path().replace("/plone/", "", 1)

    # Assertions

    def assert_anonymous(self, obj, traces=EDITOR_TRACES):
        """The stored item, its catalog entry and every public channel name the coalition only."""
        transaction.begin()
        self.assertEqual(tuple(obj.listCreators()), (PUBLIC_CREATOR,))
        self.assertEqual(obj.Creator(), PUBLIC_CREATOR)
        self.assertFalse([entry for entry in obj.listContributors() if entry in traces], obj.listContributors())
        self.assertEqual(owners(obj), [], "no member keeps the Owner role")
        self.assertEqual(catalog_creators(obj), [(PUBLIC_CREATOR, (PUBLIC_CREATOR,))])
        path = self.path_of(obj)
        language = ILanguage(obj).get_language()
        for reader in READERS:
            where = f"as {reader or 'Anonymous'}"
            item = self.rest("GET", path, reader)
            self.assertEqual(item.status_code, 200, (path, where, item.text[:300]))
            # (A prisoner profile has no Dublin Core fields in its schema: nothing to name there.)
            self.assertEqual(item.json().get("creators", [PUBLIC_CREATOR]), [PUBLIC_CREATOR])
            pages = {
                "JSON": item,
                "page": self.call("GET", path, reader),
                "@history": self.rest("GET", f"{path}/@history", reader),
                "@workflow": self.rest("GET", f"{path}/@workflow", reader),
                "@sharing": self.rest("GET", f"{path}/@sharing", reader),
                "@lock": self.rest("GET", f"{path}/@lock", reader),
                "historyview": self.call("GET", f"{path}/@@historyview", reader),
                "contenthistory": self.call("GET", f"{path}/@@contenthistory", reader),
                "versions_history_form": self.call("GET", f"{path}/versions_history_form", reader),
                "workflow_history": self.call("GET", f"{path}/workflow_history", reader),
                "owner_info": self.call("GET", f"{path}/owner_info", reader),
                "Creator": self.call("GET", f"{path}/Creator", reader),
                "listContributors": self.call("GET", f"{path}/listContributors", reader),
                "search full": self.rest(
                    "GET", f"{language}/@search", reader, params={"UID": obj.UID(), "fullobjects": "1"}
                ),
                "search metadata": self.rest(
                    "GET", f"{language}/@search", reader, params={"UID": obj.UID(), "metadata_fields": "_all"}
                ),
                "RSS": self.call("GET", f"{self.path_of(obj.aq_parent)}/RSS", reader),
                "rss.xml": self.call("GET", f"{self.path_of(obj.aq_parent)}/rss.xml", reader),
                "atom.xml": self.call("GET", f"{self.path_of(obj.aq_parent)}/atom.xml", reader),
                "search_rss": self.call(
                    "GET", f"{language}/search_rss", reader, params={"SearchableText": obj.Title().split()[0]}
                ),
            }
            for name, response in pages.items():
                for trace in traces:
                    self.assertNotIn(trace, response.text, f"{name} of {path} {where} names {trace!r}")
            # The search by creator finds nothing, wherever it starts.
            for context in ("", language):
                for member in traces[:1]:
                    found = self.rest("GET", f"{context}/@search", reader, params={"Creator": member})
                    self.assertEqual(found.json()["items_total"], 0, (context, member, where))
            found = self.rest(
                "GET", f"{language}/@search", reader, params={"Creator": PUBLIC_CREATOR, "UID": obj.UID()}
            )
            self.assertEqual(found.json()["items_total"], 1, where)
        # The feeds were really served (not an error page that names nobody).
        self.assertIn(obj.Title(), self.call("GET", f"{self.path_of(obj.aq_parent)}/RSS").text)

    def assert_editor_still_edits(self, obj, user=EDITOR):
        path = self.path_of(obj)
        response = self.rest("PATCH", path, user, json={"description": "Edited after anonymity."})
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        self.assertEqual(obj.Description(), "Edited after anonymity.")

    def publish(self, obj, user=EDITOR):
        response = self.rest("POST", f"{self.path_of(obj)}/@workflow/publish", user)
        self.assertEqual(response.status_code, 200, response.text)
        transaction.begin()

    # Routes

    def test_rest_post_and_patch_name_nobody(self):
        created = self.rest(
            "POST",
            "de/news",
            EDITOR,
            json={
                "@type": "News Item",
                "title": "Solidaritaetsabend Nachricht",
                "creators": [EDITOR],
                "contributors": [EDITOR, "Externe Fotografin"],
            },
        )
        self.assertEqual(created.status_code, 201, created.text)
        self.assertEqual(created.json()["creators"], [PUBLIC_CREATOR])
        transaction.begin()
        news = self.portal["de"]["news"][created.json()["id"]]
        self.publish(news)
        # The "Ownership" fields sent again by PATCH change nothing.
        patched = self.rest("PATCH", self.path_of(news), EDITOR, json={"creators": [EDITOR, "Emma Editorin"]})
        self.assertEqual(patched.status_code, 204, patched.text)
        transaction.begin()
        self.assertEqual(news.listContributors(), ("Externe Fotografin",))
        self.assert_anonymous(news)
        self.assert_editor_still_edits(news)
        # The editors keep the trail: who published is in the history they read.
        history = self.rest("GET", f"{self.path_of(news)}/@history", EDITOR)
        self.assertEqual(history.status_code, 200)
        self.assertIn(EDITOR, history.text)

    def test_add_and_edit_forms_name_nobody(self):
        browser = self.browser()
        browser.open(f"{self.portal['de']['about'].absolute_url()}/++add++Document")
        browser.getControl(name="form.widgets.IDublinCore.title").value = "Ueber uns Seite"
        browser.getControl(name="form.widgets.IDublinCore.creators").value = f"{EDITOR};Emma Editorin"
        browser.getControl(name="form.buttons.save").click()
        transaction.begin()
        page = self.portal["de"]["about"]["ueber-uns-seite"]
        self.assertEqual(tuple(page.listCreators()), (PUBLIC_CREATOR,))
        browser.open(f"{page.absolute_url()}/@@edit")
        browser.getControl(name="form.widgets.IDublinCore.creators").value = EDITOR
        browser.getControl(name="form.widgets.IDublinCore.contributors").value = EDITOR
        browser.getControl(name="form.buttons.save").click()
        transaction.begin()
        self.publish(page)
        self.assert_anonymous(page)
        self.assert_editor_still_edits(page)

    def test_translation_forms_name_nobody(self):
        with api.env.adopt_roles(["Manager"]):
            english = api.content.create(container=self.portal["en"]["news"], type="News Item", title="Evening")
            api.content.transition(english, to_state="published")
        transaction.commit()
        browser = self.browser()
        browser.open(f"{self.portal['de']['news'].absolute_url()}/++addtranslation++{english.UID()}")
        browser.getControl(name="form.widgets.IDublinCore.title").value = "Abendveranstaltung"
        browser.getControl(name="form.buttons.save").click()
        transaction.begin()
        german = ITranslationManager(english).get_translation("de")
        self.assertEqual(german.aq_parent, self.portal["de"]["news"])
        self.assertEqual(tuple(german.listCreators()), (PUBLIC_CREATOR,))
        browser.open(f"{german.absolute_url()}/@@babel_edit")
        browser.getControl(name="form.widgets.IDublinCore.title").value = "Abendveranstaltung (korrigiert)"
        browser.getControl(name="form.widgets.IDublinCore.creators").value = EDITOR
        browser.getControl(name="form.buttons.save").click()
        transaction.begin()
        self.assertEqual(german.Title(), "Abendveranstaltung (korrigiert)")
        self.publish(german)
        self.assert_anonymous(german)
        self.assert_editor_still_edits(german)

    def test_profile_translation_names_nobody(self):
        profile = make_profile("Anonym Perevodov")
        transaction.commit()
        browser = self.browser()
        browser.open(f"{self.portal['de']['prisoners'].absolute_url()}/++addtranslation++{profile.UID()}")
        browser.getControl(name="form.widgets.title").value = "Anonym Perewodow"
        browser.getControl(name="form.buttons.save").click()
        transaction.begin()
        german = ITranslationManager(profile).get_translation("de")
        self.assertEqual(tuple(german.listCreators()), (PUBLIC_CREATOR,))
        self.assertEqual(owners(german), [])
        self.assertEqual(tuple(profile.listCreators()), (PUBLIC_CREATOR,))
        self.publish(german)
        self.assert_anonymous(german)
        # The translator edits their text through the group's roles, not as an owner.
        response = self.rest("PATCH", self.path_of(german), EDITOR, json={"title": "Anonym Perewodow (neu)"})
        self.assertEqual(response.status_code, 204, response.text)

    def test_copy_and_move_from_the_intranet_name_nobody(self):
        workspace = self.portal["intranet"]["organisations"]["alpha"]
        with api.env.adopt_user(username="alpha-member"):
            memo = api.content.create(container=workspace, type="Document", title="Kopie Erklaerung")
            moved = api.content.create(container=workspace, type="Document", title="Verschoben Erklaerung")
        self.assertEqual(tuple(memo.listCreators()), ("alpha-member",))
        transaction.commit()
        copied = self.rest(
            "POST", "de/news/@copy", SITE_OWNER_NAME, password=SITE_OWNER_PASSWORD, json={"source": memo.absolute_url()}
        )
        self.assertEqual(copied.status_code, 200, copied.text)
        response = self.rest(
            "POST",
            "de/news/@move",
            SITE_OWNER_NAME,
            password=SITE_OWNER_PASSWORD,
            json={"source": moved.absolute_url()},
        )
        self.assertEqual(response.status_code, 200, response.text)
        transaction.begin()
        news = self.portal["de"]["news"]
        for item in (news["kopie-erklaerung"], news["verschoben-erklaerung"]):
            self.publish(item)
            self.assert_anonymous(item, traces=MEMBER_TRACES)
            self.assert_editor_still_edits(item)
        # Intranet content keeps its author.
        self.assertEqual(tuple(memo.listCreators()), ("alpha-member",))
        self.assertEqual(owners(memo), ["alpha-member"])

    def test_a_lock_does_not_name_the_editor(self):
        with api.env.adopt_roles(["Manager"]):
            news = api.content.create(container=self.portal["de"]["news"], type="News Item", title="Gesperrt")
            api.content.transition(news, to_state="published")
        transaction.commit()
        path = self.path_of(news)
        locked = self.rest("POST", f"{path}/@lock", EDITOR)
        self.assertEqual(locked.status_code, 200, locked.text)
        self.assertEqual(self.rest("GET", f"{path}/@lock", EDITOR).json()["creator"], EDITOR)
        for reader in READERS:
            for response in (
                self.rest("GET", path, reader),
                self.rest("GET", f"{path}/@lock", reader),
                self.call("GET", path, reader),
                self.call("GET", f"{path}/@@plone_lock_info/lock_info", reader),
                self.rest("GET", "de/@search", reader, params={"UID": news.UID(), "fullobjects": "1"}),
            ):
                for trace in EDITOR_TRACES:
                    self.assertNotIn(trace, response.text, (response.url, reader))

    def test_author_pages_and_user_data_are_closed_to_anonymous(self):
        for path in (
            f"author/{EDITOR}",
            f"de/author/{EDITOR}",
            f"@@author/{EDITOR}",
            f"de/news/@@author/{EDITOR}",
            f"author/{PUBLIC_CREATOR}",
            f"portal_membership/getMemberInfo?memberId={EDITOR}",
            f"portal_memberdata/{EDITOR}",
            f"acl_users/source_users/getUserInfo?user_id={EDITOR}",
        ):
            response = self.call("GET", path)
            self.assertNotEqual(response.status_code, 200, path)
            for trace in EDITOR_TRACES[1:]:
                self.assertNotIn(trace, response.text, path)
            self.assertNotIn("author-content", response.text, path)
        for path in (f"@users/{EDITOR}", "@users", f"@users?query={EDITOR[:4]}", "@groups/public-editors"):
            response = self.rest("GET", path)
            self.assertEqual(response.status_code, 401, path)
            self.assertNotIn("Emma Editorin", response.text)
        # Nor do the searches for people behind the editing widgets.
        for path in ("@principals?search=Emma", "de/@vocabularies/plone.app.vocabularies.Users?title=Emma"):
            response = self.rest("GET", path)
            self.assertNotEqual(response.status_code, 200, path)
            self.assertNotIn("Emma Editorin", response.text, path)
        response = self.call("GET", "de/@@getVocabulary?name=plone.app.vocabularies.Users&query=Emma")
        self.assertIn("error", response.json())
        self.assertNotIn("Emma Editorin", response.text)
        # Another member (no public role) does not read a public editor's account through the REST API.
        response = self.rest("GET", f"@users/{EDITOR}", "beta-member")
        self.assertEqual(response.status_code, 401)
        self.assertNotIn("Emma Editorin", response.text)


class AnonymityOfExistingContent(unittest.TestCase):
    """The upgrade helper: what was stored before the rule names nobody afterwards; the intranet keeps
    its authors."""

    layer = COALITION_DEMO_INTEGRATION_TESTING

    def test_anonymise_public_content(self):
        portal = self.layer["portal"]
        with api.env.adopt_roles(["Manager"]):
            news = api.content.create(container=portal["de"]["news"], type="News Item", title="Alt")
            memo = api.content.create(
                container=portal["intranet"]["organisations"]["alpha"], type="Document", title="Intern"
            )
        # As older code left them (no event: the subscribers are not involved).
        for item in (news, memo, portal["de"]):
            item.creators = (EDITOR,)
            item.manage_setLocalRoles(EDITOR, ["Owner"])
            item.reindexObject()
        self.assertGreaterEqual(anonymise_public_content(portal), 2)
        for item in (news, portal["de"]):
            self.assertEqual(tuple(item.listCreators()), (PUBLIC_CREATOR,))
            self.assertEqual(owners(item), [])
            self.assertEqual(catalog_creators(item), [(PUBLIC_CREATOR, (PUBLIC_CREATOR,))])
        self.assertEqual(tuple(memo.listCreators()), (EDITOR,))
        self.assertIn(EDITOR, owners(memo))
        self.assertEqual(anonymise_public_content(portal), 0, "a second run changes nothing")

    def test_intranet_content_keeps_its_author(self):
        portal = self.layer["portal"]
        with api.env.adopt_user(username="alpha-member"):
            memo = api.content.create(
                container=portal["intranet"]["organisations"]["alpha"], type="Document", title="Entwurf"
            )
            memo.setTitle("Entwurf 2")
            notify(ObjectModifiedEvent(memo))
        self.assertEqual(tuple(memo.listCreators()), ("alpha-member",))
        self.assertEqual(owners(memo), ["alpha-member"])
