"""Ballots: formal votes of the member organisations on one version of a working document (or a proposal).

A ballot lives inside the content it decides on, its subject: a ``WorkingDocument`` or a case file, asked
only through its ``IBallotSubject`` adapter (``subjects.py``, ``cases/ballot_subject.py``). At opening it
freezes what is voted on (for a document, its CMFEditions version id and a copy of that version's text),
the rules (quorum, majority, secret or open) and the eligible organisations (every ``Organisation`` at
that moment). Each organisation casts
one vote through one of its ``WorkspaceAdmin`` s, its representative; a later vote of the same
organisation (by the same or another admin) replaces the earlier one until the deadline.

Votes are kept in an ``OOBTree`` keyed by organisation id (concurrent votes of different organisations
merge instead of conflicting), in an attribute that is no schema field: neither the REST API nor any
form ever serialises it. What is shown is decided here: ``participation`` (who voted, never how, while
open), and once closed ``result_of`` (counts) plus ``open_votes`` (who voted what: open ballots only).

Closing (``close_ballot``) computes the result with ``tally.tally``, stores it once with the version
voted on, transitions the ballot to ``closed`` (where the workflow lets nobody modify, add or delete)
and writes the act to the audit log; the subject then learns the result (``ballot_closed``). Every function
refuses to change a closed ballot. Views and other concerns call these through ``drafting.api``.
"""

from AccessControl import Unauthorized
from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from coalition.intranet import _
from coalition.intranet.drafting import tally
from coalition.intranet.drafting.interfaces import BallotClosed
from coalition.intranet.drafting.interfaces import BallotHeld
from coalition.intranet.drafting.interfaces import BallotStarted
from coalition.intranet.drafting.interfaces import IBallotSubject
from coalition.intranet.drafting.interfaces import VoteReplaced
from coalition.intranet.errors import CoalitionError
from coalition.intranet.security import api as audit
from coalition.intranet.workspaces.api import admins
from coalition.intranet.workspaces.api import display_name
from coalition.intranet.workspaces.api import roster
from dataclasses import dataclass
from datetime import datetime
from datetime import UTC
from persistent.list import PersistentList
from plone import api
from plone.dexterity.utils import createContentInContainer
from zope.event import notify


BALLOT_TYPE = "Ballot"
START_BALLOT = "coalition: Start ballot"
OPEN = "open"
CLOSED = "closed"
# Why a ballot was closed.
AT_DEADLINE = "deadline"
BY_COORDINATOR = "coordinator"
SUPERSEDED = "superseded"
# The local role that lets a representative who is not on the document's roster open the ballot.
VOTER_ROLE = "WorkspaceGuest"
STATEMENT_MAX = 2000

OUTCOME_TITLES = {
    tally.ADOPTED: _("ballot_outcome_adopted", default="Adopted"),
    tally.REJECTED: _("ballot_outcome_rejected", default="Not adopted"),
    tally.NO_QUORUM: _("ballot_outcome_no_quorum", default="Failed for lack of quorum"),
    SUPERSEDED: _("ballot_outcome_superseded", default="Superseded by a new ballot on a newer version"),
}
OPTION_TITLES = {
    tally.APPROVE: _("ballot_option_approve", default="Approve"),
    tally.REJECT: _("ballot_option_reject", default="Reject"),
    tally.ABSTAIN: _("ballot_option_abstain", default="Abstain"),
}
MAJORITY_TITLES = {
    tally.SIMPLE: _("ballot_majority_simple", default="Simple majority of votes cast (abstentions not counted)"),
    tally.TWO_THIRDS: _(
        "ballot_majority_two_thirds", default="Two-thirds majority of votes cast (abstentions not counted)"
    ),
}


class BallotError(CoalitionError):
    """An act the ballot rules refuse. ``message`` is a translatable text, safe to show; nothing was changed."""


@dataclass(frozen=True)
class Vote:
    """One organisation's vote. Only ever handed out for open (not secret) ballots, or to its own organisation."""

    organisation: str
    option: str
    statement: str
    voter: str
    when: datetime


