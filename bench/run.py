"""Measure the uncached latency of the public website's pages on the bench database.

    .venv/bin/python bench/run.py [--url http://127.0.0.1:8091/coalition] [--requests 50] [--warmup 5]

Without ``--url`` it starts its own Zope (``runwsgi bench/zope.ini``, the bench database filled by
``bench/generate.py``) on ``--port``, measures, and stops it again. Every request is anonymous, goes to Zope
directly (no proxy, ``Cache-Control: no-cache``) and carries no cookie; plone.app.caching is on as the
profile configures it, without its RAM cache (the generator keeps it so), and a response that says it came
from Plone's RAM cache is reported. Each page gets ``--warmup`` requests first (templates compiled, objects
loaded: a running server's state), then ``--requests`` measured ones, one at a time.

Prints a table of median and 95th percentile and writes it to ``bench/results/latest.md``.
Add a page: one line in ``PAGES`` (or ``--page NAME=PATH`` on the command line).
"""

import argparse
import datetime
import json
import math
import os
import pathlib
import platform
import requests
import signal
import statistics
import subprocess
import sys
import time


REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_MANIFEST = REPOSITORY / "var" / "bench" / "filestorage" / "manifest.json"
DEFAULT_OUTPUT = REPOSITORY / "bench" / "results" / "latest.md"
DEFAULT_PAGE_SIZE = 24
# name -> path below the site; {placeholders} come from the generator's manifest (see page_values()).
PAGES = (
    ("front page", "en"),
    ("list", "en/prisoners"),
    ("list: status + article", "en/prisoners?status=serving_sentence&article=207.3"),
    ("list: region + year", "en/prisoners?region={region}&year=2022"),
    ("list: search by name", "en/prisoners?q={surname}"),
    ("list: page 10", "en/prisoners?b_start={page_10_start}"),
    ("list (ru): category + sort", "ru/prisoners?category=anti_war&sort=detention"),
    ("profile (en)", "{profile_en}"),
    ("profile (de)", "{profile_de}"),
    ("profile (fr)", "{profile_fr}"),
    ("profile (ru)", "{profile_ru}"),
    ("statistics", "en/prisoners/@@statistics"),
    ("open data CSV", "en/prisoners/@@open-data.csv"),
    ("open data JSON", "en/prisoners/@@open-data.json"),
    ("RSS", "en/prisoners/@@rss"),
    ("mentors", "en/mentorship"),
    ("events calendar", "en/events"),
)
HEADERS = {
    "Cache-Control": "no-cache",
    "Pragma": "no-cache",
    "Accept-Language": "en",
    "User-Agent": "coalition-bench/1",
}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="site URL of a running server (default: start one on --port)")
    parser.add_argument("--port", type=int, default=8091)
    parser.add_argument("--requests", type=int, default=50, help="measured requests per page (default 50)")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured requests per page first (default 5)")
    parser.add_argument("--manifest", type=pathlib.Path, default=DEFAULT_MANIFEST)
    parser.add_argument("--output", type=pathlib.Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--page", action="append", default=[], metavar="NAME=PATH", help="measure another page")
    parser.add_argument("--only", action="append", default=[], metavar="TEXT", help="only pages whose name has TEXT")
    return parser.parse_args(argv)


def page_size() -> int:
    """The list's page size, from the list's own code when it is there."""
    try:
        from coalition.intranet.public.listing.query import PAGE_SIZE

        return PAGE_SIZE
    except ImportError:
        return DEFAULT_PAGE_SIZE


def page_values(manifest: dict) -> dict:
    values = {f"profile_{language}": path for language, path in manifest["sample_profile"].items()}
    values.update(
        region=manifest["sample_region"],
        surname=manifest["sample_surname"],
        page_10_start=9 * page_size(),
    )
    return values


def pages(args, manifest: dict) -> list[tuple[str, str]]:
    values = page_values(manifest)
    chosen = []
    for name, template in list(PAGES) + [tuple(extra.split("=", 1)) for extra in args.page]:
        try:
            path = template.format(**values)
        except KeyError:  # a language the bench site does not have
            continue
        if not args.only or any(text in name for text in args.only):
            chosen.append((name, path))
    return chosen


class BenchServer:
    """A Zope of its own on the bench database; stopped (by its process id) when the run ends."""

    def __init__(self, port: int):
        self.port = port
        self.process = None

    def __enter__(self):
        log_dir = REPOSITORY / "var" / "bench" / "log"
        log_dir.mkdir(parents=True, exist_ok=True)
        command = [
            str(REPOSITORY / ".venv" / "bin" / "runwsgi"),
            "bench/zope.ini",
            "http_host=127.0.0.1",
            f"http_port={self.port}",
            "zope_conf_name=zope.conf",
        ]
        self.log = open(log_dir / "server.log", "a")  # noqa: SIM115 (closed in __exit__)
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            command, cwd=REPOSITORY, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def wait_until_up(session, url: str, server=None, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server and server.process.poll() is not None:
            raise SystemExit("The bench server stopped; see var/bench/log/server.log.")
        try:
            session.get(url, timeout=10)
            return
        except requests.ConnectionError:
            time.sleep(1)
    raise SystemExit(f"No answer from {url} after {timeout:.0f} s.")


def measure(session, url: str, warmup: int, count: int) -> dict:
    statuses, cached, timings, size = set(), False, [], 0
    for number in range(warmup + count):
        session.cookies.clear()
        started = time.perf_counter()
        response = session.get(url, timeout=120, allow_redirects=False)
        elapsed = time.perf_counter() - started
        statuses.add(response.status_code)
        cached = cached or "X-RAMCache" in response.headers
        size = len(response.content)
        if number == 0 and response.status_code == 404:
            return {"statuses": statuses}
        if number >= warmup:
            timings.append(elapsed * 1000)
    ordered = sorted(timings)
    return {
        "statuses": statuses,
        "cached": cached,
        "size": size,
        "median": statistics.median(ordered),
        # Nearest-rank percentile: the value below which 95 % of the requests finished.
        "p95": ordered[math.ceil(0.95 * len(ordered)) - 1],
        "min": ordered[0],
        "max": ordered[-1],
    }


def table(results: list[tuple[str, str, dict]]) -> list[str]:
    lines = [
        "| page | path | median ms | p95 ms | min ms | max ms | KB | status |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, path, result in results:
        status = ", ".join(str(code) for code in sorted(result["statuses"]))
        if "median" not in result:
            lines.append(f"| {name} | `{path}` | – | – | – | – | – | {status} (not there yet) |")
            continue
        if result["cached"]:
            status += " (RAM cache hit!)"
        lines.append(
            f"| {name} | `{path}` | {result['median']:.0f} | {result['p95']:.0f} | {result['min']:.0f} "
            f"| {result['max']:.0f} | {result['size'] / 1024:.0f} | {status} |"
        )
    return lines


def describe(args, manifest: dict, url: str) -> list[str]:
    commit = subprocess.run(  # noqa: S603
        ["git", "describe", "--always", "--dirty"],  # noqa: S607
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return [
        f"- date: {datetime.datetime.now():%Y-%m-%d %H:%M}, commit `{commit}`",
        f"- data: {manifest['count']} fictional prisoners × {len(manifest['languages'])} languages "
        f"({', '.join(manifest['languages'])}), generated {manifest['generated']} by `bench/generate.py`",
        f"- server: {url} ({'started by run.py: ' if not args.url else ''}waitress, 4 threads, ZODB FileStorage, "
        "object cache 30,000), plone.app.caching on without RAM cache (headers for the proxy only)",
        f"- client: {args.warmup} warm-up + {args.requests} measured requests per page, one at a time, anonymous, "
        "no cookies, `Cache-Control: no-cache`, no proxy; times include reading the whole response",
        f"- machine: {cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
    ]


def _read(path: str) -> str:
    try:
        return pathlib.Path(path).read_text()
    except OSError:
        return ""


def main(argv) -> int:
    args = parse_args(argv)
    if not args.manifest.exists():
        print(f"No {args.manifest}: run bench/generate.py first (see bench/README.md).", file=sys.stderr)
        return 1
    manifest = json.loads(args.manifest.read_text())
    session = requests.Session()
    session.trust_env = False  # straight to Zope: no proxy from the environment
    session.headers.update(HEADERS)
    server = None if args.url else BenchServer(args.port)
    url = (args.url or f"http://127.0.0.1:{args.port}/{manifest['site_id']}").rstrip("/")
    results = []
    try:
        if server:
            server.__enter__()
            print(f"Starting the bench server on port {args.port}...", flush=True)
        wait_until_up(session, url, server)
        for name, path in pages(args, manifest):
            result = measure(session, f"{url}/{path}", args.warmup, args.requests)
            results.append((name, path, result))
            shown = f"median {result['median']:.0f} ms, p95 {result['p95']:.0f} ms" if "median" in result else "404"
            print(f"  {name}: {shown}", flush=True)
    finally:
        if server:
            server.__exit__(None, None, None)
    report = [
        "# Benchmark of the public website (uncached)",
        "",
        *describe(args, manifest, url),
        "",
        *table(results),
        "",
    ]
    print("\n".join(report))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(report))
    print(f"Written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
