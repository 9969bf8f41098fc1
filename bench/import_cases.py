"""Benchmark of the import of lists of case files (issue 18): how long 10,000 rows take.

    .venv/bin/zconsole run bench/zope.conf bench/import_cases.py --count 10000

Uses the bench database (``var/bench/``, never the development site) and a site of its own
(``import-bench``, created on the first run without demo data). Each run creates a new organisation, makes
a CSV of ``--count`` fictional people and times: the dry run, the real run (one transaction, with its
commit), and the re-import of the same file (every row unchanged). Writes ``bench/results/import-latest.md``.
"""

from AccessControl.SecurityManagement import newSecurityManager
import argparse
from coalition.intranet.site.api import create_site
from coalition.intranet.site.scripting import open_site
from coalition.intranet.site.scripting import script_arguments
import csv
from datetime import datetime
import io
import pathlib
from plone import api
import random
import sys
import time
import transaction


RESULTS = pathlib.Path("bench/results/import-latest.md")
REGIONS = ("moscow", "saint_petersburg", "tver", "krasnodar", "Perm Krai", "Moscow region")
ARTICLES = ("207.3", "280.3", "275", "282.2", "205.2|205.5", "207.3|280.3")
STATUSES = ("pre_trial_custody", "serving_sentence", "House arrest", "released")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--site-id", default="import-bench")
    return parser.parse_args(argv)


def fictional_csv(count: int) -> bytes:
    randomiser = random.Random(18)  # noqa: S311 (fictional data, not security)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        ["external_id", "full_name", "full_name_latin", "date_of_birth", "region", "articles", "status"]
        + ["date_of_detention", "place_of_detention", "narrative", "narrative__de", "lawyer_contacts"]
    )
    for number in range(1, count + 1):
        writer.writerow(
            [
                f"B-{number:06d}",
                f"Вымышленный Человек {number}",
                f"Vymyshlenny Chelovek {number}",
                f"{randomiser.randint(1950, 2004)}-0{randomiser.randint(1, 9)}-1{randomiser.randint(0, 9)}",
                randomiser.choice(REGIONS),
                randomiser.choice(ARTICLES),
                randomiser.choice(STATUSES),
                f"1{randomiser.randint(0, 9)}.0{randomiser.randint(1, 9)}.20{randomiser.randint(15, 25)}",
                f"Fictional detention centre No. {number % 50}",
                "A fictional person made by the benchmark.|Second paragraph of the story.",
                "Eine erfundene Person des Benchmarks.",
                f"Fictional lawyer {number}, +7 900 000-{number % 10000:04d}",
            ]
        )
    return buffer.getvalue().encode("cp1251")


def ensure_site(app, site_id: str):
    users = app.acl_users
    if users.getUserById("admin") is None:
        users._doAddUser("admin", "admin", ["Manager"], [])  # the bench database's own root user
    newSecurityManager(None, users.getUserById("admin").__of__(users))
    if site_id not in app.objectIds():
        print(f"Creating site '{site_id}' (without demo data)...", flush=True)
        create_site(app, site_id, demo=False)
        transaction.commit()
    return open_site(app, site_id)


def timed(label: str, function):
    started = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - started
    print(f"{label}: {seconds:.1f} s  {result.counts}", flush=True)
    return seconds, result


def main(app, argv) -> int:
    from coalition.intranet.imports.api import import_cases

    args = parse_args(argv)
    site = ensure_site(app, args.site_id)
    organisation_id = f"bench-{datetime.now():%Y%m%d%H%M%S}"
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=site["intranet"]["organisations"], type="Organisation", id=organisation_id, title=organisation_id
        )
    transaction.commit()
    data = fictional_csv(args.count)
    print(f"{args.count:,} rows, {len(data) / 1024 / 1024:.1f} MB (cp1251, semicolons)", flush=True)

    def progress(done, total, phase):
        if done % 2000 == 0 or done == total:
            print(f"  {phase} {done:,} of {total:,}", flush=True)

    def run(dry_run):
        with api.env.adopt_roles(["Manager"]):
            result = import_cases(data, "bench.csv", organisation=organisation_id, dry_run=dry_run, progress=progress)
        transaction.commit()
        return result

    dry, _result = timed("dry run", lambda: run(True))
    real, _result = timed("import (with commit)", lambda: run(False))
    again, _result = timed("re-import (unchanged)", lambda: run(True))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        "# Import of a list of case files\n\n"
        f"{datetime.now():%Y-%m-%d %H:%M}, `bench/import_cases.py --count {args.count}` on the bench database "
        "(FileStorage, one process).\n\n"
        "| step | seconds | rows per second |\n|---|---|---|\n"
        f"| dry run (read, check, match) | {dry:.1f} | {args.count / dry:,.0f} |\n"
        f"| import: create every case, one transaction, commit | {real:.1f} | {args.count / real:,.0f} |\n"
        f"| re-import of the same file (dry run: all unchanged) | {again:.1f} | {args.count / again:,.0f} |\n",
        encoding="utf-8",
    )
    print(f"Wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(app, script_arguments(sys.argv, "import_cases.py")))  # noqa: F821 (zconsole provides ``app``)
