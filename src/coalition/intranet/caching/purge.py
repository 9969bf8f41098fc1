"""Exact purges: when a profile is published, updated or retracted (in any language), the caching proxies
drop every page that shows the person, in every language, once the transaction has committed.

One ``PURGE`` per proxy carries the tags (``xkey`` header, varnish-modules' xkey vmod): the profile's
(``profile-<uid>``), its translation group's (``tg-<group>``, on the pages of every translation) and the lists'
(``prisoner-list``). Every URL tagged so goes: the profile and its translations with any query string, their
image scales and REST answers, the list with any filter and page, statistics, feeds, open data, the sitemap.
plone.cachepurging still purges plone.app.caching's paths (and the feeds' and related pages' adapters) after a
request; the tags are what makes the purge complete.

Nothing is sent for a transaction that aborts, and nothing while purging is off in the registry. The purge
is sent in the committing thread with a short timeout, so that the act is finished when the page answers; a
proxy that is down is logged and never undoes the act.
"""

from coalition.intranet.caching.tags import LIST_TAG
from coalition.intranet.caching.tags import profile_tags
import logging
from plone.cachepurging.interfaces import ICachePurgingSettings
from plone.cachepurging.utils import isCachePurgingEnabled
from plone.registry.interfaces import IRegistry
import requests
import transaction
from zope.component import queryUtility


logger = logging.getLogger("coalition.caching")

TAG_HEADER = "xkey"
# (connect, read) seconds: a purge must never hold the publishing person's request for long.
PURGE_TIMEOUT = (2, 10)


class PendingPurge:
    """The tags and proxies of one transaction; sent by its after-commit hook."""

    def __init__(self, proxies):
        self.proxies = tuple(proxies)
        self.tags = set()

    def send(self, committed: bool) -> None:
        if committed and self.tags:
            for proxy in self.proxies:
                send_tag_purge(proxy, self.tags)


def caching_proxies() -> tuple[str, ...]:
    """The proxies to purge, or nothing while purging is off."""
    registry = queryUtility(IRegistry)
    if registry is None or not isCachePurgingEnabled(registry=registry):
        return ()
    settings = registry.forInterface(ICachePurgingSettings, check=False)
    return tuple(settings.cachingProxies or ())


def queue_tags(tags) -> None:
    """Purge ``tags`` from every caching proxy after the current transaction commits."""
    txn = transaction.get()
    try:
        pending = txn.data(PendingPurge)
    except KeyError:
        proxies = caching_proxies()
        if not proxies:
            return
        pending = PendingPurge(proxies)
        # Transaction.data is keyed by an object: the class stands for this package's purges.
        txn.set_data(PendingPurge, pending)
        txn.addAfterCommitHook(pending.send)
    pending.tags.update(tags)


def queue_profile_purge(profile) -> None:
    """Everything that shows this person, in every language: every page of a profile carries its translation
    group's tag, so the group's tag reaches the translations too."""
    queue_tags({LIST_TAG} | profile_tags(profile))


def send_tag_purge(proxy: str, tags) -> int | None:
    """One ``PURGE`` with the tags; returns the HTTP status (None when the proxy could not be reached)."""
    url = proxy.rstrip("/") + "/"
    try:
        response = requests.request("PURGE", url, headers={TAG_HEADER: " ".join(sorted(tags))}, timeout=PURGE_TIMEOUT)
    except requests.RequestException as error:
        logger.warning("Could not purge %s from %s: %s", _tags_for_log(tags), proxy, error)
        return None
    if response.status_code != 200:
        logger.warning("Purge of %s refused by %s: %s", _tags_for_log(tags), proxy, response.status_code)
    else:
        logger.debug("Purged %s from %s: %s", " ".join(sorted(tags)), proxy, response.text.strip())
    return response.status_code


def _tags_for_log(tags, shown: int = 5) -> str:
    """A batch of thousands of tags (an import, the bench generator) in one readable log line."""
    ordered = sorted(tags)
    if len(ordered) <= shown:
        return " ".join(ordered)
    return f"{len(ordered)} tags ({' '.join(ordered[:shown])} …)"
