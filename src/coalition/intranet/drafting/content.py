"""The content class of ballots: a Dexterity item with a marker interface for its views."""

from coalition.intranet.drafting.interfaces import IBallot
from plone.dexterity.content import Item
from zope.interface import implementer


@implementer(IBallot)
class Ballot(Item):
    """Fields come from models/ballot.xml; what is voted on and the votes are set by ``drafting.ballots``."""
