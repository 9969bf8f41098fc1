"""Fictional import files made by the tests: CSV in any encoding and delimiter, XLSX, photos in a ZIP."""

import csv
import io
import pathlib
from plone import api
import zipfile


DATA = pathlib.Path(__file__).parent / "data"
HEADER = (
    "external_id",
    "full_name",
    "full_name_latin",
    "date_of_birth",
    "region",
    "articles",
    "status",
    "date_of_detention",
    "narrative",
)


def sample_csv() -> bytes:
    return (DATA / "alpha-list.csv").read_bytes()


def person(number: int, **overrides) -> dict:
    row = {
        "external_id": f"X-{number:05d}",
        "full_name": f"Тест Тестович {number}",
        "full_name_latin": f"Test Testovich {number}",
        "date_of_birth": "1980-01-01",
        "region": "moscow",
        "articles": "207.3",
        "status": "pre_trial_custody",
        "date_of_detention": "01.02.2024",
        "narrative": "Fictional person made by a test.",
    }
    row.update(overrides)
    return row


def csv_bytes(rows, header=None, encoding="utf-8", delimiter=",") -> bytes:
    header = list(header or dict.fromkeys(name for row in rows for name in row) or HEADER)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, header=None, dates_as_cells=True) -> bytes:
    from datetime import datetime
    from openpyxl import Workbook

    header = list(header or dict.fromkeys(name for row in rows for name in row))
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        cells = []
        for name in header:
            value = row.get(name, "")
            if dates_as_cells and name.startswith("date_") and value and "-" in value:
                value = datetime.strptime(value, "%Y-%m-%d")
            cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def png_bytes(colour=(200, 30, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def zip_bytes(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def imported_cases(organisation="alpha") -> dict:
    """``{external id: case}`` of the organisation's imported cases."""
    catalog = api.portal.get_tool("portal_catalog")
    found = {}
    for brain in catalog.unrestrictedSearchResults(portal_type="CaseFile", nominating_organisation=organisation):
        case = brain._unrestrictedGetObject()
        if getattr(case, "external_id", None):
            found[case.external_id] = case
    return found
