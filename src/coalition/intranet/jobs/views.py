"""``POST /<site>/@@run-job/<name>`` with the job secret: run a scheduled job inside the serving site.

This is how jobs run while the site serves on the embedded FileStorage (which a second process cannot
open): cron calls ``scripts/run_job.py``, which posts here. The answer is plain text: one line per item,
then the summary. ``GET /<site>/@@run-job`` lists the jobs. Wrong or missing secret: 404, as if the view did not exist.
"""

from coalition.intranet.jobs.api import job_titles
from coalition.intranet.jobs.api import run_job
from coalition.intranet.jobs.api import UnknownJob
from coalition.intranet.jobs.secret import read_secret
from coalition.intranet.jobs.secret import secret_file
from coalition.intranet.notifications.api import MailNotConfigured
import hmac
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


SECRET_HEADER = "X-Coalition-Job-Secret"  # noqa: S105 (a header name, not a secret)


@implementer(IPublishTraverse)
class RunJob(BrowserView):
    job_name = ""

    def publishTraverse(self, request, name):
        if self.job_name:
            raise NotFound(name)
        self.job_name = name
        return self

    def _authorised(self) -> bool:
        expected = read_secret(secret_file())
        given = self.request.getHeader(SECRET_HEADER) or ""
        return bool(expected) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))

    def __call__(self):
        if not self._authorised():
            raise NotFound(self.job_name or "run-job")
        response = self.request.response
        response.setHeader("Content-Type", "text/plain; charset=utf-8")
        response.setHeader("Cache-Control", "no-store")
        if not self.job_name:
            return "".join(f"{name}\t{translate(title, context=self.request)}\n" for name, title in job_titles())
        if self.request.get("REQUEST_METHOD", "GET").upper() != "POST":
            response.setStatus(405)
            response.setHeader("Allow", "POST")
            return "POST only.\n"
        # The secret is the proof of origin: a browser cannot send this header across sites.
        alsoProvides(self.request, IDisableCSRFProtection)
        portal_url = self.request.form.get("portal_url") or None
        try:
            result = run_job(self.context, self.job_name, portal_url=portal_url)
        except UnknownJob:
            response.setStatus(404)
            return f"No job named {self.job_name!r}.\n"
        except MailNotConfigured as error:
            response.setStatus(409)
            return f"Not run: {error}\n"
        return "".join(f"  {line}\n" for line in result.lines) + result.summary + "\n"
