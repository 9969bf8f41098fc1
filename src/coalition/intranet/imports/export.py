"""Export of an organisation's case files as CSV or XLSX, in the import's own columns (docs/import.md).

Only the cases the person may see are exported; the confidential columns only when the person holds
``coalition: View confidential case data`` on every exported case (otherwise the columns are left out
altogether: an empty column would clear those fields on a re-import). Each export is audit-logged and
each exported case is written to its access log. A case without an external id is exported with its
neutral id (``case-…``), which a re-import of the file matches again.
"""

from coalition.intranet.imports.columns import CASE_COLUMNS
from coalition.intranet.imports.columns import EXTERNAL_ID
from coalition.intranet.imports.columns import ORGANISATION
from coalition.intranet.imports.columns import SEPARATOR
import csv
from datetime import date
import io
from plone import api
from plone.app.textfield.value import RichTextValue


CONFIDENTIAL = "coalition: View confidential case data"


def exportable_cases(organisation: str) -> list:
    """The organisation's case files the current user may view (catalog search with their rights)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(portal_type="CaseFile", nominating_organisation=organisation, sort_on="sortable_title")
    return [brain.getObject() for brain in brains]


def _cell(column, value) -> str:
    if value is None:
        return ""
    if isinstance(value, RichTextValue):
        return value.raw or ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return SEPARATOR.join(str(item) for item in value)
    if column.kind == "lines":
        return SEPARATOR.join(line for line in str(value).splitlines() if line.strip())
    return str(value)


def export_table(organisation: str) -> tuple[list, list, bool, list]:
    """``(header, rows, confidential included, cases)`` of the organisation's cases the current user may see."""
    cases = exportable_cases(organisation)
    with_confidential = bool(cases) and all(api.user.has_permission(CONFIDENTIAL, obj=case) for case in cases)
    columns = [column for column in CASE_COLUMNS.values() if with_confidential or not column.confidential]
    header = [EXTERNAL_ID, ORGANISATION] + [column.name for column in columns]
    rows = []
    for case in cases:
        external_id = getattr(case, "external_id", None) or case.getId()
        cells = [_cell(column, getattr(case, column.name, None)) for column in columns]
        rows.append([external_id, organisation, *cells])
    return header, rows, with_confidential, cases


def as_csv(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(header, rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("cases")
    sheet.append(header)
    for row in rows:
        # Text cells stay text: a spreadsheet must not turn "207.3" or "01.03.2024" into numbers or dates.
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_cases(organisation: str, file_format: str = "csv") -> tuple[bytes, int]:
    """The file and the number of exported cases; audit-logged and written to each case's access log."""
    from coalition.intranet.cases.bulk_reads import record_case_read
    from coalition.intranet.imports.api import case_registry
    from coalition.intranet.security import api as audit

    header, rows, with_confidential, cases = export_table(organisation)
    data = as_xlsx(header, rows) if file_format == "xlsx" else as_csv(header, rows)
    for case in cases:
        record_case_read(api.content.get_uuid(case), "export")
    audit.record(
        "cases.export",
        case_registry(),
        organisation=organisation,
        cases=len(rows),
        confidential="yes" if with_confidential else "no",
        format=file_format,
    )
    return data, len(rows)
