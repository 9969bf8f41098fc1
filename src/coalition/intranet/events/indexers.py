"""Catalog indexes of public events (filters of the calendar, events of a prisoner)."""

from coalition.intranet.events.interfaces import IPublicEvent
from plone.indexer import indexer


@indexer(IPublicEvent)
def event_kind(obj):
    return getattr(obj, "event_kind", None) or None


@indexer(IPublicEvent)
def event_country(obj):
    return getattr(obj, "country", None) or None


@indexer(IPublicEvent)
def event_city(obj):
    return " ".join((getattr(obj, "city", None) or "").split()) or None


@indexer(IPublicEvent)
def event_prisoners(obj):
    return tuple(getattr(obj, "prisoners", None) or ())
