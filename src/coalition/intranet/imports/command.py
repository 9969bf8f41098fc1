"""``POST /<site>/@@import-cases-run`` with the job secret: the route of ``make import`` (scripts/import_cases.py).

The embedded FileStorage cannot be opened by a second process while the site serves, so the command posts
the file to the serving site, as ``make job`` does, with the same secret (``var/jobs.secret``). Without a
``user`` the import acts as the system (every organisation, confidential columns allowed: whoever holds the
secret administers the server); with ``user`` it follows that user's rights. The answer is JSON: the
summary, every problem and the report. ``GET @@import-cases-run/progress?run=<id>`` tells how far a run is,
for the command's progress line. Without the right secret: 404, as if the view did not exist.
"""

from coalition.intranet.imports.api import import_cases
from coalition.intranet.imports.api import report_csv
from coalition.intranet.jobs.api import read_secret
from coalition.intranet.jobs.api import secret_file
import hmac
import json
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
import threading
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


SECRET_HEADER = "X-Coalition-Job-Secret"  # noqa: S105 (a header name, not a secret)
SYSTEM_ACTOR = "system"
# run id -> {"done", "total", "phase"}: read by another server thread while the import runs.
_PROGRESS: dict = {}
_LOCK = threading.Lock()


def _set_progress(run_id: str, done: int, total: int, phase: str) -> None:
    with _LOCK:
        _PROGRESS[run_id] = {"done": done, "total": total, "phase": phase}


def _read(upload) -> bytes | None:
    if upload is None or isinstance(upload, str):
        return upload.encode("utf-8") if upload else None
    upload.seek(0)
    return upload.read()


@implementer(IPublishTraverse)
class ImportRun(BrowserView):
    sub = ""

    def publishTraverse(self, request, name):
        if self.sub:
            raise NotFound(name)
        self.sub = name
        return self

    def _authorised(self) -> bool:
        expected = read_secret(secret_file())
        given = self.request.getHeader(SECRET_HEADER) or ""
        return bool(expected) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))

    def _json(self, status: int, payload: dict) -> str:
        response = self.request.response
        response.setStatus(status)
        response.setHeader("Content-Type", "application/json; charset=utf-8")
        response.setHeader("Cache-Control", "no-store")
        return json.dumps(payload, ensure_ascii=False, default=str)

    def __call__(self):
        if not self._authorised() or self.sub not in ("", "progress"):
            raise NotFound(self.sub or "import-cases-run")
        form = self.request.form
        if self.sub == "progress":
            with _LOCK:
                return self._json(200, dict(_PROGRESS.get(form.get("run", ""), {})))
        if self.request.get("REQUEST_METHOD", "GET").upper() != "POST":
            return self._json(405, {"error": "POST only."})
        alsoProvides(self.request, IDisableCSRFProtection)
        data = _read(form.get("file"))
        if not data:
            return self._json(400, {"error": "No file was sent."})
        user_id = form.get("user", "")
        user = api.user.get(userid=user_id) if user_id else None
        if user_id and user is None:
            return self._json(400, {"error": f"There is no user {user_id!r}."})
        run_id = form.get("run", "")
        language = form.get("language") or "en"
        options = {
            "organisation": form.get("organisation", ""),
            "dry_run": form.get("dry_run", "1") not in ("0", "", "false"),
            "photos": _read(form.get("photos")),
            "progress": (lambda done, total, phase: _set_progress(run_id, done, total, phase)) if run_id else None,
        }
        filename = getattr(form.get("file"), "filename", "") or "upload.csv"
        try:
            if user is not None:
                with api.env.adopt_user(user=user):
                    result = import_cases(data, filename, **options)
            else:
                with api.env.adopt_roles(["Manager"]):
                    result = import_cases(data, filename, actor=SYSTEM_ACTOR, **options)
        except Exception as error:  # noqa: BLE001 (Unauthorized and errors while applying: say so, roll back)
            import transaction

            transaction.doom()
            return self._json(403 if error.__class__.__name__ == "Unauthorized" else 500, {"error": str(error)})
        finally:
            with _LOCK:
                _PROGRESS.pop(run_id, None)
        return self._json(
            200,
            {
                "dry_run": result.dry_run,
                "applied": result.applied,
                "counts": result.counts,
                "encoding": result.encoding,
                "delimiter": result.delimiter,
                "problems": [
                    {
                        "row": problem.row,
                        "column": problem.column,
                        "external_id": problem.external_id,
                        "message": translate(problem.message, target_language=language),
                    }
                    for problem in result.problems
                ],
                "report": report_csv(result, language=language),
            },
        )
