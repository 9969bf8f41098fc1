"""``/intranet/cases/@@trust-report`` and ``@@trust-report.csv``: every public profile and the chain behind it.

Permission ``coalition: Read trust report`` (coordinators, the list commission, managers). The rows come
from ``cases/trust.py``; this module only words them for the reader. Case files appear by their neutral id
and state only. The report names case files, so each one it names is written to the case access log, as
other listings of cases are (``bulk_reads.record_case_read``).
"""

from coalition.intranet import _
from coalition.intranet.cases import assessment
from coalition.intranet.cases import trust
from coalition.intranet.cases.bulk_reads import record_case_read
from coalition.intranet.spreadsheets import csv_safe
from coalition.intranet.workspaces import api as workspaces
import csv
from datetime import date
from datetime import datetime
import io
from Products.Five import BrowserView
from zope.i18n import translate


ACCESS_LOG_WHAT = "list:trust-report"
CSV_COLUMNS = (
    "profile_uid",
    "title",
    "profile_state",
    "public_languages",
    "versions",
    "case_id",
    "case_state",
    "decision_number",
    "decision_date",
    "decision_in_force",
    "outcome",
    "category",
    "decided_by_ballot",
    "decided_by",
    "profile_criteria_version",
    "decision_criteria_version",
    "act",
    "published_by",
    "published_on",
    "retracted_by",
    "retracted_on",
    "retraction_reason",
    "flag_codes",
    "flags",
)


def _iso_when(value: str) -> str:
    """An ISO time as ``YYYY-MM-DD HH:MM UTC`` (a plain date as ``YYYY-MM-DD``); unparsable: as stored."""
    if not value:
        return ""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) <= 10:
        return parsed.strftime("%Y-%m-%d")
    return parsed.strftime("%Y-%m-%d %H:%M UTC")


def _iso_date(value: str) -> str:
    return value[:10] if value else ""


class TrustReportBase(BrowserView):
    def _t(self, message) -> str:
        return translate(message, context=self.request)

    def _rows(self) -> list[trust.TrustRow]:
        rows = trust.trust_report()
        self._log_reads(rows)
        self.request.response.setHeader("Cache-Control", "private, no-store")
        return rows

    def _log_reads(self, rows) -> None:
        """The report names these case files (neutral id, state, decision): a read of each."""
        for case_uid in sorted({row.case_uid for row in rows if row.case_uid}):
            record_case_read(case_uid, ACCESS_LOG_WHAT, self.request)

    def person(self, userid: str) -> str:
        if not userid:
            return self._t(_("trust_actor_system", default="System (installation or script)"))
        return workspaces.display_name_with_id(userid)

    def profile_state(self, state: str) -> str:
        return self._t(trust.PROFILE_STATE_TITLES[state]) if state in trust.PROFILE_STATE_TITLES else state

    def case_state(self, state: str) -> str:
        return self._t(trust.CASE_STATE_TITLES[state]) if state in trust.CASE_STATE_TITLES else state

    def outcome(self, outcome: str) -> str:
        return self._t(assessment.OUTCOME_TITLES[outcome]) if outcome in assessment.OUTCOME_TITLES else outcome


