"""The header logo: the coalition's mark beside the site name in the reader's language."""

from plone.app.layout.viewlets.common import LogoViewlet
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class CoalitionLogoViewlet(LogoViewlet):
    """Each language root folder carries the translated site name, so the navigation root title is used."""

    index = ViewPageTemplateFile("templates/logo.pt")
