"""``/intranet/@@audit-log``: the journal of the platform for coordinators (audit log, case reads, logins),
newest first, filtered, in pages, and as CSV (``@@audit-log.csv``, itself an audited act)."""

from coalition.intranet import _
from coalition.intranet.batching import batch_start
from coalition.intranet.security import audit
from coalition.intranet.security import journal
from coalition.intranet.security import login_events
from coalition.intranet.security.browser.journal_rows import matches
from coalition.intranet.security.browser.journal_rows import RowMaker
from coalition.intranet.site import structure
from coalition.intranet.spreadsheets import csv_safe
import csv
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import UTC
import io
import itertools
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zExceptions import NotFound
from zope.i18n import translate


PAGE_SIZE = 50

# One label for every action the platform records (tests/security/test_audit_log_labels.py finds them all
# in the source: a new action without a label fails there).
ACTION_TITLES = {
    "workspace.created": _("audit_workspace_created", default="Workspace created"),
    "workspace.sharing_changed": _("audit_sharing_changed", default="Sharing changed by a site administrator"),
    "roster.added": _("audit_roster_added", default="Added to the roster"),
    "roster.invited": _("audit_roster_invited", default="Invited (new account)"),
    "roster.role_changed": _("audit_roster_role_changed", default="Role changed"),
    "roster.removed": _("audit_roster_removed", default="Removed from the roster"),
    "case.access_granted": _("audit_case_access_granted", default="Access to the case file granted"),
    "case.access_revoked": _("audit_case_access_revoked", default="Access to the case file revoked"),
    "case.viewed": _("audit_case_viewed", default="Case file opened (page or REST API)"),
    "case.downloaded": _("audit_case_downloaded", default="File downloaded from a case file"),
    "case.listed": _("audit_case_listed", default="Case file read in a list, a search or an export"),
    "login.succeeded": _("audit_login_succeeded", default="Logged in"),
    "login.failed": _("audit_login_failed", default="Failed login (wrong password or no such account)"),
    "audit.exported": _("audit_audit_exported", default="Audit log exported as CSV"),
    "case.consent_recorded": _("audit_case_consent_recorded", default="Publication consent recorded"),
    "case.assessment_started": _("audit_case_assessment_started", default="Assessment started"),
    "case.decided": _("audit_case_decided", default="Decision recorded"),
    "case.published": _("audit_case_published", default="Profile published (act of publication)"),
    "case.retracted": _("audit_case_retracted", default="Profile retracted"),
    "criteria.version_adopted": _("audit_criteria_version_adopted", default="Criteria version adopted"),
    "definition.published": _("audit_definition_published", default="Definition published"),
    "ballot.started": _("audit_ballot_started", default="Ballot opened"),
    "ballot.voted": _("audit_ballot_voted", default="Vote cast"),
    "ballot.vote_changed": _("audit_ballot_vote_changed", default="Vote changed"),
    "ballot.closed": _("audit_ballot_closed", default="Ballot closed"),
    "login.lock_lifted": _("audit_login_lock_lifted", default="Login lock lifted"),
    "login.sessions_ended": _("audit_login_sessions_ended", default="All sessions of a person ended"),
    "twofactor.enrolled": _("audit_twofactor_enrolled", default="Two-step login switched on"),
    "twofactor.disabled": _("audit_twofactor_disabled", default="Two-step login switched off by the person"),
    "twofactor.reset": _("audit_twofactor_reset", default="Second factor of a person reset"),
    "twofactor.recovery_code_used": _("audit_twofactor_recovery_code_used", default="Logged in with a recovery code"),
    "twofactor.recovery_codes_renewed": _("audit_twofactor_recovery_codes_renewed", default="New recovery codes made"),
    "campaign.supporters_exported": _(
        "audit_campaign_supporters_exported", default="Supporters of a campaign exported"
    ),
    "campaign.signature_withdrawn": _(
        "audit_campaign_signature_withdrawn", default="Signature withdrawn by the supporter"
    ),
    "campaign.supporter_confirm": _("audit_campaign_supporter_confirm", default="Supporter confirmed their signature"),
    "campaign.supporter_approve": _(
        "audit_campaign_supporter_approve", default="Supporter approved for the public list"
    ),
    "campaign.supporter_reject": _("audit_campaign_supporter_reject", default="Supporter not shown publicly"),
    "mentorship.free_text_migrated": _(
        "audit_mentorship_free_text_migrated", default="Free-text mentor turned into a draft mentor"
    ),
    "mentor.published": _("audit_mentor_published", default="Mentor's public record published"),
    "mentor.withdrawn": _("audit_mentor_withdrawn", default="Mentor's public record withdrawn"),
    "mentor.office_link_issued": _(
        "audit_mentor_office_link_issued", default="Personal link issued to a mentor's office"
    ),
    "mentor.office_link_revoked": _(
        "audit_mentor_office_link_revoked", default="Personal link of a mentor's office revoked"
    ),
    "mentorship.proposed": _("audit_mentorship_proposed", default="Mentorship proposed"),
    "mentorship.agreed": _("audit_mentorship_agreed", default="Mentorship agreed"),
    "mentorship.activated": _("audit_mentorship_activated", default="Mentorship started"),
    "mentorship.ended": _("audit_mentorship_ended", default="Mentorship ended"),
    "mentorship.handed_over": _("audit_mentorship_handed_over", default="Mentorship handed over"),
    "mentorship.offer_accepted": _("audit_mentorship_offer_accepted", default="Offer to mentor accepted"),
    "mentorship.offer_declined": _("audit_mentorship_offer_declined", default="Offer to mentor declined"),
    "mentorship.action_recorded": _("audit_mentorship_action_recorded", default="Mentor's action recorded"),
    "mentorship.action_approved": _(
        "audit_mentorship_action_approved", default="Mentor's action approved for the public record"
    ),
    "mentorship.action_made_internal": _(
        "audit_mentorship_action_made_internal", default="Mentor's action made internal"
    ),
    "case.mentorship_consent_recorded": _(
        "audit_case_mentorship_consent_recorded", default="Consent to a mentorship recorded"
    ),
    "cases.import": _("audit_cases_import", default="Case files imported"),
    "cases.import_refused": _("audit_cases_import_refused", default="Import of case files refused"),
    "case.imported": _("audit_case_imported", default="Case file created or updated by an import"),
    "cases.export": _("audit_cases_export", default="Case files exported"),
    "file.reverted": _("audit_file_reverted", default="File reverted to an earlier version"),
    "event.published": _("audit_event_published", default="Event published (public copy of a plan)"),
    "event.withdrawn": _("audit_event_withdrawn", default="Event withdrawn from the public site"),
    "event.registrations_exported": _(
        "audit_event_registrations_exported", default="Registrations of an event exported"
    ),
    "consultation.opened": _("audit_consultation_opened", default="Consultation opened"),
    "consultation.commented": _("audit_consultation_commented", default="Comment made in a consultation"),
    "consultation.answered": _("audit_consultation_answered", default="Drafters answered a consultation comment"),
    "ballot.extended": _("audit_ballot_extended", default="Ballot deadline extended"),
    "ballot.text_change_kept": _(
        "audit_ballot_text_change_kept", default="Vote kept on the original text after the document changed"
    ),
}
# An action that reads differently when a detail says so: (action, detail, value) -> label.
ACTION_VARIANT_TITLES = {
    ("case.retracted", "automatic", "yes"): _(
        "audit_case_retracted_automatic", default="Profile retracted automatically (the grounds for publication fell)"
    ),
}


