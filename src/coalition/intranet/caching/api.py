"""The caching concern's small public API.

- ``tag_response(request, *tags)`` / ``shows_profiles(request)``: a view that shows profiles outside the list
  rules (a campaign page naming its prisoners, say) marks its response so that a purge reaches it.
- ``purge_profile(profile)``: purge every page showing the person after the transaction commits (the
  subscribers do it for publications, edits and retractions; call it for a change they cannot see).
- ``purge_tags(tags)``: the same for any tags; ``purge_people(translation_groups)``: every page of those people.
- ``LIST_TAG``, ``profile_tags(profile)``: the tags themselves.
"""

from coalition.intranet.caching.purge import queue_profile_purge as purge_profile
from coalition.intranet.caching.purge import queue_tags as purge_tags
from coalition.intranet.caching.tags import add_tags as tag_response
from coalition.intranet.caching.tags import group_tag
from coalition.intranet.caching.tags import LIST_TAG
from coalition.intranet.caching.tags import profile_tags


def shows_profiles(request) -> None:
    """Mark the response as listing profiles: it goes with every publication and retraction."""
    tag_response(request, LIST_TAG)


def purge_people(translation_groups) -> None:
    """Purge every page of these people (profiles' translation groups) after the transaction commits."""
    groups = [group for group in translation_groups or () if group]
    if groups:
        purge_tags({group_tag(group) for group in groups})


__all__ = [
    "LIST_TAG",
    "group_tag",
    "profile_tags",
    "purge_people",
    "purge_profile",
    "purge_tags",
    "shows_profiles",
    "tag_response",
]
