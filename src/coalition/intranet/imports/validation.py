"""Validation first: every row of the table read and checked, every problem named by row and column.

Nothing here changes the site. The result is one ``RowPlan`` per valid row (the values to store) and the
list of ``Problem``s; the import applies the plans only when there is no problem at all.
"""

from coalition.intranet import _
from coalition.intranet.files.api import upload_error
from coalition.intranet.imports.columns import CASE_COLUMNS
from coalition.intranet.imports.columns import cell_text
from coalition.intranet.imports.columns import CellError
from coalition.intranet.imports.columns import ChoiceLookup
from coalition.intranet.imports.columns import EXTERNAL_ID
from coalition.intranet.imports.columns import LANGUAGE_SEPARATOR
from coalition.intranet.imports.columns import ORGANISATION
from coalition.intranet.imports.columns import parse_cell
from coalition.intranet.imports.columns import PER_LANGUAGE_FIELDS
from coalition.intranet.imports.columns import PHOTO
from coalition.intranet.imports.columns import SPECIAL_COLUMNS
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
import io
import zipfile


HEADER_ROW = 1
# Aliases organisations commonly use for the special columns.
ALIASES = {"nominating_organisation": ORGANISATION, "id": EXTERNAL_ID}


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: object  # a translatable message
    external_id: str = ""


@dataclass
class RowPlan:
    row: int
    external_id: str
    organisation: str
    values: dict  # field name -> value to store (only the file's columns)
    texts: dict = field(default_factory=dict)  # language -> {field: text}
    photo: tuple | None = None  # (file name, bytes)


@dataclass
class Rules:
    """What the importing person may do, asked per organisation id."""

    organisation_exists: Callable[[str], bool]
    may_import: Callable[[str], bool]
    may_write_confidential: Callable[[str], bool]
    languages: tuple = ()
    organisation: str = ""  # imposed by the command or the form; rows may repeat it or leave it empty


def read_photos(data: bytes | None) -> tuple[dict, list]:
    """``({file name: bytes}, problems)`` of the accompanying ZIP (names without their folders too)."""
    if not data:
        return {}, []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        photos = {}
        for info in archive.infolist():
            if info.is_dir():
                continue
            content = archive.read(info)
            photos[info.filename] = content
            photos.setdefault(info.filename.rsplit("/", 1)[-1], content)
        return photos, []
    except (zipfile.BadZipFile, OSError, RuntimeError) as error:
        message = _(
            "import_error_bad_zip",
            default="The photos file is not a readable ZIP archive (${reason}).",
            mapping={"reason": str(error)},
        )
        return {}, [Problem(HEADER_ROW, PHOTO, message)]


def is_image(data: bytes) -> bool:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        return True
    except Exception:  # noqa: BLE001 (Pillow raises many kinds for what is not an image)
        return False


def _column_of(name: str, languages) -> tuple[str, str] | None:
    """``(field, language)`` of a header cell ("" language for a plain column), or None if unknown."""
    name = ALIASES.get(name, name)
    if name in CASE_COLUMNS or name in SPECIAL_COLUMNS:
        return name, ""
    base, separator, language = name.rpartition(LANGUAGE_SEPARATOR)
    if separator and base in PER_LANGUAGE_FIELDS and language in languages:
        return base, language
    return None


def check_header(header: list, rules: Rules) -> tuple[dict, list]:
    """``({index: (field, language)}, problems)``."""
    columns, problems, seen = {}, [], {}
    for index, raw in enumerate(header):
        name = (raw or "").strip().lower()
        if not name:
            continue
        column = _column_of(name, rules.languages)
        if column is None:
            problems.append(
                Problem(
                    HEADER_ROW,
                    name,
                    _(
                        "import_error_unknown_column",
                        default="Unknown column '${column}': name columns after the case file's fields "
                        "(see the import documentation).",
                        mapping={"column": name},
                    ),
                )
            )
            continue
        if column in seen:
            problems.append(
                Problem(
                    HEADER_ROW,
                    name,
                    _(
                        "import_error_duplicate_column",
                        default="The column '${column}' appears twice.",
                        mapping={"column": name},
                    ),
                )
            )
            continue
        seen[column] = index
        columns[index] = column
    present = {column for column, language in columns.values() if not language}
    required = [EXTERNAL_ID] + [name for name, column in CASE_COLUMNS.items() if column.required]
    if not rules.organisation:
        required.insert(1, ORGANISATION)
    for name in required:
        if name not in present:
            problems.append(
                Problem(
                    HEADER_ROW,
                    name,
                    _(
                        "import_error_missing_column",
                        default="The column '${column}' is missing.",
                        mapping={"column": name},
                    ),
                )
            )
    return columns, problems


def _lookups(languages) -> dict:
    return {name: ChoiceLookup(column.choices, languages) for name, column in CASE_COLUMNS.items() if column.choices}


