"""The fictional demo prisoners: each from a decided case, published, translated (with gaps on purpose), with
upcoming dates."""

from coalition.intranet.cases import assessment
from coalition.intranet.cases import publication
from coalition.intranet.criteria import api as criteria
from coalition.intranet.demo import prisoners
from coalition.intranet.demo.prisoner_profiles import PRISONERS
from coalition.intranet.mentorship import api as mentorship_api
from coalition.intranet.public.boundary import provenance
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
        # The free-text mentor became a real mentorship (demo/mentors.py): handed over to Klaus Vorbild.
        self.assertEqual(
            [m.mentor.name for m in mentorship_api.active_mentorships_of_profile(german)], ["Klaus Vorbild"]
        )
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
        self.assertTrue(any(mentorship_api.mentor_status(profile) == "has" for profile in profiles))
        self.assertTrue(any(mentorship_api.mentor_status(profile) == "seeks" for profile in profiles))
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
        from coalition.intranet.demo.handlers import create_demo_cases

        before = self.demo_state()
        with api.env.adopt_roles(["Manager"]):
            create_demo_cases(self.portal)
            self.assertEqual(prisoners.create_demo_prisoners(self.portal), [])
        self.assertEqual(self.demo_state(), before)

    def demo_state(self):
        """What a run of the demo could add: cases, decisions, profiles and acts of publication."""
        with api.env.adopt_roles(["Manager"]):
            cases = self.catalog.unrestrictedSearchResults(portal_type="CaseFile")
            return {
                "cases": sorted((brain.Title, brain.review_state) for brain in cases),
                "decisions": sum(len(assessment.decisions(brain._unrestrictedGetObject())) for brain in cases),
                "profiles": len(self.catalog.unrestrictedSearchResults(portal_type="PrisonerProfile")),
                "acts": sorted((record.profile_uid, len(record.acts)) for record in provenance.all_provenance()),
            }


class TestDemoProvenance(unittest.TestCase):
    """Every demo profile exists by the publication act of a decided demo case, as issue 12 requires."""

    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.catalog = api.portal.get_tool("portal_catalog")

    def all_profiles(self):
        """Every PrisonerProfile of the demo site, in every language and state."""
        return [
            brain._unrestrictedGetObject()
            for brain in self.catalog.unrestrictedSearchResults(portal_type="PrisonerProfile")
        ]

    def source_case(self, record):
        brains = self.catalog.unrestrictedSearchResults(UID=record.source)
        self.assertEqual(len(brains), 1, record)
        return brains[0]._unrestrictedGetObject()

    def test_every_profile_comes_from_a_decided_recognised_case_that_allows_publication(self):
        profiles = self.all_profiles()
        # 12 prisoners and the published demo case in English; translations: 11 in German, 10 in French, 12 in Russian.
        self.assertEqual(len([profile for profile in profiles if profile.Language() == "en"]), 13)
        self.assertEqual(len(profiles), 13 + 11 + 10 + 12)
        with api.env.adopt_roles(["Manager"]):
            for profile in profiles:
                record = provenance.provenance_of(profile)
                self.assertIsNotNone(record, profile.title)
                self.assertTrue(record.live, profile.title)
                case = self.source_case(record)
                self.assertEqual(case.portal_type, "CaseFile")
                self.assertEqual(case.published_profile_uid, record.profile_uid)
                self.assertEqual(api.content.get_state(case), "decided", case.title)
                decision = assessment.current_decision(case)
                self.assertEqual(decision["outcome"], "recognised", case.title)
                self.assertIn(decision["category"], ("A", "B"))
                self.assertTrue(publication.consent_allows_publication(case), case.title)
                self.assertNotEqual(case.risk_level, "high", case.title)
                self.assertEqual(publication.retraction_grounds(case), [], case.title)

    def test_nothing_is_published_without_a_case(self):
        records = list(provenance.all_provenance())
        self.assertEqual(len(records), 13)
        self.assertNotIn("demo", {record.source for record in records})
        with api.env.adopt_roles(["Manager"]):
            for record in records:
                self.assertEqual(self.source_case(record).portal_type, "CaseFile")

    def test_each_case_was_nominated_assessed_decided_and_published_by_the_right_people(self):
        version = criteria.current_version()
        every_item = {item["id"] for item in assessment.assessed_items(version)}
        by_name = {person["names"]["en"]: (index, person) for index, person in enumerate(PRISONERS)}
        english = [profile for profile in self.all_profiles() if profile.title in DEMO_NAMES]
        self.assertEqual({profile.title for profile in english}, DEMO_NAMES)
        with api.env.adopt_roles(["Manager"]):
            for profile in english:
                index, person = by_name[profile.title]
                record = provenance.provenance_of(profile)
                case = self.source_case(record)
                organisation = ("alpha", "beta")[index % 2]
                self.assertEqual(case.nominating_organisation, organisation)
                self.assertEqual(case.Creator(), f"{organisation}-member")
                self.assertEqual(case.full_name, person["names"]["ru"])
                self.assertEqual(case.full_name_latin, person["names"]["en"])
                self.assertEqual(case.publication_consent, "family")
                for field in ("lawyer_contacts", "relatives_contacts", "home_address", "health_notes"):
                    self.assertIn("(fictional)", getattr(case, field), field)
                decision = assessment.current_decision(case)
                self.assertEqual(decision["criteria_version"], version.number)
                self.assertEqual({item for item, _finding in decision["findings"]}, every_item)
                self.assertEqual(decision["decided_by"], "commission")
                self.assertEqual(decision["category"], person["facts"]["category"])
                self.assertEqual(record.last_published["by"], "commission")
                # The profile holds what the case says, the recognition included.
                self.assertEqual(profile.category, person["facts"]["category"])
                self.assertEqual(profile.criteria_version, version.number)
                self.assertEqual(profile.recognised_on, date.fromisoformat(decision["date"][:10]))
                self.assertEqual(profile.date_of_birth, case.date_of_birth)
                self.assertEqual(profile.region, person["facts"]["region"])
                self.assertEqual(profile.articles, person["facts"]["articles"])
                self.assertEqual(profile.status, person["facts"]["status"])
                self.assertEqual(profile.name_ru, person["names"]["ru"])
                self.assertFalse(hasattr(profile, "home_address"))
                self.assertFalse(publication.profile_out_of_date(case), case.title)

    def test_the_published_demo_case_and_the_nominated_one_were_opened_by_members(self):
        by_title = {brain.Title: brain for brain in self.catalog.unrestrictedSearchResults(portal_type="CaseFile")}
        self.assertEqual(by_title["Mikhail Vymyshlenny"].review_state, "decided")
        self.assertEqual(by_title["Mikhail Vymyshlenny"].Creator, "alpha-member")
        self.assertEqual(by_title["Elena Primernaya"].review_state, "nominated")
        self.assertEqual(by_title["Elena Primernaya"].Creator, "beta-member")
        self.assertEqual(len(by_title), 14)


class TestRelativeDates(unittest.TestCase):
    def test_a_birthday_that_falls_on_29_february_moves_to_the_28th_in_other_years(self):
        person = dict(PRISONERS[0], birthday_in_days=9)
        facts = prisoners.case_facts(person, 0, date(2028, 2, 20))
        self.assertEqual(facts["date_of_birth"], date(1986, 2, 28))

    def test_release_is_counted_from_the_day_of_the_build(self):
        index, person = next((index, person) for index, person in enumerate(PRISONERS) if "release_in_days" in person)
        facts = prisoners.case_facts(person, index, date(2030, 1, 1))
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
