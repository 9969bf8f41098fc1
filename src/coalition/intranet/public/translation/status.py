"""Translation status of the public content: which translation of which piece is missing, older than its
source or not published. Plain rules on catalog brains, used by the ``@@translation-status`` page (``views.py``)
and the translator's queue on the dashboard (``waiting.py``).

Everything comes from the user's own catalog search: a user never learns of content they may not see.
"""

from coalition.intranet.site import structure
from coalition.intranet.site.api import site_languages
from coalition.intranet.site.api import translator_languages
from dataclasses import dataclass
from dataclasses import field
from plone import api


# Public types whose translations are followed; images and files are usually shared, not translated.
MEDIA_TYPES = ("Image", "File")
TRACKED_TYPES = tuple(
    dict.fromkeys(
        [t for t in structure.PUBLIC_TYPES if t not in MEDIA_TYPES]
        + [t for extra in structure.PUBLIC_SECTION_EXTRA_TYPES.values() for t in extra]
    )
)
# Sources in these states are not to be translated (a retracted profile stays off the public site).
UNTRANSLATED_SOURCE_STATES = ("retracted",)

SOURCE = "source"
MISSING = "missing"
OUTDATED = "outdated"
UNPUBLISHED = "unpublished"
CURRENT = "current"
# The states that are work for a translator or an editor, in the order of the filter links.
WORK_STATES = (MISSING, OUTDATED, UNPUBLISHED)


@dataclass
class StatusRow:
    """One piece of content (a translation group): its source and its translations by language."""

    source: object  # catalog brain
    translations: dict = field(default_factory=dict)  # language -> catalog brain
    states: dict = field(default_factory=dict)  # language -> state, for every site language

    def needs_work(self, languages, states=WORK_STATES) -> bool:
        return any(self.states.get(language) in states for language in languages)


def translation_state(source, translation) -> str:
    """The state of one translation (catalog brains) measured against its source.

    A folder's modification date moves whenever content is added to it, so folders are never "older".
    """
    if translation is None:
        return MISSING
    if translation.UID == source.UID:
        return SOURCE
    if translation.modified < source.modified and not source.is_folderish:
        return OUTDATED
    if translation.review_state != "published" and source.review_state == "published":
        return UNPUBLISHED
    return CURRENT


def choose_source(translations: dict):
    """The default language's item, or else the one written first."""
    default_language = api.portal.get_registry_record("plone.default_language", default=None)
    if default_language in translations:
        return translations[default_language]
    return min(translations.values(), key=lambda brain: brain.created)


def status_rows() -> list[StatusRow]:
    """Every translatable piece of public content the user may see, newest change of the source first."""
    languages = site_languages()
    portal = api.portal.get()
    root_paths = ["/".join(portal[lang].getPhysicalPath()) for lang in languages if lang in portal]
    catalog = api.portal.get_tool("portal_catalog")
    groups: dict[str, dict] = {}
    for brain in catalog.searchResults(portal_type=list(TRACKED_TYPES), path=root_paths, Language=languages):
        if brain.TranslationGroup:
            groups.setdefault(brain.TranslationGroup, {})[brain.Language] = brain
    rows = []
    for translations in groups.values():
        source = choose_source(translations)
        if source.review_state in UNTRANSLATED_SOURCE_STATES:
            continue
        states = {language: translation_state(source, translations.get(language)) for language in languages}
        rows.append(StatusRow(source=source, translations=translations, states=states))
    rows.sort(key=lambda row: row.source.modified, reverse=True)
    return rows


def languages_waiting_for(user) -> list[str]:
    """The languages whose translation work waits for ``user``: every site language for public editors, else
    the languages they translate into."""
    if "public-editors" in set(user.getGroups() or ()):
        return site_languages()
    return translator_languages(user)
