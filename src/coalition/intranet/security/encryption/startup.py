"""At start-up: no site holding sealed data is served without its key.

When Zope opens its database (the server, ``zconsole run`` scripts), every Plone site's canary is opened
with the configured key. A missing, unreadable or wrong key file stops the process with a message that names
the file and the fix, before a single page is served. A database with no canary yet (a new database, or one
not migrated) gets the configured key file created if there is none, and a canary sealed with it, so that
from then on the key and the data belong together.
"""

from coalition.intranet.security.encryption.canary import canary
from coalition.intranet.security.encryption.canary import check_canary
from coalition.intranet.security.encryption.canary import ensure_canary
from coalition.intranet.security.encryption.errors import EncryptionError
from coalition.intranet.security.encryption.keyring import configured_key_file
from coalition.intranet.security.encryption.keyring import create_key_file
from coalition.intranet.security.encryption.keyring import current_keyring
from coalition.intranet.security.encryption.keyring import HOW_TO_FIX
import logging
from plone.base.interfaces import IPloneSiteRoot
import transaction
from ZODB.POSException import ConflictError
from zope.component import adapter
from zope.processlifetime import IDatabaseOpenedWithRoot


logger = logging.getLogger("coalition.encryption")


class StartRefused(SystemExit):
    """Stops the process: the encrypted data cannot be opened with the configured key."""


def plone_sites(app):
    for obj in app.objectValues():
        if IPloneSiteRoot.providedBy(obj):
            yield obj


def refuse(message: str):
    logger.critical(message)
    # SystemExit prints this to stderr and ends the process with status 1.
    raise StartRefused(f"\nREFUSING TO START: {message}\n")


def check_sites(app) -> list[str]:
    """Check every site's canary against the configured key; seal a canary where there is none. The ids of
    the sites that got a new canary (the caller commits)."""
    sites = list(plone_sites(app))
    key_file = configured_key_file()
    holding = [site.getId() for site in sites if canary(site) is not None]
    if key_file is None:
        refuse(f"No encryption key file is configured. {HOW_TO_FIX}")
    if not key_file.exists() and not holding and create_key_file(key_file):
        logger.warning("Encryption at rest: created a new key file %s (back it up separately).", key_file)
    try:
        current_keyring()
        for site in sites:
            if canary(site) is not None:
                check_canary(site)
    except EncryptionError as error:
        sites_named = ", ".join(holding) or "the database"
        refuse(f"The encrypted data of {sites_named} cannot be opened with the key file {key_file}: {error}")
    return [site.getId() for site in sites if ensure_canary(site)]


@adapter(IDatabaseOpenedWithRoot)
def database_opened(event):
    connection = event.database.open()
    try:
        app = connection.root().get("Application")
        created = check_sites(app) if app is not None else []
        if created:
            transaction.get().note("Encryption at rest: canary sealed")
            try:
                transaction.commit()
                logger.info("Encryption at rest: canary sealed in %s", ", ".join(created))
            except ConflictError:
                # Another process of the cluster sealed one at the same moment; it is checked at its next start.
                transaction.abort()
    except BaseException:
        transaction.abort()
        raise
    finally:
        connection.close()
