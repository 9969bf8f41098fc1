"""Key rotation: re-seal every sealed value under the keyring's current key, in batches, resumable.

``scripts/rotate_key.py`` adds a new key and makes it current (the old ones stay in the key file so that
what is not re-sealed yet still opens), then walks every ``ISealedValues`` utility and re-seals, committing
every ``batch`` values. Interrupted, it is simply run again: values already under the current key are
skipped. Once ``stale_values`` finds nothing under an old key, ``--retire`` removes the old keys.
"""

from coalition.intranet.security.encryption.api import key_id_of
from coalition.intranet.security.encryption.api import reseal
from coalition.intranet.security.encryption.interfaces import ISealedValues
from coalition.intranet.security.encryption.keyring import current_keyring
import transaction
from zope.component import getUtilitiesFor


def stores():
    return sorted(getUtilitiesFor(ISealedValues))


def stale_values(portal) -> dict[str, int]:
    """How many values of each kind are sealed under a key other than the current one."""
    current = current_keyring().current
    return {
        name: sum(1 for token, _purpose, _replace in store.sealed_values(portal) if key_id_of(token) != current)
        for name, store in stores()
    }


def reseal_all(portal, batch: int = 100, progress=print) -> dict[str, int]:
    """Re-seal every value not under the current key; commits every ``batch`` values. The counts per kind."""
    current = current_keyring().current
    counts = {}
    pending = 0
    for name, store in stores():
        counts[name] = 0
        for token, purpose, replace in store.sealed_values(portal):
            if key_id_of(token) == current:
                continue
            replace(reseal(token, purpose))
            counts[name] += 1
            pending += 1
            if pending >= batch:
                transaction.get().note(f"Encryption at rest: re-sealed {pending} values under key {current}")
                transaction.commit()
                pending = 0
                progress(f"  {name}: {counts[name]} re-sealed so far")
        progress(f"  {name}: {counts[name]} re-sealed")
    if pending:
        transaction.get().note(f"Encryption at rest: re-sealed {pending} values under key {current}")
        transaction.commit()
    return counts
