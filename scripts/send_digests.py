"""Send the daily digest e-mails of the coalition's intranet: one mail per person with queued updates.

Run once a day (cron, systemd timer) through Zope's console, so it opens the same database as the server:

    .venv/bin/zconsole run instance/etc/zope.conf scripts/send_digests.py \
        --portal-url https://intranet.example.org/coalition

``--portal-url`` is the site's public address: the links in the mails start with it (a console has no
web request to tell it). Updates queued after the run started wait for the next run.
"""

import argparse
from coalition.intranet.notifications.api import MailNotConfigured
from coalition.intranet.notifications.api import send_digests
from coalition.intranet.site.scripting import open_site
from coalition.intranet.site.scripting import script_arguments
from datetime import datetime
import sys


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-id", default="coalition")
    parser.add_argument(
        "--portal-url",
        default="http://localhost:8080/coalition",
        help="public address of the site, used in the links (default: the address of `make start`)",
    )
    return parser.parse_args(argv)


def main(app, argv) -> int:
    import transaction

    args = parse_args(argv)
    site = open_site(app, args.site_id)
    if site is None:
        return 1
    started = datetime.now()
    print(f"Sending digests of '{args.site_id}' for updates until {started:%Y-%m-%d %H:%M}...", flush=True)
    try:
        sent = send_digests(site, started, portal_url=args.portal_url, progress=lambda line: print(f"  {line}"))
    except MailNotConfigured as error:
        print(f"Not sent: {error}", file=sys.stderr)
        return 2
    # The mails leave once this commit has succeeded.
    transaction.commit()
    print(f"{sent} digest(s) sent.")
    return 0


if __name__ == "__main__":
    sys.exit(main(app, script_arguments(sys.argv, "send_digests.py")))  # noqa: F821 (zconsole provides ``app``)
