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


def record_decision(case, outcome: str, reasoning: str, category: str = "") -> dict:
    """Record the commission's decision and move the case to ``decided``. Returns the record."""
    actor = _authorise(case)
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
    current = assessment(case)
    record = {
        "number": len(decisions(case)) + 1,
        "date": _now().isoformat(),
        "criteria_version": current["criteria_version"],
        "outcome": outcome,
        "category": category if outcome == "recognised" else "",
        "reasoning": reasoning.strip(),
        "decided_by": actor,
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
