from zope.interface import implementer
from zope.interface import Interface
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent


class IWorkspace(Interface):
    """Marker of a workspace (``Organisation``, ``WorkingGroup``): it has a roster.

    Given by the behavior ``coalition.workspace`` in the types' FTIs; views such as ``@@roster`` are
    registered for it.
    """


class IRosterChangedEvent(IObjectEvent):
    """The roster of a workspace changed (someone added, removed, or given another role)."""


@implementer(IRosterChangedEvent)
class RosterChangedEvent(ObjectEvent):
    def __init__(self, workspace, principal: str):
        super().__init__(workspace)
        self.principal = principal
