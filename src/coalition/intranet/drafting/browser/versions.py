"""Links from a working document to its version history and to the diff between versions."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class VersionsViewlet(ViewletBase):
    index = ViewPageTemplateFile("templates/versions.pt")

    def update(self):
        super().update()
        repository = api.portal.get_tool("portal_repository")
        history = repository.getHistoryMetadata(self.context)
        self.count = history.getLength(countPurged=False) if history else 0