def action_title(action: str, details: dict):
    """The label of an audit entry's action (a translatable message), or the action id if it has none."""
    for (variant_action, name, value), title in ACTION_VARIANT_TITLES.items():
        if action == variant_action and details.get(name) == value:
            return title
    return ACTION_TITLES.get(action, action)


# The kinds of action the filter offers (journal.KINDS), in the words.
KIND_TITLES = {
    journal.KIND_ACCESS: _("audit_kind_access", default="Access grants"),
    journal.KIND_ROSTER: _("audit_kind_roster", default="Roster changes"),
    journal.KIND_LOGINS: _("audit_kind_logins", default="Logins and failed logins"),
    journal.KIND_TWOFACTOR: _("audit_kind_twofactor", default="Second factor"),
    journal.KIND_CASE_READS: _("audit_kind_case_reads", default="Case file views and downloads"),
    journal.KIND_PUBLICATIONS: _("audit_kind_publications", default="Publications and retractions"),
    journal.KIND_DECISIONS: _("audit_kind_decisions", default="Assessments and decisions"),
    journal.KIND_BALLOTS: _("audit_kind_ballots", default="Ballots and consultations"),
    journal.KIND_MENTORSHIP: _("audit_kind_mentorship", default="Mentorship"),
    journal.KIND_CAMPAIGNS: _("audit_kind_campaigns", default="Campaigns"),
    journal.KIND_EVENTS: _("audit_kind_events", default="Events"),
    journal.KIND_IMPORTS: _("audit_kind_imports", default="Imports and exports of case files"),
    journal.KIND_FILES: _("audit_kind_files", default="Files"),
    journal.KIND_OTHER: _("audit_kind_other", default="Other acts"),
}

