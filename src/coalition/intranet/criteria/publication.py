"""Publication of the adopted definition to the public ``/<lang>/definition`` pages.

Publishing is an explicit act (``publish_definition``, the "Publish adopted definition" button): it copies
the whitelisted texts of an adopted criteria version (per language: id, kind, title, explanation; plus
the version number, adoption date and the names of the adopting organisations) into an annotation of each
language's ``definition`` folder. The public page reads only that copy, never the private CriteriaSet;
earlier published versions stay in the list and stay readable.
"""

from AccessControl import Unauthorized
from coalition.intranet.criteria import api as criteria
from coalition.intranet.security import api as audit
from coalition.intranet.site.api import language_root
from coalition.intranet.site.structure import LANGUAGES
from datetime import datetime
from datetime import UTC
from persistent.list import PersistentList
from plone import api
from z3c.caching.purge import Purge
from zope.annotation.interfaces import IAnnotations
from zope.event import notify


PUBLISHED_KEY = "coalition.intranet.criteria.published"
SECTION_ID = "definition"
PUBLISH_DEFINITION = "coalition: Publish definition"


def definition_folders(site=None) -> dict:
    """``{language: the public definition folder}`` for every site language that has one."""
    site = site or api.portal.get()
    found = {}
    for language in LANGUAGES:
        if language not in site.objectIds():
            continue
        root = language_root(site, language)
        if SECTION_ID in root.objectIds():
            found[language] = root[SECTION_ID]
    return found


def public_copy(version: criteria.CriteriaVersion, language: str) -> dict:
    """The whitelist: what of an adopted version leaves the intranet, in ``language`` (English as fallback)."""
    return {
        "number": version.number,
        "adopted": version.adopted.isoformat(),
        "organisations": tuple(version.organisations),
        "secret_ballot": version.secret_ballot,
        "items": tuple(
            {
                "id": item["id"],
                "kind": item["kind"],
                "title": item["title"].get(language) or item["title"]["en"],
                "explanation": item["explanation"].get(language) or item["explanation"]["en"],
            }
            for item in version.items
        ),
    }


def may_publish(folder) -> bool:
    return bool(api.user.has_permission(PUBLISH_DEFINITION, obj=folder))


def publish_definition(number: int | None = None, site=None) -> int:
    """Publish adopted version ``number`` (default: the latest) in every language; returns its number.

    Needs ``coalition: Publish definition`` on every definition folder (coordinators, public editors).
    Publishing a version already published replaces its copy (e.g. after a translation was completed).
    """
    folders = definition_folders(site)
    if not folders or not all(may_publish(folder) for folder in folders.values()):
        raise Unauthorized("You may not publish the definition.")
    version = criteria.criteria_version(number) if number else criteria.current_version()
    if version is None:
        raise ValueError("There is no adopted version of the criteria to publish.")
    actor = api.user.get_current().getId() or ""
    published = datetime.now(UTC).isoformat()
    for language, folder in folders.items():
        annotations = IAnnotations(folder)
        if PUBLISHED_KEY not in annotations:
            annotations[PUBLISHED_KEY] = PersistentList()
        stored = annotations[PUBLISHED_KEY]
        copy = dict(public_copy(version, language), published=published)
        kept = [entry for entry in stored if entry["number"] != version.number]
        stored[:] = sorted(kept + [copy], key=lambda entry: entry["number"])
        folder.reindexObject()
        # The page is the folder's view, unchanged as content: tell the caching proxy it changed.
        notify(Purge(folder))
    audit.record(
        "definition.published", folders.get("en") or next(iter(folders.values())), actor, number=version.number
    )
    return version.number


def published_versions(folder) -> list[dict]:
    """The versions published in this definition folder, oldest first (copies, safe to change)."""
    return [dict(entry) for entry in IAnnotations(folder).get(PUBLISHED_KEY, ())]
