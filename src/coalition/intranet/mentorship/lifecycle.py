"""The lifecycle of a mentorship: proposed → agreed → active → ended (released, handed over, withdrawn, died).

Rules, each checked before anything changes (a refusal is a ``MentorshipError`` and nothing is stored):
- a mentorship is proposed only for a prisoner with a live public profile, and never twice for the same
  mentor and prisoner while one is open (proposed, agreed or active);
- "agreed" needs the mentor's consent (recorded here, with its date) and the prisoner's or family's consent,
  which is a fact of the case file (``cases.api.record_mentorship_consent``);
- an ended mentorship is never ended again, nor reopened;
- a handover ends the active mentorship with the reason ``handed_over`` and starts the successor's,
  linking both ways.

Only this module moves a mentorship (the workflow guard ``lifecycle_step_allowed`` asks ``step_in_progress``),
so the menu and REST cannot skip a rule. Every step is in the audit log, and the profile is reindexed so the
public list counts real mentorships.
"""

from coalition.intranet import _
from coalition.intranet.cases import api as cases_api
from coalition.intranet.errors import CoalitionError
from coalition.intranet.mentorship import profiles
from coalition.intranet.mentorship import registry
from coalition.intranet.mentorship.vocabularies import END_REASONS
from coalition.intranet.mentorship.vocabularies import MANAGE
from coalition.intranet.security import api as audit
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from plone import api
from plone.dexterity.utils import createContentInContainer
from zExceptions import Unauthorized


_stepping: ContextVar[frozenset] = ContextVar("coalition_mentorship_step", default=frozenset())


class MentorshipError(CoalitionError):
    """A step of a mentorship the rules refuse; nothing was changed."""


@contextmanager
def _step(key: str):
    token = _stepping.set(_stepping.get() | {key})
    try:
        yield
    finally:
        _stepping.reset(token)


def step_in_progress(obj) -> bool:
    """Whether this module is moving (or creating) ``obj`` right now."""
    return "*" in _stepping.get() or api.content.get_uuid(obj) in _stepping.get()


def creating() -> bool:
    return "*" in _stepping.get()


def _actor() -> str:
    return api.user.get_current().getId() or ""


def check_may_manage(obj=None) -> None:
    target = obj if obj is not None else registry.mentorship_section()
    if target is None or not api.user.has_permission(MANAGE, obj=target):
        raise Unauthorized("You may not manage mentorships.")


def _today() -> date:
    return date.today()


def _open_pair(mentor_uid: str, profile_uid: str) -> list:
    return registry.mentorships(mentor_uid=mentor_uid, profile_uid=profile_uid, states=registry.OPEN_STATES)


def propose(mentor, profile, *, notes: str = "", proposed_on: date | None = None, predecessor=None):
    """Propose a mentorship of ``mentor`` for the prisoner of ``profile`` (a public profile or its uid)."""
    check_may_manage()
    if mentor is None or getattr(mentor, "portal_type", "") != "Mentor":
        raise MentorshipError(_("error_mentorship_no_mentor", default="Choose a mentor."))
    profile_uid = profile if isinstance(profile, str) else profiles.canonical_uid(profile)
    if not profile_uid or not profiles.is_live(profile_uid):
        raise MentorshipError(
            _(
                "error_mentorship_no_public_profile",
                default="A mentorship needs a prisoner with a published public profile.",
            )
        )
    mentor_uid = api.content.get_uuid(mentor)
    if _open_pair(mentor_uid, profile_uid):
        raise MentorshipError(
            _("error_mentorship_duplicate", default="This mentor already has an open mentorship for this prisoner.")
        )
    section = registry.mentorship_section()
    with _step("*"), api.env.adopt_roles(["Manager"]):
        mentorship = createContentInContainer(section, "Mentorship", checkConstraints=False, notes=notes or None)
        mentorship.mentor_uid = mentor_uid
        mentorship.profile_uid = profile_uid
        mentorship.mentor_name = mentor.Title()
        mentorship.prisoner_name = profiles.profile_name(profile_uid)
        mentorship.proposed_on = proposed_on or _today()
        if predecessor is not None:
            mentorship.predecessor_uid = api.content.get_uuid(predecessor)
        _give_up_ownership(mentorship)
        mentorship.reindexObject()
    audit.record("mentorship.proposed", mentorship, actor=_actor(), mentor=mentor.Title())
    return mentorship


def _give_up_ownership(obj) -> None:
    # The workflow grants nothing to Owner; no stray local role keeps the creator in after leaving the group.
    for principal, roles in list(obj.get_local_roles()):
        if "Owner" in roles:
            obj.manage_delLocalRoles([principal])


def _transition(mentorship, transition: str) -> None:
    with _step(api.content.get_uuid(mentorship)):
        api.content.transition(mentorship, transition=transition)
    mentorship.reindexObject()
    profiles.reindex_profile(mentorship.profile_uid)


