"""The prisoner side of a mentorship: which public profile a mentorship is about.

A mentorship points at the *canonical* profile (the one the act of publication created), so it holds for
every translation; a profile whose act was retracted is no longer live and vanishes from every mentorship
page at once (``public.api.profile_is_live``).
"""

from coalition.intranet.public import api as public_api
from coalition.intranet.public.boundary.provenance import provenance_of
from coalition.intranet.site.structure import DEFAULT_LANGUAGE
from plone import api


def canonical_uid(profile) -> str:
    """The uid of the canonical profile of ``profile`` (or of its translation group), or ''."""
    record = provenance_of(profile)
    return record.profile_uid if record is not None else ""


def is_live(profile_uid: str) -> bool:
    return public_api.profile_is_live(profile_uid)


def canonical_profile(profile_uid: str):
    """The canonical profile object (unrestricted), or None."""
    if not profile_uid:
        return None
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=profile_uid)
    return brains[0]._unrestrictedGetObject() if brains else None


def translation_in(profile_uid: str, language: str):
    """The profile of ``profile_uid`` in ``language`` when it is live and published there, else None."""
    if not is_live(profile_uid):
        return None
    profile = canonical_profile(profile_uid)
    if profile is None:
        return None
    item = public_api.translations_by_language(profile).get(language)
    if item is None or api.content.get_state(item, default="") != "published":
        return None
    return item


def all_translations(profile_uid: str) -> list:
    profile = canonical_profile(profile_uid)
    return public_api.translations_of(profile) if profile is not None else []


def profile_name(profile_uid: str, language: str = DEFAULT_LANGUAGE) -> str:
    item = translation_in(profile_uid, language) or canonical_profile(profile_uid)
    return item.Title() if item is not None else ""


def reindex_profile(profile_uid: str) -> None:
    """Let the public list count the profile's mentorships again (``mentor_status``), in every language."""
    for item in all_translations(profile_uid):
        item.reindexObject(idxs=["mentor_status"])
