"""Assessment of a case against an adopted criteria version, and the immutable record of decisions.

The list commission records, for each inclusion criterion and exclusion clause of the criteria version,
a finding (met / not met / unclear) with its reasoning and the evidence it relies on. Once every item has
a finding, a decision can be recorded: it names the criteria version, the outcome, the reasoning and who
decided, and is never changed afterwards. Revising a decision (workflow ``revise``) reopens the
assessment; the next decision is appended, the earlier ones stay as they were.
"""

from AccessControl import Unauthorized
from coalition.intranet import _
from coalition.intranet.criteria import api as criteria
from coalition.intranet.security import audit
from datetime import datetime
from datetime import UTC
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
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


class AssessmentError(ValueError):
    """An assessment or decision the rules refuse; ``message`` is translatable. Nothing was changed."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _now():
    return datetime.now(UTC)


def _authorise(case) -> str:
    if not api.user.has_permission(ASSESS, obj=case):
        raise Unauthorized("Only the list commission assesses case files.")
    if api.content.get_state(case) != "under_review":
        raise AssessmentError(_("assessment_error_state", default="A case file is assessed while it is under review."))
    return api.user.get_current().getId()


def assessment(case) -> dict | None:
    """The current assessment: ``{"criteria_version": n, "findings": {item id: {...}}}`` or None."""
    stored = getattr(case, "_coalition_assessment", None)
    if stored is None:
        return None
    return {
        "criteria_version": stored["criteria_version"],
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
    case._coalition_assessment = PersistentMapping(criteria_version=version.number, findings=PersistentMapping())
    audit.record("case.assessment_started", case, actor, criteria_version=str(version.number))
    return assessment(case)


def record_finding(case, item_id: str, finding: str, reasoning: str = "", evidence: tuple = ()) -> None:
    """Record the finding on one criterion or exclusion clause."""
    actor = _authorise(case)
    stored = getattr(case, "_coalition_assessment", None)
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


def decisions(case) -> list[dict]:
    """Every decision recorded on the case, oldest first (copies: the records themselves never change)."""
    return [dict(decision) for decision in getattr(case, "_coalition_decisions", None) or ()]


def current_decision(case) -> dict | None:
    found = decisions(case)
    return found[-1] if found else None


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


def _append_decision(case, outcome: str, reasoning: str, category: str, actor: str, ballot_uid: str = "") -> dict:
    current = assessment(case)
    record = {
        "number": len(decisions(case)) + 1,
        "date": _now().isoformat(),
        "criteria_version": current["criteria_version"],
        "outcome": outcome,
        "category": category if outcome == "recognised" else "",
        "reasoning": reasoning.strip(),
        "decided_by": actor,
        "ballot": ballot_uid,
        "findings": tuple(sorted((key, value["finding"]) for key, value in current["findings"].items())),
    }
    if getattr(case, "_coalition_decisions", None) is None:
        case._coalition_decisions = PersistentList()
    # Stored as a tuple of pairs: nothing in the API edits a decision once it is recorded.
    case._coalition_decisions.append(tuple(sorted(record.items())))
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(case, transition="decide")
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

    ``ballot_rules`` are those of ``drafting.ballots.start_ballot`` (deadline, quorum, majority, secret).
    When the ballot adopts the proposal, the decision is recorded with the ballot named; otherwise the case
    stays under review for a new proposal.
    """
    from coalition.intranet.drafting import ballots
    from plone.app.textfield.value import RichTextValue

    _authorise(case)
    _check_decision(case, outcome, reasoning, category)
    proposal = {
        "outcome": outcome,
        "category": category if outcome == "recognised" else "",
        "reasoning": reasoning.strip(),
        "text": _proposal_html(case, outcome, category, reasoning),
    }
    if getattr(case, "_coalition_proposals", None) is None:
        case._coalition_proposals = PersistentList()
    case._coalition_proposals.append(tuple(sorted(proposal.items())))
    title = translate(
        _("ballot_title_case", default="Decision on the case file ${case}", mapping={"case": case.getId()})
    )
    return ballots.start_ballot(
        case,
        title=title,
        question=translate(
            _("ballot_question_case", default="Do you approve the decision proposed by the list commission?")
        ),
        consultation=RichTextValue("", "text/html", "text/x-html-safe"),
        **ballot_rules,
    )


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


def on_case_ballot_closed(ballot, event) -> None:
    """A ballot on a case file closed: an adopted proposal becomes the case's decision."""
    from coalition.intranet.cases.content import ICaseFile
    from coalition.intranet.drafting import tally

    case = ballot.__parent__
    if not ICaseFile.providedBy(case) or event.result.get("outcome") != tally.ADOPTED:
        return
    proposal = current_proposal(case)
    if proposal is None or api.content.get_state(case) != "under_review":
        return
    _append_decision(
        case,
        proposal["outcome"],
        proposal["reasoning"],
        proposal["category"],
        api.user.get_current().getId() or "",
        api.content.get_uuid(ballot),
    )
