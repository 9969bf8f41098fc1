"""Assessment of a case against an adopted criteria version, and the immutable record of decisions.

The list commission records, for each inclusion criterion and exclusion clause of the criteria version,
a finding (met / not met / unclear) with its reasoning and the evidence it relies on. Once every item has
a finding, a decision can be recorded: it names the criteria version, the outcome, the reasoning and who
decided, and is never changed afterwards. Revising a decision (workflow ``revise``) reopens the
assessment; the next decision is appended, the earlier ones stay as they were.

Review rounds: decisions cannot be revived.

- Every transition into review (``start_review``, ``revise``) opens a new review round: the counter
  ``case.review_round`` goes up by one (subscriber ``on_case_transition``).
- The assessment belongs to the round in which it was started (``start_assessment`` stamps it). Only the
  assessment of the current round counts: after a revision the earlier findings are history (they stay in
  the decisions that relied on them), ``assessment()`` answers None and the commission starts a new
  assessment; a decision needs that new assessment to be complete. This is the whole rule: "findings
  count only in the round their assessment was started in".
- Every decision carries the round it was made in and a snapshot of the facts it judged (``facts``: the
  whitelisted public facts ``SNAPSHOT_FIELDS``, never a confidential field) next to the findings.
  ``current_decision`` is the decision of the current round while the case is decided or closed, else
  None; ``decisions`` is the whole history.
- The workflow's ``decide`` transition is guarded by ``CaseFile.decision_being_recorded()``: it passes only
  while ``_append_decision`` moves the case, right after recording a decision of the current round. From
  the workflow menu, ``content_status_modify`` or REST ``@workflow/decide`` the transition is unavailable.
- A decision by ballot is the commission's proposal adopted by the organisations: the proposal records
  its round, findings and facts when it is put to the vote; when the ballot adopts it, it becomes the
  decision only if it is still the current proposal of the current round (a ballot opened before a
  revision, or on an earlier proposal, decides nothing).
- Data from before review rounds existed: a case without ``review_round`` is in round 1; a decision
  without a round is of round 1. An assessment or proposal without a round counts as round 1 only on a
  case without any decision (otherwise it may predate a revision, and the commission starts again).
"""

from AccessControl import Unauthorized
from coalition.intranet import _
from coalition.intranet.criteria import api as criteria
from coalition.intranet.errors import CoalitionError
from coalition.intranet.security import api as audit
from contextvars import ContextVar
from datetime import date
from datetime import datetime
from datetime import UTC
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
import transaction
from zope.i18n import translate


ASSESS = "coalition: Assess case"
FINDINGS = ("met", "not_met", "unclear")
FINDING_TITLES = {
    "met": _("finding_met", default="Met"),
    "not_met": _("finding_not_met", default="Not met"),
    "unclear": _("finding_unclear", default="Unclear"),
}
OUTCOMES = ("recognised", "under_monitoring", "not_recognised", "excluded")
OUTCOME_TITLES = {
    "recognised": _("outcome_recognised", default="Recognised as a political prisoner"),
    "under_monitoring": _("outcome_under_monitoring", default="Under monitoring"),
    "not_recognised": _("outcome_not_recognised", default="Not recognised"),
    "excluded": _("outcome_excluded", default="Excluded"),
}
CATEGORIES = ("A", "B")
ASSESSED_KINDS = ("criterion", "exclusion")
# Transitions into review that open a new review round.
ROUND_OPENING_TRANSITIONS = ("start_review", "revise")
UNDER_REVIEW = "under_review"
DECIDED_STATES = ("decided", "closed")
# The facts a decision judged, recorded with it: public facts only (a subset of the publication whitelist).
SNAPSHOT_FIELDS = (
    "full_name_latin",
    "full_name",
    "region",
    "articles",
    "status",
    "date_of_birth",
    "date_of_detention",
    "case_categories",
    "sentence",
    "place_of_detention",
    "expected_release",
)
# Never in a snapshot (a decision is shown to readers without access to the confidential data).
CONFIDENTIAL_FIELDS = ("lawyer_contacts", "relatives_contacts", "home_address", "health_notes")

# (case UID, decision number) while _append_decision moves that case to ``decided``: the ``decide`` guard.
_DECIDING: ContextVar[tuple[str, int] | None] = ContextVar("coalition_case_deciding", default=None)


class AssessmentError(CoalitionError):
    """An assessment or decision the rules refuse; ``message`` is translatable. Nothing was changed."""


