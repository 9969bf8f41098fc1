"""Counting failed logins per login name and per client address, and the locks they lead to.

The counters live in the ZODB (a BTree on the login guard plugin), so every Zope process of a cluster
shares them and a lock holds whichever process answers the next attempt. A failure is written by its own
transaction on its own connection: a failed HTTP Basic login ends in 401 and the request's transaction is
aborted, which would forget the failure. Nothing is written for successful logins unless failures of that
login were counted, and nothing while a lock holds, so a brute-force run writes at most one record per
failure until the lock (a BTree record of a few dozen bytes).
"""

from BTrees.OOBTree import OOBTree
from dataclasses import dataclass
import itertools
import logging
import math
import time
import transaction
from ZODB.POSException import ConflictError


logger = logging.getLogger(__name__)

ACCOUNT = "account"
ADDRESS = "address"
ATTEMPTS = 3  # a failure that conflicts three times with concurrent ones is logged, not counted


@dataclass(frozen=True)
class Record:
    kind: str  # ACCOUNT or ADDRESS
    name: str  # the login name (lower case) or the client address
    failures: int
    window_start: float
    locked_until: float  # 0: not locked; math.inf: until an administrator lifts it

    def locked(self, now: float) -> bool:
        return self.locked_until > now


def key(kind: str, name: str) -> str:
    return f"{kind}:{name}"


def normalised_login(login: str) -> str:
    return (login or "").strip().lower()


def new_store() -> OOBTree:
    return OOBTree()


def _record(store, kind, name) -> Record | None:
    value = store.get(key(kind, name))
    return None if value is None else Record(kind, name, *value)


def is_locked(store, login: str, address: str | None, now: float | None = None) -> bool:
    now = time.time() if now is None else now
    for kind, name in _keys(login, address):
        record = _record(store, kind, name)
        if record is not None and record.locked(now):
            return True
    return False


def has_failures(store, login: str) -> bool:
    return key(ACCOUNT, normalised_login(login)) in store


def locks(store, now: float | None = None) -> list[Record]:
    now = time.time() if now is None else now
    records = (Record(*stored_key.split(":", 1), *value) for stored_key, value in store.items())
    return [record for record in records if record.locked(now)]


def _keys(login, address):
    keys = [(ACCOUNT, normalised_login(login))]
    if address:
        keys.append((ADDRESS, address))
    return keys


def count_failure(store, login, address, settings, now=None) -> list[Record]:
    """Add one failure to the login's and the address's counters; return the locks it caused."""
    now = time.time() if now is None else now
    window = settings.failure_window_minutes * 60
    limits = {ACCOUNT: settings.account_failures, ADDRESS: settings.address_failures}
    lock_until = now + settings.lock_minutes * 60 if settings.lock_minutes else math.inf
    new_locks = []
    for kind, name in _keys(login, address):
        record = _record(store, kind, name)
        if record is None or now - record.window_start > window:
            failures, start = 1, now
        else:
            failures, start = record.failures + 1, record.window_start
        locked_until = lock_until if failures >= limits[kind] else 0.0
        store[key(kind, name)] = (failures, start, locked_until)
        if locked_until:
            new_locks.append(Record(kind, name, failures, start, locked_until))
    _forget_stale(store, now, window)
    return new_locks


def _forget_stale(store, now, window, limit=20) -> None:
    """Drop a few counters whose window and lock are over, so names tried once do not pile up."""
    scanned = itertools.islice(store.items(), limit * 10)
    stale = [
        stored_key
        for stored_key, (_failures, start, locked_until) in scanned
        if now - start > window and locked_until <= now
    ][:limit]
    for stored_key in stale:
        del store[stored_key]


def forget(store, kind: str, name: str) -> bool:
    return store.pop(key(kind, name), None) is not None


def in_own_transaction(persistent_store, change) -> None:
    """Apply ``change(store)`` to ``persistent_store`` and commit it at once, apart from the request's
    transaction; retried on conflicts with concurrent failures."""
    jar = persistent_store._p_jar
    if jar is None or persistent_store._p_oid is None:
        # Not committed yet (a site being created in this very transaction): change it in place.
        change(persistent_store)
        return
    manager = transaction.TransactionManager()
    for attempt in range(ATTEMPTS):
        connection = jar.db().open(transaction_manager=manager)
        try:
            manager.begin()
            change(connection.get(persistent_store._p_oid))
            manager.commit()
            return
        except ConflictError:
            manager.abort()
            if attempt == ATTEMPTS - 1:
                logger.warning("A failed login was not counted: conflicts with concurrent failures")
        finally:
            connection.close()
