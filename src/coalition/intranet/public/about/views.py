"""The public "About" page: the member organisations of the coalition, in the reader's language."""

from coalition.intranet.workspaces.directory import member_organisations
from coalition.intranet.workspaces.directory import organisation_logo
from plone.base.interfaces import ILanguage
from plone.namedfile.utils import set_headers
from plone.namedfile.utils import stream_data
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


class MemberOrganisationsView(BrowserView):
    """Layout of the ``about`` folder of each language root."""

    def language(self):
        return ILanguage(self.context).get_language() or "en"

    def organisations(self):
        return member_organisations(self.language())

    def logo_url(self, organisation):
        return f"{self.context.absolute_url()}/@@organisation-logo/{organisation['id']}"


@implementer(IPublishTraverse)
class OrganisationLogoView(BrowserView):
    """Serves only the logo of an organisation, ``@@organisation-logo/<id>``; nothing else of its workspace."""

    organisation_id = None

    def publishTraverse(self, request, name):
        if self.organisation_id is not None:
            raise NotFound(name)
        self.organisation_id = name
        return self

    def __call__(self):
        logo = organisation_logo(self.organisation_id) if self.organisation_id else None
        if logo is None or not (logo.contentType or "").startswith("image/"):
            raise NotFound(self.organisation_id)
        set_headers(logo, self.request.response)
        # Public, cacheable: the logo is public by the organisation's choice.
        self.request.response.setHeader("Cache-Control", "public, max-age=3600")
        self.request.response.setHeader("Content-Disposition", "inline")
        return stream_data(logo)
