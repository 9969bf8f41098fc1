"""Upgrade step handlers, one function per step, named after what they change."""

from coalition.intranet.cases.api import remove_group_grants_from_all_cases
from coalition.intranet.cases.regions import region_code
from coalition.intranet.public.boundary.anonymity import anonymise_public_content
from coalition.intranet.public.boundary.photos import scrub_public_photos
from coalition.intranet.site.api import build_site_structure
from coalition.intranet.site.handlers import bind_comments_to_their_workflow
from coalition.intranet.site.handlers import install_concerns
from plone import api


PROFILE = "profile-coalition.intranet:default"


def rerun_steps(context, *steps: str) -> None:
    """Run these import steps of the profile again (without their dependencies).

    The registry and workflow steps make plone.app.discussion bind comments to its own workflow again (it
    listens to its moderation record): comments go back to the coalition's (site/handlers.py)."""
    for step in steps:
        context.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    if {"plone.app.registry", "workflow"} & set(steps):
        bind_comments_to_their_workflow()


def add_identity_and_groups(context):
    """20261126001 -> 20261126002: the coalition identity (CSS bundle, logo, titles) and its groups."""
    context.runImportStepFromProfile(PROFILE, "plone.app.registry")
    build_site_structure(api.portal.get())


def add_workspaces(context):
    """20261126002 -> 20261126003: rosters and audit log, notifications and dashboard, working documents,
    the upload limit, the public About page, and closed channels (resolveuid, redirects, sharing)."""
    rerun_steps(
        context,
        "rolemap",
        "typeinfo",
        "workflow",
        "placeful_workflow",
        "actions",
        "plone.app.registry",
        "memberdata-properties",
        "repositorytool",
        "difftool",
    )
    build_site_structure(api.portal.get())
    _drop_owner_role_on_workspaces()
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    api.portal.get()["intranet"].reindexObjectSecurity()


def add_drafting_and_case_files(context):
    """20261126003 -> 20261126004: ballots, criteria and co-drafting (comments, locks, working copies);
    case files with evidence, assessment, decisions and publication; prisoner profiles."""
    setup_tool = api.portal.get_tool("portal_setup")
    for dependency in ("plone.app.discussion:default", "plone.app.iterate:default"):
        if setup_tool.getLastVersionForProfile(dependency) == "unknown":
            setup_tool.runAllImportStepsFromProfile(f"profile-{dependency}")
    rerun_steps(
        context,
        "rolemap",
        "typeinfo",
        "workflow",
        "placeful_workflow",
        "catalog",
        "actions",
        "plone.app.registry",
        "repositorytool",
        "difftool",
    )
    catalog = api.portal.get_tool("portal_catalog")
    catalog.manage_reindexIndex(ids=["nominating_organisation", "publication_consent"])
    build_site_structure(api.portal.get())
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    api.portal.get()["intranet"].reindexObjectSecurity()


PROFILE_INDEXES = (
    "prisoner_status",
    "prisoner_region",
    "prisoner_articles",
    "prisoner_categories",
    "detention_date",
    "detention_year",
    "recognised_on",
    "prisoner_birthday",
    "prisoner_expected_release",
    "mentor_status",
    "letters_possible",
)


def add_public_website(context):
    """20261126004 -> 20261126005: regions become codes of a vocabulary; profiles gain photo, letters,
    mentors and case categories, and the catalog indexes the public list filters by."""
    rerun_steps(context, "typeinfo", "catalog", "rolemap", "workflow", "plone.app.registry")
    # Case files and evidence now manage who may read their versions (REST @history).
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=["CaseFile", "PrisonerProfile"]):
        item = brain._unrestrictedGetObject()
        code = region_code(getattr(item, "region", None) or "")
        if code and code != item.region:
            item.region = code
        item.reindexObject()
    catalog.manage_reindexIndex(ids=list(PROFILE_INDEXES))
    build_site_structure(api.portal.get())


