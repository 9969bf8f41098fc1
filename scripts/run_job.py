"""Run one scheduled job of the coalition's site while it serves: an HTTP POST with the job secret.

    .venv/bin/python scripts/run_job.py digests --url http://localhost:8080/coalition \
        --portal-url https://intranet.example.org/coalition
    .venv/bin/python scripts/run_job.py --list

The server runs the job in its own process and database connection (the embedded FileStorage cannot be
opened by a second process while it serves). The secret is the file named in zope.conf
(``<product-config coalition.jobs> secret-file``), ``var/jobs.secret`` by default; ``make site`` creates it.
Plain Python, no Zope: suitable for cron or a systemd timer (docs/operations.md).
"""

import argparse
import pathlib
import sys
import urllib.error
import urllib.parse
import urllib.request


SECRET_HEADER = "X-Coalition-Job-Secret"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("job", nargs="?", help="the job's name (see --list)")
    parser.add_argument("--list", action="store_true", help="list the jobs the site knows")
    parser.add_argument("--url", default="http://127.0.0.1:8080/coalition", help="the site as the server serves it")
    parser.add_argument("--portal-url", default="", help="the site's public address, used in links in mails")
    parser.add_argument("--secret-file", default="var/jobs.secret")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds to wait for the job (default 1 h)")
    args = parser.parse_args(argv)
    if not args.list and not args.job:
        parser.error("name a job, or ask for --list")
    return args


def main(argv) -> int:
    args = parse_args(argv)
    try:
        secret = pathlib.Path(args.secret_file).read_text(encoding="ascii").strip()
    except OSError as error:
        print(f"Cannot read the job secret: {error}", file=sys.stderr)
        return 2
    if not args.url.startswith(("http://", "https://")):
        print(f"Not a web address: {args.url}", file=sys.stderr)
        return 2
    url = f"{args.url.rstrip('/')}/@@run-job"
    data = None
    if not args.list:
        url = f"{url}/{urllib.parse.quote(args.job)}"
        data = urllib.parse.urlencode({"portal_url": args.portal_url} if args.portal_url else {}).encode("ascii")
        print(f"Running '{args.job}' on {args.url}...", flush=True)
    request = urllib.request.Request(url, data=data, headers={SECRET_HEADER: secret})  # noqa: S310 (http(s) checked above)
    try:
        with urllib.request.urlopen(request, timeout=args.timeout) as response:  # noqa: S310
            print(response.read().decode("utf-8"), end="")
            return 0
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", "replace").strip()
        if error.code == 404 and not body.startswith("No job named"):
            body = "not found: is the secret the server's, and the URL the site's?"
        print(f"Failed ({error.code}): {body}", file=sys.stderr)
        return 1
    except urllib.error.URLError as error:
        print(f"Cannot reach {args.url}: {error.reason}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