def _now():
    return datetime.now(UTC)


def _authorise(case) -> str:
    if not api.user.has_permission(ASSESS, obj=case):
        raise Unauthorized("Only the list commission assesses case files.")
    if not is_under_review(case):
        raise AssessmentError(_("assessment_error_state", default="A case file is assessed while it is under review."))
    return api.user.get_current().getId()


def is_under_review(case) -> bool:
    """The one rule for "under review": the case is in the state in which the list commission assesses it
    and a decision (or a proposal put to a ballot) is due. Views, the demo and the ballot subject ask this."""
    return api.content.get_state(case, default=None) == UNDER_REVIEW


def review_round(case) -> int:
    """The number of the case's current review round (1 for a case from before rounds existed)."""
    return getattr(case, "review_round", None) or 1


def open_review_round(case) -> int:
    """Start a new review round: earlier findings and decisions no longer count as current."""
    stored = getattr(case, "review_round", None)
    if stored is None:
        # A case from before rounds existed is in round 1 if it was ever reviewed; a new case starts at 1.
        stored = 1 if (_stored_decisions(case) or getattr(case, "_coalition_assessment", None) is not None) else 0
    case.review_round = stored + 1
    case.decision_outcome = None
    return case.review_round


def on_case_transition(case, event) -> None:
    """Subscriber (a case's workflow transition): entering review opens a new review round."""
    transition = getattr(event, "transition", None)
    if transition is not None and transition.id in ROUND_OPENING_TRANSITIONS:
        open_review_round(case)


def _round_of(case, stored) -> int:
    """The round an assessment or proposal belongs to; unstamped (older) ones: see the module docstring."""
    stamped = stored.get("round")
    if stamped is not None:
        return stamped
    return 0 if _stored_decisions(case) else 1


def _current_assessment(case):
    """The stored assessment of the current round (a PersistentMapping), or None."""
    stored = getattr(case, "_coalition_assessment", None)
    if stored is None or _round_of(case, stored) != review_round(case):
        return None
    return stored


def assessment(case) -> dict | None:
    """The assessment of the current review round or None:
    ``{"criteria_version": n, "round": r, "findings": {item id: {...}}}``."""
    stored = _current_assessment(case)
    if stored is None:
        return None
    return {
        "criteria_version": stored["criteria_version"],
        "round": _round_of(case, stored),
        "findings": {key: dict(value) for key, value in stored["findings"].items()},
    }


def assessed_items(version: criteria.CriteriaVersion) -> list[dict]:
    """The inclusion criteria and exclusion clauses of ``version`` (categories are chosen at decision)."""
    return [dict(item) for item in version.items if item["kind"] in ASSESSED_KINDS]


def start_assessment(case, version_number: int | None = None) -> dict:
    """Begin (or restart after a revision) the assessment against a criteria version (default: current)."""
    actor = _authorise(case)
    version = criteria.criteria_version(version_number) if version_number else criteria.current_version()
    if version is None:
        raise AssessmentError(_("assessment_error_no_criteria", default="No criteria version has been adopted yet."))
    case._coalition_assessment = PersistentMapping(
        criteria_version=version.number, round=review_round(case), findings=PersistentMapping()
    )
    audit.record(
        "case.assessment_started", case, actor, criteria_version=str(version.number), round=str(review_round(case))
    )
    return assessment(case)


def record_finding(case, item_id: str, finding: str, reasoning: str = "", evidence: tuple = ()) -> None:
    """Record the finding on one criterion or exclusion clause."""
    actor = _authorise(case)
    stored = _current_assessment(case)
    if stored is None:
        raise AssessmentError(_("assessment_error_not_started", default="Start the assessment first."))
    version = criteria.criteria_version(stored["criteria_version"])
    if item_id not in {item["id"] for item in assessed_items(version)}:
        raise AssessmentError(
            _(
                "assessment_error_unknown_item",
                default="${item} is not a criterion or exclusion clause of version ${version}.",
                mapping={"item": item_id, "version": version.number},
            )
        )
    if finding not in FINDINGS:
        raise AssessmentError(_("assessment_error_finding", default="Choose met, not met or unclear."))
    evidence_uids = {api.content.get_uuid(obj) for obj in case.objectValues() if obj.portal_type == "Evidence"}
    unknown = [uid for uid in evidence if uid not in evidence_uids]
    if unknown:
        raise AssessmentError(
            _("assessment_error_evidence", default="The evidence cited must be attached to this case file.")
        )
    stored["findings"][item_id] = PersistentMapping(
        finding=finding, reasoning=reasoning.strip(), evidence=tuple(evidence), by=actor, when=_now().isoformat()
    )


