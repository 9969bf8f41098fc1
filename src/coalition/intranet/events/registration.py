"""Registration for events with limited places: double opt-in by mail, capacity, waiting list, cancellation.

Registrants' names and addresses are personal data of visitors: they are kept in an annotation of the
site (an ``OOBTree`` per event's translation group), never as content, fields or catalog data, so no view,
REST call, search, feed or export of the public side can reach them. Only organisers (the permission
``coalition: Manage event registrations``, and the plan's working group through the plan) read the list.

Lifecycle: ``register`` stores a *pending* registration and mails a link to confirm; ``confirm`` makes it
*confirmed* while places are free, else *waiting* (in order of confirmation); ``cancel`` (the link in the
confirmation mail) frees the places and promotes waiting registrations that now fit, who are told by mail.
Registering an address that already holds a registration for the event stores nothing new: the address
gets a mail with its existing links, and the page answers as for a new one (no one learns who registered).
"""

from BTrees.OOBTree import OOBTree
from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.signups import api as signups
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from persistent import Persistent
from plone import api
from plone.app.multilingual.interfaces import ITG
from plone.app.multilingual.interfaces import ITranslationManager
from plone.event.interfaces import IEventAccessor
import secrets
from z3c.caching.purge import Purge
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.i18n import translate
from zope.i18nmessageid import Message


STORE_KEY = "coalition.events.registrations"
CONFIRM = "event-registration-confirm"
CANCEL = "event-registration-cancel"
CONFIRM_DAYS = 7
CANCEL_DAYS = 400
MAX_PEOPLE = 10
MAX_NAME = 200

PENDING = "pending"
CONFIRMED = "confirmed"
WAITING = "waiting"
CANCELLED = "cancelled"
ACTIVE = (PENDING, CONFIRMED, WAITING)


class RegistrationRefused(CoalitionError):
    """A registration, confirmation or cancellation was refused; nothing was stored."""


class Registration(Persistent):
    """One visitor's registration (never content: see the module's docstring)."""

    def __init__(self, registration_id: str, name: str, email: str, people: int, language: str):
        self.id = registration_id
        self.name = name
        self.email = email
        self.people = people
        self.language = language
        self.status = PENDING
        self.created = datetime.now(UTC)
        self.confirmed = None
        self.cancelled = None

    @property
    def expired(self) -> bool:
        """A pending registration whose confirmation link has expired holds nothing."""
        return self.status == PENDING and self.created < datetime.now(UTC) - timedelta(days=CONFIRM_DAYS)


def group_of(event) -> str:
    """Registrations belong to the event in all its languages: keyed by its translation group."""
    return ITG(event, None) or api.content.get_uuid(event)


def _store(event, create: bool = False):
    annotations = IAnnotations(api.portal.get())
    if STORE_KEY not in annotations:
        if not create:
            return {}
        annotations[STORE_KEY] = OOBTree()
    events = annotations[STORE_KEY]
    group = group_of(event)
    if group not in events:
        if not create:
            return {}
        events[group] = OOBTree()
    return events[group]


def capacity(event) -> int | None:
    return getattr(event, "capacity", None) or None


def registrations(event) -> list[Registration]:
    """Every registration of the event (all languages), oldest first."""
    return sorted(_store(event).values(), key=lambda entry: entry.created)


def taken(event) -> int:
    return sum(entry.people for entry in _store(event).values() if entry.status == CONFIRMED)


def free_places(event) -> int:
    return max((capacity(event) or 0) - taken(event), 0)


def waiting_list(event) -> list[Registration]:
    """Waiting registrations in the order they were confirmed."""
    entries = [entry for entry in _store(event).values() if entry.status == WAITING]
    return sorted(entries, key=lambda entry: entry.confirmed)


def accepts_registrations(event) -> bool:
    """An event with places that has not ended."""
    if not capacity(event):
        return False
    end = IEventAccessor(event).end
    return end is None or end >= datetime.now(UTC)


def _active_for(event, email: str):
    for entry in _store(event).values():
        if entry.email == email and entry.status in ACTIVE and not entry.expired:
            return entry
    return None