def now() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Deadlines are stored timezone-aware, in UTC (whose tzinfo pickles in the ZODB); naive means UTC."""
    return value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)


# -- reading ---------------------------------------------------------------------------------------------


def is_closed(ballot) -> bool:
    return getattr(ballot, "result", None) is not None or api.content.get_state(ballot) == CLOSED


def document_of(ballot):
    """The content a ballot decides on (its container): a working document or a case file."""
    return ballot.__parent__


def subject_of(document) -> IBallotSubject:
    """``document`` as a ballot subject: what is put to the vote, who votes, what follows the result."""
    return IBallotSubject(document)


def current_version(document) -> int | None:
    """The number of what ``document`` would put to the vote now (a working document: the CMFEditions version
    id of its current text, None if it was never versioned; a case file: the number of its current proposal)."""
    return subject_of(document).current_version()


TEXT = "text"
CRITERIA = "criteria"


def _criteria_now(ballot):
    """The criteria the definition has now, when the ballot froze a snapshot of them (None otherwise)."""
    if getattr(ballot, "criteria_snapshot", None) is None:
        return None
    from coalition.intranet.criteria import api as criteria

    criteria_set = criteria.criteria_set_of(document_of(ballot))
    return tuple(criteria.items(criteria_set)) if criteria_set is not None else ()


def subject_changes(ballot) -> list[str]:
    """What changed since the ballot opened (``TEXT``, ``CRITERIA``), whether or not anybody decided about it."""
    changes = []
    current = current_version(document_of(ballot))
    if current is not None and current != ballot.document_version:
        changes.append(TEXT)
    criteria_now = _criteria_now(ballot)
    if criteria_now is not None and criteria_now != tuple(ballot.criteria_snapshot):
        changes.append(CRITERIA)
    return changes


def text_changed(ballot) -> bool:
    """Whether the text or the frozen criteria changed after the ballot opened and nobody decided yet what to do.

    Such a ballot cannot close (by hand, at its deadline or by the job) until a coordinator restarts it or
    records why the change is kept."""
    if is_closed(ballot) or getattr(ballot, "text_decision", None) is not None:
        return False
    return bool(subject_changes(ballot))


def deadline_passed(ballot, at: datetime | None = None) -> bool:
    return as_utc(ballot.deadline) <= (at or now())


def organisations() -> dict[str, object]:
    """Every member organisation, ``{id: Organisation}``, whoever asks."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Organisation", sort_on="sortable_title")
    return {brain.getId: brain._unrestrictedGetObject() for brain in brains}


def _principals_of(user_id: str) -> set[str]:
    groups = {group.getId() for group in api.group.get_groups(username=user_id)}
    return {user_id} | groups


def represented_organisations(ballot, user_id: str | None = None) -> list[str]:
    """Ids of the eligible organisations the user (default: current) represents now, as one of their admins."""
    if user_id is None:
        user_id = api.user.get_current().getId()
    if not user_id:
        return []
    principals = _principals_of(user_id)
    found = organisations()
    return [org_id for org_id in ballot.eligible if org_id in found and principals & set(admins(found[org_id]))]


def participation(ballot) -> list[str]:
    """Ids of the organisations that have voted (never how): safe to show for every ballot."""
    return [org_id for org_id in ballot.eligible if org_id in ballot._votes]


def own_vote(ballot, organisation_id: str, user_id: str | None = None) -> Vote | None:
    """The vote of an organisation, for its own representative only (to show and change it)."""
    if organisation_id not in represented_organisations(ballot, user_id) or organisation_id not in ballot._votes:
        return None
    return _vote(organisation_id, ballot._votes[organisation_id])


def _vote(organisation_id: str, stored: tuple) -> Vote:
    option, statement, voter, when = stored
    return Vote(organisation_id, option, statement, voter, datetime.fromisoformat(when))


def result_of(ballot) -> dict | None:
    """The recorded result of a closed ballot (counts, outcome, version voted on), or None while open."""
    result = getattr(ballot, "result", None)
    return dict(result) if result is not None else None


def open_votes(ballot) -> list[Vote]:
    """Who voted what, for a closed ballot that is not secret; an empty list for secret or open ballots."""
    if ballot.secret or not is_closed(ballot):
        return []
    return [_vote(org_id, ballot._votes[org_id]) for org_id in participation(ballot)]


