"""Marker of the public prisoner profile (given by the ``coalition.prisoner_profile`` behavior)."""

from zope.interface import Interface


class IPrisonerProfile(Interface):
    """A public prisoner profile: views, indexers and feeds adapt this."""
