"""The demo profile: the demo cast of ARCHITECTURE.md and public content in four languages."""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
import unittest


class TestDemoCast(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]

    def test_demo_users_exist_with_the_demo_password(self):
        users = self.portal.acl_users
        for user_id in (
            "coordinator",
            "alpha-admin",
            "alpha-member",
            "beta-admin",
            "beta-member",
            "commission",
            "editor-de",
            "mentor-coord",
        ):
            self.assertIsNotNone(api.user.get(username=user_id), user_id)
            self.assertTrue(users.authenticate(user_id, "demo-secret", self.layer["request"]), user_id)
            self.assertFalse(users.authenticate(user_id, "wrong", self.layer["request"]), user_id)

    def test_demo_users_have_the_roles_of_their_groups(self):
        self.assertIn("Coordinator", api.user.get_roles(username="coordinator"))
        self.assertIn("ListCommissioner", api.user.get_roles(username="commission"))
        self.assertIn("MentorshipCoordinator", api.user.get_roles(username="mentor-coord"))
        self.assertIn("Editor", api.user.get_roles(username="editor-de", obj=self.portal["de"]))
        self.assertNotIn("Editor", api.user.get_roles(username="alpha-member", obj=self.portal["de"]))

    def test_organisations_have_their_rosters(self):
        from coalition.intranet.workspaces.api import roster

        organisations = self.portal["intranet"]["organisations"]
        self.assertEqual(organisations["alpha"].Title(), "Alpha Rights Centre")
        self.assertEqual(organisations["beta"].Title(), "Beta Solidarity Network")
        self.assertEqual(
            roster(organisations["alpha"]), {"alpha-admin": "WorkspaceAdmin", "alpha-member": "WorkspaceMember"}
        )
        self.assertEqual(
            roster(organisations["beta"]), {"beta-admin": "WorkspaceAdmin", "beta-member": "WorkspaceMember"}
        )

    def test_home_page_of_every_language_is_the_front_page_with_a_published_translated_welcome(self):
        languages = ("en", "de", "fr", "ru")
        for language in languages:
            root = self.portal[language]
            self.assertEqual(root.getLayout(), "front-page", language)
            self.assertFalse(root.getProperty("default_page", None), language)
        # The welcome page is the front page's introduction (campaigns/frontpage.py), not a page in the menu.
        pages = {language: self.portal[language]["welcome"] for language in languages}
        self.assertEqual(pages["de"].Title(), "Willkommen")
        self.assertEqual(set(ITranslationManager(pages["en"]).get_translations()), set(languages))
        for page in pages.values():
            self.assertEqual(api.content.get_state(page), "published")
            self.assertTrue(page.exclude_from_nav)

    def test_demo_news_is_published_in_four_languages(self):
        for language in ("en", "de", "fr", "ru"):
            news = self.portal[language]["news"]["human-rights-day-letters"]
            self.assertEqual(api.content.get_state(news), "published")
