"""GenericSetup handlers of the default and uninstall profiles."""

from coalition.intranet.site.api import build_site_structure
from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Hide the uninstall profile from the add-on and site-creation screens."""
        return ["coalition.intranet:uninstall"]


def post_install(context):
    """Build the site structure once the profile's XML steps have run."""
    build_site_structure(api.portal.get())


def uninstall(context):
    """Nothing beyond the uninstall profile's XML steps.

    Workflows, the intranet policy, roles and groups stay on purpose: removing them would change the
    permissions of existing private content, and content and accounts are the coalition's data.
    """
