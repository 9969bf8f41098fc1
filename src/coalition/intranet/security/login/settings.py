from coalition.intranet.security.login.interfaces import ILoginSettings
from plone.registry.interfaces import IRegistry
from zope.component import queryUtility


PREFIX = "coalition.login"


class _Defaults:
    """The interface's defaults, for a site whose registry does not have the records yet."""

    def __getattr__(self, name):
        return ILoginSettings[name].default


def login_settings():
    registry = queryUtility(IRegistry)
    if registry is None:
        return _Defaults()
    try:
        return registry.forInterface(ILoginSettings, prefix=PREFIX)
    except KeyError:
        return _Defaults()
