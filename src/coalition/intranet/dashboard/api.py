"""The public API of the dashboard: what one person sees on ``/intranet``.

Everything here is computed for one person with that person's own permissions: ``recent_changes`` queries
the catalog as the current user, restricted to the paths of their own workspaces.
"""

from coalition.intranet.dashboard.interfaces import IWaitingForMe
from coalition.intranet.workspaces.api import display_name
from coalition.intranet.workspaces.api import roster
from coalition.intranet.workspaces.api import WORKSPACE_TYPES
from coalition.intranet.workspaces.api import workspaces_of
from dataclasses import dataclass
from dataclasses import field
from DateTime import DateTime
from plone import api
from zope.component import getUtilitiesFor


RECENT_CHANGES = 20


@dataclass(frozen=True)
class MyWorkspace:
    """A workspace on whose roster the person is, directly or through a group."""

    workspace: object = field(compare=False, repr=False)
    title: str
    url: str
    path: str
    portal_type: str
    role: str


@dataclass(frozen=True)
class Change:
    """A recently modified item in one of the person's workspaces."""

    title: str
    url: str
    portal_type: str
    workspace_title: str
    author: str
    modified: DateTime


@dataclass(frozen=True)
class WaitingItem:
    """Something that waits for the person; ``detail`` and ``due`` (a datetime) are optional."""

    title: str
    url: str
    detail: str = ""
    due: object = None


def _principals(user_id: str) -> list[str]:
    """The user and the groups they belong to: a roster may name either."""
    groups = [group.getId() for group in api.group.get_groups(username=user_id)]
    return [user_id] + [group_id for group_id in groups if group_id != "AuthenticatedUsers"]


def my_workspaces(user_id: str) -> list[MyWorkspace]:
    """Workspaces whose roster names ``user_id`` or one of their groups: organisations first, then groups."""
    user = api.user.get(userid=user_id)
    if user is None:
        return []
    found = {}
    for principal in _principals(user_id):
        for workspace in workspaces_of(principal):
            path = "/".join(workspace.getPhysicalPath())
            if path in found or not api.user.has_permission("View", user=user, obj=workspace):
                continue
            found[path] = MyWorkspace(
                workspace=workspace,
                title=workspace.Title(),
                url=workspace.absolute_url(),
                path=path,
                portal_type=workspace.portal_type,
                role=roster(workspace)[principal],
            )
    return sorted(found.values(), key=lambda w: (WORKSPACE_TYPES.index(w.portal_type), w.title.lower()))


def _minute(brain) -> int:
    """The minute of a brain's modification, as the catalog's ``modified`` index orders by it."""
    return brain.modified.millis() // 60000


def recent_changes(workspaces: list[MyWorkspace], limit: int = RECENT_CHANGES) -> list[Change]:
    """The ``limit`` most recently modified items inside ``workspaces``, newest first.

    The catalog is asked as the current user, so only what they may View comes back.
    """
    if not workspaces:
        return []
    roots = {w.path: w for w in workspaces}
    results = api.content.find(path={"query": list(roots), "depth": -1}, sort_on="modified", sort_order="descending")
    # The workspaces themselves match the path query too; they are skipped below. The index keeps minutes
    # only: take every item of the last minute reached, then order by the exact modification time here.
    wanted = 2 * limit + len(roots)
    brains = list(results[:wanted])
    if len(brains) == wanted:
        boundary = _minute(brains[-1])
        for brain in results[wanted:]:
            if _minute(brain) != boundary:
                break
            brains.append(brain)
    brains = sorted(brains, key=lambda brain: brain.modified, reverse=True)
    changes = []
    for brain in brains:
        path = brain.getPath()
        if path in roots:
            continue
        workspace = next((w for root, w in roots.items() if path.startswith(root + "/")), None)
        changes.append(
            Change(
                title=brain.Title or brain.getId,
                url=brain.getURL(),
                portal_type=brain.portal_type,
                workspace_title=workspace.title if workspace else "",
                author=display_name(brain.Creator) if brain.Creator else "",
                modified=brain.modified,
            )
        )
        if len(changes) == limit:
            break
    return changes


def waiting_for(user) -> list[tuple[object, list[WaitingItem]]]:
    """``(title, items)`` of every registered ``IWaitingForMe`` source that has something for ``user``."""
    sources = sorted((source for _name, source in getUtilitiesFor(IWaitingForMe)), key=lambda s: s.order)
    groups = []
    for source in sources:
        items = list(source.items(user))
        if items:
            groups.append((source.title, items))
    return groups


def intranet_sections(intranet) -> list:
    """Catalog brains of the sections of the intranet (organisations, groups, cases…) the current user may open."""
    return list(
        api.content.find(context=intranet, depth=1, portal_type="IntranetSection", sort_on="getObjPositionInParent")
    )