def add_publication_boundary(context):
    """20261126005 -> 20261204001: prisoner profiles exist and are public only by the act of a decided case
    (the register of acts, their own workflow and class, facts nobody edits on a profile); case access is
    granted to people and organisations only; public content names no member."""
    rerun_steps(context, "rolemap", "typeinfo", "workflow", "catalog", "actions", "plone.app.registry")
    # Sites created by a script could have comments bound to plone.app.discussion's workflow (site/handlers.py).
    bind_comments_to_their_workflow()
    _give_profiles_their_class()
    _register_acts_of_publication()
    remove_group_grants_from_all_cases()
    anonymise_public_content(api.portal.get())
    scrub_public_photos(api.portal.get())
    build_site_structure(api.portal.get())  # the "Add new" menu of prisoners no longer offers profiles
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    catalog = api.portal.get_tool("portal_catalog")
    catalog.manage_reindexIndex(ids=["granted_organisations"])
    for brain in catalog.unrestrictedSearchResults(portal_type="PrisonerProfile"):
        brain._unrestrictedGetObject().reindexObjectSecurity()


def add_outreach_and_operations(context):
    """20261204001 -> 20261204002: mentorship, cultural events, campaigns and statements with the front page;
    ballots run by coordinators with consultations and file versions; caching proxy rules; the login guard;
    the import of lists. The free-text mentors of profiles become draft mentors (mentorship/setup.py)."""
    rerun_steps(
        context,
        "rolemap",
        "typeinfo",
        "workflow",
        "placeful_workflow",
        "catalog",
        "actions",
        "plone.app.registry",
        "repositorytool",
    )
    portal = api.portal.get()
    build_site_structure(portal)
    install_concerns(portal)
    # The workflow step rebinds comments to plone.app.discussion's workflow (site/handlers.py).
    bind_comments_to_their_workflow()
    # "Has a mentor" now counts real mentorships, not the free text.
    api.portal.get_tool("portal_catalog").manage_reindexIndex(ids=["mentor_status"])
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    portal["intranet"].reindexObjectSecurity()


def _give_profiles_their_class():
    """Profiles stored as plain Dexterity items become ``PrisonerProfile`` objects (their traversal hook and
    workflow guards live on the class). The folder stores the object again so that its reference holds the
    new class too."""
    from Acquisition import aq_base
    from Acquisition import aq_parent
    from coalition.intranet.public.profile.content import PrisonerProfile

    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="PrisonerProfile"):
        profile = brain._unrestrictedGetObject()
        if isinstance(profile, PrisonerProfile):
            continue
        folder, profile_id = aq_parent(profile), profile.getId()
        stored = aq_base(profile)
        stored.__class__ = PrisonerProfile
        stored._p_changed = True
        folder._delOb(profile_id)
        folder._setOb(profile_id, stored)


def _register_acts_of_publication():
    """Record the acts of the case files that published a profile before the register existed; profiles
    without a case stay unregistered: the trust report lists them as older data."""
    from coalition.intranet.public import api as public
    from coalition.intranet.public.boundary import provenance

    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="CaseFile"):
        case = brain._unrestrictedGetObject()
        profile = public.profile_by_uid(getattr(case, "published_profile_uid", None))
        if profile is None or provenance.provenance(api.content.get_uuid(profile)) is not None:
            continue
        languages = public.public_languages(profile)
        provenance.record_publication(api.content.get_uuid(profile), brain.UID, "upgrade", languages)
        if not languages:
            provenance.record_retraction(api.content.get_uuid(profile), "upgrade", "retracted before 20261204001", [])


def _drop_owner_role_on_workspaces():
    """Whoever created a workspace held Owner on it; the roster alone now decides who may do what."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=["Organisation", "WorkingGroup"]):
        workspace = brain._unrestrictedGetObject()
        for principal, roles in workspace.get_local_roles():
            if "Owner" in roles:
                kept = [role for role in roles if role != "Owner"]
                if kept:
                    workspace.manage_setLocalRoles(principal, kept)
                else:
                    workspace.manage_delLocalRoles([principal])


def add_second_factor_and_encryption(context):
    """20261204002 -> 20261205001: the second factor (who must use it, the reset permission, the user menu and
    control panel entries), encryption at rest of the confidential case fields, evidence files and versions
    (with a key-check canary), the login log, and the housekeeping of campaign sign-ups.

    After it: pack the database (old transactions still hold the fields in clear) and make a new full backup
    (docs/security.md, "Encryption at rest")."""
    rerun_steps(context, "rolemap", "plone.app.registry")
    install_concerns(api.portal.get())
