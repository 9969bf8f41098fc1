"""Which public events a language shows: the one query behind the calendar, the .ics feeds, the prisoner
profiles' "upcoming events" and ``api.upcoming_events``. Published events only, searched as the current
user (so nothing unpublished is found by anybody's calendar)."""

from Acquisition import aq_base
from coalition.intranet.site.api import language_root
from DateTime import DateTime
from plone import api
from plone.app.multilingual.interfaces import ITG
from plone.base.interfaces import ILanguage


EVENTS_SECTION = "events"
UPCOMING = "upcoming"
PAST = "past"
# Query parameters of the calendar that filter by a fact, and the catalog index of each.
FILTERS = {"country": "event_country", "city": "event_city", "kind": "event_kind"}


def events_folder(language: str):
    root = api.portal.get().get(language)
    return root.get(EVENTS_SECTION) if root is not None else None


def is_events_folder(context) -> bool:
    language = ILanguage(context).get_language() if ILanguage(context, None) is not None else None
    folder = events_folder(language) if language else None
    return folder is not None and aq_base(folder) is aq_base(context)


def events_query(language: str, when: str = UPCOMING, *, prisoner_group: str | None = None, **filters) -> dict:
    """Catalog query of the published events of ``language`` that are upcoming (not yet ended: running
    and future, soonest first) or past (latest first), optionally filtered."""
    now = DateTime()
    query = {
        "portal_type": "Event",
        "review_state": "published",
        "path": "/".join(language_root(api.portal.get(), language)[EVENTS_SECTION].getPhysicalPath()),
    }
    if when == PAST:
        query.update(end={"query": now, "range": "max"}, sort_on="start", sort_order="descending")
    else:
        query.update(end={"query": now, "range": "min"}, sort_on="start")
    if prisoner_group:
        query["event_prisoners"] = prisoner_group
    for name, index in FILTERS.items():
        value = filters.get(name)
        if value:
            query[index] = value
    return query


def search(language: str, when: str = UPCOMING, **kwargs):
    return api.portal.get_tool("portal_catalog").searchResults(**events_query(language, when, **kwargs))


def prisoner_group_of(profile_uid: str | None) -> str | None:
    """The translation group of a prisoner profile (any of its languages), if the current user may view it."""
    profile = api.content.get(UID=profile_uid) if profile_uid else None
    return ITG(profile, None) if profile is not None else None
