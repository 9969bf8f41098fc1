"""Interfaces and events of ballots, for other concerns (the criteria of the definition) to react to."""

from zope.interface import Attribute
from zope.interface import implementer
from zope.interface import Interface
from zope.interface.interfaces import IObjectEvent


class IBallotStarted(IObjectEvent):
    """A ballot was opened on a version of its document (``object`` is the ballot)."""


class IBallotClosed(IObjectEvent):
    """A ballot was closed and its result recorded (``object`` is the ballot)."""

    result = Attribute("The recorded result (a dict, see drafting.ballots.result_of)")


@implementer(IBallotStarted)
class BallotStarted:
    def __init__(self, ballot):
        self.object = ballot


@implementer(IBallotClosed)
class BallotClosed:
    def __init__(self, ballot, result):
        self.object = ballot
        self.result = result


class IBallot(Interface):
    """A ballot (portal_type ``Ballot``); its rules are in ``drafting.ballots``."""


class IBallotSubject(Interface):
    """Something other than a working document that the organisations can decide on by a ballot
    (a case file: the commission's proposed decision). It supplies what is put to the vote."""

    def ballot_version():
        """A number identifying the proposal put to the vote (changes when the proposal changes)."""

    def ballot_text():
        """The HTML text put to the vote."""