def register(event, name: str, email: str, people, language: str) -> Registration:
    """Store a pending registration and mail the link to confirm it (see the module's docstring)."""
    if not accepts_registrations(event):
        raise RegistrationRefused(
            _("registration_error_closed", default="This event does not take registrations (any more).")
        )
    name = " ".join((name or "").split())
    if not name or len(name) > MAX_NAME:
        raise RegistrationRefused(_("registration_error_name", default="Please give your name (up to 200 characters)."))
    email = signups.normalise_email(email)
    limit = min(MAX_PEOPLE, capacity(event))
    try:
        people = int(people)
    except (TypeError, ValueError):
        people = 0
    if people < 1 or people > limit:
        raise RegistrationRefused(
            _(
                "registration_error_people",
                default="Please register between 1 and ${limit} people.",
                mapping={"limit": limit},
            )
        )
    existing = _active_for(event, email)
    if existing is not None:
        _mail_existing(event, existing)
        return existing
    entry = Registration(secrets.token_hex(8), name, email, people, language)
    _store(event, create=True)[entry.id] = entry
    _mail(event, entry, "confirm")
    return entry


def _find(event, token: str, purpose: str) -> Registration:
    subject = signups.read_token(purpose, token)
    group, _sep, registration_id = subject.partition(":")
    entry = _store(event).get(registration_id) if group == group_of(event) else None
    if entry is None:
        raise RegistrationRefused(
            _("registration_error_unknown", default="We know no such registration for this event.")
        )
    return entry


def check_token(event, token: str, purpose: str) -> Registration:
    """The registration a link names (``TokenInvalid``/``TokenExpired``/``RegistrationRefused`` otherwise)."""
    return _find(event, token, purpose)


def confirm(event, token: str) -> tuple[Registration, bool]:
    """Confirm by the mailed link: ``(registration, changed)``; a repeated link changes nothing."""
    entry = _find(event, token, CONFIRM)
    if entry.status == CANCELLED:
        raise RegistrationRefused(
            _("registration_error_cancelled", default="This registration was cancelled. Please register again.")
        )
    if entry.status != PENDING:
        return entry, False
    entry.confirmed = datetime.now(UTC)
    entry.status = CONFIRMED if entry.people <= free_places(event) else WAITING
    _mail(event, entry, entry.status)
    places_changed(event)
    return entry, True


def cancel(event, token: str) -> tuple[Registration, bool]:
    """Cancel by the mailed link: ``(registration, changed)``; frees places for the waiting list."""
    entry = _find(event, token, CANCEL)
    if entry.status == CANCELLED:
        return entry, False
    was_confirmed = entry.status == CONFIRMED
    entry.status = CANCELLED
    entry.cancelled = datetime.now(UTC)
    if was_confirmed:
        promote_waiting(event)
    places_changed(event)
    return entry, True


def promote_waiting(event) -> list[Registration]:
    """Give free places to waiting registrations in their order (a larger group that does not fit yet
    keeps its place while smaller ones behind it move up); each promoted registrant gets a mail."""
    promoted = []
    for entry in waiting_list(event):
        if entry.people <= free_places(event):
            entry.status = CONFIRMED
            promoted.append(entry)
            _mail(event, entry, "promoted")
    return promoted


def places_changed(event) -> None:
    """The free places shown on the event's pages changed: no cache may keep the old number.

    Reindexing one index bumps the catalog counter, part of the pages' ETags, without touching the
    modification date (which would mark the translations as outdated); the purge reaches the proxies.
    """
    for item in ITranslationManager(event).get_translations().values() or [event]:
        item.reindexObject(idxs=["event_kind"])
        notify(Purge(item))


# Mails ----------------------------------------------------------------------------------------------------

