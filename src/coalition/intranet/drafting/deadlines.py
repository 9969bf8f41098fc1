"""Deadlines of ballots as people enter and read them: in the site's time zone (Site settings).

Ballots store their deadline timezone-aware in UTC (``ballots.as_utc``); forms enter it as a
``datetime-local`` value and pages show it in the site's zone, named.
"""

from coalition.intranet import _
from coalition.intranet.drafting.ballots import as_utc
from coalition.intranet.drafting.ballots import BallotError
from datetime import datetime
from datetime import timedelta
from plone import api
from zoneinfo import ZoneInfo


def portal_timezone() -> ZoneInfo:
    """The site's time zone (Site settings), in which deadlines are entered and shown."""
    name = api.portal.get_registry_record("plone.portal_timezone", default=None) or "UTC"
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def parse_deadline(value: str) -> datetime:
    """A deadline entered in a ``datetime-local`` field, in the site's time zone; ``BallotError`` if malformed."""
    try:
        naive = datetime.strptime((value or "").strip(), "%Y-%m-%dT%H:%M")
    except ValueError:
        raise BallotError(
            _("ballot_error_deadline_format", default="Enter the deadline as a date and a time.")
        ) from None
    return naive.replace(tzinfo=portal_timezone())


def default_deadline() -> str:
    """Two weeks from now, 18:00, as a ``datetime-local`` value."""
    return (datetime.now(portal_timezone()) + timedelta(days=14)).strftime("%Y-%m-%dT18:00")


def format_deadline(value: datetime) -> str:
    """A moment (a deadline, a closing time; naive means UTC) as pages show it: in the site's zone, named."""
    zone = portal_timezone()
    return as_utc(value).astimezone(zone).strftime("%Y-%m-%d %H:%M ") + str(zone)
