"""Reading an import file: CSV in any common encoding and delimiter, or XLSX (its first sheet).

The result is the header (column names) and the rows as lists of cells (text, or dates from a
spreadsheet), each with its row number as the organisation sees it in its spreadsheet (the header is row 1).
"""

from coalition.intranet import _
from coalition.intranet.imports.columns import cell_text
import csv
from dataclasses import dataclass
from datetime import date
import io


DELIMITERS = (",", ";", "\t")
ZIP_MAGIC = b"PK\x03\x04"


class UnreadableFile(ValueError):
    """The file is not a table this import can read; ``message`` is translatable."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class Table:
    header: list
    rows: list  # [(row number, [cells])]
    encoding: str = ""
    delimiter: str = ""


def read_table(data: bytes, filename: str = "") -> Table:
    if not data or not data.strip():
        raise UnreadableFile(_("import_error_empty_file", default="The file is empty."))
    if data.startswith(ZIP_MAGIC) or filename.lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx(data)
    return read_csv(data)


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was found to be in."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data:
        # UTF-16 without its mark, or not text at all: refuse rather than guess.
        raise UnreadableFile(
            _(
                "import_error_encoding",
                default="The file's encoding cannot be read. Save it as CSV in UTF-8 (or as XLSX) and try again.",
            )
        )
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # A single-byte encoding: Russian lists are in Windows-1251, western ones in Latin-1. In Russian text
    # the non-ASCII bytes make whole words (each has a non-ASCII neighbour); in a western text accented
    # letters stand mostly alone between ASCII letters (Genève, Müller).
    high = [index for index, byte in enumerate(data) if byte >= 0x80]

    def beside_another(index: int) -> bool:
        return (index > 0 and data[index - 1] >= 0x80) or (index + 1 < len(data) and data[index + 1] >= 0x80)

    in_words = sum(1 for index in high if beside_another(index))
    if high and in_words / len(high) > 0.6:
        return data.decode("cp1251", errors="replace"), "cp1251"
    return data.decode("latin-1"), "latin-1"


def sniff_delimiter(first_line: str) -> str:
    counts = {delimiter: first_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_csv(data: bytes) -> Table:
    text, encoding = decode(data)
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    delimiter = sniff_delimiter(first_line)
    try:
        records = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise UnreadableFile(
            _(
                "import_error_malformed_csv",
                default="The file is not a well-formed CSV table (${reason}).",
                mapping={"reason": str(error)},
            )
        ) from error
    table = _table(records)
    table.encoding, table.delimiter = encoding, delimiter
    return table


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 (openpyxl raises many kinds for a file that is not XLSX)
        raise UnreadableFile(
            _("import_error_malformed_xlsx", default="The file is not a readable XLSX workbook.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        records = [[_xlsx_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    table = _table(records)
    table.encoding = "xlsx"
    return table


def _xlsx_cell(value):
    # Dates stay dates (the date columns read them as such); everything else becomes text.
    if isinstance(value, date):
        return value
    return cell_text(value)


def _table(records) -> Table:
    """The first non-empty record is the header; empty records are skipped, row numbers kept."""
    header = []
    rows = []
    for number, record in enumerate(records, start=1):
        if not any(cell_text(cell) for cell in record):
            continue
        if not header:
            header = [cell_text(cell) for cell in record]
        else:
            rows.append((number, list(record)))
    if not header:
        raise UnreadableFile(_("import_error_empty_file", default="The file is empty."))
    while header and not header[-1]:
        header.pop()
    return Table(header, rows)
