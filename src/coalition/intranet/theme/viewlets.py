"""The coalition's header (mark and site name) and footer, in the reader's language."""

from datetime import date
from plone.app.layout.viewlets.common import LogoViewlet
from plone.app.layout.viewlets.common import ViewletBase
from plone.app.multilingual.interfaces import ILanguageRootFolder
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.component import getMultiAdapter


class CoalitionLogoViewlet(LogoViewlet):
    """Each language root folder carries the translated site name, so the navigation root title is used."""

    index = ViewPageTemplateFile("templates/logo.pt")


class CoalitionFooterViewlet(ViewletBase):
    """The footer of every page: the public sections, open data and the feed, in the reader's language."""

    index = ViewPageTemplateFile("templates/footer.pt")

    def update(self):
        super().update()
        portal_state = getMultiAdapter((self.context, self.request), name="plone_portal_state")
        self.root_url = portal_state.navigation_root_url()
        self.in_language_root = ILanguageRootFolder.providedBy(portal_state.navigation_root())
        if not self.in_language_root:
            # The intranet is language-neutral: point to the public site in the default language.
            self.root_url = f"{portal_state.portal_url()}/{portal_state.default_language()}"
        self.year = date.today().year
