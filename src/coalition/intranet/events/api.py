"""The public API of events: what other concerns (the front page, prisoner profiles, jobs) and the views call.

- ``upcoming_events(language, limit=None, prisoner_uid=None)``: published events of a language, soonest first.
- The act: ``publish_event(plan, translations=None)``, ``withdraw_event(plan, reason)``, ``public_data(plan)``
  (exactly what would become public), ``published_event(plan)``; refusals ``EventPublicationRefused`` and
  ``EventDataRefused`` (bad dates, time zone or recurrence).
- Registration: ``register``, ``confirm``, ``cancel``, ``registrations``, ``free_places``, ``waiting_list``,
  ``csv_rows``; refusals ``RegistrationRefused``.
- Presentation: ``when_text(event, language)``, ``place_text(event, language)``.
"""

from coalition.intranet.events import listing
from coalition.intranet.events.display import place_text
from coalition.intranet.events.display import when_text
from coalition.intranet.events.publication import EventPublicationRefused
from coalition.intranet.events.publication import is_published
from coalition.intranet.events.publication import public_data
from coalition.intranet.events.publication import PUBLIC_FIELDS
from coalition.intranet.events.publication import publish_event
from coalition.intranet.events.publication import published_event
from coalition.intranet.events.publication import withdraw_event
from coalition.intranet.events.registration import cancel
from coalition.intranet.events.registration import confirm
from coalition.intranet.events.registration import csv_rows
from coalition.intranet.events.registration import free_places
from coalition.intranet.events.registration import register
from coalition.intranet.events.registration import RegistrationRefused
from coalition.intranet.events.registration import registrations
from coalition.intranet.events.registration import waiting_list
from coalition.intranet.events.validation import EventDataRefused


__all__ = [
    "PUBLIC_FIELDS",
    "EventDataRefused",
    "EventPublicationRefused",
    "RegistrationRefused",
    "cancel",
    "confirm",
    "csv_rows",
    "free_places",
    "is_published",
    "place_text",
    "public_data",
    "publish_event",
    "published_event",
    "register",
    "registrations",
    "upcoming_events",
    "waiting_list",
    "when_text",
    "withdraw_event",
]


def upcoming_events(language: str, limit: int | None = None, prisoner_uid: str | None = None) -> list:
    """The published events of ``language`` that have not ended, soonest first, as content objects.

    ``prisoner_uid``: the UID of a prisoner profile (in any language): only events linked to that prisoner.
    ``limit``: at most that many. The search runs as the current user: nothing unpublished is returned.
    """
    group = None
    if prisoner_uid:
        group = listing.prisoner_group_of(prisoner_uid)
        if group is None:
            return []
    brains = listing.search(language, listing.UPCOMING, prisoner_group=group)
    if limit is not None:
        brains = brains[:limit]
    return [brain.getObject() for brain in brains]
