"""``install(portal)``: what a site needs for mentorship beyond the profile's XML steps. Idempotent.

- ``/intranet/mentorship`` accepts mentors and mentorships, marked as the registry, coordinators contribute;
- each language's public ``mentorship`` folder shows the overview (layout ``mentorship-overview``);
- the catalog indexes of mentorships exist;
- the old free-text ``mentors`` of profiles become draft ``Mentor`` records with a *proposed* mentorship
  (coordinators confirm consent before anything is public again); each line is kept word for word in the
  mentor's notes, and the profile's field is emptied, so the profile no longer shows unconfirmed names.
"""

from coalition.intranet.mentorship import lifecycle
from coalition.intranet.mentorship import profiles
from coalition.intranet.mentorship import registry
from coalition.intranet.mentorship.interfaces import IMentorshipRegistry
from coalition.intranet.mentorship.vocabularies import COUNTRIES
from coalition.intranet.mentorship.vocabularies import country_name
from coalition.intranet.security import api as audit
from coalition.intranet.site import structure
from coalition.intranet.site.api import language_root
from coalition.intranet.site.api import restrict_types
from coalition.intranet.site.api import site_languages
import contextlib
import logging
from plone import api
from plone.dexterity.utils import createContentInContainer
from Products.PluginIndexes.FieldIndex.FieldIndex import FieldIndex
from zope.interface import alsoProvides


logger = logging.getLogger(__name__)

INDEXES = ("mentorship_mentor", "mentorship_prisoner")
SECTION_TYPES = ("Mentor", "Mentorship")
PUBLIC_LAYOUT = "mentorship-overview"
REGISTRY_LAYOUT = "mentorship-registry"
MIGRATION_NOTE = "Migrated from the free-text mentors of the profile “{profile}”: {line}"


def install(portal) -> None:
    with api.env.adopt_roles(["Manager"]):
        _catalog_indexes(portal)
        _section(portal)
        _public_layouts(portal)
        migrate_free_text_mentors(portal)


def _catalog_indexes(portal) -> None:
    catalog = api.portal.get_tool("portal_catalog")
    added = []
    for name in INDEXES:
        if name not in catalog.indexes():
            catalog._catalog.addIndex(name, FieldIndex(name))
            added.append(name)
    if added:
        catalog.manage_reindexIndex(ids=added)


def _section(portal) -> None:
    intranet = portal.get(structure.INTRANET_ID)
    section = intranet.get(registry.SECTION_ID) if intranet is not None else None
    if section is None:
        return
    alsoProvides(section, IMentorshipRegistry)
    if section.getLayout() != REGISTRY_LAYOUT:
        section.setLayout(REGISTRY_LAYOUT)
    restrict_types(section, SECTION_TYPES)
    section.manage_setLocalRoles("mentorship-coordinators", ["Contributor"])
    section.reindexObjectSecurity()
    section.reindexObject()


def _public_layouts(portal) -> None:
    for language in site_languages():
        try:
            folder = language_root(portal, language).get(registry.SECTION_ID)
        except (KeyError, AttributeError):
            continue
        if folder is not None and folder.getLayout() != PUBLIC_LAYOUT:
            folder.setLayout(PUBLIC_LAYOUT)


def _country_code(text: str) -> str | None:
    wanted = (text or "").strip().lower()
    for code in COUNTRIES:
        if wanted in (code.lower(), country_name(code, "en").lower()):
            return code
    return None


def _mentor_named(name: str):
    for mentor in registry.all_mentors():
        if mentor.name == name:
            return mentor
    return None


def migrate_free_text_mentors(portal) -> int:
    """Turn each line of the profiles' old ``mentors`` field into a draft mentor; returns lines migrated."""
    section = registry.mentorship_section()
    if section is None:
        return 0
    catalog = api.portal.get_tool("portal_catalog")
    migrated = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="PrisonerProfile"):
        profile = brain._unrestrictedGetObject()
        lines = [line.strip() for line in (getattr(profile, "mentors", None) or ()) if line and line.strip()]
        if not lines:
            continue
        uid = profiles.canonical_uid(profile)
        for line in lines:
            name, _sep, rest = line.partition(",")
            body, _sep, country = rest.partition(",")
            mentor = _mentor_named(name.strip())
            if mentor is None:
                mentor = createContentInContainer(
                    section,
                    "Mentor",
                    checkConstraints=False,
                    name=name.strip(),
                    function="national_mp",
                    body=body.strip() or "–",
                    country=_country_code(country) or "",
                    notes=MIGRATION_NOTE.format(profile=profile.Title(), line=line),
                )
                lifecycle._give_up_ownership(mentor)
            else:
                mentor.notes = "\n".join(
                    filter(None, [mentor.notes, MIGRATION_NOTE.format(profile=profile.Title(), line=line)])
                )
            if uid and profiles.is_live(uid):
                # Refused when already proposed from another translation's copy of the same line.
                with contextlib.suppress(lifecycle.MentorshipError):
                    lifecycle.propose(mentor, uid, notes=line)
            audit.record("mentorship.free_text_migrated", mentor, actor="", line=line)
            migrated += 1
        for item in profiles.all_translations(uid) if uid else [profile]:
            item.mentors = []
            item.reindexObject()
    if migrated:
        logger.info("Migrated %d free-text mentor lines into mentor records.", migrated)
    return migrated
