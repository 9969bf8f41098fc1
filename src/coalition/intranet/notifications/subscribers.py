"""Event subscribers: remember what was added during the transaction, notify just before it commits.

Deciding at commit time, not at the event, means the item has its workflow state and local roles, is
still there (not deleted again in the same request), and is not a working copy of plone.app.iterate;
each item is announced once even if several events name it.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from coalition.intranet.notifications import api
from coalition.intranet.notifications.digest import COMMENT
from coalition.intranet.notifications.digest import CONTENT
from coalition.intranet.notifications.recipients import workspace_of
import logging
from plone import api as plone_api
from plone.app.iterate.interfaces import IWorkingCopy
from plone.uuid.interfaces import IUUID
import time
import transaction
from ZODB.POSException import ConflictError


LOG = logging.getLogger(__name__)


_PENDING_KEY = object()
_IMPORTING_KEY = object()


class _Pending:
    """What this transaction added in workspaces: ``(kind, item, comment, actor id, time)``."""

    def __init__(self, site):
        self.site = site
        self.updates = []
        self._seen = set()

    def add(self, kind, item, comment, actor_id):
        key = (kind, id(aq_base(item)), id(aq_base(comment)) if comment is not None else None)
        if key not in self._seen:
            self._seen.add(key)
            self.updates.append((kind, item, comment, actor_id, time.time()))


def _pending() -> _Pending:
    txn = transaction.get()
    try:
        return txn.data(_PENDING_KEY)
    except KeyError:
        pending = _Pending(plone_api.portal.get())
        txn.set_data(_PENDING_KEY, pending)
        txn.addBeforeCommitHook(_notify_before_commit, (pending,))
        return pending


def _importing() -> bool:
    try:
        return transaction.get().data(_IMPORTING_KEY) > 0
    except KeyError:
        return False


def profile_import_started(event) -> None:
    """Content a GenericSetup profile creates (site creation, the demo) is set-up, not news for anyone."""
    txn = transaction.get()
    try:
        depth = txn.data(_IMPORTING_KEY)
    except KeyError:
        depth = 0
    txn.set_data(_IMPORTING_KEY, depth + 1)


def profile_import_finished(event) -> None:
    txn = transaction.get()
    try:
        txn.set_data(_IMPORTING_KEY, max(txn.data(_IMPORTING_KEY) - 1, 0))
    except KeyError:
        return


def _actor_id():
    user = plone_api.user.get_current()
    return user.getId() if user is not None else None


def content_added(obj, event) -> None:
    """New content inside a workspace (the workspace itself is not news: its roster gets set up after)."""
    # A pasted folder sends this event for every item inside it: one notification for the folder.
    if event.object is not obj or _importing() or workspace_of(obj) is None:
        return
    _pending().add(CONTENT, obj, None, _actor_id())


def comment_added(obj, event) -> None:
    """A new comment (or reply) on an item inside a workspace, or on the workspace itself."""
    if _importing() or workspace_of(obj, include_self=True) is None:
        return
    _pending().add(COMMENT, obj, event.comment, _actor_id())


def _still_there(obj) -> bool:
    parent = aq_parent(aq_inner(obj))
    if parent is None:
        return False
    current = parent.get(obj.getId()) if hasattr(aq_base(parent), "get") else None
    return current is not None and aq_base(current) is aq_base(obj)


def _notify_before_commit(pending: _Pending) -> None:
    for kind, item, comment, actor_id, when in pending.updates:
        if not _still_there(item) or IWorkingCopy.providedBy(item):
            continue
        if comment is not None and not _still_there(comment):
            continue
        try:
            api.notify_update(pending.site, item, kind, actor_id=actor_id, comment=comment, when=when)
        except ConflictError:
            raise
        except Exception:
            # A notification must never cost the person what they just wrote.
            LOG.exception("Could not notify the roster about item %s", IUUID(item, None))
