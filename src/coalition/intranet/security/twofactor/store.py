"""Where second factors are kept: a BTree in an annotation of the site, keyed by user id.

Never content, never in the catalog: nothing of it can be found, listed or exported by the site's channels.
The secret is sealed by the encryption at rest (``security.encryption.api``) for its owner's user id, so a
copied ``Data.fs`` or backup gives no secret away, and a sealed secret moved to another person's record
does not open. Recovery codes are salted hashes (``recovery.py``).

Values are plain tuples, so concurrent changes of two people's records merge (BTree conflict resolution).
A code is consumed by its own transaction, committed at once (``in_own_transaction``): the code is used up
whatever happens to the request afterwards, and two requests with the same code conflict, the second one
being retried against the first's result and refused.
"""

from BTrees.OOBTree import OOBTree
from dataclasses import dataclass
from dataclasses import replace
import logging
import transaction
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import getSite
from zope.component.hooks import setSite


logger = logging.getLogger(__name__)

ANNOTATION_KEY = "coalition.intranet.twofactor"
ATTEMPTS = 3


@dataclass(frozen=True)
class Enrolment:
    sealed_secret: bytes
    salt: bytes  # of the recovery codes' hashes
    recovery_digests: tuple[bytes, ...]
    last_step: int  # the last time step whose code was accepted
    enrolled_at: float

    def as_tuple(self) -> tuple:
        return (self.sealed_secret, self.salt, tuple(self.recovery_digests), self.last_step, self.enrolled_at)

    def replaced(self, **changes) -> "Enrolment":
        return replace(self, **changes)


def _tree(site, create: bool = False):
    annotations = IAnnotations(site)
    tree = annotations.get(ANNOTATION_KEY)
    if tree is None and create:
        tree = annotations[ANNOTATION_KEY] = OOBTree()
    return tree


def get(site, user_id: str) -> Enrolment | None:
    tree = _tree(site)
    value = None if tree is None or not user_id else tree.get(user_id)
    return None if value is None else Enrolment(*value)


def put(site, user_id: str, enrolment: Enrolment) -> None:
    _tree(site, create=True)[user_id] = enrolment.as_tuple()


def remove(site, user_id: str) -> bool:
    tree = _tree(site)
    return tree is not None and tree.pop(user_id, None) is not None


def user_ids(site) -> list[str]:
    tree = _tree(site)
    return [] if tree is None else list(tree.keys())


def in_own_transaction(site, change):
    """``change(site)`` on a connection of its own, committed at once; returns what ``change`` returns.

    Retried on conflicts with concurrent changes; ``change`` must check its conditions again each time. A
    site whose second factors are not committed yet (being created, or a test's uncommitted transaction)
    is changed in place.
    """
    tree = _tree(site)
    jar = getattr(site, "_p_jar", None)
    if jar is None or tree is None or tree._p_oid is None or tree._p_changed:
        return change(site)
    manager = transaction.TransactionManager()
    path = "/".join(site.getPhysicalPath())
    previous = getSite()
    for attempt in range(ATTEMPTS):
        connection = jar.db().open(transaction_manager=manager)
        try:
            manager.begin()
            own_site = connection.root()["Application"].unrestrictedTraverse(path)
            setSite(own_site)
            result = change(own_site)
            manager.commit()
            return result
        except ConflictError:
            manager.abort()
            if attempt == ATTEMPTS - 1:
                logger.warning("A second-factor change was not saved: conflicts with concurrent logins")
                return None
        except Exception:
            manager.abort()
            raise
        finally:
            setSite(previous)
            connection.close()
    return None
