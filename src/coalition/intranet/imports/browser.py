"""``/intranet/cases/@@import-cases``: upload a list, read the dry-run report, confirm, read the summary.

Step 1 (POST ``check``): the file (and the photos ZIP) is checked whole and kept aside (``staging``); the
page shows every problem by row and column and what each row would do. Nothing in the site changes.
Step 2 (POST ``confirm``, only offered without problems): the kept file is imported, all or nothing.
``@@import-cases-report?token=…`` downloads the report of either step (CSV).
"""

from AccessControl import Unauthorized
from coalition.intranet import _
from coalition.intranet.files.api import max_upload_bytes
from coalition.intranet.files.api import MEGABYTE
from coalition.intranet.files.api import upload_error
from coalition.intranet.imports import staging
from coalition.intranet.imports.api import import_cases
from coalition.intranet.imports.api import importable_organisations
from coalition.intranet.imports.api import report_csv
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
import transaction
from zope.i18n import translate


SHOWN_ROWS = 200
OUTCOME_TITLES = {
    "created": _("import_outcome_created", default="New case file"),
    "updated": _("import_outcome_updated", default="Updated"),
    "unchanged": _("import_outcome_unchanged", default="Unchanged"),
    "rejected": _("import_outcome_rejected", default="Rejected"),
}


def _upload(request, name: str) -> tuple[str, bytes | None, object]:
    """``(file name, bytes, refusal message)`` of an uploaded field; the size is checked before reading."""
    upload = request.form.get(name)
    if not upload or not getattr(upload, "filename", None):
        return "", None, None
    filename = upload.filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    upload.seek(0, 2)
    size = upload.tell()
    upload.seek(0)
    refused = upload_error(size, filename)
    if refused is not None:
        return filename, None, refused
    return filename, upload.read(), None


class ImportCasesView(BrowserView):
    result = None
    token = ""
    step = "upload"
    error = None
    organisation = ""

    def __call__(self):
        self.organisations = importable_organisations()
        if not self.organisations:
            raise Unauthorized("You may not import case files.")
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if "confirm" in self.request.form:
                self._confirm()
            else:
                self._check()
        return self.index()

    @property
    def user_id(self) -> str:
        return api.user.get_current().getId() or ""

    def _organisation(self) -> str:
        chosen = self.request.form.get("organisation", "")
        return chosen if chosen in {org_id for org_id, _title in self.organisations} else ""

    def _check(self):
        organisation = self._organisation()
        filename, data, refused = _upload(self.request, "file")
        photos_name, photos, photos_refused = _upload(self.request, "photos")
        if refused is not None or photos_refused is not None:
            self.error = refused or photos_refused
            return
        if not data:
            self.error = _("import_error_no_file", default="Choose a CSV or XLSX file to import.")
            return
        if not organisation:
            self.error = _("import_error_choose_organisation", default="Choose the organisation whose list this is.")
            return
        self.organisation = organisation
        self.result = import_cases(data, filename, organisation=organisation, dry_run=True, photos=photos)
        self.token = staging.stage(self.user_id, filename, organisation, data, photos)
        staging.save_report(self.token, self.user_id, report_csv(self.result, self.request))
        self.step = "checked"

    def _confirm(self):
        token = self.request.form.get("token", "")
        staged = staging.load(token, self.user_id)
        if staged is None:
            self.error = _(
                "import_error_expired",
                default="This upload is no longer available (imported already, or expired). Upload the file again.",
            )
            return
        self.organisation = staged.organisation
        self.result = import_cases(
            staged.data, staged.filename, organisation=staged.organisation, dry_run=False, photos=staged.photos
        )
        self.token = token
        staging.save_report(token, self.user_id, report_csv(self.result, self.request))
        if self.result.applied:
            staging.discard_upload(token)
            self.step = "done"
        else:
            # Refused (the list or the site changed since the dry run): the audit entry stays, nothing else.
            self.step = "checked"

    # For the template
    def counts(self):
        counts = self.result.counts
        return [
            {"outcome": name, "title": OUTCOME_TITLES[name], "count": counts[name]}
            for name in ("created", "updated", "unchanged", "rejected")
        ]

    def problems(self):
        return [
            {
                "row": problem.row,
                "column": problem.column,
                "external_id": problem.external_id,
                "message": translate(problem.message, context=self.request),
            }
            for problem in self.result.problems[:SHOWN_ROWS]
        ]

    def more_problems(self) -> int:
        return max(0, len(self.result.problems) - SHOWN_ROWS)

    def outcomes(self):
        return [
            {
                "row": outcome.row,
                "external_id": outcome.external_id,
                "title": OUTCOME_TITLES[outcome.outcome],
                "fields": ", ".join(outcome.fields),
            }
            for outcome in self.result.outcomes[:SHOWN_ROWS]
        ]

    def error_text(self):
        return translate(self.error, context=self.request) if self.error is not None else ""

    def report_url(self):
        return f"{self.context.absolute_url()}/@@import-cases-report?token={self.token}"

    def organisation_title(self):
        return dict(self.organisations).get(self.organisation, self.organisation)

    def max_upload_mb(self) -> int:
        return max_upload_bytes() // MEGABYTE


class ImportReportView(BrowserView):
    def __call__(self):
        if not importable_organisations():
            raise Unauthorized("You may not import case files.")
        report = staging.load_report(self.request.form.get("token", ""), api.user.get_current().getId() or "")
        response = self.request.response
        if report is None:
            response.setStatus(404)
            return translate(
                _("import_error_no_report", default="This report is no longer available."), context=self.request
            )
        # A download of names and ids only; still never cached anywhere.
        transaction.doom()
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader("Content-Disposition", 'attachment; filename="import-report.csv"')
        response.setHeader("Cache-Control", "no-store")
        return report


class ExportCasesView(BrowserView):
    """POST ``@@export-cases`` (organisation, format): the organisation's cases the person may see."""

    def __call__(self):
        from coalition.intranet.imports.export import export_cases

        organisations = dict(importable_organisations())
        if not organisations:
            raise Unauthorized("You may not export case files.")
        if self.request.method != "POST":
            self.request.response.redirect(f"{self.context.absolute_url()}/@@import-cases")
            return ""
        CheckAuthenticator(self.request)
        organisation = self.request.form.get("organisation", "")
        if organisation not in organisations:
            raise Unauthorized("You may not export the case files of this organisation.")
        file_format = "xlsx" if self.request.form.get("format") == "xlsx" else "csv"
        data, _count = export_cases(organisation, file_format)
        response = self.request.response
        content_type = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            if file_format == "xlsx"
            else "text/csv; charset=utf-8"
        )
        response.setHeader("Content-Type", content_type)
        response.setHeader("Content-Disposition", f'attachment; filename="cases-{organisation}.{file_format}"')
        response.setHeader("Cache-Control", "no-store")
        return data
