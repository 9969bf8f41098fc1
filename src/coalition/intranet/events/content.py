"""The class of the private event plan."""

from coalition.intranet.events.interfaces import IEventPlan
from plone.dexterity.content import Container
from zope.interface import implementer


@implementer(IEventPlan)
class EventPlan(Container):
    """A folderish plan: its files live inside it, under the workspace workflow of its group.

    ``published_event_uid`` (no schema field, so no form or REST call reads it) names the public event its
    act of publication created; the public event does not know its plan.
    """

    published_event_uid = None