def missing_findings(case) -> list[str]:
    """Ids of the criteria and exclusion clauses that have no finding yet."""
    current = assessment(case)
    if current is None:
        return []
    version = criteria.criteria_version(current["criteria_version"])
    return [item["id"] for item in assessed_items(version) if item["id"] not in current["findings"]]


def assessment_is_complete(case) -> bool:
    return assessment(case) is not None and not missing_findings(case)


def _stored_decisions(case):
    return getattr(case, "_coalition_decisions", None) or ()


def decisions(case) -> list[dict]:
    """Every decision recorded on the case, oldest first, of every round (copies: the records never change).

    Each has ``round`` (1 for a decision from before rounds existed) and ``facts`` (a tuple of pairs, see
    ``decision_snapshot``; empty for a decision from before snapshots existed).
    """
    found = []
    for stored in _stored_decisions(case):
        decision = dict(stored)
        decision.setdefault("round", 1)
        decision.setdefault("facts", ())
        found.append(decision)
    return found


def current_decision(case) -> dict | None:
    """The decision in force: the one made in the current review round, while the case is decided or
    closed. None while a case is in review (also after a revision) or was never decided."""
    if api.content.get_state(case, default=None) not in DECIDED_STATES:
        return None
    current_round = review_round(case)
    found = [decision for decision in decisions(case) if decision["round"] == current_round]
    return found[-1] if found else None


def decision_being_recorded(case) -> bool:
    """Whether ``_append_decision`` is moving this case to ``decided`` right now, having just recorded a
    decision of the current round (the guard of the workflow's ``decide`` transition)."""
    pending = _DECIDING.get()
    if pending is None or not is_under_review(case):
        return False
    found = decisions(case)
    if not found or found[-1]["round"] != review_round(case):
        return False
    return pending == (api.content.get_uuid(case), found[-1]["number"])


def _frozen(value):
    """A fact as stored in a snapshot: immutable and plain (dates as ISO strings, lists as tuples, nothing
    recorded as None)."""
    if value is None or value == "" or (isinstance(value, list | tuple | set | frozenset) and not value):
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def facts_now(case) -> dict:
    """The whitelisted facts of the case as a decision would record them now."""
    return {name: _frozen(getattr(case, name, None)) for name in SNAPSHOT_FIELDS}


def decision_snapshot(decision) -> dict:
    """The facts a decision judged, ``{field: value}`` (dates as ISO strings); empty for older decisions."""
    return dict(decision.get("facts") or ())


def facts_changed(case, decision) -> list[str]:
    """The facts that differ now from those the decision judged (none for a decision without a snapshot)."""
    judged = decision_snapshot(decision)
    if not judged:
        return []
    now = facts_now(case)
    return [name for name in SNAPSHOT_FIELDS if name in judged and judged[name] != now[name]]


def _check_decision(case, outcome: str, reasoning: str, category: str) -> None:
    if not assessment_is_complete(case):
        raise AssessmentError(
            _("decision_error_incomplete", default="Every criterion and exclusion clause needs a finding first.")
        )
    if outcome not in OUTCOMES:
        raise AssessmentError(_("decision_error_outcome", default="Choose an outcome."))
    if outcome == "recognised" and category not in CATEGORIES:
        raise AssessmentError(_("decision_error_category", default="A recognition names its category: A or B."))
    if not reasoning.strip():
        raise AssessmentError(_("decision_error_reasoning", default="A decision states its reasoning."))


def _judged(case) -> dict:
    """What a decision made now judges: the criteria version, the findings and the facts."""
    current = assessment(case)
    return {
        "criteria_version": current["criteria_version"],
        "findings": tuple(sorted((key, value["finding"]) for key, value in current["findings"].items())),
        "facts": tuple(sorted(facts_now(case).items())),
    }


