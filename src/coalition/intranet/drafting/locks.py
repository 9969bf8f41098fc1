"""Who is editing a working document, since when, and taking over a lock left behind.

Opening the edit form locks the document (behavior ``plone.locking``); saving or cancelling releases it.
A working document's edit lock lasts ``EDIT_LOCK_HOURS`` instead of plone.locking's ten minutes, so that a
long drafting session is not silently opened to others. A lock is *stale* once it is older than the registry
record ``coalition.drafting_stale_lock_minutes`` (default 30): then, and only then, a workspace admin (or a
site manager) may take it over. Nobody else may break someone's lock, stale or fresh.
"""

from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.workspaces.api import display_name
from dataclasses import dataclass
from datetime import datetime
from datetime import UTC
from plone import api
from plone.locking.interfaces import ILockable
from plone.locking.interfaces import INonStealableLock
from plone.locking.interfaces import STEALABLE_LOCK
from plone.protect.auto import safeWrite
from zope.interface import noLongerProvides


STALE_RECORD = "coalition.drafting_stale_lock_minutes"
DEFAULT_STALE_MINUTES = 30
EDIT_LOCK_HOURS = 12
TAKE_OVER_ROLES = ("WorkspaceAdmin", "Manager", "Site Administrator")


class LockError(CoalitionError):
    """A lock operation the rules refuse; ``message`` is safe to show."""


@dataclass(frozen=True)
class LockDetails:
    """A lock on a document: who holds it, since when (aware, UTC), and whether it is stale."""

    userid: str
    fullname: str
    since: datetime
    minutes: int
    stale: bool
    # False for a lock of another kind, such as plone.app.iterate's while a working copy is checked out.
    edit_lock: bool = True


def stale_after_minutes() -> int:
    """Minutes after which a lock counts as abandoned (registry record, default 30)."""
    value = api.portal.get_registry_record(STALE_RECORD, default=DEFAULT_STALE_MINUTES)
    return DEFAULT_STALE_MINUTES if value is None or value < 1 else int(value)


def _lock_item(document):
    lockable = ILockable(document, None)
    if lockable is None:
        return None, None
    for info in lockable.lock_info():
        return lockable, info
    return lockable, None


def lock_details(document, now: datetime | None = None) -> LockDetails | None:
    """The document's lock, or ``None`` when nobody edits it."""
    _lockable, info = _lock_item(document)
    if info is None:
        return None
    now = now or datetime.now(UTC)
    since = datetime.fromtimestamp(info["time"], UTC)
    minutes = max(int((now - since).total_seconds() // 60), 0)
    userid = info["creator"] or ""
    fullname = display_name(userid)
    lock_type = info["type"]
    return LockDetails(
        userid=userid,
        fullname=fullname,
        since=since,
        minutes=minutes,
        stale=minutes >= stale_after_minutes(),
        edit_lock=getattr(lock_type, "__name__", None) == STEALABLE_LOCK.__name__,
    )


def _current_userid() -> str:
    return api.user.get_current().getId() or ""


def is_own_lock(details: LockDetails | None) -> bool:
    """Whether the lock described by ``details`` is the current user's."""
    return details is not None and details.userid == _current_userid()


def may_take_over(document, now: datetime | None = None) -> bool:
    """Whether the current user may take over the document's lock: a stale lock of someone else, taken
    over by a workspace admin (or manager) who may modify the document."""
    details = lock_details(document, now)
    if details is None or not details.stale or not details.edit_lock or details.userid == _current_userid():
        return False
    if not api.user.has_permission("Modify portal content", obj=document):
        return False
    roles = api.user.get_roles(obj=document)
    return any(role in roles for role in TAKE_OVER_ROLES)


def take_over(document, now: datetime | None = None) -> LockDetails:
    """Break a stale lock and lock the document for the current user; refuses with ``LockError``."""
    details = lock_details(document, now)
    if details is None:
        raise LockError(_("drafting_lock_gone", default="Nobody is editing this document any more."))
    if not may_take_over(document, now):
        if not details.stale:
            raise LockError(
                _(
                    "drafting_lock_fresh",
                    default="${name} is editing this document: a lock can be taken over only after "
                    "${minutes} minutes without activity.",
                    mapping={"name": details.fullname, "minutes": stale_after_minutes()},
                )
            )
        raise LockError(_("drafting_lock_not_admin", default="Only an admin of the workspace can take over this lock."))
    lockable = ILockable(document)
    lockable.unlock(stealable_only=False)
    if INonStealableLock.providedBy(document):
        noLongerProvides(document, INonStealableLock)
    lockable.lock()
    extend_own_lock(document)
    return details


def extend_own_lock(document) -> None:
    """Make the current user's edit lock last a drafting session rather than plone.locking's ten minutes."""
    _lockable, info = _lock_item(document)
    if info is None or info["creator"] != _current_userid():
        return
    lock = document.wl_getLock(info["token"])
    if lock is not None and lock.getTimeout() < EDIT_LOCK_HOURS * 3600:
        lock.setTimeout(f"Second-{EDIT_LOCK_HOURS * 3600}")
        # Part of opening the edit form (a GET), like plone.locking's own lock.
        safeWrite(lock)


def may_force_unlock(document) -> bool:
    """Whether the current user may remove the lock without taking it: its holder, or who may take it over."""
    details = lock_details(document)
    return details is None or details.userid == _current_userid() or may_take_over(document)


FORCE_UNLOCK_REFUSED = _(
    "drafting_lock_unlock_refused",
    default="Someone else is editing this document; only a workspace admin can take over a stale lock.",
)


def taken_over_message(details: LockDetails):
    """What the person who took over a lock is told."""
    return _(
        "drafting_lock_taken_over",
        default="You took over the lock of ${name}. If they save their edit, they will be told that you "
        "saved a newer version, and their text stays in their form.",
        mapping={"name": details.fullname},
    )
