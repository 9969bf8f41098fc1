"""Load benchmark: throughput and latency at concurrency 1 and 16, three ways in the same run.

    .venv/bin/python bench/load.py [--duration 10] [--concurrency 1 16] [--only list]

For each page: (1) uncached Plone (straight to Zope, ``Cache-Control: no-cache``), (2) through the caching
proxy (Varnish with ``deploy/varnish/coalition.vcl``, warmed by one request), (3) nginx serving a saved copy
of the same response (the physical limit of this machine for that many bytes). Logged-in pages (the
dashboard, a case file, as the bench member) go through the proxy too, which must pass them to Zope.

The load generator is wrk (Debian package ``wrk``; ``bench/wrk_report.lua`` prints its figures as JSON);
Varnish and nginx come from the Debian packages ``varnish`` and ``nginx-light`` (``make bench-load``
installs what is missing). It starts the bench server on the bench database (``bench/run.py``), a Varnish
and an nginx of its own on free ports, and stops them all at the end. Table: ``bench/results/load-latest.md``.
"""

import argparse
import datetime
import json
import os
import pathlib
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY / "bench"))

import run  # noqa: E402 (bench/run.py: the pages, the manifest and the bench server)


DEFAULT_OUTPUT = REPOSITORY / "bench" / "results" / "load-latest.md"
WRK_SCRIPT = REPOSITORY / "bench" / "wrk_report.lua"
VARNISH_DIR = REPOSITORY / "deploy" / "varnish"
JSON = {"Accept": "application/json"}
MODES = ("plone", "proxy", "static")
# name -> (path, logged in, extra headers)
LOAD_PAGES = (
    ("front page", "en", False, {}),
    ("list", "en/prisoners", False, {}),
    ("list: status + article", "en/prisoners?status=serving_sentence&article=207.3", False, {}),
    ("profile (en)", "{profile_en}", False, {}),
    ("statistics", "en/prisoners/@@statistics", False, {}),
    (
        "REST @search",
        "en/@search?portal_type=PrisonerProfile&SearchableText={surname}",
        False,
        {"Accept": "application/json"},
    ),
    ("dashboard (logged in)", "intranet", True, {}),
    ("case file (logged in)", "{sample_case}", True, {}),
)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8091, help="port of the bench Zope")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page, mode and concurrency")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 16])
    parser.add_argument(
        "--modes", nargs="+", default=["plone", "proxy", "static"], choices=["plone", "proxy", "static"]
    )
    parser.add_argument("--only", action="append", default=[], metavar="TEXT", help="only pages whose name has TEXT")
    parser.add_argument("--manifest", type=pathlib.Path, default=run.DEFAULT_MANIFEST)
    parser.add_argument("--output", type=pathlib.Path, default=DEFAULT_OUTPUT)
    return parser.parse_args(argv)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).close()  # noqa: S310 (our own local server)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"No answer from {url} after {timeout:.0f} s.")


class Daemon:
    """A helper process of the run (Varnish, nginx), stopped with its process group at the end."""

    def __init__(self, command: list[str], log: pathlib.Path):
        self.command, self.log_path = command, log

    def __enter__(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115 (closed in __exit__)
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            self.command, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


def varnish(workdir: pathlib.Path, backend_port: int, port: int) -> Daemon:
    (workdir / "backend.vcl").write_text(
        (VARNISH_DIR / "backend.vcl").read_text().replace('"8080"', f'"{backend_port}"'), encoding="utf-8"
    )
    command = [
        shutil.which("varnishd") or "/usr/sbin/varnishd",
        "-F",
        "-n",
        str(workdir / "varnish"),
        "-a",
        f"127.0.0.1:{port}",
        "-f",
        str(VARNISH_DIR / "coalition.vcl"),
        "-p",
        f"vcl_path={workdir}:{VARNISH_DIR}:/usr/share/varnish/vcl",
        "-s",
        "malloc,512m",
    ]
    return Daemon(command, workdir / "varnish.log")


def nginx(workdir: pathlib.Path, root: pathlib.Path, port: int) -> Daemon:
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"""worker_processes 2;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/client-body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    sendfile on;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        default_type text/html;
        location / {{ try_files $uri =404; }}
    }}
}}
""",
        encoding="utf-8",
    )
    return Daemon(
        [shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf), "-g", "daemon off;"], workdir / "nginx.log"
    )


def wrk(url: str, concurrency: int, duration: int, headers: dict) -> dict:
    command = [shutil.which("wrk") or "/usr/bin/wrk", f"-t{min(concurrency, 2)}", f"-c{concurrency}", f"-d{duration}s"]
    command += ["-s", str(WRK_SCRIPT), "--timeout", "30s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    done = subprocess.run([*command, url], capture_output=True, text=True, check=True)  # noqa: S603
    line = next(line for line in reversed(done.stdout.splitlines()) if line.startswith("{"))
    figures = json.loads(line)
    seconds = figures["duration_us"] / 1e6
    return {
        "rps": figures["requests"] / seconds if seconds else 0.0,
        "p50": figures["p50_us"] / 1000,
        "p95": figures["p95_us"] / 1000,
        "errors": figures["errors"] + figures["non2xx"],
        "requests": figures["requests"],
    }


def save_static(url: str, headers: dict, target: pathlib.Path) -> int:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own local server)
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 (our own local server)
        body = response.read()
    target.write_bytes(body)
    return len(body)