# By which door a login came (login_events.ROUTES).
ROUTE_TITLES = {
    login_events.FORM: _("audit_route_form", default="Login form"),
    login_events.REST: _("audit_route_rest", default="REST API (@login)"),
    login_events.BASIC: _("audit_route_basic", default="HTTP Basic"),
    login_events.PASSWORD_RESET: _("audit_route_password_reset", default="After setting a new password"),
}

PAGE_SIZE = 50
CSV_MAX_ROWS = 100_000
# Entries a page reads at most (the CSV reads all of its range): narrower days reach further back.
SCAN_LIMIT = 200_000


@dataclass
class Filters:
    """What the reader asked for: a kind of action, a person, days (both included), a text in the target."""

    kind: str = ""
    person: str = ""
    first: date | None = None
    last: date | None = None
    text: str = ""
    errors: dict = field(default_factory=dict)

    @classmethod
    def from_form(cls, form) -> "Filters":
        filters = cls(
            kind=_text(form.get("kind")),
            person=_text(form.get("person")),
            text=_text(form.get("q")),
        )
        if filters.kind and filters.kind not in journal.KINDS:
            filters.errors["kind"] = _("audit_error_kind", default="Choose a kind of action from the list.")
            filters.kind = ""
        filters.first = filters._day(form, "from")
        filters.last = filters._day(form, "to")
        if filters.first and filters.last and filters.first > filters.last:
            filters.errors["to"] = _("audit_error_days", default="The last day comes before the first day.")
        return filters

    def _day(self, form, name: str) -> date | None:
        value = _text(form.get(name))
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.errors[name] = _("audit_error_date", default="Enter a day as year-month-day, e.g. 2026-12-31.")
            return None

    @property
    def active(self) -> bool:
        return bool(self.kind or self.person or self.first or self.last or self.text or self.errors)

    def query(self) -> dict:
        """The filters as the page's URL carries them (only those set)."""
        values = {
            "kind": self.kind,
            "person": self.person,
            "from": self.first.isoformat() if self.first else "",
            "to": self.last.isoformat() if self.last else "",
            "q": self.text,
        }
        return {name: value for name, value in values.items() if value}


def _text(value) -> str:
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return value.strip()[:200] if isinstance(value, str) else ""


def filtered_rows(request, filters: Filters, scan_limit: int | None = None, report: dict | None = None):
    """The journal as rows for the current user, newest first, with every filter applied (lazily).

    With ``scan_limit``, at most that many entries are read (``report["stopped"]`` tells when it stopped):
    a page must answer quickly even when a narrow filter finds nothing in years of case reads.
    """
    maker = RowMaker(request, action_title, KIND_TITLES, ROUTE_TITLES)
    since, until = journal.day_range(filters.first, filters.last)
    for scanned, entry in enumerate(journal.entries(filters.kind, since, until), start=1):
        if scan_limit is not None and scanned > scan_limit:
            if report is not None:
                report["stopped"] = True
            return
        row = maker.row(entry)
        if matches(row, filters.person, filters.text):
            yield row


def _intranet_only(context) -> None:
    portal_path = api.portal.get().getPhysicalPath()
    if context.getPhysicalPath() != (*portal_path, structure.INTRANET_ID):
        raise NotFound("The audit log is at /intranet/@@audit-log.")