def anonymous_statements(ballot) -> list[str]:
    """The reasoned statements of a closed secret ballot, without organisation or option, in text order."""
    if not ballot.secret or not is_closed(ballot):
        return []
    return sorted(stored[1] for stored in ballot._votes.values() if stored[1])


def ballots_of(document) -> list:
    """The ballots inside a working document that the current user may view, newest first."""
    found = [obj for obj in document.objectValues() if getattr(obj, "portal_type", None) == BALLOT_TYPE]
    visible = [ballot for ballot in found if api.user.has_permission("View", obj=ballot)]
    return sorted(visible, key=lambda ballot: ballot.opened, reverse=True)


# -- acts ------------------------------------------------------------------------------------------------


def may_start_ballot(document) -> bool:
    """Coordinators, ballot managers and managers: no access to the document's workspace is needed (the
    ballot shows its frozen text to every member organisation anyway)."""
    return bool(api.user.has_permission(START_BALLOT, obj=document))


def start_ballot(
    document,
    *,
    title: str,
    question: str,
    deadline: datetime,
    quorum: str = "2/3",
    majority: str = tally.SIMPLE,
    secret: bool = False,
    version: int | None = None,
    consultation=None,
):
    """Open a ballot on ``version`` (default: the current one) of ``document`` and return it.

    ``document`` is anything that can be adapted to ``IBallotSubject`` (a working document, a case file).
    Only coordinators and managers who may open the document may do this. The eligible organisations are
    those the subject names (all member organisations now); their admins get ``VOTER_ROLE`` on the ballot so
    that they can open it even if they are not on the document's workspace roster.
    """
    subject = IBallotSubject(document, None)
    if subject is None:
        raise ValueError("A ballot decides on a working document or another ballot subject")
    if not may_start_ballot(document):
        raise Unauthorized("You may not start a ballot on this document.")
    deadline = as_utc(deadline)
    if deadline <= now():
        raise BallotError(_("ballot_error_deadline_past", default="The deadline must be in the future."))
    if quorum not in tally.QUORUMS:
        raise BallotError(_("ballot_error_quorum", default="Choose one of the quorums offered."))
    if majority not in tally.MAJORITIES:
        raise BallotError(_("ballot_error_majority", default="Choose one of the majority rules offered."))
    if not (question or "").strip() or not (title or "").strip():
        raise BallotError(_("ballot_error_question", default="A ballot needs a title and a question."))
    # The consultation (working documents) must be over and every comment answered.
    from coalition.intranet.drafting import consultation as consultations

    consultations.check_ready_for_ballot(document)
    eligible = subject.eligible_organisations()
    if not eligible:
        raise BallotError(_("ballot_error_no_organisations", default="There are no member organisations to vote."))
    # The starter need not be on the document's roster: once the permission is checked, the ballot is
    # created as the system (its owner and audit entry still name the starter).
    with api.env.adopt_roles(["Manager"]):
        version, text = subject.voted_text(version)
        ballot = createContentInContainer(
            document,
            BALLOT_TYPE,
            checkConstraints=True,
            title=title.strip(),
            question=question.strip(),
            deadline=deadline,
            quorum=quorum,
            majority=majority,
            secret=bool(secret),
            consultation=consultation,
        )
    ballot.document_version = version
    ballot.consultation_record = consultations.record_for_ballot(document)
    ballot.document_uid = api.content.get_uuid(document)
    ballot.voted_text = text
    ballot.eligible = tuple(eligible)
    ballot.eligible_titles = tuple((org_id, org.Title()) for org_id, org in eligible.items())
    ballot.opened = now()
    ballot.opened_by = api.user.get_current().getId() or ""
    ballot.text_decision = None
    ballot.result = None
    ballot._votes = OOBTree()
    ballot.vote_history = PersistentList()
    ballot.reminded = OOTreeSet()
    grant_readers(ballot, eligible.values())
    audit.record(
        "ballot.started",
        ballot,
        version=version,
        quorum=quorum,
        majority=majority,
        secret=secret,
        deadline=deadline.isoformat(),
    )
    notify(BallotStarted(ballot))
    return ballot


