from zope.interface import Interface


class ICriteriaSet(Interface):
    """The criteria of the definition (portal_type ``CriteriaSet``), inside the definition working document."""