def _append_decision(
    case, outcome: str, reasoning: str, category: str, actor: str, ballot_uid: str = "", judged: dict | None = None
) -> dict:
    """The only way into ``decided``: record the decision of the current round, then fire ``decide``."""
    judged = judged or _judged(case)
    record = {
        "number": len(_stored_decisions(case)) + 1,
        "round": review_round(case),
        "date": _now().isoformat(),
        "criteria_version": judged["criteria_version"],
        "outcome": outcome,
        "category": category if outcome == "recognised" else "",
        "reasoning": reasoning.strip(),
        "decided_by": actor,
        "ballot": ballot_uid,
        "findings": judged["findings"],
        "facts": judged["facts"],
    }
    if getattr(case, "_coalition_decisions", None) is None:
        case._coalition_decisions = PersistentList()
    # Stored as a tuple of pairs: nothing in the API edits a decision once it is recorded.
    case._coalition_decisions.append(tuple(sorted(record.items())))
    token = _DECIDING.set((api.content.get_uuid(case), record["number"]))
    try:
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(case, transition="decide")
    finally:
        _DECIDING.reset(token)
    case.decision_outcome = outcome
    case.reindexObject()
    audit.record("case.decided", case, actor, outcome=outcome, criteria_version=str(record["criteria_version"]))
    return record


def record_decision(case, outcome: str, reasoning: str, category: str = "") -> dict:
    """Record the commission's decision and move the case to ``decided``. Returns the record."""
    actor = _authorise(case)
    _check_decision(case, outcome, reasoning, category)
    return _append_decision(case, outcome, reasoning, category, actor)


def propose_decision_by_ballot(case, outcome: str, reasoning: str, category: str = "", **ballot_rules):
    """Put the commission's proposed decision to a ballot of the member organisations; returns the ballot.

    ``ballot_rules`` are those of ``drafting.api.start_ballot`` (deadline, quorum, majority, secret).
    When the ballot adopts the proposal, the decision is recorded with the ballot named; otherwise the case
    stays under review for a new proposal.
    """
    from coalition.intranet.drafting import api as drafting
    from plone.app.textfield.value import RichTextValue

    _authorise(case)
    _check_decision(case, outcome, reasoning, category)
    proposal = {
        "outcome": outcome,
        "category": category if outcome == "recognised" else "",
        "reasoning": reasoning.strip(),
        "text": _proposal_html(case, outcome, category, reasoning),
        # What the organisations decide on: this round's assessment and the facts as they are now.
        "round": review_round(case),
        **_judged(case),
    }
    # The ballot reads the proposal it puts to the vote: record it first, and take it back (with anything
    # the ballot wrote) when the ballot is refused, so that a refused ballot leaves nothing behind.
    before_proposal = transaction.savepoint()
    if getattr(case, "_coalition_proposals", None) is None:
        case._coalition_proposals = PersistentList()
    case._coalition_proposals.append(tuple(sorted(proposal.items())))
    title = translate(
        _("ballot_title_case", default="Decision on the case file ${case}", mapping={"case": case.getId()})
    )
    try:
        return drafting.start_ballot(
            case,
            title=title,
            question=translate(
                _("ballot_question_case", default="Do you approve the decision proposed by the list commission?")
            ),
            consultation=RichTextValue("", "text/html", "text/x-html-safe"),
            **ballot_rules,
        )
    except Exception:
        before_proposal.rollback()
        raise


def _proposal_html(case, outcome: str, category: str, reasoning: str) -> str:
    from html import escape

    outcome_title = translate(OUTCOME_TITLES[outcome])
    category_text = f" ({escape(category)})" if outcome == "recognised" and category else ""
    return (
        f"<p><strong>{escape(case.Title())}</strong> ({escape(getattr(case, 'region', '') or '')})</p>"
        f"<p>{escape(outcome_title)}{category_text}</p><p>{escape(reasoning.strip())}</p>"
    )


def current_proposal(case) -> dict | None:
    proposals = getattr(case, "_coalition_proposals", None) or ()
    return dict(proposals[-1]) if proposals else None


def decide_by_ballot(case, ballot) -> None:
    """The organisations adopted, by ``ballot``, the current proposal: it becomes the case's decision.

    Called by the case file's ballot subject (``cases/ballot_subject.py``) when such a ballot closes adopted.
    """
    proposal = current_proposal(case)
    if proposal is None or not is_under_review(case):
        return
    if _round_of(case, proposal) != review_round(case):
        return  # the proposal was made before a revision: it cannot become this round's decision
    if "findings" in proposal:
        judged = {key: proposal[key] for key in ("criteria_version", "findings", "facts")}
    elif assessment_is_complete(case):
        judged = None  # a proposal from before proposals recorded what they judged
    else:
        return
    _append_decision(
        case,
        proposal["outcome"],
        proposal["reasoning"],
        proposal["category"],
        api.user.get_current().getId() or "",
        api.content.get_uuid(ballot),
        judged,
    )