def _require_state(mentorship, *states) -> str:
    state = registry.state_of(mentorship)
    if state == "ended":
        raise MentorshipError(_("error_mentorship_already_ended", default="This mentorship has already ended."))
    if state not in states:
        raise MentorshipError(
            _("error_mentorship_wrong_state", default="This step is not possible in the mentorship's current state.")
        )
    return state


def agree(mentorship, *, mentor_consent_on: date, consent_given_by: str = "", consent_given_on: date | None = None):
    """Record the mentor's consent and move the mentorship to ``agreed``. The prisoner's or family's consent must
    be on the case file, or is recorded there now (``consent_given_by``: "prisoner" or "family")."""
    check_may_manage(mentorship)
    _require_state(mentorship, "proposed")
    if mentor_consent_on is None or mentor_consent_on > _today():
        raise MentorshipError(
            _("error_mentor_consent_date", default="Give the date of the mentor's consent (not in the future).")
        )
    if consent_given_on is not None and consent_given_on > _today():
        raise MentorshipError(_("error_date_in_future", default="A date in the future is not possible here."))
    if not consent_given_by and cases_api.mentorship_consent(mentorship.profile_uid) is None:
        raise MentorshipError(
            _(
                "error_prisoner_consent_missing",
                default="The consent of the prisoner or the family is not recorded on the case file yet.",
            )
        )
    if consent_given_by:
        try:
            cases_api.record_mentorship_consent(
                mentorship.profile_uid, consent_given_by, consent_given_on or _today(), actor=_actor()
            )
        except cases_api.CaseAccessError as error:
            raise MentorshipError(error.messages) from error
    mentorship.mentor_consent_on = mentor_consent_on
    _transition(mentorship, "agree")
    audit.record("mentorship.agreed", mentorship, actor=_actor())


def activate(mentorship, *, started_on: date | None = None) -> None:
    """The mentorship starts (and becomes part of the public record once the mentor's record is public)."""
    check_may_manage(mentorship)
    _require_state(mentorship, "agreed")
    started_on = started_on or _today()
    if started_on > _today():
        raise MentorshipError(_("error_date_in_future", default="A date in the future is not possible here."))
    mentorship.started_on = started_on
    _transition(mentorship, "activate")
    audit.record("mentorship.activated", mentorship, actor=_actor())


def end(mentorship, reason: str, *, ended_on: date | None = None) -> None:
    """End a proposed, agreed or active mentorship for ``reason`` (released, handed_over, withdrawn, died)."""
    check_may_manage(mentorship)
    _require_state(mentorship, *registry.OPEN_STATES)
    if reason not in dict(END_REASONS):
        raise MentorshipError(_("error_end_reason", default="Choose why the mentorship ends."))
    ended_on = ended_on or _today()
    if ended_on > _today():
        raise MentorshipError(_("error_date_in_future", default="A date in the future is not possible here."))
    mentorship.end_reason = reason
    mentorship.ended_on = ended_on
    _transition(mentorship, "end")
    audit.record("mentorship.ended", mentorship, actor=_actor(), reason=reason)


def hand_over(mentorship, successor, *, mentor_consent_on: date):
    """Hand an active mentorship over to ``successor`` (a Mentor), who consented on ``mentor_consent_on``: the
    successor's mentorship starts today (the prisoner's consent stands on the case file), this one ends."""
    check_may_manage(mentorship)
    _require_state(mentorship, "active")
    if successor is None or api.content.get_uuid(successor) == mentorship.mentor_uid:
        raise MentorshipError(_("error_handover_successor", default="Choose another mentor as the successor."))
    if mentor_consent_on is None or mentor_consent_on > _today():
        raise MentorshipError(
            _("error_mentor_consent_date", default="Give the date of the mentor's consent (not in the future).")
        )
    if _open_pair(api.content.get_uuid(successor), mentorship.profile_uid):
        raise MentorshipError(
            _("error_mentorship_duplicate", default="This mentor already has an open mentorship for this prisoner.")
        )
    if not profiles.is_live(mentorship.profile_uid):
        raise MentorshipError(
            _(
                "error_mentorship_no_public_profile",
                default="A mentorship needs a prisoner with a published public profile.",
            )
        )
    if cases_api.mentorship_consent(mentorship.profile_uid) is None:
        raise MentorshipError(
            _(
                "error_prisoner_consent_missing",
                default="The consent of the prisoner or the family is not recorded on the case file yet.",
            )
        )
    new = propose(successor, mentorship.profile_uid, predecessor=mentorship)
    agree(new, mentor_consent_on=mentor_consent_on)
    activate(new)
    mentorship.successor_uid = api.content.get_uuid(new)
    end(mentorship, "handed_over")
    audit.record("mentorship.handed_over", mentorship, actor=_actor(), successor=successor.Title())
    return new


def mentorship_added(mentorship, event) -> None:
    """A mentorship comes into being only by ``propose`` (not by an add form, REST, copy or import)."""
    if not creating():
        raise Unauthorized("Mentorships are proposed on a mentor's page.")
