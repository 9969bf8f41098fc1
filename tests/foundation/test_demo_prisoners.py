"""The fictional demo prisoners: published, translated (with gaps on purpose), with upcoming dates."""

from coalition.intranet.demo import prisoners
from coalition.intranet.demo.prisoner_profiles import PRISONERS
from coalition.intranet.public.facts import public_profiles_query
from datetime import date
from datetime import timedelta
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.testing import logout
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
import unittest


DEMO_NAMES = {person["names"]["en"] for person in PRISONERS}


class TestDemoPrisoners(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.catalog = api.portal.get_tool("portal_catalog")

    def public_profiles(self, language="en"):
        logout()
        return [brain.getObject() for brain in self.catalog(**public_profiles_query(language))]

    def demo_profiles(self):
        return [profile for profile in self.public_profiles() if profile.title in DEMO_NAMES]

    def test_anonymous_sees_the_demo_prisoners_and_the_published_case(self):
        titles = {profile.title for profile in self.public_profiles()}
        self.assertEqual(len(DEMO_NAMES), 12)
        self.assertEqual(titles, DEMO_NAMES | {"Mikhail Vymyshlenny"})

    def test_translations_leave_gaps_for_the_translation_status(self):
        missing = {}
        for profile in self.demo_profiles():
            languages = set(ITranslationManager(profile).get_translations())
            for language in {"de", "fr", "ru"} - languages:
                missing.setdefault(language, set()).add(profile.title)
        self.assertEqual(missing, {"fr": {"Polina Vydumannaya", "Lenur Maketov"}, "de": {"Irina Uslovnaya"}})
        self.assertEqual(len(self.public_profiles("fr")), 10)
        self.assertEqual(len(self.public_profiles("de")), 11)
        self.assertEqual(len(self.public_profiles("ru")), 12)

    def test_a_translation_has_its_own_name_and_story_and_the_shared_facts(self):
        english = next(profile for profile in self.demo_profiles() if profile.title == "Pavel Primerov")
        german = ITranslationManager(english).get_translation("de")
        self.assertEqual(german.title, "Pawel Primerow")
        self.assertIn("Tontechniker", german.story.raw)
        self.assertEqual(german.interests, "Jazzplatten, Radfahren, Schachaufgaben.")
        self.assertEqual(api.content.get_state(german), "published")
        self.assertEqual(german.region, "moscow")
        self.assertEqual(german.name_ru, "Павел Примеров")
        self.assertEqual(german.mentors, ["Jutta Beispiel, Bundestag, Germany"])
        self.assertTrue(german.letters_possible)
        self.assertEqual(german.image.contentType, "image/jpeg")
        self.assertEqual(german.image.getImageSize(), prisoners.PORTRAIT_SIZE)

    def test_the_demo_has_something_for_every_filter_and_campaign(self):
        profiles = self.demo_profiles()
        today = date.today()
        self.assertTrue(
            {"serving_sentence", "pre_trial_custody", "house_arrest", "released"}
            <= {profile.status for profile in profiles}
        )
        self.assertEqual(
            {profile.date_of_detention.year for profile in profiles}, {2019, 2020, 2021, 2022, 2023, 2024, 2025}
        )
        upcoming_birthdays = [profile for profile in profiles if _days_to_birthday(profile.date_of_birth, today) <= 60]
        self.assertGreaterEqual(len(upcoming_birthdays), 4)
        releases = [
            profile
            for profile in profiles
            if profile.expected_release and today <= profile.expected_release <= today + timedelta(days=365)
        ]
        self.assertGreaterEqual(len(releases), 2)
        self.assertTrue(any(profile.mentors for profile in profiles))
        self.assertTrue(any(profile.seeks_mentor and not profile.mentors for profile in profiles))
        self.assertTrue(any(not profile.letters_possible for profile in profiles))
        for profile in profiles:
            self.assertEqual(profile.letters_possible, bool(profile.postal_address), profile.title)

    def test_catalog_finds_the_demo_by_filter_codes(self):
        logout()
        query = public_profiles_query("en")
        self.assertEqual(
            {brain.Title for brain in self.catalog(prisoner_status="house_arrest", **query)}, {"Irina Uslovnaya"}
        )
        self.assertIn("Sergei Shablonov", {brain.Title for brain in self.catalog(prisoner_region="krasnodar", **query)})
        self.assertIn("Lenur Maketov", {brain.Title for brain in self.catalog(mentor_status="has", **query)})

    def test_running_the_demo_again_adds_nothing(self):
        with api.env.adopt_roles(["Manager"]):
            self.assertEqual(prisoners.create_demo_prisoners(self.portal), [])


class TestRelativeDates(unittest.TestCase):
    def test_a_birthday_that_falls_on_29_february_moves_to_the_28th_in_other_years(self):
        person = dict(PRISONERS[0], birthday_in_days=9)
        facts = prisoners.public_facts(person, date(2028, 2, 20))
        self.assertEqual(facts["date_of_birth"], date(1986, 2, 28))
        self.assertEqual(facts["birth_year"], 1986)

    def test_release_is_counted_from_the_day_of_the_build(self):
        person = next(person for person in PRISONERS if "release_in_days" in person)
        facts = prisoners.public_facts(person, date(2030, 1, 1))
        self.assertEqual(facts["expected_release"], date(2030, 1, 1) + timedelta(days=person["release_in_days"]))


def _days_to_birthday(born: date, today: date) -> int:
    for year in (today.year, today.year + 1):
        try:
            birthday = born.replace(year=year)
        except ValueError:
            birthday = born.replace(year=year, day=28)
        if birthday >= today:
            return (birthday - today).days
    return 366
