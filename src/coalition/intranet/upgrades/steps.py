"""Upgrade step handlers, one function per step, named after what they change."""

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
