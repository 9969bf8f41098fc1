"""The criteria of the definition and their adopted, numbered versions.

A ``CriteriaSet`` lives inside the definition's ``WorkingDocument`` (so it is private to that workspace's
roster, like the text). Its ``items`` are the criteria being drafted: scope notes (``scope``, ``S1``: what
"deprived of liberty" covers), inclusion criteria (``criterion``,
ids such as ``C1``..``C5``), exclusion clauses (``exclusion``, ``X1``) and categories (``category``,
``A``, ``B``), each with a title and an explanation per site language.

When a ballot opens on the document, the current items are copied into the ballot; when that ballot is
adopted, the copy becomes the next numbered version (v1, v2, …) with the adoption date, the ballot and
the adopting organisations. Versions are append-only: later case assessments cite a number and always
read the same criteria.
"""

from AccessControl import Unauthorized
from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.security import api as audit
from coalition.intranet.site.structure import LANGUAGES
from dataclasses import dataclass
from datetime import datetime
from persistent.list import PersistentList
from plone import api
import re


CRITERIA_TYPE = "CriteriaSet"
KINDS = ("scope", "criterion", "exclusion", "category")
ITEM_ID = re.compile(r"^[A-Z][A-Z0-9]{0,7}$")
KIND_TITLES = {
    "scope": _("criteria_kind_scope", default="Scope (what the definition covers)"),
    "criterion": _("criteria_kind_criterion", default="Inclusion criterion"),
    "exclusion": _("criteria_kind_exclusion", default="Exclusion clause"),
    "category": _("criteria_kind_category", default="Category"),
}


class CriteriaError(CoalitionError):
    """Criteria that the rules refuse; ``message`` is translatable and safe to show. Nothing was changed."""


@dataclass(frozen=True)
class CriteriaVersion:
    """One adopted, frozen version of the criteria."""

    number: int
    adopted: datetime
    ballot_uid: str
    document_version: int
    organisations: tuple
    secret_ballot: bool
    items: tuple

    def item(self, item_id: str) -> dict | None:
        return next((dict(item) for item in self.items if item["id"] == item_id), None)


def _item(raw: dict) -> dict:
    return {
        "id": raw["id"],
        "kind": raw["kind"],
        "title": {lang: (raw.get("title", {}).get(lang) or "").strip() for lang in LANGUAGES},
        "explanation": {lang: (raw.get("explanation", {}).get(lang) or "").strip() for lang in LANGUAGES},
    }


def items(criteria_set) -> list[dict]:
    """The criteria as drafted now, as fresh dicts (changing them changes nothing stored)."""
    return [_item(item) for item in criteria_set.items]


def set_items(criteria_set, new_items: list[dict]) -> None:
    """Replace the drafted criteria after checking them; adopted versions are never touched.

    Each item needs an id (a capital letter and up to seven capitals or digits: ``C1``, ``X1``, ``A``)
    unique in the set, a kind among ``KINDS`` and an English title.
    """
    if not api.user.has_permission("Modify portal content", obj=criteria_set):
        raise Unauthorized("You may not edit these criteria.")
    checked, seen = [], set()
    for raw in new_items:
        item = _item(raw)
        if not ITEM_ID.match(item["id"]):
            raise CriteriaError(
                _(
                    "criteria_error_id",
                    default="'${id}' is not a valid id: use a capital letter and digits, such as C1 or X1.",
                    mapping={"id": item["id"]},
                )
            )
        if item["id"] in seen:
            raise CriteriaError(
                _("criteria_error_duplicate", default="The id ${id} is used twice.", mapping={"id": item["id"]})
            )
        if item["kind"] not in KINDS:
            raise CriteriaError(
                _("criteria_error_kind", default="Choose the kind of ${id}.", mapping={"id": item["id"]})
            )
        if not item["title"]["en"]:
            raise CriteriaError(
                _("criteria_error_title", default="${id} needs an English title.", mapping={"id": item["id"]})
            )
        seen.add(item["id"])
        checked.append(item)
    # A new tuple each time: the stored value is never mutated in place.
    criteria_set.items = tuple(checked)
    criteria_set.reindexObject()


