"""Prisoners seeking a mentor, and what the public list's filter "has / seeks a mentor" counts.

A profile *has* a mentor when it has an active mentorship whose mentor's record is public. It *seeks* one
when it has no open mentorship at all (proposed, agreed or active: coordinators are already on it), the
person is deprived of liberty, and the public editors marked that a mentor is sought (``seeks_mentor``: the
family agrees to a public call). Everything else is ``none``.
"""

from coalition.intranet.mentorship import profiles
from coalition.intranet.mentorship import public_record
from coalition.intranet.mentorship import registry
from coalition.intranet.public.facts import IMPRISONED_STATUSES
from coalition.intranet.public.facts import public_profiles_query
from datetime import date
from plone import api


def mentor_status(profile) -> str:
    """``has``, ``seeks`` or ``none`` for a profile or any of its translations."""
    uid = profiles.canonical_uid(profile)
    if uid and public_record.public_mentorships_of_profile(uid):
        return "has"
    if uid and registry.mentorships(profile_uid=uid, states=registry.OPEN_STATES):
        return "none"
    if getattr(profile, "seeks_mentor", False) and getattr(profile, "status", None) in IMPRISONED_STATUSES:
        return "seeks"
    return "none"


def _seeking_query(language: str, region=None, category=None) -> dict:
    query = public_profiles_query(language)
    query["mentor_status"] = "seeks"
    if region:
        query["prisoner_region"] = region
    if category:
        query["prisoner_categories"] = category
    return query


def seeking_brains(language: str, region=None, category=None, limit: int | None = None) -> list:
    """The catalog entries of the profiles in ``language`` that seek a mentor, longest wait first (recognised
    earliest; those without a date of recognition last; then by name), optionally of one ``region`` and one case
    ``category`` (codes), the first ``limit`` only when given. Sorted on the indexes' values: no profile is
    loaded, whatever the list's length."""
    catalog = api.portal.get_tool("portal_catalog")
    query = _seeking_query(language, region, category)
    if limit:
        # The catalog's own n-best sort; it leaves out profiles without a date, so it serves only when enough
        # profiles have one (the front page's few, the dashboard's five).
        found = catalog(sort_on=("recognised_on", "sortable_title"), sort_limit=limit, **query)[:limit]
        if len(found) == limit:
            return list(found)
    recognised = catalog._catalog.getIndex("recognised_on")
    titles = catalog._catalog.getIndex("sortable_title")

    def longest_wait_first(brain):
        rid = brain.getRID()
        return (recognised.getEntryForObject(rid, None) or date.max, titles.getEntryForObject(rid, None) or "")

    ordered = sorted(catalog(**query), key=longest_wait_first)
    return ordered[:limit] if limit else ordered


def count_seeking(language: str) -> int:
    """How many profiles in ``language`` seek a mentor."""
    return len(api.portal.get_tool("portal_catalog")(**_seeking_query(language)))


def seeking_values(language: str, index_name: str) -> set:
    """The values of ``index_name`` (``prisoner_region``, ``prisoner_categories``) that seekers in ``language``
    have, read from the index: the filters offer only what finds someone."""
    catalog = api.portal.get_tool("portal_catalog")
    index = catalog._catalog.getIndex(index_name)
    found = set()
    for brain in catalog(**_seeking_query(language)):
        value = index.getEntryForObject(brain.getRID(), None)
        if isinstance(value, list | tuple | set | frozenset):
            found.update(value)
        elif value:
            found.add(value)
    return found


def prisoners_seeking_mentor(language: str, limit: int | None = None, region=None, category=None) -> list:
    """The public profiles (objects) in ``language`` that seek a mentor, in the order of ``seeking_brains``;
    only the first ``limit`` are loaded when a limit is given."""
    return [brain.getObject() for brain in seeking_brains(language, region, category, limit)]


def waiting_since(profile):
    """Since when the prisoner waits: the date of recognition (None when unknown)."""
    return getattr(profile, "recognised_on", None)