class TrustReportView(TrustReportBase):
    """The report as an accessible table."""

    def __call__(self):
        self.rows = self._rows()
        self.counts = trust.summary(self.rows)
        return self.index()

    def summary_text(self) -> str:
        counts = self.counts
        text = self._t(
            _(
                "trust_summary",
                default="Public profiles: ${public}. Flagged: ${flagged}.",
                mapping={"public": counts["public"], "flagged": counts["public_flagged"]},
            )
        )
        if counts["hidden"]:
            text += " " + self._t(
                _(
                    "trust_summary_hidden",
                    default="Not public (retracted or never published): ${hidden}. Flagged among them: ${flagged}.",
                    mapping={"hidden": counts["hidden"], "flagged": counts["hidden_flagged"]},
                )
            )
        return text

    def csv_url(self) -> str:
        return f"{self.context.absolute_url()}/@@trust-report.csv"

    def display_rows(self) -> list[dict]:
        return [self._display(row) for row in self.rows]

    def _display(self, row: trust.TrustRow) -> dict:
        versions = [
            {
                "language": version.language,
                "code": (version.language or "?").upper(),
                "title": version.title,
                "url": version.url,
                "state": self.profile_state(version.state),
                "public": version.public,
            }
            for version in row.versions
        ]
        return {
            "uid": row.profile_uid,
            "title": row.title,
            "versions": versions,
            "flagged": row.flagged,
            "case": self._case(row),
            "decision": self._decision_lines(row.decision),
            "criteria": self._criteria_lines(row),
            "act": self._act_lines(row),
            "flags": [self._t(flag.message) for flag in row.flags],
            "flag_codes": " ".join(flag.code for flag in row.flags),
        }

    def _case(self, row) -> dict:
        if not row.case_id:
            return {"id": "", "state": "", "missing": self._t(_("trust_no_case", default="No case file"))}
        return {"id": row.case_id, "state": self.case_state(row.case_state), "missing": ""}

    def _decision_lines(self, decision) -> list[str]:
        if decision is None:
            return [self._t(_("trust_no_decision", default="No decision recorded"))]
        lines = [
            self._t(
                _(
                    "trust_decision_number",
                    default="No. ${number} of ${date}",
                    mapping={"number": decision.number or "?", "date": _iso_date(decision.date)},
                )
            ),
            self.outcome(decision.outcome),
        ]
        if decision.category:
            lines.append(
                self._t(
                    _(
                        "trust_decision_category",
                        default="Category ${category}",
                        mapping={"category": decision.category},
                    )
                )
            )
        if decision.by_ballot:
            lines.append(
                self._t(
                    _(
                        "trust_decided_by_ballot",
                        default="By ballot of the member organisations (recorded by ${person})",
                        mapping={"person": self.person(decision.decided_by)},
                    )
                )
            )
        else:
            lines.append(
                self._t(
                    _(
                        "trust_decided_by_commission",
                        default="By the list commission (${person})",
                        mapping={"person": self.person(decision.decided_by)},
                    )
                )
            )
        if not decision.in_force:
            lines.append(
                self._t(
                    _(
                        "trust_decision_not_in_force",
                        default="No longer in force: the case is in review again.",
                    )
                )
            )
        return lines

    def _version_text(self, version) -> str:
        if version in (None, ""):
            return "–"
        return self._t(_("trust_criteria_version", default="version ${version}", mapping={"version": version}))

    def _criteria_lines(self, row) -> list[str]:
        decision_version = row.decision.criteria_version if row.decision is not None else None
        return [
            self._t(
                _(
                    "trust_criteria_of_profile",
                    default="Profile: ${version}",
                    mapping={"version": self._version_text(row.profile_criteria_version)},
                )
            ),
            self._t(
                _(
                    "trust_criteria_of_decision",
                    default="Decision: ${version}",
                    mapping={"version": self._version_text(decision_version)},
                )
            ),
        ]

    def _act_lines(self, row) -> list[str]:
        if not row.has_act:
            return [self._t(_("trust_no_act", default="No act of publication recorded"))]
        lines = []
        if row.published_on:
            lines.append(
                self._t(
                    _(
                        "trust_published_by",
                        default="Published by ${person} on ${when}",
                        mapping={"person": self.person(row.published_by), "when": _iso_when(row.published_on)},
                    )
                )
            )
        if row.retracted_on:
            lines.append(
                self._t(
                    _(
                        "trust_retracted_by",
                        default="Last retracted by ${person} on ${when}",
                        mapping={"person": self.person(row.retracted_by), "when": _iso_when(row.retracted_on)},
                    )
                )
            )
            if row.retraction_reason:
                lines.append(
                    self._t(
                        _(
                            "trust_retraction_reason",
                            default="Why: ${reason}",
                            mapping={"reason": row.retraction_reason},
                        )
                    )
                )
        if row.act_live:
            lines.append(self._t(_("trust_act_stands", default="The act stands.")))
        else:
            lines.append(self._t(_("trust_act_retracted", default="The act is retracted.")))
        return lines


class TrustReportCSV(TrustReportBase):
    """The same rows as CSV for auditors: stable column ids, codes and ISO times, flags as codes and text."""

    def __call__(self):
        rows = self._rows()
        output = io.StringIO()
        writer = csv.writer(output)
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow([self._safe(value) for value in self._values(row)])
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader("Content-Disposition", f'attachment; filename="trust-report-{date.today().isoformat()}.csv"')
        return output.getvalue()

    @staticmethod
    def _safe(value) -> str:
        return csv_safe(value)

    def _values(self, row: trust.TrustRow) -> list:
        decision = row.decision
        yes_no = {True: "yes", False: "no"}
        act = ("live" if row.act_live else "retracted") if row.has_act else "none"
        return [
            row.profile_uid,
            row.title,
            row.state,
            " ".join(row.public_languages),
            " ".join(f"{version.language}:{version.state}:{version.url}" for version in row.versions),
            row.case_id,
            row.case_state,
            decision.number if decision else "",
            decision.date if decision else "",
            yes_no[decision.in_force] if decision else "",
            decision.outcome if decision else "",
            decision.category if decision else "",
            yes_no[decision.by_ballot] if decision else "",
            decision.decided_by if decision else "",
            row.profile_criteria_version if row.profile_criteria_version is not None else "",
            decision.criteria_version if decision and decision.criteria_version is not None else "",
            act,
            row.published_by,
            row.published_on,
            row.retracted_by,
            row.retracted_on,
            row.retraction_reason,
            " ".join(flag.code for flag in row.flags),
            "; ".join(self._t(flag.message) for flag in row.flags),
        ]
