"""What the catalog learns about a mentorship: its mentor and its prisoner (uids), so the concern finds them
without waking every object. A mentorship is visible in the catalog to mentorship coordinators only."""

from coalition.intranet.mentorship.interfaces import IMentorship
from plone.indexer import indexer


@indexer(IMentorship)
def mentorship_mentor(mentorship):
    return mentorship.mentor_uid or _missing()


@indexer(IMentorship)
def mentorship_prisoner(mentorship):
    return mentorship.profile_uid or _missing()


def _missing():
    raise AttributeError("no value")
