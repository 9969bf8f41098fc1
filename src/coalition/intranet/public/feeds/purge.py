"""When a profile changes or is retracted, caching proxies must drop the lists built from it, not only its page.

plone.app.caching purges the paths of every ``IPurgePaths`` adapter of an object on a ``Purge`` event
(``api.retract_profile`` fires one for each translation; workflow changes and edits fire one when purging is
configured). This adapter adds the feed, the open data and the sitemaps of the profile's language.

Paths alone cannot reach the list with every filter and page: the complete purge is by cache tags
(``caching/purge.py``: the profile's, its translation group's and the lists' tags, sent after commit). These
paths stay for proxies without tag support and for plone.app.caching's purge control panel.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from coalition.intranet.public.facts import list_language
from coalition.intranet.public.feeds.rss import FEED_VIEW
from coalition.intranet.public.interfaces import IPrisonerProfile
from plone import api
from z3c.caching.interfaces import IPurgePaths
from zope.component import adapter
from zope.interface import implementer


LIST_VIEWS = (FEED_VIEW, "@@open-data.csv", "@@open-data.json")
# The sitemap index and its first page; further pages (5,000 URLs each) expire with their short max-age.
SITEMAP_PATHS = ("sitemap.xml.gz", "sitemap.xml.gz?page=1")


@implementer(IPurgePaths)
@adapter(IPrisonerProfile)
class PublicListPurgePaths:
    def __init__(self, context):
        self.context = context

    def getRelativePaths(self):
        folder = aq_parent(aq_inner(self.context))
        if list_language(folder) is None:
            return []
        language_root = aq_parent(aq_inner(folder))
        paths = [f"/{folder.virtual_url_path()}/{view}" for view in LIST_VIEWS]
        for root in (language_root, api.portal.get()):
            prefix = root.virtual_url_path()
            paths.extend(f"/{prefix}/{name}" if prefix else f"/{name}" for name in SITEMAP_PATHS)
        return paths

    def getAbsolutePaths(self):
        return []
