from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ICoalitionLayer(IDefaultBrowserLayer):
    """Browser layer active once the add-on is installed in a site."""
