"""ETag components of the project (plone.app.caching asks each named ``IETagValue`` listed in a rule's ``etags``).

``today``: pages that show what is due today (birthdays and releases on the statistics page, people to act for
on the front pages) change at midnight without any catalog change. Without the date in the ETag a browser,
or the proxy revalidating a copy past its lifetime, would be told ``304 Not Modified`` and keep yesterday's page.
"""

from datetime import date
from plone.app.caching.interfaces import IETagValue
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


@implementer(IETagValue)
@adapter(Interface, Interface)
class Today:
    def __init__(self, published, request):
        self.published = published
        self.request = request

    def __call__(self) -> str:
        return date.today().isoformat()
