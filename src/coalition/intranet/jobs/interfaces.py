"""What a scheduled job is: a named utility that the runner finds by name."""

from zope.interface import Attribute
from zope.interface import Interface


class IScheduledJob(Interface):
    """One job that cron or a systemd timer runs regularly against the serving site.

    Register it as a named utility in the concern that owns the work::

        <utility name="digests" factory=".jobs.SendDigests"
                 provides="coalition.intranet.jobs.interfaces.IScheduledJob" />
    """

    title = Attribute("What the job does (a translatable message)")

    def run(site, *, portal_url, now, progress):
        """Do the work (with Manager roles), ``progress(line)`` per item; return a one-line summary."""
