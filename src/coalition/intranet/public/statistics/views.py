"""The public statistics page, ``/<lang>/prisoners/@@statistics``.

Key figures, four bar charts (region, article, year of detention, case category) each with the same numbers
as a table, and the upcoming birthdays and expected releases for card campaigns. Every number links to the
public list filtered by it (URL contract in ARCHITECTURE.md). Counting is in ``counts``, the upcoming
dates in ``upcoming``, the SVG in ``charts``; this view only shapes what to show.
"""

from coalition.intranet import _
from coalition.intranet.batching import batch_start
from coalition.intranet.public.facts import IMPRISONED_STATUSES
from coalition.intranet.public.facts import label
from coalition.intranet.public.facts import ListPage
from coalition.intranet.public.facts import reader_locale
from coalition.intranet.public.facts import vocabulary
from coalition.intranet.public.statistics import charts
from coalition.intranet.public.statistics.counts import count_public_profiles
from coalition.intranet.public.statistics.upcoming import BIRTHDAY_DAYS
from coalition.intranet.public.statistics.upcoming import upcoming_birthdays
from coalition.intranet.public.statistics.upcoming import upcoming_releases
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from plone.memoize.view import memoize
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zope.i18n import translate


# The statistics page shows the soonest upcoming dates; the whole list is a batched page of its own, so that
# the page does not grow with the list (a 60-day window holds a sixth of everyone's birthdays).
SHOWN_ON_STATISTICS = 20
UPCOMING_BATCH = 50
# The region chart shows the most frequent regions; the rest are summed up in one "other regions" bar.
TOP_REGIONS = 15
OTHER_STATUSES = ("deceased", "emigrated")
# Breakdown id -> (heading, caption of its chart and table, heading of the value column, note or None).
BREAKDOWN_TEXTS = {
    "region": (
        _("statistics_heading_region", default="By region"),
        _("statistics_caption_region", default="People on the list by region of the case"),
        _("statistics_column_region", default="Region"),
        None,
    ),
    "article": (
        _("statistics_heading_article", default="By criminal-code article"),
        _("statistics_caption_article", default="People on the list by criminal-code article"),
        _("statistics_column_article", default="Article"),
        _(
            "statistics_note_article",
            default="A person can be charged under several articles, so the numbers add up to more than the total.",
        ),
    ),
    "year": (
        _("statistics_heading_year", default="By year of detention"),
        _("statistics_caption_year", default="People on the list by year of detention"),
        _("statistics_column_year", default="Year of detention"),
        None,
    ),
    "category": (
        _("statistics_heading_category", default="By case category"),
        _("statistics_caption_category", default="People on the list by case category"),
        _("statistics_column_category", default="Case category"),
        _(
            "statistics_note_category",
            default="A case can belong to several categories, so the numbers add up to more than the total.",
        ),
    ),
}


@dataclass
class Row:
    """One line of a chart and of its table."""

    label: str
    value: int
    url: str | None = None
    # "Other regions" and "not stated": no filter link, a muted bar.
    muted: bool = False


@dataclass
class Breakdown:
    """A chart with its table: the rows are the numbers of both."""

    id: str
    heading: str
    caption: str
    column: str
    rows: list
    note: str = ""
    # Values folded into "other" (the region chart), listed under the table with their links.
    folded: list = field(default_factory=list)
    svg: str = ""


