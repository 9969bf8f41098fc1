"""Markers of the mentorship concern."""

from zope.interface import Interface


class IMentor(Interface):
    """A politician or public figure who mentors prisoners (private record in /intranet/mentorship)."""


class IMentorship(Interface):
    """Mentor ↔ prisoner, with its lifecycle and its actions."""


class IMentorAction(Interface):
    """One act of a mentor within a mentorship."""


class IMentorshipRegistry(Interface):
    """Marker of ``/intranet/mentorship``, where mentors and mentorships live."""
