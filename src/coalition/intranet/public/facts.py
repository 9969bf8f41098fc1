"""Shared facts of the public website: which profiles are public, the labels of their coded values, how the
pages of a language's list find their language, and how the list and its statistics count from the catalog.

Listing, profile, statistics, feeds and open data all ask here, so "public" means the same everywhere:
a published ``PrisonerProfile`` in the reader's language root.
"""

from Acquisition import aq_base
from BTrees.IIBTree import IISet
from BTrees.IIBTree import multiunion
from coalition.intranet import compat
from coalition.intranet.site.api import language_root
from coalition.intranet.site.api import site_languages
from datetime import datetime
from plone import api
from plone.base.interfaces import ILanguage
from Products.Five.browser import BrowserView
from Products.ZCatalog.query import IndexQuery
from Products.ZCTextIndex.ParseTree import ParseError
from zExceptions import NotFound
from zope.component import getUtility
from zope.i18n import translate
from zope.i18n.locales import LoadLocaleError
from zope.i18n.locales import locales
from zope.schema.interfaces import IVocabularyFactory


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


def list_language_or_404(context, name: str) -> str:
    """``list_language(context)``, or NotFound (``name``) anywhere but on a language's ``prisoners`` folder."""
    language = list_language(context)
    if language is None:
        raise NotFound(name)
    return language


class ListPage(BrowserView):
    """A page of a language's ``prisoners`` folder (the list, its statistics): 404 on any other folder."""

    # The NotFound message anywhere else.
    not_here = "This page belongs to the prisoners folder of a language."

    def __call__(self):
        self.update()
        return self.index()

    def update(self) -> None:
        self.language = list_language_or_404(self.context, self.not_here)


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
    """The catalog record ids of a search result, without making a brain for each when the catalog allows.

    Making a brain per profile would be most of the time spent counting (``compat.unsorted_record_ids``);
    any other result: from its brains.
    """
    found = compat.unsorted_record_ids(results)
    return found if found is not None else IISet([brain.getRID() for brain in results])


def visible_record_ids(catalog, query: dict | None) -> IISet:
    """Record ids of what ``query`` finds for the current user (the catalog applies permissions and
    publication dates), without making a brain for each. The list and the statistics count on them."""
    if query is None:
        return IISet()
    try:
        results = catalog.searchResults(query)
    except ParseError:
        # A search text the full-text index cannot parse (a stray quote) finds nothing.
        return IISet()
    return record_ids(results)


def index_rows(index, value) -> IISet:
    """Record ids a field or keyword ``index`` holds for ``value`` (for any of them, given a tuple)."""
    if isinstance(value, tuple):
        return multiunion([index_rows(index, one) for one in value])
    name = index.getId()
    return index.query_index(IndexQuery({name: value}, name)) or IISet()
