"""Upcoming birthdays and expected releases of people in detention, for card campaigns.

Both lists come from the public query (``facts.public_profiles_query``) narrowed to the statuses of people
deprived of liberty. Two catalog indexes keep them fast with thousands of profiles; their indexers are
below (registered in statistics.zcml), the indexes themselves are added by the default profile:

- ``prisoner_birthday`` (FieldIndex): ``"MMDD-YYYY"`` of the date of birth. Sorted by the day of the
  year, so the next N days are one or two range queries, and the year of birth (for the age) is in the
  index: no profile is woken up.
- ``prisoner_expected_release`` (FieldIndex of dates): one range query, the date read from the index.

Their names are not attribute names of any content (a case file has ``expected_release``): without an
indexer the catalog would index an attribute of that name from other content.

Without these indexes (a site not yet upgraded) the profiles in detention are woken up and filtered.
"""

from calendar import isleap
from coalition.intranet.public import facts
from coalition.intranet.public.interfaces import IPrisonerProfile
from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from plone import api
from plone.indexer import indexer


BIRTHDAY_DAYS = 60
BIRTHDAY_INDEX = "prisoner_birthday"
RELEASE_INDEX = "prisoner_expected_release"


@dataclass(frozen=True)
class Birthday:
    title: str
    url: str
    date: date
    age: int
    letters_possible: bool


@dataclass(frozen=True)
class Release:
    title: str
    url: str
    date: date


@indexer(IPrisonerProfile)
def prisoner_birthday(profile):
    born = profile.date_of_birth
    if not born:
        raise AttributeError("no date of birth")
    return birthday_key(born)


@indexer(IPrisonerProfile)
def prisoner_expected_release(profile):
    if not profile.expected_release:
        raise AttributeError("no expected release")
    return profile.expected_release


def birthday_key(born: date) -> str:
    return f"{born:%m%d}-{born.year:04d}"


def next_birthday(born: date, today: date) -> date:
    """The first birthday on or after ``today``; 29 February is kept on 28 February in common years."""
    for year in (today.year, today.year + 1):
        anniversary = _anniversary(born, year)
        if anniversary >= today:
            return anniversary
    raise AssertionError("unreachable: a birthday comes at least once a year")


def one_year_after(day: date) -> date:
    return _anniversary(day, day.year + 1)


def upcoming_birthdays(language: str, today: date, days: int = BIRTHDAY_DAYS) -> list[Birthday]:
    """Birthdays from ``today`` to ``today + days`` (both included), soonest first."""
    catalog = api.portal.get_tool("portal_catalog")
    last = today + timedelta(days=days)
    found = []
    if BIRTHDAY_INDEX in catalog.indexes():
        letters = catalog.Indexes["letters_possible"]
        index = catalog.Indexes[BIRTHDAY_INDEX]
        for low, high in _day_ranges(today, last):
            query = {BIRTHDAY_INDEX: {"query": (low, high), "range": "min:max"}, **_imprisoned(language)}
            for brain in catalog.searchResults(query):
                key = index.getEntryForObject(brain.getRID())
                born = _born(key)
                found.append((born, brain.Title, brain.getURL(), bool(letters.getEntryForObject(brain.getRID()))))
    else:
        for brain in catalog.searchResults(**_imprisoned(language)):
            profile = brain.getObject()
            if profile.date_of_birth:
                found.append((profile.date_of_birth, brain.Title, brain.getURL(), bool(profile.letters_possible)))
    birthdays = []
    for born, title, url, letters_possible in found:
        day = next_birthday(born, today)
        if day <= last:
            birthdays.append(Birthday(title, url, day, day.year - born.year, letters_possible))
    return sorted(birthdays, key=lambda item: (item.date, item.title))


def upcoming_releases(language: str, today: date) -> list[Release]:
    """Expected releases from ``today`` to one year later (both included) of people still in detention."""
    catalog = api.portal.get_tool("portal_catalog")
    last = one_year_after(today)
    releases = []
    if RELEASE_INDEX in catalog.indexes():
        index = catalog.Indexes[RELEASE_INDEX]
        query = {RELEASE_INDEX: {"query": (today, last), "range": "min:max"}, **_imprisoned(language)}
        for brain in catalog.searchResults(query):
            releases.append(Release(brain.Title, brain.getURL(), index.getEntryForObject(brain.getRID())))
    else:
        for brain in catalog.searchResults(**_imprisoned(language)):
            expected = brain.getObject().expected_release
            if expected and today <= expected <= last:
                releases.append(Release(brain.Title, brain.getURL(), expected))
    return sorted(releases, key=lambda item: (item.date, item.title))


def _imprisoned(language: str) -> dict:
    return {**facts.public_profiles_query(language), "prisoner_status": list(facts.IMPRISONED_STATUSES)}


def _day_ranges(first: date, last: date) -> list[tuple[str, str]]:
    """Ranges of birthday keys for the days ``first``..``last``: two when the window crosses New Year."""
    high = _day_key(last, upper=True)
    if last.year == first.year:
        return [(f"{first:%m%d}-0000", high)]
    return [(f"{first:%m%d}-0000", "1231-9999"), ("0101-0000", high)]


def _day_key(day: date, upper: bool) -> str:
    # In a common year 28 February also stands for 29 February birthdays.
    if upper and day.month == 2 and day.day == 28 and not isleap(day.year):
        return "0229-9999"
    return f"{day:%m%d}-9999"


def _born(key: str) -> date:
    month_day, year = key.split("-")
    return date(int(year), int(month_day[:2]), int(month_day[2:]))


def _anniversary(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 2, 28)
