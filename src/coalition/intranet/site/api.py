"""Build and check the site structure. Idempotent: every function may run again on an existing site."""

from coalition.intranet.site import structure
import pathlib
from plone import api
from plone.app.multilingual.browser.setup import SetupMultilingualSite
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage
from plone.base.interfaces.constrains import ENABLED
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from plone.dexterity.utils import createContentInContainer
from plone.formwidget.namedfile.converter import b64encode_file
from Products.CMFCore.indexing import processQueue
import transaction
from zope.component.hooks import setSite
from zope.dottedname.resolve import resolve
from zope.interface import alsoProvides


LOGO_PATH = pathlib.Path(__file__).parent.parent / "theme" / "static" / "logo.svg"
LANGUAGE_NEUTRAL = ""
# /intranet opens on the personal dashboard (dashboard/): my workspaces, recent changes, what waits for me.
INTRANET_LAYOUT = "dashboard"


def create_site(app, site_id: str = "coalition", *, demo: bool = False):
    """Create the Plone site with the Classic UI distribution and the coalition profile(s)."""
    from plone.distribution.api.site import create

    answers = {
        "site_id": site_id,
        "title": structure.SITE_TITLE[structure.DEFAULT_LANGUAGE],
        "description": structure.SITE_DESCRIPTION[structure.DEFAULT_LANGUAGE],
        "default_language": structure.DEFAULT_LANGUAGE,
        "portal_timezone": "Europe/Berlin",
        "setup_content": False,
    }
    site = create(app, "classic", answers)
    setSite(site)
    setup_tool = site.portal_setup
    setup_tool.runAllImportStepsFromProfile("profile-coalition.intranet:default")
    if demo:
        setup_tool.runAllImportStepsFromProfile("profile-coalition.intranet:demo")
    transaction.commit()
    return site


def build_site_structure(site) -> None:
    """Languages, public sections, the intranet, groups and identity: everything the default profile sets up."""
    with api.env.adopt_roles(["Manager"]):
        setup_languages(site)
        setup_public_sections(site)
        setup_intranet(site)
        setup_groups(site)
        apply_identity(site)
    # Flush the deferred catalog operations now: later steps in the same transaction query the catalog.
    processQueue()


def language_root(site, language: str):
    """The language root folder (``/en``, ``/de``…)."""
    return site[language]


def site_languages() -> list[str]:
    """The site's languages in their configured order (``plone.available_languages``): the one answer for every
    view, job and serializer (``structure.LANGUAGES`` is only what a new site is built with)."""
    return list(api.portal.get_registry_record("plone.available_languages", default=[]) or [])


def translators_group(language: str) -> str:
    """The id of the group of translators into ``language``."""
    return structure.TRANSLATORS_GROUP.format(language=language)


def translator_languages(user=None) -> list[str]:
    """The site languages ``user`` (default: the current user) translates into: those of their translators'
    groups, in the order of the site languages."""
    user = user or api.user.get_current()
    groups = set(user.getGroups() or ())
    return [language for language in site_languages() if translators_group(language) in groups]


def setup_languages(site) -> None:
    """Make the site languages available and create their root folders (plone.app.multilingual)."""
    api.portal.set_registry_record("plone.available_languages", list(structure.LANGUAGES))
    api.portal.set_registry_record("plone.default_language", structure.DEFAULT_LANGUAGE)
    api.portal.set_registry_record("plone.use_combined_language_codes", False)
    api.portal.set_registry_record("plone.always_show_selector", True)
    api.portal.set_registry_record("plone.use_request_negotiation", True)
    api.portal.set_registry_record("plone.use_cookie_negotiation", True)
    SetupMultilingualSite().setupSite(site)


def _publish(obj) -> None:
    if api.content.get_state(obj, default=None) != "published":
        api.content.transition(obj, to_state="published")


def setup_public_sections(site) -> None:
    """One folder per public section in every language root, linked as translations and published."""
    for section_id, texts in structure.PUBLIC_SECTIONS.items():
        folders = {}
        for language in structure.LANGUAGES:
            root = language_root(site, language)
            title, description = texts[language]
            if section_id not in root:
                api.content.create(container=root, type="Folder", id=section_id, title=title, description=description)
            folders[language] = root[section_id]
            layout = structure.PUBLIC_SECTION_LAYOUTS.get(section_id)
            if layout and folders[language].getLayout() != layout:
                folders[language].setLayout(layout)
        link_translations(folders)
        for folder in folders.values():
            _publish(folder)
    for language in structure.LANGUAGES:
        root = language_root(site, language)
        restrict_types(root, structure.PUBLIC_TYPES)
        for section_id in structure.PUBLIC_SECTIONS:
            extra = structure.PUBLIC_SECTION_EXTRA_TYPES.get(section_id, ())
            restrict_types(root[section_id], structure.PUBLIC_TYPES + extra, addable=structure.PUBLIC_TYPES)