class StatisticsView(ListPage):
    """``@@statistics`` of a language's prisoners folder."""

    not_here = "The statistics belong to the prisoners folder of a language."
    # The tables of upcoming dates (macros ``birthdays`` and ``releases``), shared with the batched pages.
    tables = ViewPageTemplateFile("templates/upcoming_tables.pt")

    def update(self) -> None:
        super().update()
        self.list_base = self.context.absolute_url()
        self.today = date.today()
        self.counts = count_public_profiles(self.language)
        locale = reader_locale(self.language)
        # Made once: a page formats hundreds of numbers and dates.
        self._number_format = locale.numbers.getFormatter("decimal").format if locale else str
        self._date_format = locale.dates.getFormatter("date", "long").format if locale else date.isoformat

    def _(self, message) -> str:
        return translate(message, context=self.request)

    def list_url(self, **params) -> str:
        """The public list filtered by ``params`` (URL contract: status, region, article, year, category)."""
        return f"{self.list_base}?{urlencode(params)}" if params else self.list_base

    def number(self, value: int) -> str:
        return self._number_format(value)

    def long_date(self, day: date) -> str:
        return self._date_format(day)

    # Key figures

    def key_figures(self) -> list[dict]:
        """Total, in detention (with its statuses), released, and the other statuses."""
        by_status = self.counts.by_status
        imprisoned = [self._status_figure(status) for status in IMPRISONED_STATUSES]
        figures = [
            self._figure(self.counts.total, _("statistics_total", default="People on the list"), self.list_url()),
            self._figure(
                self.counts.imprisoned,
                _("statistics_imprisoned", default="Currently imprisoned"),
                self.list_url(status="imprisoned") if self.counts.imprisoned else None,
                parts=imprisoned,
            ),
            self._status_figure("released"),
        ]
        figures.extend(self._status_figure(status) for status in OTHER_STATUSES if by_status.get(status))
        return figures

    def _status_figure(self, status: str) -> dict:
        count = self.counts.by_status.get(status, 0)
        return self._figure(count, label("status", status), self.list_url(status=status) if count else None)

    def _figure(self, value: int, title, url: str | None, parts=()) -> dict:
        return {"value": value, "display": self.number(value), "label": self._(title), "url": url, "parts": parts}

    # Charts and tables

    def breakdowns(self) -> list[Breakdown]:
        items = [self._by_region(), self._by_article(), self._by_year(), self._by_category()]
        for item in items:
            bars = [charts.Bar(row.label, row.value, row.muted) for row in item.rows]
            item.svg = charts.bar_chart(
                bars,
                chart_id=f"chart-{item.id}",
                title=item.caption,
                description=self._(
                    _("statistics_chart_description", default="Bar chart; the table gives the same numbers.")
                ),
                format_number=self.number,
            )
        return items

    def _breakdown(self, id: str, rows: list, folded: list | None = None) -> Breakdown:
        heading, caption, column, note = BREAKDOWN_TEXTS[id]
        return Breakdown(
            id=id,
            heading=self._(heading),
            caption=self._(caption),
            column=self._(column),
            rows=rows,
            note=self._(note) if note else "",
            folded=folded or [],
        )

    def _by_region(self) -> Breakdown:
        rows = self._coded_rows("region", "region", self.counts.by_region)
        shown, folded = rows[:TOP_REGIONS], rows[TOP_REGIONS:]
        if folded:
            other = _("statistics_other_regions", default="Other regions")
            shown.append(Row(self._(other), sum(row.value for row in folded), muted=True))
        self._append_not_stated(shown, self.counts.region_not_stated)
        return self._breakdown("region", shown, folded)

    def _by_article(self) -> Breakdown:
        return self._breakdown("article", self._coded_rows("articles", "article", self.counts.by_article))

    def _by_year(self) -> Breakdown:
        rows = [
            Row(str(year), count, self.list_url(year=year))
            for year, count in sorted(self.counts.by_year.items())
            if isinstance(year, int)
        ]
        self._append_not_stated(rows, self.counts.year_not_stated)
        return self._breakdown("year", rows)

    def _by_category(self) -> Breakdown:
        return self._breakdown("category", self._coded_rows("case_categories", "category", self.counts.by_category))

    def _coded_rows(self, fact: str, param: str, counts: dict) -> list[Row]:
        """Rows of the vocabulary values that occur, most frequent first, then by label."""
        rows = [
            Row(self._(term.title), counts[term.value], self.list_url(**{param: term.value}))
            for term in vocabulary(fact)
            if counts.get(term.value)
        ]
        return sorted(rows, key=lambda row: (-row.value, row.label.casefold()))

    def _append_not_stated(self, rows: list, count: int) -> None:
        if count > 0 and rows:
            rows.append(Row(self._(_("statistics_not_stated", default="Not stated")), count, muted=True))

    # Upcoming dates

    def birthday_days(self) -> int:
        return BIRTHDAY_DAYS

    @memoize
    def _birthdays(self) -> list:
        return upcoming_birthdays(self.language, self.today)

    @memoize
    def _releases(self) -> list:
        return upcoming_releases(self.language, self.today)

    def birthdays(self) -> list[dict]:
        return self.birthday_rows(self._birthdays()[:SHOWN_ON_STATISTICS])

    def releases(self) -> list[dict]:
        return self.release_rows(self._releases()[:SHOWN_ON_STATISTICS])

    def more_birthdays(self) -> dict | None:
        """The link to all upcoming birthdays when the page shows only the soonest; None otherwise."""
        return self._more(len(self._birthdays()), "upcoming-birthdays")

    def more_releases(self) -> dict | None:
        return self._more(len(self._releases()), "upcoming-releases")

    def _more(self, total: int, view_name: str) -> dict | None:
        if total <= SHOWN_ON_STATISTICS:
            return None
        return {"url": f"{self.list_base}/@@{view_name}", "total": self.number(total)}

    def birthday_rows(self, items) -> list[dict]:
        letters = {
            True: self._(_("statistics_letters_yes", default="Yes")),
            False: self._(_("statistics_letters_no", default="Not at present")),
        }
        return [
            {
                "title": item.title,
                "url": item.url,
                "date": self.long_date(item.date),
                "datetime": item.date.isoformat(),
                "age": self.number(item.age),
                "letters": letters[item.letters_possible],
            }
            for item in items
        ]

    def release_rows(self, items) -> list[dict]:
        return [
            {"title": item.title, "url": item.url, "date": self.long_date(item.date), "datetime": item.date.isoformat()}
            for item in items
        ]


class UpcomingDatesView(StatisticsView):
    """``@@upcoming-birthdays`` and ``@@upcoming-releases``: the whole list of the statistics page, batched."""

    kind = "birthdays"

    def update(self) -> None:
        super().update()
        self.start = batch_start(self.request.form)

    def _all(self) -> list:
        return self._birthdays() if self.kind == "birthdays" else self._releases()

    def rows(self) -> list[dict]:
        items = self._all()[self.start : self.start + UPCOMING_BATCH]
        return self.birthday_rows(items) if self.kind == "birthdays" else self.release_rows(items)

    def statistics_url(self) -> str:
        return f"{self.list_base}/@@statistics"

    def pages(self) -> dict:
        """Where the batch stands and the links to the previous and next batches."""
        total = len(self._all())
        here = f"{self.list_base}/@@upcoming-{self.kind}"
        previous = max(self.start - UPCOMING_BATCH, 0)
        following = self.start + UPCOMING_BATCH
        return {
            "first": self.number(min(self.start + 1, total)),
            "last": self.number(min(self.start + UPCOMING_BATCH, total)),
            "total": self.number(total),
            "previous": f"{here}?b_start={previous}" if self.start > 0 else None,
            "next": f"{here}?b_start={following}" if following < total else None,
        }


class UpcomingReleasesView(UpcomingDatesView):
    kind = "releases"
