"""On a draft case file, the list of facts still missing before it can be nominated."""

from plone import api
from plone.app.layout.viewlets import ViewletBase


class NominationChecklistViewlet(ViewletBase):
    def available(self):
        return api.content.get_state(self.context, default=None) == "draft" and api.user.has_permission(
            "Modify portal content", obj=self.context
        )

    def missing(self):
        """Titles (form labels) of the missing facts."""
        schema = api.portal.get_tool("portal_types")[self.context.portal_type].lookupSchema()
        return [schema[name].title for name in self.context.nomination_blockers()]

    def nominate_url(self):
        return f"{self.context.absolute_url()}/content_status_modify?workflow_action=nominate"
