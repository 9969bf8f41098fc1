"""The public API of imports: read a list of case files (CSV or XLSX), check it all, then apply it all.

    result = import_cases(data, "alpha-list.csv", organisation="alpha", dry_run=True)
    result.problems      # every problem, by row and column; a real run with problems changes nothing
    result.counts        # {"created": .., "updated": .., "unchanged": .., "rejected": ..}
    report_csv(result)   # the downloadable report

Who may import where: a coordinator (and a site manager) into any member organisation; an organisation's
admin into their own organisation only; confidential columns only by the organisation's own roster. The
rules are the current user's; trusted code (the command line route) runs as a manager.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from coalition.intranet.cases.access import organisation_by_id
from coalition.intranet.imports.apply import apply_plans
from coalition.intranet.imports.apply import matching_cases
from coalition.intranet.imports.apply import plan_outcomes
from coalition.intranet.imports.apply import REJECTED
from coalition.intranet.imports.apply import RowOutcome
from coalition.intranet.imports.reader import read_table
from coalition.intranet.imports.reader import UnreadableFile
from coalition.intranet.imports.report import report_csv
from coalition.intranet.imports.validation import HEADER_ROW
from coalition.intranet.imports.validation import Problem
from coalition.intranet.imports.validation import Rules
from coalition.intranet.imports.validation import validate
from coalition.intranet.security import api as audit
from coalition.intranet.site.api import site_languages
from coalition.intranet.workspaces.api import roster
from dataclasses import dataclass
from dataclasses import field
from plone import api
import transaction


IMPORT_PERMISSION = "coalition: Import case files"
CONFIDENTIAL_PERMISSION = "coalition: View confidential case data"
ROSTER_ROLES_WITH_CONFIDENTIAL = ("WorkspaceAdmin", "WorkspaceMember")

__all__ = ["import_cases", "report_csv", "may_import", "importable_organisations", "ImportResult", "case_registry"]


@dataclass
class ImportResult:
    dry_run: bool
    applied: bool
    source: str
    outcomes: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""

    @property
    def counts(self) -> dict:
        counts = dict.fromkeys(("created", "updated", "unchanged", "rejected"), 0)
        for outcome in self.outcomes:
            counts[outcome.outcome] += 1
        return counts

    @property
    def ok(self) -> bool:
        return not self.problems


def case_registry():
    """The folder of case files, ``/intranet/cases``."""
    return api.portal.get()["intranet"]["cases"]


def _current_user():
    # The security manager's user: also the one adopted by ``api.env.adopt_roles`` (the command's route).
    return getSecurityManager().getUser()


def _may_read_all_confidential() -> bool:
    # Site managers (and the command's system route, which adopts their role) hold it site-wide.
    return bool(getSecurityManager().checkPermission(CONFIDENTIAL_PERMISSION, case_registry()))


def may_import(organisation_id: str) -> bool:
    """Whether the current user may import case files of this organisation."""
    organisation = organisation_by_id(organisation_id)
    return organisation is not None and bool(getSecurityManager().checkPermission(IMPORT_PERMISSION, organisation))


def importable_organisations() -> list:
    """The organisations the current user may import into, as ``(id, title)`` pairs sorted by title."""
    catalog = api.portal.get_tool("portal_catalog")
    security = getSecurityManager()
    found = []
    for brain in catalog.unrestrictedSearchResults(portal_type="Organisation", sort_on="sortable_title"):
        organisation = brain._unrestrictedGetObject()
        if security.checkPermission(IMPORT_PERMISSION, organisation):
            found.append((organisation.getId(), organisation.title))
    return found


def _may_write_confidential(organisation_id: str) -> bool:
    """Confidential columns: only the organisation's own admins and members (and site managers)."""
    if _may_read_all_confidential():
        return True
    organisation = organisation_by_id(organisation_id)
    user_id = _current_user().getId()
    return organisation is not None and roster(organisation).get(user_id) in ROSTER_ROLES_WITH_CONFIDENTIAL


def _rules(organisation: str) -> Rules:
    return Rules(
        organisation_exists=lambda org: organisation_by_id(org) is not None,
        may_import=may_import,
        may_write_confidential=_may_write_confidential,
        languages=tuple(site_languages()),
        organisation=organisation or "",
    )


def _rejected_rows(problems) -> list:
    rows = {}
    for problem in problems:
        if problem.row != HEADER_ROW:
            rows.setdefault(problem.row, problem.external_id)
    return [RowOutcome(row, external_id, "", REJECTED) for row, external_id in sorted(rows.items())]


def import_cases(
    data: bytes,
    filename: str = "",
    *,
    organisation: str = "",
    dry_run: bool = True,
    photos: bytes | None = None,
    actor: str | None = None,
    progress=None,
) -> ImportResult:
    """Check the whole file; unless ``dry_run`` and only if nothing is wrong, apply every row.

    A real run is all or nothing: any problem (or any error while applying, after a savepoint rollback)
    leaves every case as it was. Raises ``Unauthorized`` for someone who may import nowhere.
    """
    if not importable_organisations():
        raise Unauthorized("You may not import case files.")
    actor = actor if actor is not None else (_current_user().getId() or "")
    result = ImportResult(dry_run=dry_run, applied=False, source=filename or "upload")
    try:
        table = read_table(data, filename)
    except UnreadableFile as error:
        result.problems = [Problem(HEADER_ROW, "", error.message)]
        _record(result, actor, organisation)
        return result
    result.encoding, result.delimiter = table.encoding, table.delimiter
    plans, result.problems = validate(table, _rules(organisation), photos, progress)
    cases = matching_cases(plan.organisation for plan in plans)
    if dry_run or result.problems:
        result.outcomes = plan_outcomes(plans, cases) + _rejected_rows(result.problems)
        result.outcomes.sort(key=lambda outcome: outcome.row)
        _record(result, actor, organisation)
        return result
    savepoint = transaction.savepoint()
    try:
        result.outcomes = apply_plans(
            case_registry(), plans, cases, actor=actor, source=result.source, progress=progress
        )
    except Exception:
        savepoint.rollback()
        raise
    result.applied = True
    _record(result, actor, organisation)
    return result


def _record(result: ImportResult, actor: str, organisation: str) -> None:
    """Every real run is in the audit log, applied or refused (dry runs change nothing and are not)."""
    if result.dry_run:
        return
    counts = result.counts
    audit.record(
        "cases.import" if result.applied else "cases.import_refused",
        case_registry(),
        actor,
        source=result.source,
        organisation=organisation or "(per row)",
        problems=len(result.problems),
        **counts,
    )
