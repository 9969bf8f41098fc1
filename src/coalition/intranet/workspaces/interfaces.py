from zope.interface import Interface


class IWorkspace(Interface):
    """Marker of a workspace (``Organisation``, ``WorkingGroup``): it has a roster.

    Given by the behavior ``coalition.workspace`` in the types' FTIs; views such as ``@@roster`` are
    registered for it.
    """
