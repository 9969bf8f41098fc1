"""The rules on an event's dates, shared by the plan's forms (an invariant), the REST API and the act.

Dates are entered as local time at the venue (naive) with the venue's time zone; the public event stores
them as aware datetimes in that zone, which is how plone.app.event reads the zone back (``timezone``).
"""

from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from datetime import datetime
from dateutil import rrule
from plone.supermodel.interfaces import IInvariant
import pytz
from zope.interface import Invalid
from zope.interface import provider


class EventDataRefused(CoalitionError):
    """The dates, time zone or recurrence of an event are not acceptable; nothing was stored."""


def date_problems(start, end, timezone, recurrence=None) -> list:
    """Why these dates cannot be stored (empty when they can)."""
    problems = []
    if timezone not in pytz.all_timezones_set:
        problems.append(
            _(
                "event_error_timezone",
                default="“${timezone}” is not a time zone. Choose one from the list, e.g. Europe/Berlin.",
                mapping={"timezone": str(timezone or "")},
            )
        )
    if start is None or end is None:
        problems.append(_("event_error_dates_missing", default="An event needs a start and an end."))
    elif _naive(end) < _naive(start):
        problems.append(_("event_error_end_before_start", default="The event cannot end before it starts."))
    if recurrence and start is not None:
        try:
            rrule.rrulestr(recurrence, dtstart=_naive(start), forceset=True)
        except (ValueError, TypeError):
            problems.append(
                _(
                    "event_error_recurrence",
                    default="The repetition rule is not valid (e.g. RRULE:FREQ=WEEKLY;COUNT=4).",
                )
            )
    return problems


def check_dates(start, end, timezone, recurrence=None) -> None:
    """Raise ``EventDataRefused`` with every problem of these dates."""
    problems = date_problems(start, end, timezone, recurrence)
    if problems:
        raise EventDataRefused(problems)


def localise(value: datetime, timezone: str) -> datetime:
    """The local time ``value`` at the venue as an aware datetime in ``timezone``."""
    return pytz.timezone(timezone).localize(_naive(value))


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None) if value.tzinfo else value


@provider(IInvariant)
def plan_invariant(data):
    """Form and REST validation of a plan (the model's ``<invariant>``)."""
    problems = date_problems(
        getattr(data, "event_start", None),
        getattr(data, "event_end", None),
        getattr(data, "timezone", None),
        getattr(data, "event_recurrence", None),
    )
    if problems:
        raise Invalid(problems[0])
