"""What the catalog learns about a prisoner profile: the facts the public list filters, sorts and counts by.

Filter values are stable codes (the same in every language), so a filter URL means the same in /en and /ru.
"""

from coalition.intranet.public.interfaces import IPrisonerProfile
from plone.base.interfaces import ILanguage
from plone.indexer import indexer
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory


@indexer(IPrisonerProfile)
def prisoner_status(profile):
    return profile.status or _missing()


@indexer(IPrisonerProfile)
def prisoner_region(profile):
    return profile.region or _missing()


@indexer(IPrisonerProfile)
def prisoner_articles(profile):
    return list(profile.articles or ()) or _missing()


@indexer(IPrisonerProfile)
def prisoner_categories(profile):
    return list(profile.case_categories or ()) or _missing()


@indexer(IPrisonerProfile)
def detention_date(profile):
    return profile.date_of_detention or _missing()


@indexer(IPrisonerProfile)
def detention_year(profile):
    return profile.date_of_detention.year if profile.date_of_detention else _missing()


@indexer(IPrisonerProfile)
def mentor_status(profile):
    """``has`` a mentor, ``seeks`` one, or ``none``: counted from real mentorships (mentorship/seeking.py)."""
    from coalition.intranet.mentorship import api as mentorship

    return mentorship.mentor_status(profile)


@indexer(IPrisonerProfile)
def letters_possible(profile):
    return bool(getattr(profile, "letters_possible", False))


@indexer(IPrisonerProfile)
def searchable_text(profile):
    """Names, place, story and interests, and the region and article labels in the profile's language."""
    language = ILanguage(profile).get_language() or "en"
    parts = [profile.title, profile.name_ru, profile.place_of_detention, profile.sentence]
    parts.append(getattr(profile, "interests", None))
    story = getattr(profile, "story", None)
    parts.append(story.output_relative_to(profile) if story else "")
    parts.append(_label("coalition.vocabularies.Regions", profile.region, language))
    articles = profile.articles or ()
    parts.extend(_label("coalition.vocabularies.CriminalCodeArticles", code, language) for code in articles)
    return " ".join(part for part in parts if part)


def _label(vocabulary_name: str, value, language: str) -> str:
    if not value:
        return ""
    vocabulary = getUtility(IVocabularyFactory, vocabulary_name)(None)
    try:
        title = vocabulary.getTerm(value).title
    except LookupError:
        return str(value)
    return translate(title, target_language=language)


def _missing():
    raise AttributeError("no value")
