"""Fictional profiles for the tests of the public list, with facts chosen so that every filter splits them."""

from coalition.intranet.public.boundary import provenance
from coalition.intranet.public.interfaces import IPrisonerProfile
from datetime import date
from plone import api
from plone.base.interfaces import ILanguage
from Products.CMFCore.indexing import processQueue
from tests.mentorship.mentorship_fixtures import public_mentor_of
from tests.public.profile_fixtures import make_profile
from tests.public.profile_fixtures import portrait


def make_listing_profiles() -> dict:
    """Five published English profiles; Anna also in German and French. Returns {first name: profile}."""
    profiles = {
        "anna": make_profile(
            "Anna Beispiel",
            translations={"de": "Anna Beispielowa", "fr": "Anna Exemplova"},
            name_ru="Анна Примерова",
            status="serving_sentence",
            region="tver",
            articles=["207.3"],
            case_categories=["anti_war"],
            date_of_detention=date(2022, 4, 1),
            recognised_on=date(2023, 1, 15),
            letters_possible=True,
            image=portrait(),
        ),
        "boris": make_profile(
            "Boris Muster",
            name_ru="Борис Образцов",
            status="pre_trial_custody",
            region="moscow",
            articles=["280.3"],
            case_categories=["anti_war"],
            date_of_detention=date(2023, 6, 10),
            recognised_on=date(2024, 2, 1),
            seeks_mentor=True,
        ),
        "chris": make_profile(
            "Chris Probe",
            name_ru="Крис Пробный",
            status="released",
            region="tver",
            articles=["282.2"],
            case_categories=["religious"],
            date_of_detention=date(2019, 5, 20),
            recognised_on=date(2020, 3, 1),
        ),
        "dmitri": make_profile(
            "Dmitri Vorlage",
            name_ru="Дмитрий Шаблонов",
            status="house_arrest",
            region="moscow",
            articles=["207.3", "280.3"],
            case_categories=["journalists", "anti_war"],
            date_of_detention=date(2022, 12, 1),
            recognised_on=date(2023, 5, 5),
            letters_possible=True,
            seeks_mentor=True,
        ),
        "elena": make_profile(
            "Elena Ohnedatum",
            name_ru="Елена Бездатная",
            status="serving_sentence",
            region="moscow",
            articles=["275"],
            case_categories=["scientists"],
            date_of_detention=None,
            recognised_on=None,
        ),
    }
    # Anna has a mentor: a real, active mentorship with a public mentor (the list's "has a mentor").
    public_mentor_of(profiles["anna"], "Erika Beispielfrau")
    processQueue()
    return profiles


def make_draft_profile(portal, title="Dora Geheim"):
    """A profile never published (in Tver, 2022, 207.3, like Anna), as older data may hold."""
    with provenance.publication_act(), api.env.adopt_roles(["Manager"]):
        profile = api.content.create(
            container=portal["en"]["prisoners"],
            type="PrisonerProfile",
            title=title,
            name_ru="Дора Тайная",
            status="serving_sentence",
            region="tver",
            articles=["207.3"],
            case_categories=["anti_war"],
            date_of_detention=date(2022, 4, 1),
            letters_possible=True,
        )
        ILanguage(profile).set_language("en")
        profile.reindexObject()
    assert IPrisonerProfile.providedBy(profile)
    processQueue()
    return profile


def make_profile_only_in(portal, language: str, title: str):
    """A published profile that exists in ``language`` only (no translation anywhere else): made as an act
    would, outside the default language."""
    with provenance.publication_act(), api.env.adopt_roles(["Manager"]):
        profile = api.content.create(
            container=portal[language]["prisoners"],
            type="PrisonerProfile",
            title=title,
            name_ru="Грета Одноязычная",
            status="serving_sentence",
            region="tver",
            articles=["207.3"],
            date_of_detention=date(2022, 4, 1),
        )
        ILanguage(profile).set_language(language)
        api.content.transition(profile, to_state="published")
        profile.reindexObject()
    processQueue()
    return profile
