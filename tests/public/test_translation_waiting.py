"""The dashboard tells translators and public editors how many translations wait in their languages."""

from coalition.intranet.dashboard import api as dashboard
from plone import api
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.public.profile_fixtures import make_profile
from tests.public.test_translation_status import add_user
import unittest


def waiting_translations(user_id: str) -> list:
    user = api.user.get(username=user_id)
    with api.env.adopt_user(user=user):
        groups = dict(dashboard.waiting_for(user))
    return next((items for title, items in groups.items() if title == "waiting_translations"), [])


class TestTranslationsWaiting(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        make_profile("Zhdet Perevoda", translations={"de": "Zhdet Perevoda (de)"})
        add_user("translator-fr", "translators-fr")

    def test_translator_sees_the_count_of_their_language_only(self):
        items = waiting_translations("translator-fr")
        self.assertEqual([item.title for item in items], ["Français"])
        self.assertTrue(items[0].url.endswith("/fr/@@translation-status?language=fr"))
        self.assertRegex(items[0].detail, r"^\d+ to do$")

    def test_members_without_translation_duties_see_nothing(self):
        self.assertEqual(waiting_translations("alpha-member"), [])
