"""Open data of the public list: ``/<lang>/prisoners/@@open-data.csv`` and ``@@open-data.json``.

One row per published profile of the list's language: a fixed list of columns (COLUMNS) taken from the profile's
public serialisation (``profile/public_data.py``), so no other attribute of a profile, and nothing of a case file,
can end up in a download. Columns are documented in docs/open-data.md.

The stable ``id`` is the profile's translation group (plone.app.multilingual ``ITG``): the same for a person in
every language and in every download, kept when the profile is edited, renamed, retracted and republished;
unlike a UID, it does not depend on which language the profile was first written in.
"""

from coalition.intranet import _
from coalition.intranet.mentorship.api import active_mentorships_of_profile
from coalition.intranet.public.facts import label
from coalition.intranet.public.facts import list_language_or_404
from coalition.intranet.public.facts import public_profiles_query
from coalition.intranet.public.facts import tr
from coalition.intranet.public.profile.public_data import public_profile_data
import csv
from DateTime import DateTime
import io
import json
from plone import api
from plone.app.multilingual.interfaces import ITG
from plone.memoize import ram
from Products.Five.browser import BrowserView


CSV_LIST_SEPARATOR = ";"
FILENAME = "political-prisoners-{language}.{extension}"

# (name, description): the whitelist of public facts, in the order of the columns.
COLUMNS = (
    ("id", _("opendata_column_id", default="Stable identifier of the person, the same in every language.")),
    ("name", _("opendata_column_name", default="Name in the language of this download.")),
    ("name_ru", _("opendata_column_name_ru", default="Name in Russian.")),
    ("status", _("opendata_column_status", default="Status code (see the documentation for the list).")),
    ("status_label", _("opendata_column_status_label", default="Status in the language of this download.")),
    ("region", _("opendata_column_region", default="Code of the region of the case.")),
    ("region_label", _("opendata_column_region_label", default="Region of the case in the language of this download.")),
    (
        "articles",
        _("opendata_column_articles", default="Articles of the Russian Criminal Code (codes such as 207.3)."),
    ),
    (
        "case_categories",
        _("opendata_column_case_categories", default="Codes of the case categories (such as anti_war)."),
    ),
    ("date_of_detention", _("opendata_column_date_of_detention", default="Date of detention (YYYY-MM-DD).")),
    ("expected_release", _("opendata_column_expected_release", default="Expected date of release (YYYY-MM-DD).")),
    ("birth_year", _("opendata_column_birth_year", default="Year of birth.")),
    (
        "recognised_on",
        _("opendata_column_recognised_on", default="Date the coalition recognised the person as a political prisoner."),
    ),
    (
        "criteria_version",
        _("opendata_column_criteria_version", default="Version of the coalition's criteria applied in the decision."),
    ),
    ("letters_possible", _("opendata_column_letters_possible", default="Whether letters currently get through.")),
    ("mentor_count", _("opendata_column_mentor_count", default="Number of active mentors with a public record.")),
    ("url", _("opendata_column_url", default="Address of the profile page in the language of this download.")),
    ("modified", _("opendata_column_modified", default="Time of the last change of the profile (UTC, ISO 8601).")),
)
COLUMN_NAMES = tuple(name for name, _description in COLUMNS)


def iso_date(value) -> str | None:
    return value.isoformat() if value else None


def profile_row(profile, language: str) -> dict:
    """The columns of one published profile (JSON types; lists stay lists), from its public serialisation."""
    data = public_profile_data(profile)
    status = data.get("status")
    region = data.get("region")
    return {
        "id": ITG(profile, None) or api.content.get_uuid(profile),
        "name": data.get("title"),
        "name_ru": data.get("name_ru") or None,
        "status": status,
        "status_label": tr(label("status", status), language) if status else None,
        "region": region,
        "region_label": tr(label("region", region), language) if region else None,
        "articles": list(data.get("articles") or []),
        "case_categories": list(data.get("case_categories") or []),
        "date_of_detention": iso_date(data.get("date_of_detention")),
        "expected_release": iso_date(data.get("expected_release")),
        "birth_year": data.get("birth_year"),
        "recognised_on": iso_date(data.get("recognised_on")),
        "criteria_version": data.get("criteria_version"),
        "letters_possible": bool(data.get("letters_possible")),
        "mentor_count": len(active_mentorships_of_profile(profile)),
        "url": profile.absolute_url(),
        "modified": profile.modified().toZone("UTC").ISO8601(),
    }


def _rows_cachekey(method, self):
    # Same rows for every anonymous reader until the catalog changes (a retraction reindexes, so it changes).
    if not api.user.is_anonymous():
        raise ram.DontCache
    catalog = api.portal.get_tool("portal_catalog")
    return (self.language, self.context.absolute_url(), catalog.getCounter())


def _payload_cachekey(method, self):
    # The whole file, built once per catalog state: thousands of rows are megabytes of JSON.
    return (*_rows_cachekey(method, self), self.extension)


class OpenDataView(BrowserView):
    """The list as a file; each subclass (CSV, JSON) defines ``extension``, ``content_type`` and ``build()``."""

    extension = ""
    content_type = ""
    disposition = "attachment"

    def __call__(self):
        self.language = list_language_or_404(self.context, self.__name__)
        response = self.request.response
        etag = self.etag()
        response.setHeader("ETag", etag)
        response.setHeader("Content-Type", self.content_type)
        response.setHeader("Content-Disposition", f'{self.disposition}; filename="{self.filename()}"')
        response.setHeader("Access-Control-Allow-Origin", "*")
        if etag in (self.request.getHeader("If-None-Match") or ""):
            response.setStatus(304)
            return b""
        return self.payload()

    def etag(self) -> str:
        """Changes whenever the catalog does, so a proxy or client revalidates cheaply."""
        counter = api.portal.get_tool("portal_catalog").getCounter()
        return f'"{self.language}-{self.extension}-{counter}"'

    @ram.cache(_rows_cachekey)
    def rows(self) -> list[dict]:
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(sort_on="sortable_title", **public_profiles_query(self.language))
        return [profile_row(brain.getObject(), self.language) for brain in brains]

    @ram.cache(_payload_cachekey)
    def payload(self) -> bytes:
        return self.build()

    def filename(self) -> str:
        return FILENAME.format(language=self.language, extension=self.extension)


class OpenDataCSVView(OpenDataView):
    extension = "csv"
    content_type = "text/csv; charset=utf-8; header=present"

    def build(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
        writer.writerow(COLUMN_NAMES)
        for row in self.rows():
            writer.writerow([csv_value(row[name]) for name in COLUMN_NAMES])
        return buffer.getvalue().encode("utf-8")


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return CSV_LIST_SEPARATOR.join(value)
    return str(value)


class OpenDataJSONView(OpenDataView):
    extension = "json"
    content_type = "application/json; charset=utf-8"
    disposition = "inline"

    def build(self) -> bytes:
        rows = self.rows()
        data = {
            "language": self.language,
            "generated": DateTime().toZone("UTC").ISO8601(),
            "count": len(rows),
            "columns": [{"name": name, "description": tr(description, self.language)} for name, description in COLUMNS],
            "items": rows,
        }
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
