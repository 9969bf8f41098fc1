"""The consultation phase: before a ballot, a draft version is put to every member organisation for comment.

A coordinator (or ballot manager) opens a consultation on one version of a working document with its own
deadline; the text of that version is frozen in it. Until the deadline, anyone on the roster of a member
organisation comments, for their organisation, optionally quoting the passage they mean; everybody who
takes part reads every comment. At the deadline the consultation closes (on the first visit after it, or
by the ``due-ballots`` job). The drafters (whoever may edit the document) answer each comment: accepted,
changed, or declined with a reason. Only then can a ballot open on the document; the ballot keeps a copy
of the consultation record (``record_for_ballot``), so the adopted version carries it.

Consultations are stored on the document (``_coalition_consultations``), newest last, in an attribute that
no form and no REST call reads.
"""

from AccessControl import Unauthorized
from coalition.intranet import _
from coalition.intranet.drafting import mails
from coalition.intranet.drafting.ballots import as_utc
from coalition.intranet.drafting.ballots import BallotError
from coalition.intranet.drafting.ballots import may_start_ballot
from coalition.intranet.drafting.ballots import now
from coalition.intranet.drafting.ballots import organisations
from coalition.intranet.drafting.ballots import subject_of
from coalition.intranet.security import api as audit
from coalition.intranet.workspaces.api import roster
from datetime import datetime
from persistent import Persistent
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api


ATTRIBUTE = "_coalition_consultations"
ACCEPTED = "accepted"
CHANGED = "changed"
DECLINED = "declined"
ANSWERS = (ACCEPTED, CHANGED, DECLINED)
ANSWER_TITLES = {
    ACCEPTED: _("consultation_answer_accepted", default="Accepted"),
    CHANGED: _("consultation_answer_changed", default="Text changed"),
    DECLINED: _("consultation_answer_declined", default="Declined"),
}
TEXT_MAX = 5000
PASSAGE_MAX = 500


class Consultation(Persistent):
    def __init__(self, number, version, text, deadline, opened_by):
        self.number = number
        self.version = version
        self.text = text
        self.deadline = deadline
        self.opened = now()
        self.opened_by = opened_by
        self.closed = None
        self.comments = PersistentList()


def consultations(document) -> list:
    return list(getattr(document, ATTRIBUTE, None) or ())


def current(document):
    """The latest consultation on ``document``, or None."""
    found = consultations(document)
    return found[-1] if found else None


def is_open(consultation, at: datetime | None = None) -> bool:
    return consultation.closed is None and as_utc(consultation.deadline) > (at or now())


def close_if_due(consultation, at: datetime | None = None) -> bool:
    """Record the closing of a consultation whose deadline has passed; True if closed now."""
    if consultation is None or consultation.closed is not None or is_open(consultation, at):
        return False
    consultation.closed = as_utc(consultation.deadline).isoformat()
    return True


def may_take_part(user_id: str | None = None) -> bool:
    """Coordinators, ballot managers, and everyone on the roster of a member organisation."""
    if user_id is None:
        user = api.user.get_current()
        if may_start_ballot(api.portal.get()):
            return True
        user_id = user.getId()
    return bool(organisations_of(user_id))


def organisations_of(user_id: str | None) -> list[str]:
    """Ids of the member organisations on whose roster ``user_id`` is (directly or by a group)."""
    if not user_id:
        return []
    principals = {user_id} | {g.getId() for g in api.group.get_groups(username=user_id)}
    return [org_id for org_id, org in organisations().items() if principals & set(roster(org))]


def may_answer(document) -> bool:
    """The drafters: whoever may edit the document."""
    return bool(api.user.has_permission("Modify portal content", obj=document))


def open_consultation(document, deadline: datetime, version: int | None = None) -> Consultation:
    if not may_start_ballot(document):
        raise Unauthorized("Only coordinators open a consultation.")
    deadline = as_utc(deadline)
    if deadline <= now():
        raise BallotError(_("consultation_error_deadline", default="The deadline must be in the future."))
    latest = current(document)
    if latest is not None and is_open(latest):
        raise BallotError(
            _("consultation_error_already_open", default="A consultation on this document is already open.")
        )
    with api.env.adopt_roles(["Manager"]):
        version, text = subject_of(document).voted_text(version)
    found = getattr(document, ATTRIBUTE, None)
    if found is None:
        found = PersistentList()
        setattr(document, ATTRIBUTE, found)
    consultation = Consultation(len(found) + 1, version, text, deadline, api.user.get_current().getId() or "")
    found.append(consultation)
    audit.record("consultation.opened", document, version=version, deadline=deadline.isoformat())
    mails.consultation_opened(document, consultation)
    return consultation


