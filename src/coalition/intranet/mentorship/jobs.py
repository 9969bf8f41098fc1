"""The job ``mentorship-weekly``: the weekly overview to coordinators and a gentle reminder to the office of
each mentor whose active mentorships saw no action for the configured number of days.

A mentor's office is reminded at most once per quiet period: again only after a new action (or another full
period) — the mentorship remembers when (``reminded_on``).
"""

from coalition.intranet import _
from coalition.intranet.jobs.interfaces import IScheduledJob
from coalition.intranet.mentorship import activity
from coalition.intranet.mentorship import mails
from coalition.intranet.mentorship import offers
from coalition.intranet.mentorship import registry
from coalition.intranet.mentorship import seeking
from coalition.intranet.notifications.api import MailNotConfigured
from coalition.intranet.site.structure import DEFAULT_LANGUAGE
from datetime import date
from datetime import datetime
from datetime import timedelta
from zope.interface import implementer


def _due_for_reminder(mentorship, today: date) -> bool:
    reminded = getattr(mentorship, "reminded_on", None)
    if reminded is None:
        return True
    last = activity.last_activity(mentorship)
    return (last is not None and last > reminded) or today - reminded >= timedelta(days=activity.inactive_after_days())


def send_reminders(today: date, progress) -> int:
    """Remind the offices of quiet mentors; returns how many offices were written to."""
    by_mentor: dict[str, list] = {}
    for mentorship in activity.inactive_mentorships(today):
        if _due_for_reminder(mentorship, today):
            by_mentor.setdefault(mentorship.mentor_uid, []).append(mentorship)
    sent = 0
    for mentor_uid, quiet in by_mentor.items():
        mentor = registry.by_uid(mentor_uid)
        address = (getattr(mentor, "email", None) or "").strip() if mentor is not None else ""
        if not address:
            progress(f"{mentor.Title() if mentor is not None else mentor_uid}: no office address, not reminded")
            continue
        language = getattr(mentor, "office_language", None) or DEFAULT_LANGUAGE
        mails.mail_reminder_to_office(
            address, language, mentor.Title(), [m.prisoner_name for m in quiet], activity.inactive_after_days()
        )
        for mentorship in quiet:
            mentorship.reminded_on = today
        sent += 1
        progress(f"{mentor.Title()}: reminded ({len(quiet)} mentorship(s))")
    return sent


def overview() -> dict:
    """Heading → count, as the weekly mail lists it."""
    return {
        _("waiting_mentorship_consent", default="Mentorship proposals waiting for consent"): len(
            activity.waiting_for_consent()
        ),
        _("waiting_mentorship_quiet", default="Mentorships without an action for a while"): len(
            activity.inactive_mentorships()
        ),
        _("waiting_mentorship_prisoners_all", default="Prisoners seeking a mentor"): len(
            seeking.prisoners_seeking_mentor(DEFAULT_LANGUAGE)
        ),
        _("waiting_mentorship_offers", default="Offers to mentor, to moderate"): len(offers.pending_offers()),
    }


@implementer(IScheduledJob)
class MentorshipWeekly:
    title = _("job_mentorship_weekly", default="Weekly mentorship mail and reminders")

    def run(self, site, *, portal_url: str, now: datetime, progress) -> str:
        if registry.mentorship_section() is None:
            return "No mentorship section."
        try:
            coordinators = mails.mail_weekly_overview(overview(), portal_url)
            progress(f"overview to {coordinators} coordinator(s)")
            reminded = send_reminders(now.date(), progress)
        except MailNotConfigured:
            return "Mail is not configured: nothing sent."
        return f"Overview to {coordinators} coordinator(s); {reminded} office(s) reminded."
