"""The trust report: every public profile traced back to the act, the case and the decision behind it.

For coordinators and the list commission (permission ``coalition: Read trust report``). One row per
profile group (a ``PrisonerProfile`` and its translations), found with an *unrestricted* catalog search so
that nothing is left out: retracted profiles, drafts and profiles created outside an act of publication
(older data) are reported too. Each row follows the chain

    profile (title, URL and state per language) → the act of publication (who, when; the last retraction
    and why) → the case file (neutral id and state only) → the decision in force (number, date, outcome,
    category, by ballot or by the commission, who) → the criteria version (profile's and decision's)

and ``trust_flags`` says where the chain fails. The rows carry nothing of a case file beyond its neutral
id, its state, the facts of its decisions and the acts of publication: coordinators may not open case
files, and the report must not become a way around that.
"""

from coalition.intranet import _
from coalition.intranet.cases import assessment
from coalition.intranet.cases import publication
from coalition.intranet.cases.content import ICaseFile
from coalition.intranet.cases.content import neutral_case_id
from coalition.intranet.public.boundary import provenance
from coalition.intranet.site.structure import DEFAULT_LANGUAGE
from dataclasses import dataclass
from dataclasses import field
from plone import api
from zope.i18nmessageid import Message


READ_TRUST_REPORT = "coalition: Read trust report"
PUBLISHED = "published"
DECIDED_STATES = ("decided", "closed")

# Flags, in the order a row shows them: code -> translatable message.
FLAG_MESSAGES = {
    "no_act": _(
        "trust_flag_no_act",
        default="No act of publication stands behind this profile (older data, or created outside an act).",
    ),
    "source_missing": _("trust_flag_source_missing", default="The case file the act published cannot be found."),
    "case_names_other_profile": _(
        "trust_flag_case_names_other_profile", default="The case file names another profile as its publication."
    ),
    "public_while_retracted": _(
        "trust_flag_public_while_retracted", default="Public although its act of publication was retracted."
    ),
    "live_not_published": _(
        "trust_flag_live_not_published", default="The act of publication stands but the profile is not published."
    ),
    "not_decided": _(
        "trust_flag_not_decided", default="The case has no decision in force (not decided, or in review again)."
    ),
    "not_recognised": _("trust_flag_not_recognised", default="The decision in force does not recognise the person."),
    "no_consent": _("trust_flag_no_consent", default="No publication consent is recorded (or it was withdrawn)."),
    "high_risk": _("trust_flag_high_risk", default="The risk of publication is recorded as high."),
    "out_of_date": _("trust_flag_out_of_date", default="The public facts are out of date with the case file."),
    "criteria_mismatch": _(
        "trust_flag_criteria_mismatch",
        default="The profile names another criteria version than the decision in force.",
    ),
}

PROFILE_STATE_TITLES = {
    "draft": _("trust_profile_state_draft", default="Draft"),
    "pending": _("trust_profile_state_pending", default="Pending review"),
    "published": _("trust_profile_state_published", default="Published"),
    "retracted": _("trust_profile_state_retracted", default="Retracted"),
}
CASE_STATE_TITLES = {
    "draft": _("trust_case_state_draft", default="Draft"),
    "nominated": _("trust_case_state_nominated", default="Nominated"),
    "under_review": _("trust_case_state_under_review", default="Under review"),
    "decided": _("trust_case_state_decided", default="Decided"),
    "closed": _("trust_case_state_closed", default="Closed"),
}


@dataclass(frozen=True)
class Flag:
    code: str
    message: Message


@dataclass(frozen=True)
class ProfileVersion:
    """One language of a profile group: what the public side shows (or would show) under which URL."""

    language: str
    title: str
    url: str
    state: str

    @property
    def public(self) -> bool:
        return self.state == PUBLISHED


@dataclass(frozen=True)
class DecisionFacts:
    """The facts of a decision that may be shown to readers who may not open the case (no reasoning, no
    findings, no snapshot of facts)."""

    number: int | None
    date: str
    outcome: str
    category: str
    by_ballot: bool
    decided_by: str
    criteria_version: int | None
    in_force: bool


@dataclass(frozen=True)
class TrustRow:
    profile_uid: str
    title: str
    state: str
    versions: tuple[ProfileVersion, ...]
    case_id: str = ""
    case_state: str = ""
    decision: DecisionFacts | None = None
    profile_criteria_version: int | None = None
    has_act: bool = False
    act_live: bool = False
    published_by: str = ""
    published_on: str = ""
    retracted_by: str = ""
    retracted_on: str = ""
    retraction_reason: str = ""
    flags: tuple[Flag, ...] = ()
    # For the case access log only (the report shows the neutral id, never the uid).
    case_uid: str = field(default="", repr=False)

    @property
    def public(self) -> bool:
        return any(version.public for version in self.versions)

    @property
    def public_languages(self) -> tuple[str, ...]:
        return tuple(version.language for version in self.versions if version.public)

    @property
    def flagged(self) -> bool:
        return bool(self.flags)


def _case_by_uid(uid: str):
    """The case file ``uid`` whatever the reader may open (the report shows only its neutral id and state)."""
    if not uid:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(UID=uid):
        obj = brain._unrestrictedGetObject()
        if ICaseFile.providedBy(obj):
            return obj
    return None