def validate(table, rules: Rules, photos_zip: bytes | None = None, progress=None) -> tuple[list, list]:
    """``(plans, problems)`` for the whole table; plans only for rows without a problem."""
    columns, problems = check_header(table.header, rules)
    photos, zip_problems = read_photos(photos_zip)
    problems.extend(zip_problems)
    present = {name for name, language in columns.values() if not language}
    if EXTERNAL_ID not in present or not (rules.organisation or ORGANISATION in present):
        # Without the identifying columns the rows cannot even be named.
        return [], problems
    lookups = _lookups(rules.languages)
    plans, first_row_of = [], {}
    allowed = {}
    total = len(table.rows)
    for done, (row_number, cells) in enumerate(table.rows, start=1):
        plan, row_problems, key = _validate_row(row_number, cells, columns, rules, lookups, photos, allowed)
        if key[1]:
            if key in first_row_of:
                row_problems.append(
                    Problem(
                        row_number,
                        EXTERNAL_ID,
                        _(
                            "import_error_duplicate_id",
                            default="The external id '${id}' is already used in row ${row} of this file.",
                            mapping={"id": key[1], "row": str(first_row_of[key])},
                        ),
                        key[1],
                    )
                )
            else:
                first_row_of[key] = row_number
        if row_problems:
            problems.extend(row_problems)
        else:
            plans.append(plan)
        if progress is not None and (done % 500 == 0 or done == total):
            progress(done, total, "validated")
    return plans, problems


def _permission(rules: Rules, organisation: str, cache: dict):
    """The first problem message with importing into ``organisation`` (cached per organisation), or None."""
    if organisation not in cache:
        if not rules.organisation_exists(organisation):
            cache[organisation] = _(
                "import_error_unknown_organisation",
                default="There is no member organisation '${id}'.",
                mapping={"id": organisation},
            )
        elif not rules.may_import(organisation):
            cache[organisation] = _(
                "import_error_organisation_refused",
                default="You may not import case files of the organisation '${id}'.",
                mapping={"id": organisation},
            )
        else:
            cache[organisation] = None
    return cache[organisation]


def _validate_row(row_number, cells, columns, rules, lookups, photos, allowed):
    problems = []

    def problem(column, message):
        problems.append(Problem(row_number, column, message, external_id))

    cells = list(cells) + [None] * (max(columns, default=-1) + 1 - len(cells))
    by_column = {columns[index]: cells[index] for index in columns}
    external_id = cell_text(by_column.get((EXTERNAL_ID, "")))
    organisation = cell_text(by_column.get((ORGANISATION, ""))) or rules.organisation
    if not external_id:
        problem(EXTERNAL_ID, _("import_error_required", default="This column must not be empty."))
    if rules.organisation and organisation != rules.organisation:
        problem(
            ORGANISATION,
            _(
                "import_error_other_organisation",
                default="This row names the organisation '${id}', but the import is for '${expected}'.",
                mapping={"id": organisation, "expected": rules.organisation},
            ),
        )
    elif not organisation:
        problem(ORGANISATION, _("import_error_required", default="This column must not be empty."))
    else:
        refused = _permission(rules, organisation, allowed)
        if refused is not None:
            problem(ORGANISATION, refused)
    values, texts, photo = {}, {}, None
    for (name, language), raw in by_column.items():
        if name in (EXTERNAL_ID, ORGANISATION):
            continue
        if name == PHOTO:
            photo = _photo(cell_text(raw), photos, problem)
            continue
        column = CASE_COLUMNS[name]
        if language:
            text = cell_text(raw)
            if text:
                texts.setdefault(language, {})[name] = text
            continue
        if column.confidential and organisation and not rules.may_write_confidential(organisation):
            problem(
                name,
                _(
                    "import_error_confidential",
                    default="Only the organisation's own members may import confidential fields: remove this column.",
                ),
            )
            continue
        try:
            value = parse_cell(column, lookups.get(name), raw)
        except CellError as error:
            problem(name, error.message)
            continue
        if column.required and not value:
            problem(name, _("import_error_required", default="This column must not be empty."))
            continue
        values[name] = value
    key = (organisation, external_id)
    if problems:
        return None, problems, key
    return RowPlan(row_number, external_id, organisation, values, texts, photo), problems, key


def _photo(name: str, photos: dict, problem):
    if not name:
        return None
    data = photos.get(name)
    if data is None:
        problem(
            PHOTO,
            _(
                "import_error_photo_missing",
                default="The photo '${name}' is not in the ZIP file.",
                mapping={"name": name},
            ),
        )
        return None
    refused = upload_error(len(data), name)
    if refused is not None:
        problem(PHOTO, refused)
        return None
    if not is_image(data):
        problem(
            PHOTO,
            _("import_error_photo_not_image", default="The file '${name}' is not an image.", mapping={"name": name}),
        )
        return None
    return name.rsplit("/", 1)[-1], data
