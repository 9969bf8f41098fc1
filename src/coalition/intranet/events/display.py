"""How an event reads for a visitor: its dates in the venue's time zone, its place, its kind, in a language."""

from coalition.intranet.events.vocabularies import country_name
from coalition.intranet.events.vocabularies import KINDS
from coalition.intranet.public.facts import reader_locale
from coalition.intranet.public.facts import tr
from datetime import datetime
from plone.event.interfaces import IEventAccessor


def _formatter(language: str, category: str, length: str):
    locale = reader_locale(language) or reader_locale("en")
    return locale.dates.getFormatter(category, length)


def format_day(value, language: str) -> str:
    return _formatter(language, "date", "full").format(value.date() if isinstance(value, datetime) else value)


def format_time(value: datetime, language: str) -> str:
    return _formatter(language, "time", "short").format(value.time())


def month_label(year: int, month: int, language: str) -> str:
    """ "December 2026" in ``language`` (stand-alone month names where the locale has them)."""
    locale = reader_locale(language) or reader_locale("en")
    calendar = locale.dates.calendars["gregorian"]
    names = getattr(calendar, "getMonthNames", None)
    name = names()[month - 1] if names else str(month)
    return f"{name[:1].upper()}{name[1:]} {year}"


def when_text(event, language: str) -> str:
    """The next (or only) date of the event in the venue's time zone, e.g.
    "Thursday, 10 December 2026, 18:30–21:00 (Europe/Berlin)"."""
    accessor = IEventAccessor(event)
    start, end = accessor.start, accessor.end
    if start is None:
        return ""
    if accessor.whole_day:
        if end is None or end.date() == start.date():
            return format_day(start, language)
        return f"{format_day(start, language)} – {format_day(end, language)}"
    zone = getattr(start.tzinfo, "zone", None) or ""
    suffix = f" ({zone})" if zone else ""
    if end is None or accessor.open_end:
        return f"{format_day(start, language)}, {format_time(start, language)}{suffix}"
    if end.date() == start.date():
        return f"{format_day(start, language)}, {format_time(start, language)}–{format_time(end, language)}{suffix}"
    return (
        f"{format_day(start, language)}, {format_time(start, language)} – "
        f"{format_day(end, language)}, {format_time(end, language)}{suffix}"
    )


def place_text(event, language: str) -> str:
    """ "Venue, City, Country" (or "Online")."""
    parts = [getattr(event, "venue", None), getattr(event, "city", None)]
    country = getattr(event, "country", None)
    if country:
        parts.append(country_name(country, language))
    return ", ".join(part for part in parts if part)


def kind_label(code, language: str) -> str:
    return tr(KINDS[code], language) if code in KINDS else ""