SUBJECTS = {
    "confirm": _("registration_mail_confirm_subject", default="Please confirm your registration: ${title}"),
    CONFIRMED: _("registration_mail_confirmed_subject", default="Your place is confirmed: ${title}"),
    WAITING: _("registration_mail_waiting_subject", default="You are on the waiting list: ${title}"),
    "promoted": _("registration_mail_promoted_subject", default="A place became free for you: ${title}"),
    "existing": _("registration_mail_existing_subject", default="Your registration: ${title}"),
}
BODIES = {
    "confirm": _(
        "registration_mail_confirm_body",
        default="Hello ${name},\n\nyou registered ${people} person(s) for “${title}” (${when}).\n"
        "Please confirm by opening this link within ${days} days:\n\n${confirm_url}\n\n"
        "If you did not register, ignore this mail: nothing happens without your confirmation.",
    ),
    CONFIRMED: _(
        "registration_mail_confirmed_body",
        default="Hello ${name},\n\nyour registration of ${people} person(s) for “${title}” (${when}) is "
        "confirmed.\n\nIf you cannot come, please cancel here so that someone else gets the place:\n\n${cancel_url}",
    ),
    WAITING: _(
        "registration_mail_waiting_body",
        default="Hello ${name},\n\n“${title}” (${when}) is fully booked. You are on the waiting list for "
        "${people} person(s); we write to you as soon as a place becomes free.\n\n"
        "To leave the waiting list:\n\n${cancel_url}",
    ),
    "promoted": _(
        "registration_mail_promoted_body",
        default="Hello ${name},\n\na place became free: your registration of ${people} person(s) for "
        "“${title}” (${when}) is now confirmed.\n\nIf you cannot come, please cancel here:\n\n${cancel_url}",
    ),
    "existing": _(
        "registration_mail_existing_body",
        default="Hello ${name},\n\nsomeone (probably you) tried to register this address again for “${title}” "
        "(${when}). You are already registered; nothing was changed.\n\n${links}",
    ),
}
LINK_TEXTS = {
    PENDING: _("registration_mail_link_confirm", default="To confirm your registration:\n${url}"),
    "other": _("registration_mail_link_cancel", default="To cancel your registration:\n${url}"),
}


def _event_in(event, language: str):
    translation = ITranslationManager(event).get_translation(language)
    return translation if translation is not None else event


def _links(event, entry) -> dict:
    group = group_of(event)
    base = _event_in(event, entry.language).absolute_url()
    subject = f"{group}:{entry.id}"
    return {
        "confirm_url": f"{base}/@@event-registration-confirm?token="
        + signups.make_token(CONFIRM, subject, days=CONFIRM_DAYS),
        "cancel_url": f"{base}/@@event-registration-cancel?token="
        + signups.make_token(CANCEL, subject, days=CANCEL_DAYS),
    }


def _mail(event, entry: Registration, kind: str, **extra) -> None:
    from coalition.intranet.events.display import when_text

    localised = _event_in(event, entry.language)
    mapping = {
        "name": entry.name,
        "people": entry.people,
        "title": localised.Title(),
        "when": when_text(localised, entry.language),
        "days": CONFIRM_DAYS,
        **_links(event, entry),
        **extra,
    }
    subject = translate(Message(SUBJECTS[kind], mapping=mapping), target_language=entry.language)
    body = translate(Message(BODIES[kind], mapping=mapping), target_language=entry.language)
    signups.send_mail(entry.email, subject, body)


def _mail_existing(event, entry: Registration) -> None:
    links = _links(event, entry)
    if entry.status == PENDING:
        text = Message(LINK_TEXTS[PENDING], mapping={"url": links["confirm_url"]})
    else:
        text = Message(LINK_TEXTS["other"], mapping={"url": links["cancel_url"]})
    _mail(event, entry, "existing", links=translate(text, target_language=entry.language))


def csv_rows(event) -> list[list[str]]:
    """The list for organisers: a header and one row per registration (cancelled ones last)."""
    order = {CONFIRMED: 0, WAITING: 1, PENDING: 2, CANCELLED: 3}
    rows = [["name", "email", "people", "status", "language", "registered", "confirmed"]]
    for entry in sorted(registrations(event), key=lambda entry: (order[entry.status], entry.created)):
        rows.append(
            [
                entry.name,
                entry.email,
                str(entry.people),
                "expired" if entry.expired else entry.status,
                entry.language,
                entry.created.isoformat(timespec="minutes"),
                entry.confirmed.isoformat(timespec="minutes") if entry.confirmed else "",
            ]
        )
    return rows
