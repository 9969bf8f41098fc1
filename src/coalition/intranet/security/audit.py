"""The audit log: every change of access (who, by whom, when, where), kept in the ZODB.

Entries live in a ``LOBTree`` in an annotation of the site, so that a roster change and its entry are
written by the same transaction: both commit or both abort, and no change of access can happen without
its entry. Keys are microsecond timestamps shifted left by 12 bits with a random low part: they sort by
time, and two transactions that write at the same moment insert different keys, which the BTree's
conflict resolution merges instead of raising a ``ConflictError`` (docs/security.md).

The log is append-only: this module offers no way to change or delete an entry.
"""

from BTrees.Length import Length
from BTrees.LOBTree import LOBTree
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import UTC
from plone import api
import secrets
import time
from zope.annotation.interfaces import IAnnotations


ENTRIES_KEY = "coalition.intranet.audit.entries"
LENGTH_KEY = "coalition.intranet.audit.length"
RANDOM_BITS = 12


@dataclass(frozen=True)
class AuditEntry:
    """One recorded act. ``target_path`` is relative to the site (``/intranet/organisations/alpha``)."""

    key: int
    when: datetime
    action: str
    actor: str
    target_path: str
    target_uid: str
    target_title: str
    details: dict = field(default_factory=dict)


def _storage(create: bool = False):
    annotations = IAnnotations(api.portal.get())
    if ENTRIES_KEY not in annotations:
        if not create:
            return None, None
        annotations[ENTRIES_KEY] = LOBTree()
        annotations[LENGTH_KEY] = Length()
    return annotations[ENTRIES_KEY], annotations[LENGTH_KEY]


def _new_key(tree) -> int:
    microseconds = time.time_ns() // 1000
    while True:
        key = (microseconds << RANDOM_BITS) | secrets.randbelow(1 << RANDOM_BITS)
        if key not in tree:
            return key


def _site_path(obj) -> str:
    site_path = api.portal.get().getPhysicalPath()
    return "/" + "/".join(obj.getPhysicalPath()[len(site_path) :])


def _when(key: int) -> datetime:
    microseconds = key >> RANDOM_BITS
    return datetime.fromtimestamp(microseconds // 1_000_000, tz=UTC).replace(microsecond=microseconds % 1_000_000)


def _entry(key: int, value: tuple) -> AuditEntry:
    action, actor, target_path, target_uid, target_title, details = value
    return AuditEntry(
        key=key,
        when=_when(key),
        action=action,
        actor=actor,
        target_path=target_path,
        target_uid=target_uid,
        target_title=target_title,
        details=dict(details),
    )


def record(action: str, target, actor: str | None = None, **details) -> AuditEntry:
    """Append an entry: ``action`` (e.g. ``roster.removed``) done to ``target`` (a content object) by ``actor``.

    ``actor`` defaults to the current user (an empty string for code running without one, such as the
    site installer). ``details`` are stored as strings; never put confidential content in them.
    """
    if actor is None:
        actor = api.user.get_current().getId() or ""
    tree, length = _storage(create=True)
    key = _new_key(tree)
    # A tuple of strings, not a dict: BTree conflict resolution compares the values of a bucket, and
    # dicts cannot be ordered, which would turn every concurrent insert into a ConflictError.
    value = (
        action,
        actor,
        _site_path(target),
        api.content.get_uuid(target) or "",
        target.Title(),
        tuple((name, "" if detail is None else str(detail)) for name, detail in details.items()),
    )
    tree[key] = value
    length.change(1)
    return _entry(key, value)


class _NewestFirst(Sequence):
    """The whole log as a lazy sequence, newest entry first (for batching without loading everything)."""

    def __init__(self, tree, length: int):
        self._values = tree.items()
        self._length = length

    def __len__(self):
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        key, value = self._values[-1 - index]
        return _entry(key, value)


def entries(action: str | None = None, target=None, actor: str | None = None) -> Sequence[AuditEntry]:
    """Entries, newest first, optionally only those of one ``action``, ``target`` (object or site path), ``actor``.

    Without a filter the result is a lazy sequence: batching it reads only the entries shown.
    """
    tree, length = _storage()
    if tree is None:
        return []
    if action is None and target is None and actor is None:
        return _NewestFirst(tree, length())
    target_path = target if target is None or isinstance(target, str) else _site_path(target)
    found = []
    for key, value in reversed(tree.items()):
        entry = _entry(key, value)
        if action is not None and entry.action != action:
            continue
        if target_path is not None and entry.target_path != target_path:
            continue
        if actor is not None and entry.actor != actor:
            continue
        found.append(entry)
    return found


def _key_of(moment: datetime) -> int:
    """The smallest key of an entry recorded at ``moment`` (or later)."""
    return int(moment.timestamp() * 1_000_000) << RANDOM_BITS


def entries_between(since: datetime | None = None, until: datetime | None = None) -> Iterator[AuditEntry]:
    """Entries with ``since <= when < until``, newest first, read lazily by key range (a long log costs
    only the entries read)."""
    tree, _length = _storage()
    if tree is None:
        return
    lowest = _key_of(since) if since is not None else None
    highest = _key_of(until) - 1 if until is not None else None
    while True:
        try:
            key = tree.maxKey(highest) if highest is not None else tree.maxKey()
        except ValueError:  # no key at or below ``highest``
            return
        if lowest is not None and key < lowest:
            return
        yield _entry(key, tree[key])
        highest = key - 1
