"""Upgrade step handlers, one function per step, named after what they change."""

from coalition.intranet.site.api import build_site_structure
from plone import api


def add_identity_and_groups(context):
    """20261126001 -> 20261126002: the coalition identity (CSS bundle, logo, titles) and its groups."""
    context.runImportStepFromProfile("profile-coalition.intranet:default", "plone.app.registry")
    build_site_structure(api.portal.get())
