"""Calendars to subscribe to (RFC 5545): one event (plone.app.event's ``ics_view``), a language's calendar
(``@@events.ics`` on ``/<lang>/events``) and a prisoner's events (``@@events.ics`` on a profile).

Only published events of the language, as the current user finds them; plone.app.event writes each one
from the event's public fields (title, description, dates with their time zone, recurrence, location,
URL). Nothing else is written: registrations are not content.
"""

from coalition.intranet.events import listing
from coalition.intranet.public.profile.public_data import profile_language
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone.app.event.ical.exporter import construct_icalendar
from plone.app.multilingual.interfaces import ITG
from Products.Five.browser import BrowserView
from zExceptions import NotFound


# A subscribed calendar keeps a year of past events.
PAST_DAYS = 365


def calendar_response(request, context, events, title: str, filename: str) -> bytes:
    calendar = construct_icalendar(context, events)
    calendar.add("x-wr-calname", title)
    body = calendar.to_ical()
    response = request.response
    response.setHeader("Content-Type", "text/calendar; charset=utf-8")
    response.setHeader("Content-Disposition", f'inline; filename="{filename}"')
    return body


def _events(language: str, **kwargs) -> list:
    upcoming = list(listing.search(language, listing.UPCOMING, **kwargs))
    since = datetime.now(UTC) - timedelta(days=PAST_DAYS)
    past = [brain for brain in listing.search(language, listing.PAST, **kwargs) if brain.end and brain.end >= since]
    return [brain.getObject() for brain in upcoming + past]


class LanguageCalendarICS(BrowserView):
    """``/<lang>/events/@@events.ics``: the language's calendar."""

    def __call__(self):
        if not listing.is_events_folder(self.context):
            raise NotFound("The calendar belongs to the events section of a language.")
        language = self.context.Language()
        return calendar_response(
            self.request, self.context, _events(language), self.context.Title(), f"events-{language}.ics"
        )


class PrisonerEventsICS(BrowserView):
    """``<profile>/@@events.ics``: the events supporting one prisoner, in the profile's language."""

    def __call__(self):
        language = profile_language(self.context)
        group = ITG(self.context, None)
        events = _events(language, prisoner_group=group) if group else []
        return calendar_response(
            self.request, self.context, events, self.context.Title(), f"{self.context.getId()}-events.ics"
        )
