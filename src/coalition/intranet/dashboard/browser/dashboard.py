"""``@@dashboard``: the personal page of the intranet, the default view of ``/intranet``."""

from AccessControl import Unauthorized
from coalition.intranet.dashboard import api as dashboard
from coalition.intranet.workspaces.api import display_name
from coalition.intranet.workspaces.api import ROLE_TITLES
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


class DashboardView(BrowserView):
    """Fills the whole content column (slot ``main``): the page is about the person, so no folder byline."""

    template = ViewPageTemplateFile("templates/dashboard.pt")

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("The dashboard is personal: log in first.")
        user = api.user.get_current()
        self.fullname = display_name(user)
        self.workspaces = dashboard.my_workspaces(user.getId())
        self.changes = dashboard.recent_changes(self.workspaces)
        self.waiting = dashboard.waiting_for(user)
        self.sections = dashboard.intranet_sections(self.context)
        return self.template()

    def type_title(self, portal_type: str) -> str:
        """The translated name of a content type (its FTI title in the FTI's own i18n domain)."""
        fti = api.portal.get_tool("portal_types").getTypeInfo(portal_type)
        if fti is None:
            return portal_type
        return translate(fti.Title(), domain=fti.i18n_domain or "plone", context=self.request)

    def role_title(self, role: str):
        return ROLE_TITLES.get(role, role)

    def when(self, modified) -> str:
        return api.portal.get_localized_time(datetime=modified, long_format=True)

    def iso(self, modified) -> str:
        return modified.ISO8601()
