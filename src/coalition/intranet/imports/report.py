"""The downloadable report of an import: one line per row's outcome and one per problem.

It names rows, columns, external ids, outcomes and the names of changed fields, never a field's value.
"""

import csv
import io
from zope.i18n import translate


REPORT_HEADER = ("row", "external_id", "organisation", "outcome", "column", "message", "changed_fields", "case")


def report_rows(result, request=None, language: str | None = None) -> list[tuple]:
    rows = []
    for outcome in result.outcomes:
        rows.append(
            (
                outcome.row,
                outcome.external_id,
                outcome.organisation,
                outcome.outcome,
                "",
                "",
                " ".join(outcome.fields),
                outcome.case_id,
            )
        )
    for problem in result.problems:
        message = translate(problem.message, context=request, target_language=language)
        rows.append((problem.row, problem.external_id, "", "problem", problem.column, message, "", ""))
    rows.sort(key=lambda row: (row[0], row[3] != "problem"))
    return rows


def report_csv(result, request=None, language: str | None = None) -> str:
    """The report as CSV text (UTF-8 with a byte-order mark when written, so spreadsheets read it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(REPORT_HEADER)
    writer.writerows(report_rows(result, request, language))
    return buffer.getvalue()