def grant_readers(ballot, eligible_organisations) -> None:
    """Every person on the roster of an eligible organisation reads the ballot and its result (only admins
    vote: ``represented_organisations``); coordinators and ballot managers read it through the workflow.

    A subject whose ballots show confidential text names fewer readers with an optional
    ``ballot_readers(organisation)`` (a case file's proposal: its representatives only)."""
    readers = getattr(subject_of(document_of(ballot)), "ballot_readers", None) or roster
    for org in eligible_organisations:
        for principal in readers(org):
            ballot.manage_addLocalRoles(principal, [VOTER_ROLE])
    ballot.reindexObjectSecurity()


def _refuse_if_closed(ballot) -> None:
    if is_closed(ballot):
        raise BallotError(_("ballot_error_closed", default="This ballot is closed: its result cannot change."))


def cast_vote(
    ballot,
    option: str,
    statement: str = "",
    organisation_id: str | None = None,
    at: datetime | None = None,
    replace: bool = False,
) -> Vote:
    """Record the vote of an organisation, cast by the current user as its representative.

    ``organisation_id`` may be left out when the user represents exactly one eligible organisation. The
    admin who cast the organisation's vote may change it until the deadline; another admin of the same
    organisation replaces it only with ``replace=True`` ("change our vote"), which is recorded in
    ``vote_history`` and mailed to the first voter. After the deadline, on a closed ballot, or by someone
    who represents no eligible organisation, nothing is recorded and a ``BallotError`` says why.
    """
    at = at or now()
    _refuse_if_closed(ballot)
    if deadline_passed(ballot, at):
        raise BallotError(
            _(
                "ballot_error_after_deadline",
                default="The deadline of this ballot has passed: votes are no longer accepted.",
            )
        )
    represented = represented_organisations(ballot)
    if not represented:
        raise BallotError(
            _(
                "ballot_error_not_representative",
                default="Only the representative (an admin) of an eligible member organisation may vote.",
            )
        )
    if organisation_id is None and len(represented) == 1:
        organisation_id = represented[0]
    if organisation_id not in represented:
        raise BallotError(_("ballot_error_which_organisation", default="Choose the organisation you vote for."))
    if option not in tally.OPTIONS:
        raise BallotError(_("ballot_error_option", default="Choose approve, reject or abstain."))
    statement = (statement or "").strip()
    if len(statement) > STATEMENT_MAX:
        raise BallotError(
            _(
                "ballot_error_statement_long",
                default="The statement is too long (at most ${max} characters).",
                mapping={"max": STATEMENT_MAX},
            )
        )
    voter = api.user.get_current().getId()
    previous = ballot._votes.get(organisation_id)
    if previous is not None and previous[2] != voter:
        if not replace:
            raise BallotError(
                _(
                    "ballot_error_voted_by_colleague",
                    default="${person} already cast your organisation's vote. To replace it, choose "
                    "“Change our organisation's vote”: ${person} will be told.",
                    mapping={"person": display_name(previous[2])},
                )
            )
        _history(ballot).append(
            {"organisation": organisation_id, "replaced": previous[2], "by": voter, "when": at.isoformat()}
        )
        notify(VoteReplaced(ballot, organisation_id, previous[2], voter))
    changed = previous is not None
    ballot._votes[organisation_id] = (option, statement, voter, at.isoformat())
    # The audit log records that an organisation voted, never how (secret ballots stay secret there too).
    audit.record("ballot.vote_changed" if changed else "ballot.voted", ballot, voter, organisation=organisation_id)
    return _vote(organisation_id, ballot._votes[organisation_id])


def _history(ballot) -> PersistentList:
    if getattr(ballot, "vote_history", None) is None:
        ballot.vote_history = PersistentList()
    return ballot.vote_history


def vote_history(ballot) -> list[dict]:
    """Votes replaced by another admin of the same organisation (who, by whom, when): never how they voted."""
    return [dict(entry) for entry in getattr(ballot, "vote_history", None) or ()]


