"""Close every open ballot whose deadline has passed: compute, record and audit each result.

Ballots also close when someone opens them after the deadline; run this regularly (cron, systemd timer)
so that results are recorded on time even for ballots nobody visits:

    .venv/bin/zconsole run instance/etc/zope.conf scripts/close_due_ballots.py
"""

import argparse
from coalition.intranet.drafting.api import close_due_ballots
from coalition.intranet.site.scripting import open_site
from coalition.intranet.site.scripting import script_arguments
import sys


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-id", default="coalition")
    return parser.parse_args(argv)


def main(app, argv) -> int:
    from plone import api
    import transaction

    args = parse_args(argv)
    if open_site(app, args.site_id) is None:
        return 1
    print(f"Closing the due ballots of '{args.site_id}'...", flush=True)
    # The closing is the system's act at the deadline: it runs with the rights to transition and record.
    with api.env.adopt_roles(["Manager"]):
        closed = close_due_ballots(progress=lambda line: print(f"  {line}", flush=True))
    transaction.commit()
    print(f"{closed} ballot(s) closed.")
    return 0


if __name__ == "__main__":
    sys.exit(main(app, script_arguments(sys.argv, "close_due_ballots.py")))  # noqa: F821 (zconsole provides ``app``)
