"""Actions of mentors, and the office's personal link.

An action (letter, statement, parliamentary question, trial observation, visit attempt, media work, aid) has
a date (not in the future), a text, a visibility (public or internal) and an optional attachment, which is
never public. A public action reaches the public pages only once it is approved: at once when a coordinator
records it (recording is the act), after a coordinator's approval when the mentor's office reported it.

The office's personal link: a random token (only its hash is stored, in the mentorship section) that a
coordinator issues for one mentor and may revoke; it expires after ``OFFICE_LINK_DAYS``. The link opens a
form on the public side (no account); each form carries a one-time number so that a report sent twice (a
reused form, a replayed request) is refused with a clear message instead of being recorded twice.
"""

from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.mentorship import lifecycle
from coalition.intranet.mentorship import registry
from coalition.intranet.mentorship.vocabularies import ACTION_KINDS
from coalition.intranet.mentorship.vocabularies import VISIBILITIES
from coalition.intranet.security import api as audit
from contextvars import ContextVar
from datetime import date
from datetime import datetime
from datetime import timedelta
import hashlib
from persistent.mapping import PersistentMapping
from plone import api
from plone.dexterity.utils import createContentInContainer
import secrets
from zExceptions import Unauthorized
from zope.annotation.interfaces import IAnnotations


OFFICE_LINK_DAYS = 180
LINKS_KEY = "coalition.mentorship.office_links"
NONCES_KEY = "coalition.mentorship.used_report_numbers"
_recording: ContextVar[bool] = ContextVar("coalition_mentor_action_recording", default=False)


class ActionRefused(CoalitionError):
    """An action that cannot be recorded or approved; nothing was stored."""


class OfficeLinkInvalid(CoalitionError):
    """The office's link is unknown or was revoked."""


class OfficeLinkExpired(CoalitionError):
    """The office's link is past its date."""


class ReportAlreadyReceived(CoalitionError):
    """This report form was sent before."""


def validate(kind: str, when, text: str, visibility: str) -> None:
    """The rules of every action, whoever records it (the edit form asks them too)."""
    errors = []
    if kind not in dict(ACTION_KINDS):
        errors.append(_("error_action_kind", default="Choose the kind of action."))
    if not isinstance(when, date):
        errors.append(_("error_action_date", default="Give the date of the action."))
    elif when > date.today():
        errors.append(_("error_action_in_future", default="An action cannot be dated in the future."))
    if not (text or "").strip():
        errors.append(_("error_action_text", default="Say what was done."))
    if visibility not in dict(VISIBILITIES):
        errors.append(_("error_action_visibility", default="Choose whether the action is public or internal."))
    if errors:
        raise ActionRefused(errors)


def _check_open(mentorship) -> None:
    if registry.state_of(mentorship) not in ("agreed", "active"):
        raise ActionRefused(
            _("error_action_mentorship_state", default="Actions are recorded for agreed or active mentorships only.")
        )


def record_action(mentorship, *, kind, when, text, visibility, attachment=None, by_office=False):
    """Record an action; a coordinator's public action is approved at once, an office's waits."""
    if not by_office:
        lifecycle.check_may_manage(mentorship)
    validate(kind, when, text, visibility)
    _check_open(mentorship)
    token = _recording.set(True)
    try:
        with api.env.adopt_roles(["Manager"]):
            action = createContentInContainer(
                mentorship,
                "MentorAction",
                checkConstraints=False,
                kind=kind,
                date=when,
                text=text.strip(),
                visibility=visibility,
                attachment=attachment,
            )
            action.reported_by_office = bool(by_office)
            lifecycle._give_up_ownership(action)
    finally:
        _recording.reset(token)
    actor = "" if by_office else lifecycle._actor()
    audit.record("mentorship.action_recorded", mentorship, actor=actor, kind=kind, by_office=by_office)
    if visibility == "public" and not by_office:
        _approve(action, actor)
    action.reindexObject()
    return action


def recording() -> bool:
    return _recording.get()


def _approve(action, actor: str) -> None:
    action.approved = True
    action.approved_by = actor
    audit.record("mentorship.action_approved", action, actor=actor)


def approve_action(action) -> None:
    """A coordinator's act: a public action reported by the office becomes public."""
    lifecycle.check_may_manage(action)
    if action.visibility != "public":
        raise ActionRefused(_("error_action_internal", default="An internal action is never made public."))
    if action.approved:
        raise ActionRefused(_("error_action_already_approved", default="This action is already approved."))
    validate(action.kind, action.date, action.text, action.visibility)
    _approve(action, lifecycle._actor())
    action.reindexObject()


