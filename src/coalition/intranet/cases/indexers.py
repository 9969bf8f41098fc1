"""What the catalog learns about a case file: never a confidential value.

The catalog is shared by every channel (search, listings, REST ``@search`` with ``metadata_fields``),
so confidential fields are kept out of ``SearchableText`` and of the metadata columns altogether.
"""

from coalition.intranet.cases.content import ICaseFile
from plone.indexer import indexer


SEARCHABLE_FIELDS = ("full_name", "full_name_latin", "region", "court", "place_of_detention")


@indexer(ICaseFile)
def searchable_text(case):
    parts = [getattr(case, name, None) or "" for name in SEARCHABLE_FIELDS]
    parts.extend(getattr(case, "articles", None) or [])
    return " ".join(part for part in parts if part)


@indexer(ICaseFile)
def description(case):
    # The metadata column Description would otherwise take a Description() of the object: keep it empty.
    return ""
