"""The query behind the public list of political prisoners.

Reads the filter parameters of the URL contract (ARCHITECTURE.md), and counts, filters and orders the
public profiles straight from the catalog indexes: one catalog search per request decides what the
reader may see, everything else is set arithmetic on record ids, so no profile is woken to be counted
or sorted (the list must stay fast with thousands of profiles).
"""

from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from coalition.intranet import _
from coalition.intranet import compat
from coalition.intranet.public.facts import IMPRISONED_STATUSES
from coalition.intranet.public.facts import index_rows
from coalition.intranet.public.facts import public_profiles_query
from coalition.intranet.public.facts import vocabulary
from dataclasses import dataclass
from dataclasses import field
from operator import itemgetter
from plone.base.utils import munge_search_term
from urllib.parse import urlencode
from zope.globalrequest import getRequest


PAGE_SIZE = 24
DEFAULT_SORT = "name"
SORTS = ("name", "detention", "recognised")
# The longest search text taken into account (longer input is cut, not refused).
MAX_QUERY_LENGTH = 200
# Detention years accepted in a URL; anything else is ignored.
YEAR_RANGE = range(1900, 2101)
VOCABULARY_CACHE_KEY = "coalition.listing.vocabularies"


def coded_vocabulary(fact: str):
    """``facts.vocabulary(fact)``, built once per request: one page labels and counts hundreds of values."""
    other = getattr(getRequest(), "other", None)
    cache = other.setdefault(VOCABULARY_CACHE_KEY, {}) if isinstance(other, dict) else {}
    if fact not in cache:
        cache[fact] = vocabulary(fact)
    return cache[fact]


def coded_label(fact: str, value):
    """The translatable label of a coded value (the value itself when the vocabulary lacks it)."""
    try:
        return coded_vocabulary(fact).getTerm(value).title
    except LookupError:
        return value


class CodedFilter:
    """A filter on a coded fact of the profile; valid values are the codes of the fact's vocabulary."""

    def __init__(self, param, index, fact, heading, by_count=False):
        self.param = param
        self.index = index
        self.fact = fact
        self.heading = heading
        # Long lists (regions) put the most frequent values first; short ones keep the vocabulary order.
        self.by_count = by_count

    def parse(self, raw):
        return raw if isinstance(raw, str) and raw in coded_vocabulary(self.fact) else None

    def candidates(self, index) -> list:
        return [term.value for term in coded_vocabulary(self.fact)]

    def to_param(self, value) -> str:
        return value

    def label(self, value):
        return coded_label(self.fact, value)

    def chip(self, value):
        return self.label(value)

    def order(self, counts: dict) -> list:
        """Values with matches, in the order of ``counts`` (the candidates' order) or by count."""
        values = [value for value, count in counts.items() if count]
        if self.by_count:
            values.sort(key=lambda value: -counts[value])
        return values


class StatusFilter(CodedFilter):
    """The status; ``imprisoned`` stands for every status of detention (the statistics' "currently imprisoned")."""

    GROUP = "imprisoned"

    def parse(self, raw):
        if raw == self.GROUP:
            return IMPRISONED_STATUSES
        return super().parse(raw)

    def to_param(self, value) -> str:
        return self.GROUP if value == IMPRISONED_STATUSES else value

    def label(self, value):
        if value == IMPRISONED_STATUSES:
            return _("filter_status_imprisoned", default="Currently imprisoned")
        return super().label(value)

    def chip(self, value):
        return self.label(value)


class YearFilter:
    """The year of detention."""

    param = "year"
    index = "detention_year"
    heading = _("filter_year", default="Year of detention")

    def parse(self, raw):
        if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) == 4:
            raw = int(raw)
        return raw if isinstance(raw, int) and raw in YEAR_RANGE else None

    def candidates(self, index) -> list:
        return [value for value in index.uniqueValues() if isinstance(value, int)]

    def to_param(self, value) -> str:
        return str(value)

    def label(self, value):
        return str(value)

    def chip(self, value):
        return _("chip_year", default="Detained in ${year}", mapping={"year": value})

    def order(self, counts: dict) -> list:
        return sorted((value for value, count in counts.items() if count), reverse=True)


class ChoiceFilter:
    """A filter with a few fixed choices: (URL value, index value, label)."""

    def __init__(self, param, index, heading, choices):
        self.param = param
        self.index = index
        self.heading = heading
        self.choices = choices

    def parse(self, raw):
        for url_value, index_value, _label in self.choices:
            if raw == url_value:
                return index_value
        return None

    def candidates(self, index) -> list:
        return [index_value for _url_value, index_value, _label in self.choices]

    def to_param(self, value) -> str:
        return next(url_value for url_value, index_value, _label in self.choices if index_value == value)

    def label(self, value):
        return next(text for _url_value, index_value, text in self.choices if index_value == value)

    def chip(self, value):
        return self.label(value)

    def order(self, counts: dict) -> list:
        return [value for value, count in counts.items() if count]


