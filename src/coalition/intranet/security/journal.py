"""One time-ordered journal of everything the platform records about access, for the audit log's page.

Three logs, kept apart for good reasons (docs/security.md), read together here, newest first:

- the audit log in the ZODB (``audit.py``): acts that must commit with the change they record;
- the access log of case files (``cases`` concern): every view, download and listing of a case file;
- the login log (``login_events.py``): logins and failed logins.

Each is read lazily and only over the asked date range (key ranges of the audit log's BTree, the month files
of the others), so a page of 50 rows reads little more than 50 records when no filter is narrow.
"""

from coalition.intranet.security import audit
from coalition.intranet.security import login_events
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import UTC
import heapq


AUDIT = "audit"
CASE_ACCESS = "case_access"
LOGINS = "logins"

CASE_VIEWED = "case.viewed"
CASE_DOWNLOADED = "case.downloaded"
CASE_LISTED = "case.listed"

# The kinds of action, in the order the filter offers them (the list, then the rest).
KIND_ACCESS = "access"
KIND_ROSTER = "roster"
KIND_LOGINS = "logins"
KIND_TWOFACTOR = "twofactor"
KIND_CASE_READS = "case_reads"
KIND_PUBLICATIONS = "publications"
KIND_DECISIONS = "decisions"
KIND_BALLOTS = "ballots"
KIND_MENTORSHIP = "mentorship"
KIND_CAMPAIGNS = "campaigns"
KIND_EVENTS = "events"
KIND_IMPORTS = "imports"
KIND_FILES = "files"
KIND_OTHER = "other"
KINDS = (
    KIND_ACCESS,
    KIND_ROSTER,
    KIND_LOGINS,
    KIND_TWOFACTOR,
    KIND_CASE_READS,
    KIND_PUBLICATIONS,
    KIND_DECISIONS,
    KIND_BALLOTS,
    KIND_MENTORSHIP,
    KIND_CAMPAIGNS,
    KIND_EVENTS,
    KIND_IMPORTS,
    KIND_FILES,
    KIND_OTHER,
)

# Actions whose kind is not told by their prefix (checked before the prefixes).
KIND_OF_ACTION = {
    "case.access_granted": KIND_ACCESS,
    "case.access_revoked": KIND_ACCESS,
    "workspace.sharing_changed": KIND_ACCESS,
    "mentor.office_link_issued": KIND_ACCESS,
    "mentor.office_link_revoked": KIND_ACCESS,
    "workspace.created": KIND_ROSTER,
    CASE_VIEWED: KIND_CASE_READS,
    CASE_DOWNLOADED: KIND_CASE_READS,
    CASE_LISTED: KIND_CASE_READS,
    "case.published": KIND_PUBLICATIONS,
    "case.retracted": KIND_PUBLICATIONS,
    "definition.published": KIND_PUBLICATIONS,
    "mentor.published": KIND_PUBLICATIONS,
    "mentor.withdrawn": KIND_PUBLICATIONS,
    "event.published": KIND_PUBLICATIONS,
    "event.withdrawn": KIND_PUBLICATIONS,
    "case.decided": KIND_DECISIONS,
    "case.assessment_started": KIND_DECISIONS,
    "case.consent_recorded": KIND_DECISIONS,
    "case.mentorship_consent_recorded": KIND_DECISIONS,
    "criteria.version_adopted": KIND_DECISIONS,
    "cases.import": KIND_IMPORTS,
    "cases.import_refused": KIND_IMPORTS,
    "case.imported": KIND_IMPORTS,
    "cases.export": KIND_IMPORTS,
}
KIND_OF_PREFIX = {
    "roster": KIND_ROSTER,
    "login": KIND_LOGINS,
    "twofactor": KIND_TWOFACTOR,
    "ballot": KIND_BALLOTS,
    "consultation": KIND_BALLOTS,
    "mentorship": KIND_MENTORSHIP,
    "mentor": KIND_MENTORSHIP,
    "campaign": KIND_CAMPAIGNS,
    "event": KIND_EVENTS,
    "file": KIND_FILES,
}
# The kinds each log can hold: a filter on one kind leaves the other logs unread.
KINDS_OF_SOURCE = {
    AUDIT: frozenset(KINDS) - {KIND_CASE_READS},
    CASE_ACCESS: frozenset({KIND_CASE_READS}),
    LOGINS: frozenset({KIND_LOGINS}),
}


