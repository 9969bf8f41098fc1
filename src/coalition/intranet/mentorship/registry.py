"""Where mentors and mentorships live, and how the concern finds them without waking every object.

Lookups run unrestricted on purpose: public pages and the profile's indexer ask which mentorships exist,
and then show only whitelisted data (``public_record.py``); nothing here returns a private field.
"""

from coalition.intranet.site.structure import INTRANET_ID
from plone import api


SECTION_ID = "mentorship"
MENTORSHIP_STATES = ("proposed", "agreed", "active", "ended")
OPEN_STATES = ("proposed", "agreed", "active")


def mentorship_section():
    """``/intranet/mentorship``, or None on a site without it."""
    portal = api.portal.get()
    intranet = portal.get(INTRANET_ID)
    return intranet.get(SECTION_ID) if intranet is not None else None


def _catalog():
    return api.portal.get_tool("portal_catalog")


def find(**query) -> list:
    """Objects the query finds, whoever asks (see the module's docstring)."""
    return [brain._unrestrictedGetObject() for brain in _catalog().unrestrictedSearchResults(**query)]


def by_uid(uid: str):
    if not uid:
        return None
    brains = _catalog().unrestrictedSearchResults(UID=uid)
    return brains[0]._unrestrictedGetObject() if brains else None


def all_mentors() -> list:
    return find(portal_type="Mentor", sort_on="sortable_title")


def mentorships(*, mentor_uid=None, profile_uid=None, states=None) -> list:
    """Mentorships of a mentor and/or of a (canonical) profile, in ``states`` (default: all)."""
    query = {"portal_type": "Mentorship"}
    if mentor_uid:
        query["mentorship_mentor"] = mentor_uid
    if profile_uid:
        query["mentorship_prisoner"] = profile_uid
    if states:
        query["review_state"] = list(states)
    return find(**query)


def state_of(mentorship) -> str:
    return api.content.get_state(mentorship, default="")


def actions_of(mentorship) -> list:
    """The actions of a mentorship, newest first."""
    found = [item for item in mentorship.objectValues() if getattr(item, "portal_type", "") == "MentorAction"]
    return sorted(found, key=lambda action: (action.date, action.created()), reverse=True)
