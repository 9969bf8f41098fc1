"""The front page of each language root: the live list's number, people to act for today, running
campaigns, next events, latest statements and one clear call to act.

Everything comes from catalog searches as the current user (Anonymous sees published items only) and
from other concerns' APIs; nothing depends on who reads, so proxies may cache the page for Anonymous
(``plone.content.dynamic``). Mentorship and events are separate concerns: if one is not installed in this
code base, its part of the page is left out rather than breaking the page.
"""

from coalition.intranet import _
from coalition.intranet.campaigns import api as campaigns
from coalition.intranet.public.facts import format_date
from coalition.intranet.public.facts import public_profiles_query
from coalition.intranet.public.statistics.upcoming import upcoming_birthdays
from datetime import date
import logging
from plone import api
from plone.base.interfaces import ILanguage
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from urllib.parse import urlencode


logger = logging.getLogger(__name__)

PEOPLE_PER_LIST = 3
CAMPAIGNS_SHOWN = 3
EVENTS_SHOWN = 3
STATEMENTS_SHOWN = 3
# How many recently published statements compete for those places by their own date.
STATEMENT_CANDIDATES = 20
BIRTHDAY_DAYS = 7
# The page introduction, if editors keep one: a published page with this id in the language root.
INTRODUCTION_ID = "welcome"


def _optional_api(dotted: str):
    """Another concern's API module, or None while that concern is not part of the code base."""
    try:
        module = __import__(dotted, fromlist=["api"])
    except ImportError:
        return None
    return module


class FrontPage(BrowserView):
    def __call__(self):
        self.request.set("disable_plone.leftcolumn", True)
        self.request.set("disable_plone.rightcolumn", True)
        self.language = ILanguage(self.context).get_language() or "en"
        self.today = date.today()
        return self.index()

    def date(self, value) -> str:
        return format_date(value, self.language)

    def section_url(self, section: str, **query) -> str:
        url = f"{self.context.absolute_url()}/{section}"
        return f"{url}?{urlencode(query)}" if query else url

    def introduction(self) -> dict | None:
        page = self.context.get(INTRODUCTION_ID)
        if page is None or not api.user.has_permission("View", obj=page):
            return None
        text = getattr(page, "text", None)
        return {"title": page.Title(), "text": text.output_relative_to(page) if text else ""}

    # The list

    @memoize
    def prisoner_count(self) -> int:
        catalog = api.portal.get_tool("portal_catalog")
        return len(catalog.searchResults(**public_profiles_query(self.language)))

    # People to act for today

    def birthdays(self) -> list[dict]:
        return [
            {"title": item.title, "url": item.url, "note": self._birthday_note(item)}
            for item in upcoming_birthdays(self.language, self.today, days=BIRTHDAY_DAYS)[:PEOPLE_PER_LIST]
        ]

    def _birthday_note(self, item) -> object:
        if item.date == self.today:
            return _("front_birthday_today", default="Birthday today", mapping={"age": item.age})
        return _(
            "front_birthday_on",
            default="Turns ${age} on ${date}",
            mapping={"age": item.age, "date": self.date(item.date)},
        )

    def seeking_mentor(self) -> list[dict] | None:
        """Profiles seeking a mentor (None: mentorship is not available, the part is left out)."""
        mentorship = _optional_api("coalition.intranet.mentorship.api")
        if mentorship is None or not hasattr(mentorship, "prisoners_seeking_mentor"):
            return None
        profiles = mentorship.prisoners_seeking_mentor(self.language, limit=PEOPLE_PER_LIST)
        return [{"title": profile.Title(), "url": profile.absolute_url()} for profile in profiles]

    def recently_recognised(self) -> list[dict]:
        catalog = api.portal.get_tool("portal_catalog")
        query = public_profiles_query(self.language)
        brains = catalog.searchResults(
            sort_on="recognised_on", sort_order="descending", sort_limit=PEOPLE_PER_LIST, **query
        )[:PEOPLE_PER_LIST]
        index = catalog.Indexes["recognised_on"]
        days = [day for day in (index.getEntryForObject(brain.getRID()) for brain in brains) if day]
        if days:
            # One decision often recognises several people on one day: everyone from the oldest day shown
            # competes for the places, the newest profile of a day first (the catalog sorts by one index here).
            candidates = catalog.searchResults(recognised_on={"query": min(days), "range": "min"}, **query)
            brains = sorted(
                candidates, key=lambda brain: (index.getEntryForObject(brain.getRID()), brain.created), reverse=True
            )[:PEOPLE_PER_LIST]
        return [{"title": brain.Title, "url": brain.getURL()} for brain in brains]

    # Campaigns, events, statements

    @memoize
    def running_campaigns(self):
        return campaigns.running_campaigns(self.language, limit=CAMPAIGNS_SHOWN, today=self.today)

    def events(self) -> list[dict] | None:
        """The next events (None: events are not available, the part is left out)."""
        events = _optional_api("coalition.intranet.events.api")
        if events is None or not hasattr(events, "upcoming_events"):
            return None
        return [
            {
                "title": event.Title(),
                "url": event.absolute_url(),
                "date": self.date(getattr(event, "start", None)),
                "location": getattr(event, "location", "") or "",
            }
            for event in events.upcoming_events(self.language, limit=EVENTS_SHOWN)
        ]

    def statements(self) -> list[dict]:
        """The newest statements by their own date, among the most recently published ones (a statement
        published by a script has no effective date, so publication order alone would be arbitrary)."""
        dated = [
            (self._statement_date(brain), brain)
            for brain in campaigns.latest_statements(self.language, limit=STATEMENT_CANDIDATES)
        ]
        dated.sort(key=lambda item: item[0], reverse=True)
        return [
            {"title": brain.Title, "url": brain.getURL(), "description": brain.Description, "date": self.date(day)}
            for day, brain in dated[:STATEMENTS_SHOWN]
        ]

    @staticmethod
    def _statement_date(brain) -> date:
        """The date the statement carries, else when it was published, else when it was created."""
        statement_date = getattr(brain.getObject(), "statement_date", None)
        if statement_date:
            return statement_date
        when = brain.effective if brain.effective.year() > 1970 else brain.created
        return when.asdatetime().date()

    # The call to act

    def call_to_act(self) -> dict:
        """Join the campaign ending soonest, else write a letter to a prisoner."""
        running = self.running_campaigns()
        if running:
            return {
                "url": f"{running[0].url}/@@sign",
                "label": _("front_call_join", default="Sign: ${campaign}", mapping={"campaign": running[0].title}),
                "secondary_url": self.section_url("prisoners", letters="1"),
                "secondary_label": _("front_call_write", default="Write a letter to a prisoner"),
            }
        return {
            "url": self.section_url("prisoners", letters="1"),
            "label": _("front_call_write", default="Write a letter to a prisoner"),
            "secondary_url": self.section_url("campaigns"),
            "secondary_label": _("front_call_campaigns", default="See our campaigns"),
        }
