"""Upgrade step handlers, one function per step, named after what they change."""

from coalition.intranet.cases.regions import region_code
from coalition.intranet.site.api import build_site_structure
from plone import api


PROFILE = "profile-coalition.intranet:default"


def add_identity_and_groups(context):
    """20261126001 -> 20261126002: the coalition identity (CSS bundle, logo, titles) and its groups."""
    context.runImportStepFromProfile(PROFILE, "plone.app.registry")
    build_site_structure(api.portal.get())


def add_workspaces(context):
    """20261126002 -> 20261126003: rosters and audit log, notifications and dashboard, working documents,
    the upload limit, the public About page, and closed channels (resolveuid, redirects, sharing)."""
    for step in (
        "rolemap",
        "typeinfo",
        "workflow",
        "placeful_workflow",
        "actions",
        "plone.app.registry",
        "memberdata-properties",
        "repositorytool",
        "difftool",
    ):
        context.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
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
    for step in (
        "rolemap",
        "typeinfo",
        "workflow",
        "placeful_workflow",
        "catalog",
        "actions",
        "plone.app.registry",
        "repositorytool",
        "difftool",
    ):
        context.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
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
    for step in ("typeinfo", "catalog", "rolemap", "workflow", "plone.app.registry"):
        context.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
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
