"""The publication boundary of events: from a working group's private plan to the public ``Event``.

``PUBLIC_FIELDS`` is the one whitelist of what leaves a plan. The act copies these values into the event in
the default language's ``events`` section (and the translations the person writes on the publish page);
the plan's notes, budget, tasks and files never leave the working group. The plan remembers which event it
published; the event does not know its plan. Every act is in the audit log.
"""

from AccessControl import Unauthorized
from coalition.intranet import _
from coalition.intranet.caching import api as caching
from coalition.intranet.errors import CoalitionError
from coalition.intranet.events import facts
from coalition.intranet.events.validation import check_dates
from coalition.intranet.events.validation import localise
from coalition.intranet.public.boundary.anonymity import anonymise
from coalition.intranet.security import api as audit
from coalition.intranet.site.api import language_root
from coalition.intranet.site.api import site_languages
from coalition.intranet.site.structure import DEFAULT_LANGUAGE
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.app.textfield.value import RichTextValue
from plone.base.interfaces import ILanguage
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobImage
from z3c.caching.purge import Purge
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


PUBLISH = "coalition: Publish event"
EVENTS_SECTION = "events"
# plan field -> event field: the whitelist of what becomes public. The dates are copied with the
# venue's time zone (``timezone`` is not a field of the event: the zone lives in its aware datetimes).
PUBLIC_FIELDS = {
    "title": "title",
    "public_text": "text",
    "event_kind": "event_kind",
    "event_start": "start",
    "event_end": "end",
    "whole_day": "whole_day",
    "event_recurrence": "recurrence",
    "venue": "venue",
    "city": "city",
    "country": "country",
    "online_link": "online_link",
    "organisers": "organisers",
    "accessibility": "accessibility",
    "prisoners": "prisoners",
    "campaigns": "campaigns",
    "image": "image",
    "capacity": "capacity",
}
# Per-language texts a person may write on the publish page for the translations.
TRANSLATED_FIELDS = ("title", "text", "accessibility")


class EventPublicationRefused(CoalitionError):
    """The act was refused; nothing was published."""


def published_event(plan):
    """The public event (default language) published from ``plan``, or None."""
    return facts.event_by_uid(getattr(plan, "published_event_uid", None))


def public_data(plan) -> dict:
    """Exactly what the act would make public: the whitelisted fields, the dates in the venue's zone, only
    linked prisoners whose profile is live and campaigns that are published."""
    data = {target: getattr(plan, source, None) for source, target in PUBLIC_FIELDS.items()}
    timezone = getattr(plan, "timezone", None)
    check_dates(data["start"], data["end"], timezone, data["recurrence"])
    data["start"] = localise(data["start"], timezone)
    data["end"] = localise(data["end"], timezone)
    data["whole_day"] = bool(data["whole_day"])
    data["prisoners"] = [group for group in data["prisoners"] or [] if group in facts.live_prisoner_groups()]
    data["campaigns"] = [group for group in data["campaigns"] or [] if group in facts.published_campaign_groups()]
    data["organisers"] = list(data["organisers"] or [])
    image = data["image"]
    if image is not None:
        # A copy: the public image is re-encoded without metadata (public/boundary/photos.py), the plan's stays.
        data["image"] = NamedBlobImage(data=image.data, contentType=image.contentType, filename=image.filename)
    return data


def publish_event(plan, translations: dict | None = None):
    """The act: create or update the public event from ``plan``; the current user takes it.

    ``translations``: ``{language: {"title": …, "text": html, "accessibility": …}}`` for languages other than
    the default one; a translation is added (or its texts updated) only when a title is given.
    """
    if not api.user.has_permission(PUBLISH, obj=plan):
        raise Unauthorized("You may not publish this event plan.")
    data = public_data(plan)
    if not data["title"]:
        raise EventPublicationRefused(_("event_error_no_title", default="The event needs a title."))
    translations = {
        language: texts
        for language, texts in (translations or {}).items()
        if language in site_languages() and language != DEFAULT_LANGUAGE and (texts.get("title") or "").strip()
    }
    actor = api.user.get_current().getId()
    with api.env.adopt_roles(["Manager"]):
        event = _unrestricted(getattr(plan, "published_event_uid", None))
        created = event is None
        if created:
            container = language_root(api.portal.get(), DEFAULT_LANGUAGE)[EVENTS_SECTION]
            event = createContentInContainer(container, "Event", checkConstraints=True, title=data["title"])
            ILanguage(event).set_language(DEFAULT_LANGUAGE)
        write_event(event, data)
        languages = [DEFAULT_LANGUAGE]
        for language, texts in translations.items():
            _translate(event, language, texts)
            languages.append(language)
        for item in translations_of(event).values():
            if api.content.get_state(item) != "published":
                api.content.transition(item, to_state="published")
            anonymise(item)
            item.reindexObject()
    plan.published_event_uid = api.content.get_uuid(event)
    # The linked prisoners' profiles list their upcoming events: the caching proxy drops its copies.
    caching.purge_people(data["prisoners"])
    audit.record(
        "event.published",
        plan,
        actor,
        event=event.absolute_url_path(),
        languages=",".join(sorted(languages)),
        created="yes" if created else "no",
    )
    return event


def write_event(event, data: dict) -> None:
    """Write the whitelisted ``data`` on ``event`` and copy the shared facts to its translations."""
    for name, value in data.items():
        if name == "text":
            value = RichTextValue(value.raw, value.mimeType, value.outputMimeType) if value else None
        setattr(event, name, value)
    event.location = facts.location_line(data, DEFAULT_LANGUAGE)
    notify(ObjectModifiedEvent(event))
    facts.copy_shared_facts(event)
    event.reindexObject()


def _translate(event, language: str, texts: dict) -> None:
    manager = ITranslationManager(event)
    if not manager.has_translation(language):
        manager.add_translation(language)
    translation = manager.get_translation(language)
    translation.title = texts["title"].strip()
    html = (texts.get("text") or "").strip()
    translation.text = RichTextValue(html, "text/html", "text/x-html-safe") if html else None
    translation.accessibility = (texts.get("accessibility") or "").strip() or event.accessibility
    facts.copy_shared_facts(event, [translation])
    notify(ObjectModifiedEvent(translation))


def withdraw_event(plan, reason: str = "") -> int:
    """Take the plan's public event off the public site in every language at once; returns how many."""
    if not api.user.has_permission(PUBLISH, obj=plan):
        raise Unauthorized("You may not withdraw this event.")
    with api.env.adopt_roles(["Manager"]):
        event = _unrestricted(getattr(plan, "published_event_uid", None))
        if event is None:
            raise EventPublicationRefused(_("event_error_not_published", default="This plan has no public event."))
        withdrawn = []
        for language, item in translations_of(event).items():
            if api.content.get_state(item) == "published":
                api.content.transition(item, to_state="retracted")
                withdrawn.append(language)
            item.reindexObject()
            notify(Purge(item))
        caching.purge_people(getattr(event, "prisoners", None))
    audit.record("event.withdrawn", plan, reason=reason, languages=",".join(sorted(withdrawn)))
    return len(withdrawn)


def is_published(plan) -> bool:
    event = _unrestricted(getattr(plan, "published_event_uid", None))
    return event is not None and api.content.get_state(event) == "published"


def translations_of(event) -> dict:
    """``{language: item}`` for the event and its translations."""
    found = dict(ITranslationManager(event).get_translations())
    return found or {ILanguage(event).get_language(): event}


def _unrestricted(uid):
    if not uid:
        return None
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=uid)
    return brains[0]._unrestrictedGetObject() if brains else None
