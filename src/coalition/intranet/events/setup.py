"""What an existing site needs for events beyond the GenericSetup steps (idempotent)."""

from coalition.intranet.events.listing import EVENTS_SECTION
from coalition.intranet.site.api import site_languages
from plone import api


CALENDAR_LAYOUT = "events-calendar"


def install(portal) -> None:
    """Every language's ``events`` section shows the calendar; existing events get their new indexes."""
    for language in site_languages():
        root = portal.get(language)
        folder = root.get(EVENTS_SECTION) if root is not None else None
        if folder is not None and folder.getLayout() != CALENDAR_LAYOUT:
            folder.setLayout(CALENDAR_LAYOUT)
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Event"):
        obj = brain._unrestrictedGetObject()
        obj.reindexObject(idxs=["event_kind", "event_country", "event_city", "event_prisoners"])