def voters(ballot) -> dict[str, str]:
    """``{organisation id: user id}`` of the person who cast each organisation's vote (safe for every ballot:
    it says who voted, never how)."""
    return {org_id: ballot._votes[org_id][2] for org_id in participation(ballot)}


def may_close(ballot) -> bool:
    """Coordinators and managers (the workflow's guard of ``close``)."""
    return not is_closed(ballot) and api.user.has_permission(START_BALLOT, obj=ballot)


def _record_result(ballot, reason: str, actor: str) -> dict:
    options = [ballot._votes[org_id][0] for org_id in participation(ballot)]
    counted = tally.tally(options, len(ballot.eligible), ballot.quorum, ballot.majority)
    outcome = SUPERSEDED if reason == SUPERSEDED else counted.outcome
    result = {
        "outcome": outcome,
        "eligible": counted.eligible,
        "cast": counted.cast,
        "approve": counted.approve,
        "reject": counted.reject,
        "abstain": counted.abstain,
        "quorum": counted.quorum,
        "majority": counted.majority,
        "secret": bool(ballot.secret),
        "document_uid": ballot.document_uid,
        "document_version": ballot.document_version,
        "participants": tuple(participation(ballot)),
        # Naming who approved would reveal secret votes; adoption then names the participants only.
        "approving": ()
        if ballot.secret
        else tuple(o for o in participation(ballot) if ballot._votes[o][0] == tally.APPROVE),
        "closed": now().isoformat(),
        "closed_by": actor,
        "reason": reason,
        "text_decision": ballot.text_decision,
    }
    ballot.result = result
    return result


def close_ballot(ballot, reason: str = BY_COORDINATOR) -> dict:
    """Compute and record the result, transition the ballot to ``closed``, audit it; return the result.

    ``reason`` is ``coordinator`` (only coordinators and managers), ``deadline`` (anybody's access after
    the deadline triggers it, and ``close_due_ballots``) or ``superseded`` (by ``restart_ballot``).
    """
    _refuse_if_closed(ballot)
    if reason == AT_DEADLINE:
        if not deadline_passed(ballot):
            raise BallotError(_("ballot_error_not_due", default="The deadline of this ballot has not passed yet."))
    elif not may_close(ballot):
        raise Unauthorized("Only coordinators close a ballot before its deadline.")
    if reason != SUPERSEDED:
        _refuse_if_subject_changed(ballot)
    _finish(ballot, reason)
    # The transition is the system's act once the rules allowed it (at the deadline anyone's visit closes it).
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(ballot, transition="close")
    ballot.reindexObject()
    return dict(ballot.result)


def _finish(ballot, reason: str) -> None:
    actor = api.user.get_current().getId() or ""
    result = _record_result(ballot, reason, actor)
    audit.record(
        "ballot.closed",
        ballot,
        actor,
        outcome=result["outcome"],
        reason=reason,
        version=result["document_version"],
        cast=result["cast"],
        eligible=result["eligible"],
    )
    # What the result means for the subject (a case file's decision); other concerns listen to the event.
    subject_of(document_of(ballot)).ballot_closed(ballot, dict(result))
    notify(BallotClosed(ballot, dict(result)))


def on_transition(ballot, event) -> None:
    """The workflow menu's "Close ballot" closes through the same rules: the result is recorded with it."""
    if event.transition is not None and event.transition.id == "close" and getattr(ballot, "result", None) is None:
        _finish(ballot, BY_COORDINATOR)


def _refuse_if_subject_changed(ballot) -> None:
    if text_changed(ballot):
        raise BallotError(
            _(
                "ballot_error_subject_changed",
                default="What is voted on changed after the ballot opened. A coordinator must first restart "
                "the ballot on the new version or record why the vote continues on the original one.",
            )
        )


def close_if_due(ballot) -> bool:
    """Close the ballot if its deadline has passed (and its subject did not change); True if closed now."""
    if is_closed(ballot) or not deadline_passed(ballot) or text_changed(ballot):
        return False
    close_ballot(ballot, AT_DEADLINE)
    return True


def due_ballots(at: datetime | None = None) -> list:
    """Open ballots whose deadline has passed."""
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    for brain in catalog.unrestrictedSearchResults(portal_type=BALLOT_TYPE, review_state=OPEN):
        ballot = brain._unrestrictedGetObject()
        if deadline_passed(ballot, at):
            found.append(ballot)
    return found


