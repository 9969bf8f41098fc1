"""The one serialisation of a public profile: what the page, the REST API, the RSS feed and the open data show.

``public_profile_data(profile)`` decides which fields of a profile the public gets, and under which rule; every
output takes its values from it (``views.py``, ``serializers.py``, ``feeds/rss.py``, ``feeds/opendata.py``), so
a field added to ``PUBLIC_FIELDS`` or withheld by a rule changes in every output at once. A field of the model
that is not listed is withheld everywhere, the REST API included.

The rule kept here: the postal address is public only while letters get through. An address kept for later
(letters blocked, a transfer pending) stays with the editors.
"""

from coalition.intranet.public.facts import label
from plone import api
from plone.base.interfaces import ILanguage


# The facts an act of publication copies from the case (``api.upsert_profile`` writes exactly these).
FACTS_FROM_THE_CASE = (
    "title",
    "name_ru",
    "birth_year",
    "date_of_birth",
    "gender",
    "region",
    "articles",
    "status",
    "date_of_detention",
    "expected_release",
    "sentence",
    "place_of_detention",
    "recognised_on",
    "criteria_version",
    "category",
    "case_categories",
)
# The texts of each language (editors and translators) and the editorial facts (public editors).
TEXTS = ("story", "interests")
# The old free-text ``mentors`` is not public any more: mentors come from the mentorship's public record.
EDITORIAL_FACTS = ("image", "image_caption", "letters_possible", "postal_address", "seeks_mentor")
# The public fields of a profile, in the order of the model (models/prisoner_profile.xml).
PUBLIC_FIELDS = FACTS_FROM_THE_CASE + TEXTS + EDITORIAL_FACTS
# Public only while letters get through.
SHOWN_ONLY_WHILE_LETTERS_GET_THROUGH = ("postal_address",)
# The coded facts a one-line summary names (link previews, the feed), in this order, then the articles.
SUMMARY_FACTS = ("status", "region")


def letters_get_through(profile) -> bool:
    """Whether letters currently reach the person (an editorial fact of the profile)."""
    return bool(getattr(profile, "letters_possible", False))


def postal_address_is_public(profile) -> bool:
    """The postal-address rule: the address is public only while letters get through."""
    return letters_get_through(profile)


def withheld_fields(profile) -> tuple[str, ...]:
    """The public fields the public does not get from this profile now."""
    return () if postal_address_is_public(profile) else SHOWN_ONLY_WHILE_LETTERS_GET_THROUGH


def public_profile_data(profile) -> dict:
    """``{field: stored value}`` of the public fields of ``profile``; a withheld field is left out."""
    withheld = withheld_fields(profile)
    return {name: getattr(profile, name, None) for name in PUBLIC_FIELDS if name not in withheld}


def summary_labels(data: dict, translate) -> tuple[list[str], list[str]]:
    """The labels a one-line summary of a profile names: of its status and region (those it has), and of
    each of its articles; ``translate`` puts a label into the reader's language."""
    facts = [translate(label(field, data[field])) for field in SUMMARY_FACTS if data.get(field)]
    articles = [translate(label("articles", code)) for code in data.get("articles") or ()]
    return facts, articles


def profile_language(profile) -> str:
    """The language of a profile (the site's default language for a profile without one)."""
    return ILanguage(profile).get_language() or api.portal.get_default_language()