def add_comment(document, text: str, passage: str = "", organisation_id: str | None = None) -> dict:
    """A comment of the current user's organisation on the open consultation."""
    consultation = current(document)
    if consultation is None:
        raise BallotError(_("consultation_error_none", default="This document is not under consultation."))
    close_if_due(consultation)
    if not is_open(consultation):
        raise BallotError(
            _(
                "consultation_error_closed",
                default="The consultation has closed: comments are no longer accepted.",
            )
        )
    user_id = api.user.get_current().getId()
    mine = organisations_of(user_id)
    if not mine:
        raise BallotError(
            _(
                "consultation_error_not_member",
                default="Only people on the roster of a member organisation comment in a consultation.",
            )
        )
    if organisation_id is None and len(mine) == 1:
        organisation_id = mine[0]
    if organisation_id not in mine:
        raise BallotError(_("ballot_error_which_organisation", default="Choose the organisation you vote for."))
    text, passage = (text or "").strip(), (passage or "").strip()
    if not text or len(text) > TEXT_MAX or len(passage) > PASSAGE_MAX:
        raise BallotError(
            _(
                "consultation_error_text",
                default="Write a comment of at most ${max} characters (a quoted passage: at most ${passage}).",
                mapping={"max": TEXT_MAX, "passage": PASSAGE_MAX},
            )
        )
    comment = PersistentMapping(
        {
            "id": len(consultation.comments) + 1,
            "organisation": organisation_id,
            "author": user_id,
            "text": text,
            "passage": passage,
            "when": now().isoformat(),
            "answer": None,
        }
    )
    consultation.comments.append(comment)
    audit.record("consultation.commented", document, user_id, organisation=organisation_id)
    return dict(comment)


def answer_comment(document, comment_id: int, kind: str, reason: str = "") -> None:
    """The drafters answer a comment (after or during the consultation); a declined comment needs a reason."""
    if not may_answer(document):
        raise Unauthorized("Only the drafters answer comments.")
    consultation = current(document)
    found = [c for c in (consultation.comments if consultation else ()) if c["id"] == int(comment_id)]
    if not found:
        raise BallotError(_("consultation_error_no_comment", default="There is no such comment."))
    reason = (reason or "").strip()
    if kind not in ANSWERS:
        raise BallotError(
            _("consultation_error_answer", default="Choose accepted, text changed or declined for the comment.")
        )
    if (kind == DECLINED and not reason) or len(reason) > TEXT_MAX:
        raise BallotError(_("consultation_error_reason", default="Give the reason why the comment is declined."))
    user_id = api.user.get_current().getId()
    found[0]["answer"] = {"kind": kind, "reason": reason, "by": user_id, "when": now().isoformat()}
    audit.record("consultation.answered", document, user_id, comment=int(comment_id), answer=kind)


def unanswered(consultation) -> list[dict]:
    return [dict(c) for c in consultation.comments if not c["answer"]]


def check_ready_for_ballot(document) -> None:
    """A ballot opens only after the consultation closed and every comment was answered."""
    consultation = current(document)
    if consultation is None:
        return
    close_if_due(consultation)
    if is_open(consultation):
        raise BallotError(
            _(
                "consultation_error_still_open",
                default="The consultation on this document is still open; the ballot can start after its deadline.",
            )
        )
    if unanswered(consultation):
        raise BallotError(
            _(
                "consultation_error_unanswered",
                default="${count} comment(s) of the consultation have no answer yet: the drafters answer each "
                "comment before the ballot opens.",
                mapping={"count": len(unanswered(consultation))},
            )
        )


def record_for_ballot(document) -> dict | None:
    """A frozen copy of the latest consultation, for the ballot that follows it."""
    consultation = current(document)
    if consultation is None:
        return None
    return {
        "number": consultation.number,
        "version": consultation.version,
        "deadline": as_utc(consultation.deadline).isoformat(),
        "comments": tuple(
            {**dict(c), "answer": dict(c["answer"]) if c["answer"] else None} for c in consultation.comments
        ),
    }


def close_due_consultations(progress=None) -> int:
    """Close every consultation whose deadline has passed (for the ``due-ballots`` job)."""
    catalog = api.portal.get_tool("portal_catalog")
    closed = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="WorkingDocument"):
        document = brain._unrestrictedGetObject()
        if close_if_due(current(document)):
            closed += 1
            if progress is not None:
                progress(f"{'/'.join(document.getPhysicalPath())}: consultation closed")
    return closed