def kind_of(action: str) -> str:
    """The kind of an action id (``roster.added`` → ``roster``), ``other`` for what no kind claims."""
    if action in KIND_OF_ACTION:
        return KIND_OF_ACTION[action]
    return KIND_OF_PREFIX.get(action.split(".", 1)[0], KIND_OTHER)


@dataclass(frozen=True)
class JournalEntry:
    """One line of the journal. ``target_path`` and ``target_title`` are as recorded; the page decides what
    its reader may see of them."""

    when: datetime
    action: str
    actor: str
    source: str
    target_path: str = ""
    target_uid: str = ""
    target_title: str = ""
    details: dict = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return kind_of(self.action)


def case_read_action(what: str) -> str:
    """What a line of the case access log was: a download, a read in a list (search, page, export), a view."""
    lowered = (what or "").lower()
    if "download" in lowered or "display-file" in lowered or "@@images" in lowered:
        return CASE_DOWNLOADED
    if lowered.startswith(("list:", "rest:")) or lowered == "export":
        return CASE_LISTED
    return CASE_VIEWED


def day_range(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """``[since, until)`` in UTC for the days ``first`` to ``last``, both included."""
    since = datetime.combine(first, time(), tzinfo=UTC) if first else None
    until = datetime.combine(last + timedelta(days=1), time(), tzinfo=UTC) if last else None
    return since, until


def _audit_entries(since, until) -> Iterator[JournalEntry]:
    for entry in audit.entries_between(since, until):
        yield JournalEntry(
            when=entry.when,
            action=entry.action,
            actor=entry.actor,
            source=AUDIT,
            target_path=entry.target_path,
            target_uid=entry.target_uid,
            target_title=entry.target_title,
            details=entry.details,
        )


def _case_accesses(since, until) -> Iterator[JournalEntry]:
    from coalition.intranet.cases import api as cases

    for line in cases.access_log_of_all_cases(since, until):
        what = str(line.get("what") or "")
        yield JournalEntry(
            when=line["when"],
            action=case_read_action(what),
            actor=str(line.get("user") or ""),
            source=CASE_ACCESS,
            target_uid=str(line.get("case") or ""),
            details={"what": what},
        )


def _logins(since, until) -> Iterator[JournalEntry]:
    for line in login_events.events_newest_first(since, until):
        action = login_events.OUTCOMES.get(line.get("outcome"))
        if action is None:
            continue
        account = str(line.get("user") or "")
        yield JournalEntry(
            when=line["when"],
            action=action,
            actor=account if action == login_events.SUCCEEDED else "",
            source=LOGINS,
            details={
                "account": account,
                "unknown": str(line.get("unknown") or ""),
                "address": str(line.get("address") or ""),
                "route": str(line.get("route") or ""),
            },
        )


SOURCES = {AUDIT: _audit_entries, CASE_ACCESS: _case_accesses, LOGINS: _logins}


def entries(kind: str = "", since: datetime | None = None, until: datetime | None = None) -> Iterator[JournalEntry]:
    """The journal with ``since <= when < until``, newest first, of one kind or all (``kind=""``)."""
    streams = [read(since, until) for source, read in SOURCES.items() if not kind or kind in KINDS_OF_SOURCE[source]]
    merged = heapq.merge(*streams, key=lambda entry: entry.when, reverse=True)
    if not kind:
        return merged
    return (entry for entry in merged if entry.kind == kind)
