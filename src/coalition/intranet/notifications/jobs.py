"""The daily digest as a scheduled job (``make job JOB=digests``)."""

from coalition.intranet import _
from coalition.intranet.jobs.interfaces import IScheduledJob
from coalition.intranet.notifications.api import send_digests
from zope.interface import implementer


@implementer(IScheduledJob)
class SendDigests:
    title = _("job_digests", default="Send the daily digests")

    def run(self, site, *, portal_url, now, progress):
        sent = send_digests(site, now, portal_url=portal_url, progress=progress)
        return f"{sent} digest(s) sent."
