"""Which translations of a piece of public content exist for a reader, and the names of the site languages.

The language switcher, the "not yet translated" page and the hreflang alternates (``views.py``) ask here, and so
do the translation status and the translator's queue (``translation/``).
"""

from coalition.intranet.site.api import site_languages
from DateTime import DateTime
from plone import api
from plone.base.defaultpage import get_default_page
from plone.i18n.locales.interfaces import IContentLanguageAvailability
from zope.component import getUtility


def native_name(language: str) -> str:
    """The name of ``language`` in that language ("Deutsch", "Русский")."""
    info = getUtility(IContentLanguageAvailability).getLanguages(True).get(language) or {}
    return info.get("native") or info.get("name") or language


def language_root_of(language: str):
    """The language root folder, or None for a code that is not a site language."""
    if language not in site_languages():
        return None
    return api.portal.get().get(language)


def visible_translations(translation_group: str) -> list:
    """Catalog brains of the translations the current user may view, in the order of the site languages.

    The restricted catalog search is the reader's own view: for Anonymous, published (and effective) items only.
    """
    if not translation_group:
        return []
    languages = site_languages()
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.searchResults(TranslationGroup=translation_group, Language=languages)
    return sorted(brains, key=lambda brain: languages.index(brain.Language))


def public_translations(translation_group: str) -> list:
    """Catalog brains of the translations Anonymous may read, whoever asks (what search engines see)."""
    if not translation_group:
        return []
    languages = site_languages()
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        TranslationGroup=translation_group,
        Language=languages,
        allowedRolesAndUsers=["Anonymous"],
        effectiveRange=DateTime(),
    )
    return sorted(brains, key=lambda brain: languages.index(brain.Language))


def reader_url(brain) -> str:
    """The URL readers know an item by: a folder's default page (the home page of a language) is read at the
    folder's URL."""
    parent_path, _slash, item_id = brain.getPath().rpartition("/")
    parent = api.portal.get().unrestrictedTraverse(parent_path, None)
    if parent is not None and get_default_page(parent) == item_id:
        return parent.absolute_url()
    return brain.getURL()
