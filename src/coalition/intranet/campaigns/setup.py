"""``install(portal)``: what a site needs from the campaign concern beyond the profile's XML steps.

Idempotent; called by the default profile's post-install handler (new sites) and by the upgrade step
(existing sites): campaigns and statements offered in the "Add new" menu of their sections, the front page as
the view of every language root, and the moderators' global role for the public editors.
"""

from coalition.intranet.site import structure
from coalition.intranet.site.api import language_root
from coalition.intranet.site.api import restrict_types
from coalition.intranet.site.api import site_languages
from plone import api


def install(portal) -> None:
    with api.env.adopt_roles(["Manager"]):
        languages = [language for language in site_languages() if language in portal]
        for language in languages:
            root = language_root(portal, language)
            _offer_types(root)
            _show_front_page(root)
        _grant_moderators()


def _offer_types(root) -> None:
    for section_id, extra in structure.PUBLIC_SECTION_ADDABLE_EXTRA_TYPES.items():
        section = root.get(section_id)
        if section is not None:
            types = structure.PUBLIC_TYPES + tuple(extra)
            restrict_types(section, types, addable=types)
            if section.getLayout() != structure.PUBLIC_SECTION_LAYOUTS[section_id]:
                section.setLayout(structure.PUBLIC_SECTION_LAYOUTS[section_id])


def _show_front_page(root) -> None:
    """The front page replaces a default page (the demo's old "Welcome" page stays, as a page)."""
    if root.getProperty("default_page", None):
        root.setDefaultPage(None)
    if root.getLayout() != structure.LANGUAGE_ROOT_LAYOUT:
        root.setLayout(structure.LANGUAGE_ROOT_LAYOUT)


def _grant_moderators() -> None:
    roles = structure.GROUPS["public-editors"][1]
    group = api.group.get(groupname="public-editors")
    if group is not None and roles:
        api.group.grant_roles(groupname="public-editors", roles=list(roles))
