"""What starts a purge: every change of a profile that the public can see, whoever makes it and however.

An act of publication creates or updates the profile (modified event) and publishes it (workflow transition);
an act of retraction retracts every language (transition) and fires ``Purge``; editors' and translators' edits
and translators' transitions fire the same events; a translation removed fires its removal.
"""

from coalition.intranet.caching.purge import queue_profile_purge


def profile_changed(profile, event) -> None:
    queue_profile_purge(profile)
