"""Markers of the campaign concern's content (set by the classes in ``content.py``)."""

from zope.interface import Interface


class ICampaign(Interface):
    """A solidarity campaign in ``/<lang>/campaigns``."""


class ISupporter(Interface):
    """A signatory inside a campaign: private; the public reads the whitelisted copy (``signatures.py``)."""


class IStatement(Interface):
    """A statement of the coalition (a position or a joint appeal) in ``/<lang>/news``."""
