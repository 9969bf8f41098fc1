"""Keep the public side in step: an action that became internal is no longer approved; a deleted mentorship
or mentor leaves the profile's count and the public register."""

from coalition.intranet.mentorship import profiles
from coalition.intranet.mentorship import public_record
from plone import api


def action_modified(action, event) -> None:
    # Approval is for a public action: making it internal and public again needs a new approval.
    if action.visibility != "public" and action.approved:
        action.approved = False


def mentorship_removed(mentorship, event) -> None:
    if mentorship.profile_uid:
        profiles.reindex_profile(mentorship.profile_uid)


def mentor_removed(mentor, event) -> None:
    register = public_record._register()
    uid = api.content.get_uuid(mentor)
    if register is not None and uid in register:
        del register[uid]
