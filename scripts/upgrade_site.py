"""Bring an existing site up to the code's profile version: run the pending upgrade steps (upgrades/).

Stop the site first (FileStorage allows one process), then, from the repository root:

    .venv/bin/zconsole run instance/etc/zope.conf scripts/upgrade_site.py [--site-id coalition] [--dry-run]

or ``make upgrade``. Site administrators can also run the same steps in the browser (Site Setup → Add-ons →
"Upgrade"). Every step is listed with its time; all of them commit together, or nothing does.
"""

from AccessControl.SecurityManagement import newSecurityManager
import argparse
from coalition.intranet.site.scripting import open_site
from coalition.intranet.site.scripting import script_arguments
import sys
import time
import transaction


SCRIPT_NAME = "upgrade_site.py"
PROFILE = "coalition.intranet:default"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-id", default="coalition")
    parser.add_argument("--admin-user", default="admin", help="the Zope root user the steps run as")
    parser.add_argument("--dry-run", action="store_true", help="list the pending steps, change nothing")
    return parser.parse_args(argv)


def main(app, argv) -> int:
    args = parse_args(script_arguments(argv, SCRIPT_NAME))
    root_user = app.acl_users.getUserById(args.admin_user)
    if root_user is None:
        print(f"No Zope root user '{args.admin_user}' (--admin-user): see `make site`.", file=sys.stderr)
        return 1
    newSecurityManager(None, root_user.__of__(app.acl_users))
    site = open_site(app, args.site_id)
    if site is None:
        return 1
    setup_tool = site.portal_setup
    before = setup_tool.getLastVersionForProfile(PROFILE)
    target = setup_tool.getVersionForProfile(PROFILE)
    pending = setup_tool.listUpgrades(PROFILE)
    if not pending:
        print(f"Site '{args.site_id}' is at version {'.'.join(before)}: nothing to upgrade.")
        return 0
    print(f"Site '{args.site_id}': {'.'.join(before)} -> {target}, {len(pending)} step(s):", flush=True)
    for step in pending:
        print(f"  {step['ssource']} -> {step['sdest']}: {step['title']}", flush=True)
    if args.dry_run:
        return 0
    started = time.monotonic()
    setup_tool.upgradeProfile(PROFILE)
    transaction.commit()
    print(
        f"Upgraded to {'.'.join(setup_tool.getLastVersionForProfile(PROFILE))} in {time.monotonic() - started:.0f} s."
    )
    print("Then pack the database and make a new full backup (docs/operations.md, 'Upgrading').")
    return 0


if __name__ == "__main__":
    sys.exit(main(app, sys.argv))  # noqa: F821 (zconsole and bin/instance run provide ``app``)
