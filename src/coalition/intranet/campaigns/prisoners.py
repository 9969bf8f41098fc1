"""The prisoners a campaign names: live public profiles only, in the reader's language when translated."""

from coalition.intranet.public.facts import public_profiles_query
from dataclasses import dataclass
from plone import api


LETTERS_ANCHOR = "#profile-letters-heading"


@dataclass(frozen=True)
class LinkedPrisoner:
    title: str
    url: str
    letters_possible: bool

    @property
    def letters_url(self) -> str:
        return f"{self.url}{LETTERS_ANCHOR}"


def linked_prisoners(campaign, language: str) -> list[LinkedPrisoner]:
    """The campaign's prisoners whose profile is published now (the current user's catalog search), in
    ``language``, else in the default language; a retracted profile simply drops out."""
    groups = [group for group in (campaign.prisoners or []) if group]
    if not groups:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    default_language = api.portal.get_registry_record("plone.default_language", default="en") or "en"
    found = {}
    for lang in dict.fromkeys((default_language, language)):
        for brain in catalog.searchResults(TranslationGroup=groups, **public_profiles_query(lang)):
            found[brain.TranslationGroup] = brain
    letters = catalog.Indexes["letters_possible"] if "letters_possible" in catalog.indexes() else None
    result = []
    for group in groups:
        brain = found.get(group)
        if brain is None:
            continue
        possible = bool(letters.getEntryForObject(brain.getRID())) if letters is not None else False
        result.append(LinkedPrisoner(brain.Title, brain.getURL(), possible))
    return result