def restrict_types(container, allowed_types, addable=None) -> None:
    """Allow only ``allowed_types`` in ``container``; sub-folders acquire the restriction. The "Add new" menu
    offers ``addable`` (default: all of them): types that arrive otherwise (by an act) are not offered."""
    constraints = ISelectableConstrainTypes(container)
    constraints.setConstrainTypesMode(ENABLED)
    constraints.setLocallyAllowedTypes(list(allowed_types))
    constraints.setImmediatelyAddableTypes(list(allowed_types if addable is None else addable))


def link_translations(items: dict) -> None:
    """Mark each item with its language and link them all as translations of the default-language item."""
    for language, item in items.items():
        if ILanguage(item).get_language() != language:
            ILanguage(item).set_language(language)
            item.reindexObject()
    manager = ITranslationManager(items[structure.DEFAULT_LANGUAGE])
    for language, item in items.items():
        if language != structure.DEFAULT_LANGUAGE and not manager.has_translation(language):
            manager.register_translation(language, item)


def setup_intranet(site) -> None:
    """The private, language-neutral ``/intranet`` with its sections and its placeful workflow policy."""
    if structure.INTRANET_ID not in site:
        # IntranetSection is not addable through the UI at the root: create it directly.
        createContentInContainer(
            site,
            "IntranetSection",
            id=structure.INTRANET_ID,
            title=structure.INTRANET_TITLE,
            checkConstraints=False,
        )
    intranet = site[structure.INTRANET_ID]
    if intranet.getLayout() != INTRANET_LAYOUT:
        intranet.setLayout(INTRANET_LAYOUT)
    _assign_intranet_policy(site, intranet)
    ILanguage(intranet).set_language(LANGUAGE_NEUTRAL)
    for section_id, (title, allowed_types) in structure.INTRANET_SECTIONS.items():
        if section_id not in intranet:
            createContentInContainer(intranet, "IntranetSection", id=section_id, title=title, checkConstraints=False)
        section = intranet[section_id]
        ILanguage(section).set_language(LANGUAGE_NEUTRAL)
        restrict_types(section, allowed_types)
        marker = structure.INTRANET_SECTION_MARKERS.get(section_id)
        if marker:
            alsoProvides(section, resolve(marker))
        for principal, roles in structure.INTRANET_SECTION_LOCAL_ROLES.get(section_id, {}).items():
            section.manage_setLocalRoles(principal, list(roles))
            section.reindexObjectSecurity()
        section.reindexObject()
    intranet.reindexObject()


def _assign_intranet_policy(site, intranet) -> None:
    placeful = api.portal.get_tool("portal_placeful_workflow")
    config = placeful.getWorkflowPolicyConfig(intranet)
    if config is None:
        intranet.manage_addProduct["CMFPlacefulWorkflow"].manage_addWorkflowPolicyConfig()
        config = placeful.getWorkflowPolicyConfig(intranet)
    if config.getPolicyInId() != structure.INTRANET_POLICY or config.getPolicyBelowId() != structure.INTRANET_POLICY:
        config.setPolicyIn(structure.INTRANET_POLICY)
        config.setPolicyBelow(structure.INTRANET_POLICY)
        wftool = api.portal.get_tool("portal_workflow")
        wftool.updateRoleMappings()
        intranet.reindexObjectSecurity()


def setup_groups(site) -> None:
    """The coalition's groups with their global roles, and public editors' local roles on the language roots."""
    for group_id, (title, roles) in structure.GROUPS.items():
        if api.group.get(groupname=group_id) is None:
            api.group.create(groupname=group_id, title=title)
        if roles:
            api.group.grant_roles(groupname=group_id, roles=list(roles))
    for language in structure.LANGUAGES:
        root = language_root(site, language)
        root.manage_setLocalRoles("public-editors", list(structure.PUBLIC_EDITOR_ROLES))
        root.manage_setLocalRoles(translators_group(language), list(structure.TRANSLATOR_ROLES))
        root.reindexObjectSecurity()


def apply_identity(site) -> None:
    """Site title, description and logo; each language root carries the title in its language."""
    default = structure.DEFAULT_LANGUAGE
    site.title = structure.SITE_TITLE[default]
    site.description = structure.SITE_DESCRIPTION[default]
    api.portal.set_registry_record("plone.site_title", structure.SITE_TITLE[default])
    api.portal.set_registry_record("plone.site_logo", b64encode_file("logo.svg", LOGO_PATH.read_bytes()))
    for language in structure.LANGUAGES:
        root = language_root(site, language)
        root.title = structure.SITE_TITLE[language]
        root.description = structure.SITE_DESCRIPTION[language]
        root.reindexObject()
