"""Closing the ballots whose deadline has passed, as a scheduled job (``make job JOB=due-ballots``)."""

from coalition.intranet import _
from coalition.intranet.drafting.api import close_due_ballots
from coalition.intranet.jobs.interfaces import IScheduledJob
from zope.interface import implementer


@implementer(IScheduledJob)
class CloseDueBallots:
    title = _("job_due_ballots", default="Close the ballots whose deadline has passed")

    def run(self, site, *, portal_url, now, progress):
        closed = close_due_ballots(progress=progress)
        return f"{closed} ballot(s) closed."
