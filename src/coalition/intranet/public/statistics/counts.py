"""Counts of the public list, from the catalog's indexes over the public result set.

No profile is woken up: the public query (``facts.public_profiles_query``, with the catalog's own security
filter) gives a set of record ids, and each index says which records carry each value; a count is the size
of the intersection. This stays fast with thousands of profiles.
"""

from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from coalition.intranet.public import facts
from dataclasses import dataclass
from plone import api


@dataclass(frozen=True)
class ProfileCounts:
    """How many public profiles carry each value. Articles and categories: a profile can have several."""

    total: int
    by_status: dict
    by_region: dict
    by_article: dict
    by_year: dict
    by_category: dict

    @property
    def imprisoned(self) -> int:
        return sum(self.by_status.get(status, 0) for status in facts.IMPRISONED_STATUSES)

    @property
    def region_not_stated(self) -> int:
        return self.total - sum(self.by_region.values())

    @property
    def year_not_stated(self) -> int:
        return self.total - sum(self.by_year.values())


def count_public_profiles(language: str) -> ProfileCounts:
    catalog = api.portal.get_tool("portal_catalog")
    public = facts.visible_record_ids(catalog, facts.public_profiles_query(language))
    return ProfileCounts(
        total=len(public),
        by_status=count_by_index(catalog, "prisoner_status", public),
        by_region=count_by_index(catalog, "prisoner_region", public),
        by_article=count_by_index(catalog, "prisoner_articles", public),
        by_year=count_by_index(catalog, "detention_year", public),
        by_category=count_by_index(catalog, "prisoner_categories", public),
    )


def count_by_index(catalog, index_name: str, record_ids: IISet) -> dict:
    """{value: number of ``record_ids`` the index holds under that value}, values with no record left out."""
    if not record_ids:
        return {}
    index = catalog.Indexes[index_name]
    counts = {}
    for value in index.uniqueValues():
        count = len(intersection(record_ids, facts.index_rows(index, value)))
        if count:
            counts[value] = count
    return counts