def make_internal(action) -> None:
    """Take an action off the public pages (or decline an office's report for publication)."""
    lifecycle.check_may_manage(action)
    action.visibility = "internal"
    action.approved = False
    audit.record("mentorship.action_made_internal", action, actor=lifecycle._actor())
    action.reindexObject()


def is_public(action) -> bool:
    return action.visibility == "public" and bool(action.approved)


def waiting_for_approval(action) -> bool:
    return action.visibility == "public" and not action.approved


# The office's personal link


def _store(key: str, factory):
    annotations = IAnnotations(registry.mentorship_section())
    if key not in annotations:
        annotations[key] = factory()
    return annotations[key]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_office_link(mentor) -> str:
    """A new personal link token for the mentor's office (an earlier one stops working)."""
    lifecycle.check_may_manage(mentor)
    links = _store(LINKS_KEY, OOBTree)
    mentor_uid = api.content.get_uuid(mentor)
    _forget_links_of(links, mentor_uid)
    token = secrets.token_urlsafe(32)
    expires = datetime.now() + timedelta(days=OFFICE_LINK_DAYS)
    links[_hash(token)] = PersistentMapping(mentor_uid=mentor_uid, expires=expires)
    audit.record("mentor.office_link_issued", mentor, actor=lifecycle._actor(), expires=expires.date().isoformat())
    return token


def _forget_links_of(links, mentor_uid: str) -> int:
    stale = [key for key, entry in links.items() if entry["mentor_uid"] == mentor_uid]
    for key in stale:
        del links[key]
    return len(stale)


def revoke_office_link(mentor) -> bool:
    """Revoke the office's link; False when there was none."""
    lifecycle.check_may_manage(mentor)
    links = _store(LINKS_KEY, OOBTree)
    revoked = _forget_links_of(links, api.content.get_uuid(mentor)) > 0
    if revoked:
        audit.record("mentor.office_link_revoked", mentor, actor=lifecycle._actor())
    return revoked


def office_link_expiry(mentor):
    """When the mentor's current link expires, or None without one."""
    section = registry.mentorship_section()
    links = IAnnotations(section).get(LINKS_KEY) or {}
    uid = api.content.get_uuid(mentor)
    for entry in links.values():
        if entry["mentor_uid"] == uid:
            return entry["expires"]
    return None


def mentor_of_link(token: str, now: datetime | None = None):
    """The mentor whose office holds ``token``; ``OfficeLinkInvalid`` or ``OfficeLinkExpired`` otherwise."""
    section = registry.mentorship_section()
    links = IAnnotations(section).get(LINKS_KEY) if section is not None else None
    entry = links.get(_hash(token)) if (links is not None and token) else None
    mentor = registry.by_uid(entry["mentor_uid"]) if entry is not None else None
    if mentor is None:
        raise OfficeLinkInvalid(
            _(
                "error_office_link_invalid",
                default="This link is not valid (any more): it may have been revoked. Please ask the coalition's "
                "mentorship coordinators for a new one.",
            )
        )
    if (now or datetime.now()) > entry["expires"]:
        raise OfficeLinkExpired(
            _(
                "error_office_link_expired",
                default="This link has expired. Please ask the coalition's mentorship coordinators for a new one.",
            )
        )
    return mentor


def new_report_number() -> str:
    return secrets.token_urlsafe(16)


def report_by_office(token: str, number: str, mentorship_uid: str, *, kind, when, text, visibility):
    """An action reported through the office's link; it waits for a coordinator's approval when public."""
    mentor = mentor_of_link(token)
    used = _store(NONCES_KEY, OOTreeSet)
    if not number or number in used:
        raise ReportAlreadyReceived(
            _("error_report_already_received", default="This report was already received. Thank you.")
        )
    mentorship = registry.by_uid(mentorship_uid)
    if (
        mentorship is None
        or mentorship.portal_type != "Mentorship"
        or mentorship.mentor_uid != api.content.get_uuid(mentor)
        or registry.state_of(mentorship) != "active"
    ):
        raise ActionRefused(_("error_report_mentorship", default="Choose one of the mentor's active mentorships."))
    action = record_action(mentorship, kind=kind, when=when, text=text, visibility=visibility, by_office=True)
    used.add(number)
    return action


def action_added(action, event) -> None:
    """An action comes into being only by ``record_action`` (the mentorship's page, the office's link)."""
    if not recording():
        raise Unauthorized("Actions are recorded on the mentorship's page.")
