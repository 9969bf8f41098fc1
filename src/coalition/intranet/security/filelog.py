"""Append-only logs in JSON-lines files beside the database, one file per month (``YYYY-MM.jsonl``).

For what happens too often, or to visitors nobody knows, to be written in the ZODB: reads of case files
(``cases/access_log.py``) and logins (``login_events.py``). In the ZODB, every such record would be a write
that collides with concurrent ones (ConflictError, retries) and an anonymous attacker could grow the
database without bound. Appending one line with a single ``O_APPEND`` write is atomic, so several Zope
processes on one machine share the files; on several machines give each process its own directory (the
log's environment variable) and read them together. Files are created readable by the Zope user only.
"""

from App.config import getConfiguration
from collections.abc import Iterator
from datetime import datetime
from datetime import timedelta
from datetime import UTC
import heapq
import itertools
import json
import os
import pathlib
import tempfile


BLOCK_SIZE = 64 * 1024
# Processes append in the order they finish writing, not quite the order of their clocks: a file is read
# this far past the start of a date range before the reader stops.
DISORDER = timedelta(minutes=5)


def log_directory(environment_variable: str, folder_name: str) -> pathlib.Path:
    """The environment's choice of directory, else ``<clienthome>/<folder_name>`` (created if missing)."""
    configured = os.environ.get(environment_variable)
    if configured:
        directory = pathlib.Path(configured)
    else:
        clienthome = getattr(getConfiguration(), "clienthome", None)
        directory = pathlib.Path(clienthome or tempfile.gettempdir()) / folder_name
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def append_line(directory: pathlib.Path, record: dict, when: datetime | None = None) -> None:
    """Append ``record`` (plus its time as ``when``) to the month's file of ``directory``."""
    when = when or datetime.now(UTC)
    line = json.dumps({"when": when.isoformat(), **record}, ensure_ascii=False)
    target = directory / f"{when:%Y-%m}.jsonl"
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(descriptor, (line + "\n").encode("utf-8"))
    finally:
        os.close(descriptor)


def _month_files(directory: pathlib.Path, since: datetime | None, until: datetime | None) -> list[pathlib.Path]:
    """The month files that may hold lines of ``[since, until)``, newest first (only those are opened)."""
    first = f"{since:%Y-%m}" if since else ""
    last = f"{until - timedelta(microseconds=1):%Y-%m}" if until else "9999-99"
    files = [path for path in directory.glob("*.jsonl") if first <= path.stem <= last]
    return sorted(files, key=lambda path: path.stem, reverse=True)


def _lines_backwards(path: pathlib.Path) -> Iterator[bytes]:
    """The lines of a file from the last to the first, reading blocks from the end (the newest first)."""
    with path.open("rb") as stream:
        stream.seek(0, os.SEEK_END)
        position = stream.tell()
        rest = b""
        while position > 0:
            size = min(BLOCK_SIZE, position)
            position -= size
            stream.seek(position)
            lines = (stream.read(size) + rest).split(b"\n")
            rest = lines.pop(0)
            yield from (line for line in reversed(lines) if line)
        if rest:
            yield rest


def _records_backwards(directory, since, until) -> Iterator[tuple[datetime, dict]]:
    """``(when, record)`` of the month files of the range, each file from its end; stops a little past
    ``since``. A damaged line is skipped."""
    for path in _month_files(directory, since, until):
        for raw in _lines_backwards(path):
            try:
                record = json.loads(raw)
                when = datetime.fromisoformat(record["when"])
            except (ValueError, KeyError, TypeError):
                continue
            if since is not None and when < since - DISORDER:
                return
            yield when, record


def newest_first(
    directory: pathlib.Path, since: datetime | None = None, until: datetime | None = None
) -> Iterator[dict]:
    """The records of ``directory`` with ``since <= when < until``, newest first, read lazily.

    Each record gets its time as a ``datetime`` under ``when``. Only the month files of the range are read,
    each from its end, so the first page of a long log costs a few blocks. Lines a little out of order
    (up to ``DISORDER``, processes appending at once) come out in order.
    """
    pending = []  # a heap of (-timestamp, sequence, record): read, not yet given out
    sequence = itertools.count()
    for when, record in _records_backwards(directory, since, until):
        while pending and -pending[0][0] > (when + DISORDER).timestamp():
            yield heapq.heappop(pending)[2]
        if (until is not None and when >= until) or (since is not None and when < since):
            continue
        record["when"] = when
        heapq.heappush(pending, (-when.timestamp(), next(sequence), record))
    while pending:
        yield heapq.heappop(pending)[2]
