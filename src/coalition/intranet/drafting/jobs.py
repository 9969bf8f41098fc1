"""Closing the ballots whose deadline has passed, as a scheduled job (``make job JOB=due-ballots``)."""

from coalition.intranet import _
from coalition.intranet.drafting.api import close_due_ballots
from coalition.intranet.drafting.consultation import close_due_consultations
from coalition.intranet.drafting.mails import send_reminders
from coalition.intranet.jobs.interfaces import IScheduledJob
from zope.interface import implementer


@implementer(IScheduledJob)
class CloseDueBallots:
    title = _("job_due_ballots", default="Close the ballots and consultations whose deadline has passed")

    def run(self, site, *, portal_url, now, progress):
        consultations = close_due_consultations(progress=progress)
        closed = close_due_ballots(progress=progress)
        return f"{closed} ballot(s) closed." + (f" {consultations} consultation(s) closed." if consultations else "")


@implementer(IScheduledJob)
class BallotReminders:
    title = _("job_ballot_reminders", default="Remind the organisations that have not voted, two days before")

    def run(self, site, *, portal_url, now, progress):
        reminded = send_reminders(now, portal_url=portal_url, progress=progress)
        return f"{reminded} organisation(s) reminded."
