"""Interfaces of the events concern."""

from zope.interface import Interface


class IEventPlan(Interface):
    """A working group's private plan of an event (notes, budget, tasks, files); never public."""


class IPublicEvent(Interface):
    """A public ``Event`` in a language root with the coalition's details (behavior ``coalition.public_event``)."""
