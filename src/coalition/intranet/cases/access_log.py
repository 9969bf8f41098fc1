"""The access log of case files: every view of a case file and every download from it (who, when, what).

Storage: append-only JSON-lines files beside the database (``<var>/case-access/YYYY-MM.jsonl``), one line
per request, written outside the ZODB transaction. A read must never become a database write: in the
ZODB, every page view would write the same objects and collide with concurrent readers (ConflictError,
retries) and the database would grow with each read. Several Zope processes append to the same file with
``O_APPEND`` writes of single lines, which the operating system keeps whole; on several machines give each
process its own directory (``COALITION_CASE_ACCESS_LOG``) and read them together.
"""

from coalition.intranet.security import api as security
from datetime import datetime
import json
import pathlib


ENV_DIRECTORY = "COALITION_CASE_ACCESS_LOG"


def log_directory() -> pathlib.Path:
    """Where the access log lives: the environment's choice, else ``<clienthome>/case-access``."""
    return security.log_directory(ENV_DIRECTORY, "case-access")


def record_access(case_uid: str, userid: str, what: str, path: str, when: datetime | None = None) -> None:
    """Append one access (``what``: the view, download or REST call) to this month's file."""
    security.append_log_line(log_directory(), {"case": case_uid, "user": userid, "what": what, "path": path}, when)


def accesses_newest_first(since: datetime | None = None, until: datetime | None = None):
    """Every access with ``since <= when < until``, newest first, read lazily (``when`` as a datetime)."""
    return security.log_lines_newest_first(log_directory(), since, until)


def accesses_of(case_uid: str, limit: int = 500) -> list[dict]:
    """The latest accesses to one case file, newest first."""
    found = []
    for month_file in sorted(log_directory().glob("*.jsonl"), reverse=True):
        with month_file.open(encoding="utf-8") as lines:
            entries = [json.loads(line) for line in lines if f'"case": "{case_uid}"' in line]
        found.extend(reversed(entries))
        if len(found) >= limit:
            break
    return found[:limit]
