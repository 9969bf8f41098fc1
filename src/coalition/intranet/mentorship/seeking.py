"""Prisoners seeking a mentor, and what the public list's filter "has / seeks a mentor" counts.

A profile *has* a mentor when it has an active mentorship whose mentor's record is public. It *seeks* one
when it has no open mentorship at all (proposed, agreed or active: coordinators are already on it), the
person is deprived of liberty, and the public editors marked that a mentor is sought (``seeks_mentor``: the
family agrees to a public call). Everything else is ``none``.
"""

from coalition.intranet.mentorship import profiles
from coalition.intranet.mentorship import public_record
from coalition.intranet.mentorship import registry
from coalition.intranet.public.facts import IMPRISONED_STATUSES
from coalition.intranet.public.facts import public_profiles_query
from datetime import date
from plone import api


def mentor_status(profile) -> str:
    """``has``, ``seeks`` or ``none`` for a profile or any of its translations."""
    uid = profiles.canonical_uid(profile)
    if uid and public_record.public_mentorships_of_profile(uid):
        return "has"
    if uid and registry.mentorships(profile_uid=uid, states=registry.OPEN_STATES):
        return "none"
    if getattr(profile, "seeks_mentor", False) and getattr(profile, "status", None) in IMPRISONED_STATUSES:
        return "seeks"
    return "none"


def prisoners_seeking_mentor(language: str, limit: int | None = None, region=None, category=None) -> list:
    """The public profiles in ``language`` that seek a mentor, longest wait first (recognised earliest; those
    without a date of recognition last), optionally of one ``region`` and one case ``category`` (codes)."""
    query = public_profiles_query(language)
    query["mentor_status"] = "seeks"
    if region:
        query["prisoner_region"] = region
    if category:
        query["prisoner_categories"] = category
    catalog = api.portal.get_tool("portal_catalog")
    profiles_found = [brain.getObject() for brain in catalog(**query)]
    profiles_found.sort(key=lambda item: (item.recognised_on or date.max, item.Title()))
    return profiles_found[:limit] if limit else profiles_found


def waiting_since(profile):
    """Since when the prisoner waits: the date of recognition (None when unknown)."""
    return getattr(profile, "recognised_on", None)
