"""Key dates for coordinators: days the coalition marks with events, card and letter campaigns.

30 October (Day of Political Prisoners in Russia) and 10 December (Human Rights Day) appear on the
coordinators' dashboard ``LEAD_DAYS`` ahead; prisoners' birthdays (from live public profiles only: the
statistics' public query) ``BIRTHDAY_LEAD_DAYS`` ahead. Each links to the page that starts an event plan
in one of the person's working groups.
"""

from coalition.intranet import _
from coalition.intranet.dashboard.api import WaitingItem
from coalition.intranet.dashboard.interfaces import IWaitingForMe
from coalition.intranet.events.display import format_day
from coalition.intranet.public.statistics.upcoming import upcoming_birthdays
from coalition.intranet.site.structure import DEFAULT_LANGUAGE
from coalition.intranet.site.structure import INTRANET_ID
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from plone import api
from urllib.parse import urlencode
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer


LEAD_DAYS = 60
BIRTHDAY_LEAD_DAYS = 30
COORDINATING_ROLES = ("Coordinator", "Manager", "Site Administrator")


@dataclass(frozen=True)
class Occasion:
    month: int
    day: int
    title: object  # a translatable message
    kind: str


OCCASIONS = (
    Occasion(
        10, 30, _("keydate_political_prisoners_day", default="Day of Political Prisoners in Russia"), "solidarity_day"
    ),
    Occasion(12, 10, _("keydate_human_rights_day", default="Human Rights Day"), "letter_writing"),
)


@dataclass(frozen=True)
class KeyDate:
    day: date
    title: str
    kind: str


def next_occurrence(occasion: Occasion, today: date) -> date:
    this_year = date(today.year, occasion.month, occasion.day)
    return this_year if this_year >= today else date(today.year + 1, occasion.month, occasion.day)


def key_dates(today: date, language: str = DEFAULT_LANGUAGE) -> list[KeyDate]:
    """The key dates ahead of ``today``, soonest first (titles in ``language``)."""
    found = []
    for occasion in OCCASIONS:
        day = next_occurrence(occasion, today)
        if day - today <= timedelta(days=LEAD_DAYS):
            found.append(KeyDate(day, translate(occasion.title, target_language=language), occasion.kind))
    for birthday in upcoming_birthdays(DEFAULT_LANGUAGE, today, BIRTHDAY_LEAD_DAYS):
        title = translate(
            _(
                "keydate_birthday",
                default="Birthday of ${name} (${age})",
                mapping={"name": birthday.title, "age": birthday.age},
            ),
            target_language=language,
        )
        found.append(KeyDate(birthday.date, title, "letter_writing"))
    return sorted(found, key=lambda entry: entry.day)


def start_plan_url(entry: KeyDate) -> str:
    """The page that starts an event plan for a key date in one of the person's working groups."""
    intranet = api.portal.get()[INTRANET_ID]
    query = urlencode({"title": entry.title, "date": entry.day.isoformat(), "kind": entry.kind})
    return f"{intranet.absolute_url()}/@@start-event-plan?{query}"


def is_coordinating(user) -> bool:
    return any(role in COORDINATING_ROLES for role in user.getRoles())


@implementer(IWaitingForMe)
class KeyDates:
    """The dashboard's "Key dates ahead" for coordinators."""

    title = _("waiting_key_dates", default="Key dates ahead: plan an event or a card campaign")
    order = 50

    def items(self, user) -> list:
        if not is_coordinating(user):
            return []
        request = getRequest()
        language = (request.get("LANGUAGE") if request is not None else None) or DEFAULT_LANGUAGE
        today = date.today()
        detail = translate(_("keydate_start_plan", default="Start an event plan"), context=request)
        return [
            WaitingItem(
                title=f"{entry.title} · {format_day(entry.day, language)}",
                url=start_plan_url(entry),
                detail=detail,
                due=datetime.combine(entry.day, time()),
            )
            for entry in key_dates(today, language)
        ]