FILTERS = (
    StatusFilter("status", "prisoner_status", "status", _("filter_status", default="Status")),
    CodedFilter("region", "prisoner_region", "region", _("filter_region", default="Region"), by_count=True),
    CodedFilter("category", "prisoner_categories", "case_categories", _("filter_category", default="Case category")),
    CodedFilter("article", "prisoner_articles", "articles", _("filter_article", default="Criminal Code article")),
    YearFilter(),
    ChoiceFilter(
        "mentor",
        "mentor_status",
        _("filter_mentor", default="Mentor"),
        (
            ("has", "has", _("filter_mentor_has", default="Has a mentor")),
            ("seeks", "seeks", _("filter_mentor_seeks", default="Seeks a mentor")),
        ),
    ),
    ChoiceFilter(
        "letters",
        "letters_possible",
        _("filter_letters", default="Letters"),
        (("1", True, _("filter_letters_possible", default="Letters get through")),),
    ),
)
FILTERS_BY_PARAM = {item.param: item for item in FILTERS}
# Order of the parameters in the URLs the list makes (stable URLs are easier to share and to cache).
PARAM_ORDER = ("q", *FILTERS_BY_PARAM, "sort", "b_start")


@dataclass
class Selection:
    """What the reader asked for: search text, filters (param -> index value), sort and page offset."""

    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = DEFAULT_SORT
    b_start: int = 0

    @property
    def is_narrowed(self) -> bool:
        return bool(self.q or self.filters)

    def params(self) -> dict:
        """The URL parameters of this selection, without defaults."""
        params = {"q": self.q}
        for param, value in self.filters.items():
            params[param] = FILTERS_BY_PARAM[param].to_param(value)
        if self.sort != DEFAULT_SORT:
            params["sort"] = self.sort
        if self.b_start:
            params["b_start"] = str(self.b_start)
        return params

    def url(self, base: str, **changes) -> str:
        """``base`` with this selection's parameters changed by ``changes`` (None removes one).

        A change of search, filter or sort starts again on the first page.
        """
        params = self.params()
        if "b_start" not in changes:
            params.pop("b_start", None)
        params.update(changes)
        return listing_url(base, params)


def listing_url(base: str, params: dict) -> str:
    params = {**params, "sort": None if params.get("sort") == DEFAULT_SORT else params.get("sort")}
    items = [(name, params[name]) for name in PARAM_ORDER if params.get(name) not in (None, "", 0)]
    return f"{base}?{urlencode(items)}" if items else base


def parse_selection(form) -> Selection:
    """The selection of a request's form; invalid or repeated values are ignored, never an error."""
    q = form.get("q")
    q = " ".join(q.split())[:MAX_QUERY_LENGTH] if isinstance(q, str) else ""
    filters = {}
    for item in FILTERS:
        value = item.parse(form.get(item.param))
        if value is not None:
            filters[item.param] = value
    sort = form.get("sort")
    sort = sort if isinstance(sort, str) and sort in SORTS else DEFAULT_SORT
    return Selection(q=q, filters=filters, sort=sort, b_start=_offset(form.get("b_start")))


def _offset(raw) -> int:
    if isinstance(raw, str) and raw.isascii() and raw.isdigit():
        raw = int(raw)
    return raw if isinstance(raw, int) and raw >= 0 else 0


def searchable_query(language: str, q: str = "") -> dict | None:
    """The catalog query of the public profiles in ``language`` matching the search text ``q``.

    None when ``q`` has no searchable word (only punctuation): such a search matches nothing.
    """
    query = public_profiles_query(language)
    if q:
        term = munge_search_term(q)
        if not term:
            return None
        query["SearchableText"] = term
    return query


@dataclass
class Counts:
    """The matching record ids and, per filter, how many profiles each of its values would match."""

    ids: IISet
    facets: dict


def count(catalog, base_ids: IISet, selection: Selection) -> Counts:
    """Filter ``base_ids`` by the selection, and count each filter value given the *other* active filters."""
    indexes = {item.param: catalog.Indexes[item.index] for item in FILTERS}
    selected = {param: index_rows(indexes[param], value) for param, value in selection.filters.items()}
    facets = {}
    for item in FILTERS:
        ids = base_ids
        for param, row in selected.items():
            if param != item.param:
                ids = intersection(ids, row)
        index = indexes[item.param]
        facets[item.param] = {
            value: len(intersection(ids, index_rows(index, value))) for value in item.candidates(index)
        }
    ids = base_ids
    for row in selected.values():
        ids = intersection(ids, row)
    return Counts(ids=ids, facets=facets)


def ordered(catalog, ids, sort: str) -> list:
    """``ids`` in the order of ``sort``: by name, or newest first by a date (undated ones last, by name)."""
    titles = catalog.Indexes["sortable_title"].documentToKeyMap()
    by_name = sorted(ids, key=lambda rid: titles.get(rid, ""))
    if sort == "name":
        return by_name
    index_name = "detention_date" if sort == "detention" else "recognised_on"
    dates = catalog.Indexes[index_name].documentToKeyMap()
    keyed = [(dates.get(rid), rid) for rid in by_name]
    undated = [rid for date, rid in keyed if date is None]
    dated = [pair for pair in keyed if pair[0] is not None]
    # Stable sort: profiles of the same date stay in the order of their names.
    dated.sort(key=itemgetter(0), reverse=True)
    dated = [rid for _date, rid in dated]
    return dated + undated


def brains(catalog, ordered_ids: list):
    """The catalog brains of ``ordered_ids``, made only for the items a page shows."""
    return compat.lazy_brains(catalog, ordered_ids)
