"""The public API of scheduled jobs: list them and run one in the current site."""

from coalition.intranet.jobs.interfaces import IScheduledJob
from coalition.intranet.jobs.secret import read_secret
from coalition.intranet.jobs.secret import secret_file
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from plone import api
from zope.component import getUtilitiesFor
from zope.component import queryUtility


__all__ = ["JobResult", "UnknownJob", "job_names", "job_titles", "read_secret", "run_job", "secret_file"]


class UnknownJob(LookupError):
    """No job is registered under that name."""


@dataclass
class JobResult:
    name: str
    summary: str
    lines: list[str] = field(default_factory=list)


def job_names() -> list[str]:
    """The names of every registered job, sorted."""
    return sorted(name for name, _job in getUtilitiesFor(IScheduledJob))


def job_titles() -> list[tuple[str, object]]:
    """``(name, title)`` of every registered job, sorted by name."""
    return sorted((name, job.title) for name, job in getUtilitiesFor(IScheduledJob))


def run_job(site, name: str, *, portal_url: str | None = None, now: datetime | None = None) -> JobResult:
    """Run the job ``name`` in ``site`` as the system (Manager roles); the caller commits."""
    job = queryUtility(IScheduledJob, name=name)
    if job is None:
        raise UnknownJob(name)
    lines: list[str] = []
    with api.env.adopt_roles(["Manager"]):
        summary = job.run(
            site,
            portal_url=(portal_url or site.absolute_url()).rstrip("/"),
            now=now or datetime.now(),
            progress=lines.append,
        )
    return JobResult(name=name, summary=str(summary), lines=lines)