def criteria_set_of(document):
    """The criteria set inside a working document, or None."""
    for obj in document.objectValues():
        if getattr(obj, "portal_type", None) == CRITERIA_TYPE:
            return obj
    return None


def the_criteria_set():
    """The coalition's criteria set (the first one found), whoever asks; None before one exists."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=CRITERIA_TYPE, sort_on="created"):
        return brain._unrestrictedGetObject()
    return None


def _versions(criteria_set) -> PersistentList:
    if getattr(criteria_set, "_versions", None) is None:
        criteria_set._versions = PersistentList()
    return criteria_set._versions


def _version(stored: dict) -> CriteriaVersion:
    return CriteriaVersion(
        number=stored["number"],
        adopted=datetime.fromisoformat(stored["adopted"]),
        ballot_uid=stored["ballot_uid"],
        document_version=stored["document_version"],
        organisations=tuple(stored["organisations"]),
        secret_ballot=stored["secret_ballot"],
        items=tuple(_item(item) for item in stored["items"]),
    )


def freeze_version(criteria_set, snapshot, ballot, result: dict) -> CriteriaVersion:
    """Append the next numbered version: ``snapshot`` (the items put to the vote) adopted by ``ballot``.

    ``organisations`` are the titles of those that approved; for a secret ballot, of those that voted.
    """
    titles = dict(ballot.eligible_titles)
    adopting = result["participants"] if result["secret"] else result["approving"]
    versions = _versions(criteria_set)
    stored = {
        "number": len(versions) + 1,
        "adopted": result["closed"],
        "ballot_uid": api.content.get_uuid(ballot),
        "document_version": result["document_version"],
        "organisations": tuple(titles.get(org_id, org_id) for org_id in adopting),
        "secret_ballot": result["secret"],
        "items": tuple(_item(item) for item in snapshot),
    }
    versions.append(stored)
    audit.record(
        "criteria.version_adopted",
        criteria_set,
        result["closed_by"],
        number=stored["number"],
        ballot=stored["ballot_uid"],
    )
    return _version(stored)


def adopted_versions(criteria_set=None) -> list[CriteriaVersion]:
    """Every adopted version, oldest first (``criteria_set`` defaults to the coalition's)."""
    criteria_set = criteria_set or the_criteria_set()
    if criteria_set is None:
        return []
    return [_version(stored) for stored in getattr(criteria_set, "_versions", None) or ()]


def criteria_version(number: int, criteria_set=None) -> CriteriaVersion | None:
    """Version ``number`` (1 for v1), or None if there is no such version."""
    found = adopted_versions(criteria_set)
    return found[number - 1] if 0 < number <= len(found) else None


def current_version(criteria_set=None) -> CriteriaVersion | None:
    """The latest adopted version, or None before the first adoption."""
    found = adopted_versions(criteria_set)
    return found[-1] if found else None


# -- reactions to ballots (drafting.interfaces events) ------------------------------------------------------


def on_ballot_started(ballot, event) -> None:
    """A ballot on the definition document carries a copy of the criteria as they are put to the vote."""
    criteria_set = criteria_set_of(ballot.__parent__)
    ballot.criteria_snapshot = tuple(items(criteria_set)) if criteria_set is not None else None


def on_ballot_closed(ballot, event) -> None:
    """An adopted ballot on the definition freezes the criteria it voted on as the next version."""
    snapshot = getattr(ballot, "criteria_snapshot", None)
    if event.result["outcome"] != "adopted" or snapshot is None:
        return
    criteria_set = criteria_set_of(ballot.__parent__)
    if criteria_set is not None:
        freeze_version(criteria_set, snapshot, ballot, event.result)
