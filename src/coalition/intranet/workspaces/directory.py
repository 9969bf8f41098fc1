"""The public directory of member organisations: the only part of a workspace that is ever public.

Only the whitelisted fields below leave the intranet; the workspace object itself stays private, so the
directory is read with the catalog unrestricted and copied into plain dictionaries.
"""

from plone import api


PUBLIC_ORGANISATION_FIELDS = ("title", "country", "website", "public_description")


def member_organisations(language: str) -> list[dict]:
    """Public facts of every member organisation, in ``language``, sorted by name."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Organisation", sort_on="sortable_title")
    return [public_profile(brain._unrestrictedGetObject(), language) for brain in brains]


def public_profile(organisation, language: str) -> dict:
    """The whitelisted public facts of one organisation; the description in ``language``, else English."""
    description = getattr(organisation, f"public_description_{language}", None) or getattr(
        organisation, "public_description_en", None
    )
    return {
        "id": organisation.getId(),
        "title": organisation.title,
        "country": organisation.country or "",
        "website": organisation.website or "",
        "public_description": description or "",
        "has_logo": bool(getattr(organisation, "logo", None)),
    }


def organisation_logo(organisation_id: str):
    """The logo (a NamedBlobImage) of the organisation ``organisation_id``, or None."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Organisation", id=organisation_id):
        return getattr(brain._unrestrictedGetObject(), "logo", None)
    return None