def close_due_ballots(progress=None) -> int:
    """Close every open ballot whose deadline has passed; returns how many. ``progress(line)`` reports each.

    A due ballot whose subject changed stays open: its opener and the coordinators are told once (mail,
    through ``IBallotHeld``) that they must restart it or record why the change is kept."""
    closed = 0
    for ballot in due_ballots():
        path = "/".join(ballot.getPhysicalPath())
        if text_changed(ballot):
            if not getattr(ballot, "held_reported", False):
                ballot.held_reported = True
                notify(BallotHeld(ballot))
            if progress is not None:
                progress(f"{path}: not closed, its subject changed; waiting for a coordinator's decision")
            continue
        result = close_ballot(ballot, AT_DEADLINE)
        closed += 1
        if progress is not None:
            progress(f"{path}: {result['outcome']} ({result['cast']}/{result['eligible']} voted)")
    return closed


def _refuse_unless_text_decision_due(ballot, refusal: str) -> None:
    """Only coordinators decide, on an open ballot whose document changed since it opened, what happens."""
    _refuse_if_closed(ballot)
    if not may_close(ballot):
        raise Unauthorized(refusal)
    if not text_changed(ballot):
        raise BallotError(
            _("ballot_error_text_unchanged", default="The document has not changed since the ballot opened.")
        )


REASON_MAX = 2000


def keep_ballot(ballot, reason: str = "") -> None:
    """After the subject changed: the coordinator keeps the vote on the original version and says why."""
    _refuse_unless_text_decision_due(ballot, "Only coordinators decide about a changed text.")
    reason = (reason or "").strip()
    if not reason or len(reason) > REASON_MAX:
        raise BallotError(
            _(
                "ballot_error_keep_reason",
                default="Say why the vote continues on the original version (at most ${max} characters).",
                mapping={"max": REASON_MAX},
            )
        )
    actor = api.user.get_current().getId()
    ballot.text_decision = {
        "decision": "kept",
        "by": actor,
        "when": now().isoformat(),
        "newer_version": current_version(document_of(ballot)),
        "changes": tuple(subject_changes(ballot)),
        "reason": reason,
    }
    audit.record("ballot.text_change_kept", ballot, actor, version=ballot.document_version)


def extend_ballot(ballot, deadline: datetime) -> None:
    """Coordinators move an open ballot's deadline later (never earlier: votes were planned on it)."""
    _refuse_if_closed(ballot)
    if not may_close(ballot):
        raise Unauthorized("Only coordinators extend a ballot.")
    deadline = as_utc(deadline)
    if deadline <= now() or deadline <= as_utc(ballot.deadline):
        raise BallotError(
            _(
                "ballot_error_extend_earlier",
                default="The new deadline must be in the future and later than the current one.",
            )
        )
    previous = as_utc(ballot.deadline)
    ballot.deadline = deadline
    # A new deadline earns a new reminder.
    ballot.reminded = OOTreeSet()
    ballot.reindexObject()
    audit.record("ballot.extended", ballot, previous=previous.isoformat(), deadline=deadline.isoformat())


def restart_ballot(ballot, deadline: datetime | None = None):
    """After the document changed: close this ballot as superseded and open the same ballot on the new version."""
    _refuse_unless_text_decision_due(ballot, "Only coordinators restart a ballot.")
    document = document_of(ballot)
    actor = api.user.get_current().getId()
    new = start_ballot(
        document,
        title=ballot.title,
        question=ballot.question,
        deadline=deadline or as_utc(ballot.deadline),
        quorum=ballot.quorum,
        majority=ballot.majority,
        secret=ballot.secret,
        consultation=ballot.consultation,
    )
    ballot.text_decision = {
        "decision": "restarted",
        "by": actor,
        "when": now().isoformat(),
        "new_ballot": api.content.get_uuid(new),
    }
    close_ballot(ballot, SUPERSEDED)
    return new


def eligible_titles(ballot) -> dict[str, str]:
    return dict(ballot.eligible_titles)
