"""Interfaces of the dashboard: where it is shown, and how other concerns add what waits for a person."""

from zope.interface import Attribute
from zope.interface import Interface


class IDashboardHost(Interface):
    """Marker of a folder that can show the personal dashboard (``/intranet``, where it is the default view).

    Given by the behavior ``coalition.dashboard`` in the IntranetSection FTI.
    """


class IWaitingForMe(Interface):
    """A source of things that wait for a person: ballots to vote on, reviews, translations to make.

    Register one as a named utility; the dashboard shows each source that has something, under its
    ``title``, ordered by ``order``::

        <utility name="coalition.ballots" factory=".dashboard.OpenBallots" />

    ``items`` must return only what ``user`` may open: the dashboard shows titles and links as given.
    """

    title = Attribute("Heading of the group on the dashboard (a translatable message)")
    order = Attribute("Position among the sources: lower comes first")

    def items(user):
        """The ``WaitingItem`` objects (dashboard.api) that wait for ``user`` (MemberData), most urgent first."""