def _profile_groups() -> list[list]:
    """Every PrisonerProfile (unrestricted), grouped by translation group, the default language first."""
    catalog = api.portal.get_tool("portal_catalog")
    groups: dict[str, list] = {}
    for brain in catalog.unrestrictedSearchResults(portal_type="PrisonerProfile"):
        key = getattr(brain, "TranslationGroup", None) or brain.UID
        groups.setdefault(key, []).append(brain)
    for brains in groups.values():
        brains.sort(key=lambda brain: (brain.Language != DEFAULT_LANGUAGE, brain.Language or "", brain.getPath()))
    return list(groups.values())


def _record_of(brains) -> provenance.Provenance | None:
    for brain in brains:
        record = provenance.provenance(brain.UID)
        if record is not None:
            return record
    return None


def _decision_facts(case) -> DecisionFacts | None:
    """The decision in force, else the latest decision (marked not in force), else None."""
    decision = assessment.current_decision(case)
    in_force = decision is not None
    if decision is None:
        history = assessment.decisions(case)
        decision = history[-1] if history else None
    if decision is None:
        return None
    return DecisionFacts(
        number=decision.get("number"),
        date=decision.get("date") or "",
        outcome=decision.get("outcome") or "",
        category=decision.get("category") or "",
        by_ballot=bool(decision.get("ballot")),
        decided_by=decision.get("decided_by") or "",
        criteria_version=decision.get("criteria_version"),
        in_force=in_force,
    )


def trust_flags(profile, record, case, public: bool) -> tuple[Flag, ...]:
    """Where the chain of a profile group fails.

    ``profile``: the canonical profile (the one the act created; for older data the default-language one);
    ``record``: its ``provenance.Provenance`` (None: no act); ``case``: the case file the act published
    (None: not found); ``public``: whether any language of the group is published now.
    """
    codes = []
    if record is None:
        codes.append("no_act")
    else:
        if case is None:
            codes.append("source_missing")
        elif getattr(case, "published_profile_uid", None) != record.profile_uid:
            codes.append("case_names_other_profile")
        if not record.live and public:
            codes.append("public_while_retracted")
        if record.live and api.content.get_state(profile, default=None) != PUBLISHED:
            codes.append("live_not_published")
    # What the case says matters while the profile is public or its act stands (a retracted profile that
    # nobody sees is not flagged for a withdrawn consent: that is why it was retracted).
    if case is not None and (public or (record is not None and record.live)):
        decision = assessment.current_decision(case)
        if decision is None or api.content.get_state(case, default=None) not in DECIDED_STATES:
            codes.append("not_decided")
        elif decision.get("outcome") not in publication.PUBLISHABLE_OUTCOMES:
            codes.append("not_recognised")
        if not publication.consent_allows_publication(case):
            codes.append("no_consent")
        if getattr(case, "risk_level", None) == "high":
            codes.append("high_risk")
        if publication.profile_out_of_date(case):
            codes.append("out_of_date")
        if decision is not None and getattr(profile, "criteria_version", None) != decision.get("criteria_version"):
            codes.append("criteria_mismatch")
    return tuple(Flag(code, FLAG_MESSAGES[code]) for code in FLAG_MESSAGES if code in codes)


def _row(brains) -> TrustRow:
    record = _record_of(brains)
    canonical = brains[0]
    if record is not None:
        canonical = next((brain for brain in brains if record.profile_uid == brain.UID), canonical)
    profile = canonical._unrestrictedGetObject()
    versions = tuple(
        ProfileVersion(
            language=brain.Language or "",
            title=brain.Title or "",
            url=brain.getURL(),
            state=brain.review_state or "",
        )
        for brain in brains
    )
    public = any(version.public for version in versions)
    case = _case_by_uid(record.source) if record is not None else None
    facts = {}
    if record is not None:
        published = record.last_published or {}
        retractions = [act for act in record.acts if act.get("action") == "retracted"]
        retracted = retractions[-1] if retractions else {}
        facts.update(
            has_act=True,
            act_live=record.live,
            published_by=published.get("by") or "",
            published_on=published.get("when") or "",
            retracted_by=retracted.get("by") or "",
            retracted_on=retracted.get("when") or "",
            retraction_reason=retracted.get("reason") or "",
        )
    if case is not None:
        facts.update(
            case_id=neutral_case_id(case),
            case_state=api.content.get_state(case, default="") or "",
            decision=_decision_facts(case),
            case_uid=api.content.get_uuid(case),
        )
    return TrustRow(
        profile_uid=canonical.UID,
        title=canonical.Title or "",
        state=canonical.review_state or "",
        versions=versions,
        profile_criteria_version=getattr(profile, "criteria_version", None),
        flags=trust_flags(profile, record, case, public),
        **facts,
    )


def trust_report() -> list[TrustRow]:
    """One row per profile group: flagged rows first, then public ones, then by title.

    The caller checks ``READ_TRUST_REPORT``; this function sees every profile and case file.
    """
    rows = [_row(brains) for brains in _profile_groups()]
    rows.sort(key=lambda row: (not row.flagged, not row.public, row.title.casefold(), row.profile_uid))
    return rows


def summary(rows) -> dict:
    """Counts for the head of the report."""
    public_rows = [row for row in rows if row.public]
    hidden_rows = [row for row in rows if not row.public]
    return {
        "total": len(rows),
        "public": len(public_rows),
        "public_flagged": sum(1 for row in public_rows if row.flagged),
        "hidden": len(hidden_rows),
        "hidden_flagged": sum(1 for row in hidden_rows if row.flagged),
        "flagged": sum(1 for row in rows if row.flagged),
    }
