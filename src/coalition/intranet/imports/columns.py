"""The columns of an import file: each named after a ``CaseFile`` field, with how its cells are read.

A cell becomes the value stored on the case: text stays text, dates are ISO 8601 or ``DD.MM.YYYY``, a
choice (region, status, …) is its code or its label in any site language, a list separates its values with
``|``. ``external_id`` and ``organisation`` say which case a row is; ``photo`` names a file in the ZIP.
"""

from coalition.intranet import _
from coalition.intranet.cases.articles import CRIMINAL_CODE_ARTICLES
from coalition.intranet.cases.regions import REGIONS
from coalition.intranet.cases.vocabularies import CASE_CATEGORIES
from coalition.intranet.cases.vocabularies import DETENTION_STATUSES
from coalition.intranet.cases.vocabularies import GENDERS
from coalition.intranet.cases.vocabularies import PUBLICATION_CONSENTS
from coalition.intranet.cases.vocabularies import RISK_LEVELS
from coalition.intranet.cases.vocabularies import SOURCE_RELIABILITY
from dataclasses import dataclass
from datetime import date
from datetime import datetime
import re
from zope.i18n import translate


EXTERNAL_ID = "external_id"
ORGANISATION = "organisation"
PHOTO = "photo"
SEPARATOR = "|"
LANGUAGE_SEPARATOR = "__"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "text", "lines", "richtext", "date", "choice", "choices"
    choices: tuple = ()
    required: bool = False
    confidential: bool = False


CASE_COLUMNS = {
    column.name: column
    for column in (
        Column("full_name", "text", required=True),
        Column("full_name_latin", "text", required=True),
        Column("date_of_birth", "date"),
        Column("gender", "choice", tuple(GENDERS)),
        Column("region", "choice", tuple(REGIONS.items()), required=True),
        Column("articles", "choices", tuple(CRIMINAL_CODE_ARTICLES.items())),
        Column("case_categories", "choices", tuple(CASE_CATEGORIES)),
        Column("date_of_detention", "date"),
        Column("court", "text"),
        Column("sentence", "text"),
        Column("expected_release", "date"),
        Column("place_of_detention", "text"),
        Column("status", "choice", tuple(DETENTION_STATUSES)),
        Column("narrative", "richtext"),
        Column("sources", "lines"),
        Column("source_reliability", "choice", tuple(SOURCE_RELIABILITY)),
        Column("lawyer_contacts", "lines", confidential=True),
        Column("relatives_contacts", "lines", confidential=True),
        Column("home_address", "lines", confidential=True),
        Column("health_notes", "lines", confidential=True),
        Column("risk_level", "choice", tuple(RISK_LEVELS)),
        Column("publication_consent", "choice", tuple(PUBLICATION_CONSENTS)),
        Column("consent_date", "date"),
    )
}
# The texts that are written per language on the public side: ``full_name_latin__de``, ``narrative__ru``.
PER_LANGUAGE_FIELDS = ("full_name_latin", "narrative")
SPECIAL_COLUMNS = (EXTERNAL_ID, ORGANISATION, PHOTO)


class CellError(ValueError):
    """A cell that cannot be read; ``message`` is translatable."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def normalise_key(text: str) -> str:
    """How labels are compared: case, spaces and dashes do not count."""
    return re.sub(r"[\s\u2013\u2014\-–]+", " ", str(text)).strip().casefold()


class ChoiceLookup:
    """Code or label (in any of the given languages) -> code, for one vocabulary."""

    def __init__(self, items, languages):
        self.codes = {}
        for code, label in items:
            self.codes[normalise_key(code)] = code
            self.codes.setdefault(normalise_key(getattr(label, "default", None) or label), code)
            for language in languages:
                self.codes.setdefault(normalise_key(translate(label, target_language=language)), code)
        # Article labels read "207.3 – 'fakes' about …": what follows the dash names the article as well.
        for key, code in list(self.codes.items()):
            if key.startswith(normalise_key(code) + " "):
                self.codes.setdefault(key[len(normalise_key(code)) + 1 :].strip(), code)

    def code(self, text: str):
        return self.codes.get(normalise_key(text))


def parse_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CellError(
        _(
            "import_error_date",
            default="'${value}' is not a date: write 2024-03-01 or 01.03.2024.",
            mapping={"value": text},
        )
    )


def parse_choice(column: Column, lookup: ChoiceLookup, text: str) -> str:
    code = lookup.code(text)
    if code is None:
        raise CellError(
            _(
                "import_error_choice",
                default="'${value}' is not a known value of ${column}: give its code or its label.",
                mapping={"value": text, "column": column.name},
            )
        )
    return code


def parse_cell(column: Column, lookup: ChoiceLookup | None, value):
    """The value to store for one cell (None for an empty cell); raises CellError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return [] if column.kind == "choices" else None
    if column.kind == "date":
        return parse_date(value)
    text = str(value).strip()
    if column.kind == "choice":
        return parse_choice(column, lookup, text)
    if column.kind == "choices":
        codes = []
        for part in text.split(SEPARATOR):
            if part.strip():
                code = parse_choice(column, lookup, part)
                if code not in codes:
                    codes.append(code)
        return codes
    if column.kind == "lines":
        # Several values (one source, one contact each) become one line each.
        return "\n".join(part.strip() for part in text.split(SEPARATOR) if part.strip())
    return text


def cell_text(value) -> str:
    """A cell as text: spreadsheets give numbers (an id 12 as 12.0) and dates as such."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return str(value).strip()
