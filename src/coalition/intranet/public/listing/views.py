"""The public list of political prisoners: ``/<lang>/prisoners`` (layout of each language's prisoners folder).

Search, filters, sorting and pages are plain links and a GET form (shareable URLs, no JavaScript needed);
the counting and ordering happen in ``listing_query`` on the catalog, the view only shapes what to show.
"""

from coalition.intranet import _
from coalition.intranet.public.facts import IMPRISONED_STATUSES
from coalition.intranet.public.facts import ListPage
from coalition.intranet.public.facts import visible_record_ids
from coalition.intranet.public.listing import query
from plone import api
from plone.batching import Batch
from zope.i18n import translate


# Filter values shown at once; the rest of a long list (regions) folds into "more".
VISIBLE_OPTIONS = 8
SORT_LABELS = {
    "name": _("sort_name", default="Name"),
    "detention": _("sort_detention", default="Newest detention"),
    "recognised": _("sort_recognised", default="Recognition date"),
}


class PrisonersListingView(ListPage):
    """``@@prisoners-listing``: search, filter, sort and page through the published profiles of a language."""

    not_here = "The list of political prisoners is the prisoners folder of a language."

    def update(self) -> None:
        super().update()
        public = query.searchable_query(self.language)
        self.catalog = api.portal.get_tool("portal_catalog")
        self.base_url = self.context.absolute_url()
        self.selection = query.parse_selection(self.request.form)
        matching_text = visible_record_ids(self.catalog, query.searchable_query(self.language, self.selection.q))
        self.counts = query.count(self.catalog, matching_text, self.selection)
        # The total is the whole public list of the language, whatever is searched or filtered.
        self.total = len(visible_record_ids(self.catalog, public)) if self.selection.q else len(matching_text)
        self.matches = len(self.counts.ids)
        ordered_ids = query.ordered(self.catalog, self.counts.ids, self.selection.sort)
        b_start = self.selection.b_start if self.selection.b_start < self.matches else 0
        self.batch = Batch(query.brains(self.catalog, ordered_ids), query.PAGE_SIZE, b_start)

    def translate(self, message) -> str:
        return translate(message, context=self.request)

    def fact_label(self, fact: str, value) -> str:
        """The label of a coded fact in the reader's language ("" without a value)."""
        return self.translate(query.coded_label(fact, value)) if value else ""

    def url(self, **changes) -> str:
        return self.selection.url(self.base_url, **changes)

    # Count, search and chips

    def count_text(self) -> str:
        if self.selection.is_narrowed:
            message = _(
                "listing_count_matching",
                default="${count} of ${total} political prisoners match",
                mapping={"count": self.matches, "total": self.total},
            )
        elif self.total == 1:
            message = _("listing_count_one", default="1 political prisoner")
        else:
            message = _("listing_count", default="${count} political prisoners", mapping={"count": self.total})
        return self.translate(message)

    def hidden_fields(self) -> list[tuple[str, str]]:
        """The active filters and sort, kept by a new search."""
        params = self.selection.params()
        return [(name, params[name]) for name in query.PARAM_ORDER if name not in ("q", "b_start") and name in params]

    def chips(self) -> list[dict]:
        """One removable chip per active filter (and the search text)."""
        chips = []
        if self.selection.q:
            search = _("chip_search", default="Search: ${text}", mapping={"text": self.selection.q})
            chips.append({"label": self.translate(search), "url": self.url(q=None)})
        for param, value in self.selection.filters.items():
            item = query.FILTERS_BY_PARAM[param]
            chips.append({"label": self.translate(item.chip(value)), "url": self.url(**{param: None})})
        return chips

    def clear_url(self) -> str:
        return query.listing_url(self.base_url, {"sort": self.selection.params().get("sort")})

    # Filters and sorting

    def facets(self) -> list[dict]:
        facets = []
        for item in query.FILTERS:
            counts = self.counts.facets[item.param]
            active = self.selection.filters.get(item.param)
            values = item.order(counts)
            if active is not None and active not in values:
                values.insert(0, active)
            if not values:
                continue
            options = [self._option(item, value, counts.get(value, 0), value == active) for value in values]
            visible, more = options[:VISIBLE_OPTIONS], options[VISIBLE_OPTIONS:]
            facets.append(
                {
                    "param": item.param,
                    "heading": self.translate(item.heading),
                    "options": visible,
                    "more": more,
                    "more_open": any(option["active"] for option in more),
                }
            )
        return facets

    def _option(self, item, value, count: int, active: bool) -> dict:
        # The link of the active value removes it; any other value replaces the filter's current value.
        url = self.url(**{item.param: None if active else item.to_param(value)})
        return {"label": self.translate(item.label(value)), "count": count, "url": url, "active": active}

    def active_filter_count(self) -> int:
        return len(self.selection.filters)

    def sorts(self) -> list[dict]:
        current = self.selection.sort
        return [
            {"label": self.translate(SORT_LABELS[sort]), "url": self.url(sort=sort), "active": sort == current}
            for sort in query.SORTS
        ]

    # Results

    def cards(self) -> list[dict]:
        return [self._card(brain) for brain in self.batch]

    def _card(self, brain) -> dict:
        # The Russian name and the photo are not catalog metadata: wake the (at most 24) profiles of the page.
        profile = brain.getObject()
        url = brain.getURL()
        name_ru = getattr(profile, "name_ru", None) or ""
        status = brain.prisoner_status or None
        detained = brain.detention_date or None
        has_photo = bool(getattr(profile, "image", None))
        return {
            "url": url,
            "name": brain.Title,
            "name_ru": name_ru if self.language != "ru" and name_ru != brain.Title else "",
            "status": self.fact_label("status", status),
            "imprisoned": status in IMPRISONED_STATUSES,
            "region": self.fact_label("region", brain.prisoner_region),
            "articles": [self.fact_label("articles", code) for code in brain.prisoner_articles or ()],
            "year": detained.year if detained else None,
            # Scales of the photo for 1x and 2x screens; no image element at all without a photo.
            "image": f"{url}/@@images/image/thumb" if has_photo else None,
            "image_2x": f"{url}/@@images/image/mini" if has_photo else None,
        }

    def pages(self) -> list[dict]:
        """Page links around the current page (Plone's batch navigation list), with the first and last."""
        batch = self.batch
        numbers = list(batch.navlist)
        if batch.show_link_to_first:
            numbers = [1] + ([None] if batch.second_page_not_in_navlist else []) + numbers
        if batch.show_link_to_last:
            numbers += ([None] if batch.before_last_page_not_in_navlist else []) + [batch.lastpage]
        return [
            {"number": number, "url": self.page_url(number), "current": number == batch.pagenumber}
            if number
            else {"number": None}
            for number in numbers
        ]

    def page_url(self, number: int) -> str:
        return self.url(b_start=(number - 1) * query.PAGE_SIZE)
