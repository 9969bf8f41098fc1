"""The marker of working documents, given by the behavior ``coalition.working_document``.

Views of co-drafting (the edit form with its conflict check, the lock notice, resolvable comment threads)
are registered for ``IWorkingDocument`` so that they apply to this type only.
"""

from zope.interface import Interface


class IWorkingDocument(Interface):
    """A text co-drafted in a workspace (portal_type ``WorkingDocument``)."""
