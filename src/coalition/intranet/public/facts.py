"""Shared facts of the public website: which profiles are public, and the labels of their coded values.

Listing, profile, statistics, feeds and open data all ask here, so "public" means the same everywhere:
a published ``PrisonerProfile`` in the reader's language root.
"""

from Acquisition import aq_base
from BTrees.IIBTree import IISet
from coalition.intranet.site.api import language_root
from coalition.intranet.site.api import site_languages
from datetime import datetime
from plone import api
from plone.base.interfaces import ILanguage
from zope.component import getUtility
from zope.i18n import translate
from zope.i18n.locales import LoadLocaleError
from zope.i18n.locales import locales
from zope.schema.interfaces import IVocabularyFactory
from ZTUtils.Lazy import LazyMap


# profile field -> vocabulary of its coded values
VOCABULARIES = {
    "status": "coalition.vocabularies.DetentionStatuses",
    "region": "coalition.vocabularies.Regions",
    "articles": "coalition.vocabularies.CriminalCodeArticles",
    "case_categories": "coalition.vocabularies.CaseCategories",
    "gender": "coalition.vocabularies.Genders",
}
# Statuses of people deprived of liberty (the "currently imprisoned" count).
IMPRISONED_STATUSES = ("pre_trial_custody", "house_arrest", "serving_sentence")


def prisoners_folder(language: str):
    """The ``prisoners`` folder of a site language, or None."""
    if language not in site_languages():
        return None
    try:
        return language_root(api.portal.get(), language).get("prisoners")
    except (KeyError, AttributeError):
        return None


def list_language(context) -> str | None:
    """The language of ``context`` when it is a language root's ``prisoners`` folder, else None.

    The list, statistics, feed and open-data views are registered for folders; they answer only on the
    list itself.
    """
    language = ILanguage(context, None)
    language = language.get_language() if language is not None else None
    folder = prisoners_folder(language) if language else None
    if folder is None or aq_base(folder) is not aq_base(context):
        return None
    return language


def reader_locale(language: str):
    """The zope.i18n locale (number and date formats) of a language code such as ``de`` or ``pt-BR``;
    None when zope.i18n has none."""
    language, _sep, territory = (language or "en").replace("_", "-").partition("-")
    try:
        return locales.getLocale(language, territory.upper() or None)
    except LoadLocaleError:
        return None


def format_date(value, language: str) -> str:
    """``value`` (date, datetime or Zope DateTime) as a long date in ``language`` (ISO when unknown)."""
    if value is None:
        return ""
    if hasattr(value, "asdatetime"):
        value = value.asdatetime()
    if isinstance(value, datetime):
        value = value.date()
    locale = reader_locale(language)
    try:
        return locale.dates.getFormatter("date", "long").format(value)
    except (AttributeError, KeyError, ValueError):  # no locale, or no long date format in it
        return value.isoformat()


def tr(message, language: str) -> str:
    """A message of the coalition's domain in ``language`` (outputs in a fixed language: feeds, open data)."""
    return translate(message, domain="coalition", target_language=language)


def vocabulary(field: str):
    return getUtility(IVocabularyFactory, VOCABULARIES[field])(None)


def label(field: str, value):
    """The translatable label of a coded value (the value itself when it is not in the vocabulary)."""
    try:
        return vocabulary(field).getTerm(value).title
    except LookupError:
        return value


def public_profiles_query(language: str) -> dict:
    """Catalog query of the profiles the public sees in ``language``."""
    prisoners = language_root(api.portal.get(), language)["prisoners"]
    return {
        "portal_type": "PrisonerProfile",
        "review_state": "published",
        "path": "/".join(prisoners.getPhysicalPath()),
    }


def record_ids(results) -> IISet:
    """The catalog record ids of a search result, without making a brain for each.

    An unsorted result is a lazy map over the record ids (full-text results over (score, id) pairs):
    making a brain per profile would be most of the time spent counting. Any other result: from its brains.
    """
    if isinstance(results, LazyMap):
        sequence = results._seq
        if sequence and isinstance(sequence[0], tuple):
            return IISet(rid for _score, rid in sequence)
        if all(isinstance(item, int) for item in sequence[:1]):
            return IISet(sequence)
    return IISet([brain.getRID() for brain in results])