class AuditLogView(BrowserView):
    """The journal as a page: filters, a table of 50 rows, pages that keep the filters, the CSV button."""

    index = ViewPageTemplateFile("templates/audit_log.pt")

    def __call__(self):
        _intranet_only(self.context)
        self.filters = Filters.from_form(self.request.form)
        return self.index()

    def t(self, message) -> str:
        return translate(message, context=self.request)

    def page(self) -> dict:
        """This page's rows and where the pages before and after it start (None: there is none)."""
        if getattr(self, "_page", None) is None:
            start = batch_start(self.request.form)
            report = {}
            found = filtered_rows(self.request, self.filters, SCAN_LIMIT, report)
            rows = [] if self.filters.errors else list(itertools.islice(found, start, start + PAGE_SIZE + 1))
            self._page = {
                "stopped": report.get("stopped", False),
                "rows": rows[:PAGE_SIZE],
                "first": start + 1,
                "last": start + min(len(rows), PAGE_SIZE),
                "newer": max(start - PAGE_SIZE, 0) if start else None,
                "older": start + PAGE_SIZE if len(rows) > PAGE_SIZE else None,
            }
        return self._page

    def rows_for(self, entries) -> list[dict]:
        """Rows of journal entries (for tests and reports that pick entries themselves)."""
        maker = RowMaker(self.request, action_title, KIND_TITLES, ROUTE_TITLES)
        return [maker.row(entry) for entry in entries]

    def page_url(self, start: int) -> str:
        query = {**self.filters.query(), "b_start:int": start} if start else self.filters.query()
        suffix = f"?{urlencode(query, safe=':')}" if query else ""
        return f"{self.context.absolute_url()}/@@audit-log{suffix}"

    def clear_url(self) -> str:
        return f"{self.context.absolute_url()}/@@audit-log"

    def kind_options(self) -> list[dict]:
        return [
            {"value": kind, "title": self.t(KIND_TITLES[kind]), "selected": kind == self.filters.kind}
            for kind in journal.KINDS
        ]

    def error(self, name: str) -> str:
        message = self.filters.errors.get(name)
        return self.t(message) if message else ""

    def hidden_filters(self) -> list[tuple[str, str]]:
        return list(self.filters.query().items())

    def csv_limit(self) -> int:
        return CSV_MAX_ROWS

    def scan_limit(self) -> int:
        return SCAN_LIMIT


CSV_COLUMNS = (
    ("iso", _("audit_csv_when", default="When (UTC)")),
    ("kind_label", _("audit_csv_kind", default="Kind")),
    ("action_label", _("audit_csv_action", default="What happened")),
    ("action", _("audit_csv_action_id", default="Action id")),
    ("actor", _("audit_csv_actor", default="By whom")),
    ("actor_id", _("audit_csv_actor_id", default="User id")),
    ("target", _("audit_csv_target", default="Workspace, record or account")),
    ("target_path", _("audit_csv_path", default="Path")),
    ("concerning", _("audit_csv_concerning", default="Details")),
)


def journal_csv(request, filters: Filters) -> tuple[bytes, int]:
    """The filtered journal as CSV (UTF-8 with a byte-order mark, so spreadsheets read it as UTF-8), labels
    in the reader's language next to the raw action id; returns the bytes and the number of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([translate(title, context=request) for _name, title in CSV_COLUMNS])
    count = 0
    for row in itertools.islice(filtered_rows(request, filters), CSV_MAX_ROWS):
        writer.writerow([csv_safe(row[name]) for name, _title in CSV_COLUMNS])
        count += 1
    return buffer.getvalue().encode("utf-8-sig"), count


class AuditLogCSV(BrowserView):
    """``@@audit-log.csv``: the filtered journal as a file. A POST with the authenticator (an export is an
    act, recorded in the audit log with its filters, never a link to follow)."""

    def __call__(self):
        _intranet_only(self.context)
        filters = Filters.from_form(self.request.form)
        if self.request.get("REQUEST_METHOD", "GET").upper() != "POST" or filters.errors:
            query = urlencode(filters.query())
            page = f"{self.context.absolute_url()}/@@audit-log"
            self.request.response.redirect(f"{page}?{query}" if query else page)
            return ""
        CheckAuthenticator(self.request)
        data, count = journal_csv(self.request, filters)
        # The free text may be a name someone searched for: the entry says that a text filter was used, not which.
        audit.record(
            "audit.exported",
            self.context,
            rows=count,
            kind=filters.kind,
            person=filters.person,
            first_day=filters.first.isoformat() if filters.first else "",
            last_day=filters.last.isoformat() if filters.last else "",
            text_filter="yes" if filters.text else "",
        )
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="audit-log-{datetime.now(UTC):%Y%m%d-%H%M}.csv"'
        )
        response.setHeader("Cache-Control", "private, no-store")
        return data
