"""Who hears about an item: the roster of its workspace, as it is at that moment, minus the person who acted."""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from coalition.intranet.security.api import forget_cached_local_roles
from coalition.intranet.workspaces.api import roster
from coalition.intranet.workspaces.api import WORKSPACE_TYPES
from plone import api


def workspace_of(obj, include_self: bool = False):
    """The nearest Organisation or WorkingGroup containing ``obj``, else None.

    ``obj`` itself counts only with ``include_self`` (a comment on the workspace's own page is news for its
    roster; the creation of a workspace is not).
    """
    parent = aq_inner(obj) if include_self else aq_parent(aq_inner(obj))
    while parent is not None:
        if getattr(aq_base(parent), "portal_type", None) in WORKSPACE_TYPES:
            return parent
        parent = aq_parent(aq_inner(parent))
    return None


def roster_users(workspace) -> list:
    """Members (MemberData) on the roster of ``workspace``; a group on the roster counts with its members."""
    found = {}
    for principal in roster(workspace):
        for user_id in _user_ids(principal, seen=set()):
            if user_id not in found:
                user = api.user.get(userid=user_id)
                if user is not None:
                    found[user_id] = user
    return list(found.values())


def _user_ids(principal: str, seen: set) -> list[str]:
    if principal in seen:
        return []
    seen.add(principal)
    group = api.group.get(groupname=principal)
    if group is None:
        return [principal]
    user_ids = []
    # Groups may contain groups: follow them, once each.
    for member_id in group.getGroupMemberIds():
        user_ids.extend(_user_ids(member_id, seen))
    return user_ids


def can_view(user, obj) -> bool:
    """Whether ``user`` may View ``obj`` now, judged with the user's own roles (local, group and global)."""
    return api.user.has_permission("View", user=user, obj=obj)


def recipients_for(item, actor_id: str | None, comment=None) -> list:
    """Roster members of the item's workspace who may View the item (and the comment), except the actor.

    A person taken off the roster loses View at once, so they are no longer among the recipients.
    """
    workspace = workspace_of(item, include_self=True)
    if workspace is None:
        return []
    forget_cached_local_roles()
    people = []
    for user in roster_users(workspace):
        if user.getId() == actor_id:
            continue
        if not can_view(user, item) or (comment is not None and not can_view(user, comment)):
            continue
        people.append(user)
    return people
