"""Import a list of case files (CSV or XLSX) into the serving site: an HTTP POST with the job secret.

    .venv/bin/python scripts/import_cases.py alpha-list.csv --org alpha --dry-run
    .venv/bin/python scripts/import_cases.py alpha-list.xlsx --org alpha --photos photos.zip
    make import FILE=alpha-list.csv ORG=alpha DRY_RUN=1

The embedded FileStorage cannot be opened by a second process while the site serves (a zconsole script
would fail with a LockError), so this posts the file to the running server, like ``make job``, with the
same secret file (``var/jobs.secret``). The server checks the whole file first; a real run imports every
row or none. While it works, this prints its progress; then the summary and every problem, and it writes
the report (CSV) next to the file. Exit status: 0 imported (or a clean dry run), 1 problems, 2 failure.
Plain Python, no Zope. See docs/import.md.
"""

import argparse
import contextlib
import json
import pathlib
import secrets
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request


SECRET_HEADER = "X-Coalition-Job-Secret"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="the list: .csv (any common encoding and delimiter) or .xlsx")
    parser.add_argument("--org", default="", help="the organisation's id (else the column 'organisation')")
    parser.add_argument("--photos", default="", help="a ZIP file with the photos named in the column 'photo'")
    parser.add_argument("--dry-run", action="store_true", help="check and report only; change nothing")
    parser.add_argument("--user", default="", help="import with this user's rights and name (default: system)")
    parser.add_argument("--url", default="http://127.0.0.1:8080/coalition", help="the site as the server serves it")
    parser.add_argument("--secret-file", default="var/jobs.secret")
    parser.add_argument("--report", default="", help="where to write the report (default: <file>.report.csv)")
    parser.add_argument("--language", default="en", help="language of the problem messages (en, de, fr, ru)")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds to wait for the import")
    return parser.parse_args(argv)


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        header = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(header.encode("utf-8") + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def watch_progress(url: str, secret: str, run_id: str, stop: threading.Event) -> None:
    """Print the server's progress every two seconds until the import answers."""
    last = None
    while not stop.wait(2.0):
        request = urllib.request.Request(f"{url}/progress?run={run_id}", headers={SECRET_HEADER: secret})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                state = json.loads(response.read().decode("utf-8"))
        except (urllib.error.URLError, ValueError, TimeoutError):
            continue
        if state and state != last:
            last = state
            print(f"  {state['phase']} {state['done']:,} of {state['total']:,} rows", flush=True)


def main(argv) -> int:
    args = parse_args(argv)
    try:
        secret = pathlib.Path(args.secret_file).read_text(encoding="ascii").strip()
        path = pathlib.Path(args.file)
        data = path.read_bytes()
        photos = pathlib.Path(args.photos).read_bytes() if args.photos else None
    except OSError as error:
        print(f"Cannot read {error.filename}: {error.strerror}", file=sys.stderr)
        return 2
    if not args.url.startswith(("http://", "https://")):
        print(f"Not a web address: {args.url}", file=sys.stderr)
        return 2
    run_id = secrets.token_hex(8)
    fields = {"organisation": args.org, "dry_run": "1" if args.dry_run else "0", "run": run_id}
    fields.update({"user": args.user, "language": args.language})
    files = {"file": (path.name, data)}
    if photos is not None:
        files["photos"] = (pathlib.Path(args.photos).name, photos)
    body, content_type = multipart(fields, files)
    url = f"{args.url.rstrip('/')}/@@import-cases-run"
    what = "Checking" if args.dry_run else "Importing"
    print(f"{what} {path.name} ({len(data):,} bytes) on {args.url}...", flush=True)
    stop = threading.Event()
    watcher = threading.Thread(target=watch_progress, args=(url, secret, run_id, stop), daemon=True)
    watcher.start()
    request = urllib.request.Request(  # noqa: S310 (http(s) checked above)
        url, data=body, headers={SECRET_HEADER: secret, "Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=args.timeout) as response:  # noqa: S310
            result = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        text = error.read().decode("utf-8", "replace").strip()
        if error.code == 404:
            text = "not found: is the secret the server's, and the URL the site's?"
        else:
            with contextlib.suppress(ValueError):
                text = json.loads(text).get("error", text)
        print(f"Failed ({error.code}): {text}", file=sys.stderr)
        return 2
    except urllib.error.URLError as error:
        print(f"Cannot reach {args.url}: {error.reason}", file=sys.stderr)
        return 2
    finally:
        stop.set()
    return report(args, path, result)


def report(args, path: pathlib.Path, result: dict) -> int:
    for problem in result["problems"]:
        where = f"row {problem['row']}" + (f", column {problem['column']}" if problem["column"] else "")
        print(f"  {where}: {problem['message']}")
    counts = result["counts"]
    summary = ", ".join(f"{name} {counts[name]}" for name in ("created", "updated", "unchanged", "rejected"))
    if result["applied"]:
        print(f"Imported: {summary}.")
    elif result["dry_run"] and not result["problems"]:
        print(f"Dry run, nothing changed. The import would give: {summary}.")
    else:
        print(f"Nothing imported: {len(result['problems'])} problem(s). Rows: {summary}.")
    report_path = pathlib.Path(args.report or f"{path}.report.csv")
    report_path.write_text(result["report"], encoding="utf-8-sig")
    print(f"Report: {report_path}")
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
