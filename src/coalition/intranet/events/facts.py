"""Facts of public events shared by every language, and what a public event may link to.

plone.app.multilingual copies the language-independent fields of ``coalition.public_event``; the dates,
recurrence and image belong to plone.app.event and plone.app.contenttypes, so this module copies them to
the translations whenever the event is changed or translated, whoever changes it.
"""

from Acquisition import aq_base
from coalition.intranet.events.vocabularies import country_name
from coalition.intranet.public.boundary.anonymity import in_public_roots
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest


# Facts of other behaviors that are the same in every language.
SHARED_FACTS = ("start", "end", "whole_day", "open_end", "recurrence", "image", "image_caption", "location")
_COPYING = "coalition.events.copying-facts"


def event_by_uid(uid):
    """The event ``uid`` if the current user may view it."""
    return api.content.get(UID=uid) if uid else None


def _published_groups(portal_type: str) -> set:
    catalog = api.portal.get_tool("portal_catalog")
    with api.env.adopt_roles(["Anonymous"]):
        return {
            brain.TranslationGroup for brain in catalog.searchResults(portal_type=portal_type, review_state="published")
        }


def live_prisoner_groups() -> set:
    """Translation groups of the prisoner profiles Anonymous may read (the act stands)."""
    return _published_groups("PrisonerProfile")


def published_campaign_groups() -> set:
    return _published_groups("Campaign")


def location_line(data: dict, language: str) -> str:
    """ "Venue, City, Country" for plone.app.event's location (shown by calendars that read the .ics)."""
    parts = [data.get("venue"), data.get("city")]
    if data.get("country"):
        parts.append(country_name(data["country"], language))
    return ", ".join(part for part in parts if part)


def copy_shared_facts(event, targets=None) -> None:
    """Copy the dates, recurrence, image and location of ``event`` to ``targets`` (default: its translations)."""
    if targets is None:
        targets = [
            item
            for item in ITranslationManager(event).get_translations().values()
            if aq_base(item) is not aq_base(event)
        ]
    request = getRequest()
    annotations = IAnnotations(request) if request is not None else {}
    annotations[_COPYING] = True
    try:
        for target in targets:
            for name in SHARED_FACTS:
                if name == "location" and getattr(target, "country", None):
                    value = location_line(
                        {key: getattr(event, key, None) for key in ("venue", "city", "country")},
                        ILanguage(target).get_language(),
                    )
                else:
                    value = getattr(aq_base(event), name, None)
                if getattr(aq_base(target), name, None) != value:
                    setattr(target, name, value)
            target.reindexObject()
    finally:
        annotations[_COPYING] = False


def _copying() -> bool:
    request = getRequest()
    return request is not None and bool(IAnnotations(request).get(_COPYING))


def on_event_modified(event, change) -> None:
    """Subscriber: an event edited in a language root shares its new dates with its translations."""
    if _copying() or not in_public_roots(event):
        return
    copy_shared_facts(event)


def on_event_translated(change) -> None:
    """Subscriber: a new translation (any route) starts with the source's dates, recurrence and image."""
    from plone.event.interfaces import IEvent

    source, target = change.object, getattr(change, "target", None)
    if target is not None and IEvent.providedBy(source) and IEvent.providedBy(target):
        copy_shared_facts(source, [target])