def main(argv) -> int:
    args = parse_args(argv)
    manifest = json.loads(args.manifest.read_text())
    values = run.page_values(manifest)
    values.update(sample_case=manifest.get("sample_case", ""))
    chosen = []
    for name, template, logged_in, extra in LOAD_PAGES:
        if args.only and not any(text in name for text in args.only):
            continue
        headers = {"Accept-Language": "en", **extra}
        chosen.append((name, template.format(**values), headers, logged_in))
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="coalition-load-"))
    # varnishd compiles the VCL as its own user: it must read our backend.vcl (mkdtemp makes the folder 0700).
    workdir.chmod(0o755)
    static_root = workdir / "static"
    static_root.mkdir()
    proxy_port, static_port = free_port(), free_port()
    site = f"http://127.0.0.1:{args.port}/{manifest['site_id']}"
    results = []
    try:
        with (
            run.BenchServer(args.port) as server,
            varnish(workdir, args.port, proxy_port),
            nginx(workdir, static_root, static_port),
        ):
            wait_for(f"{site}/en")
            del server
            proxy_site = f"http://127.0.0.1:{proxy_port}/{manifest['site_id']}"
            wait_for(f"{proxy_site}/en")
            token = log_in(site, manifest) if any(logged_in for *_rest, logged_in in chosen) else ""
            for number, (name, path, headers, logged_in) in enumerate(chosen):
                if logged_in:
                    headers = {**headers, "Authorization": f"Bearer {token}"}
                print(f"{name}: {path}", flush=True)
                size = save_static(f"{site}/{path}", headers, static_root / f"page-{number}")
                urls = {
                    "plone": (f"{site}/{path}", {**headers, "Cache-Control": "no-cache", "Pragma": "no-cache"}),
                    "proxy": (f"{proxy_site}/{path}", headers),
                    "static": (f"http://127.0.0.1:{static_port}/page-{number}", {}),
                }
                # Warm-up: templates compiled, objects loaded, the proxy holds its copy.
                for mode in args.modes:
                    url, mode_headers = urls[mode]
                    wrk(url, 1, 2, mode_headers)
                for concurrency in args.concurrency:
                    for mode in args.modes:
                        url, mode_headers = urls[mode]
                        figures = wrk(url, concurrency, args.duration, mode_headers)
                        print(
                            f"  {mode:6} c={concurrency:<3} {figures['rps']:9.1f}/s  p50 {figures['p50']:8.1f} ms"
                            f"  p95 {figures['p95']:8.1f} ms  errors {figures['errors']}",
                            flush=True,
                        )
                        results.append((name, path, size, mode, concurrency, figures))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    lines = describe(args, manifest) + [""] + table(results)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


def log_in(site: str, manifest: dict) -> str:
    """The bench member's token from ``@login``, with the code of their second factor in the same request (an
    organisation admin must use one; HTTP Basic is refused for them), as a script of the coalition would."""
    import pyotp

    code = pyotp.TOTP(manifest["member_totp_secret"]).now()
    body = {"login": manifest["member"], "password": manifest["member_password"], "otp": code}
    request = urllib.request.Request(  # noqa: S310 (our own bench server)
        f"{site}/@login", data=json.dumps(body).encode(), headers={**JSON, "Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
        return json.loads(answer.read())["token"]


def commit() -> str:
    found = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPOSITORY)  # noqa: S607
    return found.stdout.strip()


def describe(args, manifest: dict) -> list[str]:
    cpus = os.cpu_count()
    return [
        "# Load benchmark: uncached Plone, the caching proxy, and a static copy",
        "",
        f"- date: {datetime.datetime.now():%Y-%m-%d %H:%M}, commit `{commit()}`",
        f"- data: {manifest['count']} fictional prisoners × {len(manifest['languages'])} languages, "
        f"{manifest.get('sample_case') and 'case files of the bench member'}",
        f"- load: wrk, {args.duration} s per page, mode and concurrency ({', '.join(map(str, args.concurrency))}), "
        "keep-alive, after a 2 s warm-up",
        "- plone: straight to Zope (waitress, 4 threads, FileStorage); proxy: Varnish 7 with "
        "deploy/varnish/coalition.vcl in front of it; static: nginx serving the same bytes from a file",
        f"- machine: {platform.processor() or platform.machine()}, {cpus} CPUs, all processes on it (wrk included)",
    ]


def table(results) -> list[str]:
    static = {
        (name, concurrency): figures["rps"] for name, _p, _s, mode, concurrency, figures in results if mode == "static"
    }
    lines = [
        "| page | KB | mode | concurrency | requests/s | p50 ms | p95 ms | share of static | errors |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, _path, size, mode, concurrency, figures in results:
        limit = static.get((name, concurrency))
        share = f"{figures['rps'] / limit:.0%}" if limit else "–"
        lines.append(
            f"| {name} | {size / 1024:.0f} | {mode} | {concurrency} | {figures['rps']:.1f} | {figures['p50']:.1f} "
            f"| {figures['p95']:.1f} | {share} | {figures['errors']} |"
        )
    return lines


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
