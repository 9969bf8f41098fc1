from coalition.intranet.security.twofactor.interfaces import ITwoFactorSettings
from plone.registry.interfaces import IRegistry
from zope.component import queryUtility


PREFIX = "coalition.twofactor"


class _Defaults:
    """The interface's defaults, for a site whose registry does not have the records yet."""

    def __getattr__(self, name):
        return ITwoFactorSettings[name].default


def twofactor_settings():
    registry = queryUtility(IRegistry)
    if registry is None:
        return _Defaults()
    try:
        return registry.forInterface(ITwoFactorSettings, prefix=PREFIX)
    except KeyError:
        return _Defaults()


def save_settings(required_groups: list[str], organisation_admins: bool, roster_members: bool) -> None:
    settings = registry_settings()
    settings.required_groups = list(required_groups)
    settings.require_organisation_admins = bool(organisation_admins)
    settings.require_roster_members = bool(roster_members)


def registry_settings():
    return queryUtility(IRegistry).forInterface(ITwoFactorSettings, prefix=PREFIX)
