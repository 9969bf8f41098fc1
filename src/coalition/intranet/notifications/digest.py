"""The queue of updates waiting for each person's daily digest, kept in the ZODB on the site.

Structure: an ``OOBTree`` user id -> ``OOTreeSet`` of ``Update`` tuples. Both resolve concurrent inserts of
different keys without a ConflictError, so two people adding content at the same moment do not collide.
Only references (UIDs, comment ids) are stored, never titles or text.
"""

from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from typing import NamedTuple
from zope.annotation.interfaces import IAnnotations


ANNOTATION_KEY = "coalition.intranet.notifications.digest"

CONTENT = "content"
COMMENT = "comment"


class Update(NamedTuple):
    """Something new for a person: ``kind`` is ``content`` or ``comment``; ``when`` is a POSIX timestamp."""

    when: float
    kind: str
    item_uid: str
    comment_id: str = ""


def _queues(site, create: bool = False):
    annotations = IAnnotations(site)
    queues = annotations.get(ANNOTATION_KEY)
    if queues is None and create:
        queues = annotations[ANNOTATION_KEY] = OOBTree()
    return queues


def enqueue(site, user_id: str, update: Update) -> None:
    """Keep ``update`` for ``user_id``'s next digest."""
    queues = _queues(site, create=True)
    queue = queues.get(user_id)
    if queue is None:
        queue = queues[user_id] = OOTreeSet()
    queue.insert(tuple(update))


def pending(site, user_id: str) -> list[Update]:
    """The updates waiting for ``user_id``, oldest first."""
    queues = _queues(site)
    if queues is None or user_id not in queues:
        return []
    return [Update(*entry) for entry in queues[user_id]]


def users_with_pending(site) -> list[str]:
    """Ids of everyone who has something waiting."""
    queues = _queues(site)
    return list(queues.keys()) if queues is not None else []


def take(site, user_id: str, until: float) -> list[Update]:
    """Remove and return ``user_id``'s updates queued at or before ``until``; later ones stay queued."""
    queues = _queues(site)
    if queues is None or user_id not in queues:
        return []
    queue = queues[user_id]
    taken = [Update(*entry) for entry in queue if entry[0] <= until]
    for entry in taken:
        queue.remove(tuple(entry))
    if not queue:
        del queues[user_id]
    return taken


def discard(site, user_id: str) -> None:
    """Forget everything queued for ``user_id``."""
    queues = _queues(site)
    if queues is not None and user_id in queues:
        del queues[user_id]
