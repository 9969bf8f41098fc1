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
    """What the member organisations decide on by a ballot: an adapter of the content a ballot lives in.

    ``drafting.ballots`` asks only this, never the content's type. Working documents provide it in
    ``drafting/subjects.py`` (one version of the text); case files in ``cases/ballot_subject.py`` (the list
    commission's proposed decision, which becomes the case's decision when the organisations adopt it).
    """

    def current_version():
        """A number naming what would be put to the vote now (None if nothing yet). A ballot whose
        ``document_version`` differs was opened on an earlier text."""

    def voted_text(version=None):
        """``(version, html)`` frozen in a ballot when it opens: ``version`` (default: the current one) and its
        text. Raises ``BallotError`` for a version that does not exist."""

    def eligible_organisations():
        """``{id: Organisation}``: the organisations whose representatives vote (in the order shown)."""

    def ballot_closed(ballot, result):
        """What follows from a closed ballot's recorded ``result`` (a dict) for the subject, if anything."""

    # Optional: ``ballot_readers(organisation)`` -> principal ids of the organisation who read the ballot
    # (default: its whole roster; a case file's: its admins only, the proposal names a person).
    # Optional, for subjects whose ballots start from the desk (``@@ballots``; case files):
    # ``waiting_for_ballot()`` -> bool, ``ballot_label()`` -> how the desk names it (no private data),
    # ``ballot_wording()`` -> ``(title, question)`` of the ballot.


class IBallotHeld(IObjectEvent):
    """A ballot reached its deadline but was not closed: its subject changed and nobody decided what to do."""


@implementer(IBallotHeld)
class BallotHeld:
    def __init__(self, ballot):
        self.object = ballot


class IVoteReplaced(IObjectEvent):
    """Another admin of the same organisation replaced the vote cast by ``replaced`` (``object``: the ballot)."""

    organisation = Attribute("The organisation's id")
    replaced = Attribute("The user id of the person whose vote was replaced")
    by = Attribute("The user id of the person who replaced it")


@implementer(IVoteReplaced)
class VoteReplaced:
    def __init__(self, ballot, organisation, replaced, by):
        self.object = ballot
        self.organisation = organisation
        self.replaced = replaced
        self.by = by
