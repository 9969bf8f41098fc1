"""Create the Plone site of the coalition if it does not exist yet.

Run through Zope's console so that it opens the same database as the server:

    .venv/bin/zconsole run instance/etc/zope.conf scripts/create_site.py [--no-demo] [--site-id ID]

or, on the buildout route (docs/buildout.md), through the instance script:

    bin/instance run scripts/create_site.py [--no-demo] [--site-id ID]

The Zope root user (default ``admin``/``admin``) is created when missing; pass ``--admin-password``
for anything but a demo machine.
"""

from AccessControl.SecurityManagement import newSecurityManager
import argparse
from coalition.intranet.site.api import create_site
from coalition.intranet.site.scripting import script_arguments
import sys
import time


SCRIPT_NAME = "create_site.py"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-id", default="coalition")
    parser.add_argument("--no-demo", dest="demo", action="store_false", help="production site without demo data")
    parser.add_argument("--admin-user", default="admin")
    parser.add_argument("--admin-password", default="admin")
    return parser.parse_args(argv)


def ensure_root_user(app, user_id: str, password: str):
    users = app.acl_users
    if users.getUserById(user_id) is None:
        users._doAddUser(user_id, password, ["Manager"], [])
        print(f"  created Zope root user '{user_id}'")
    return users.getUserById(user_id).__of__(users)


def ensure_job_secret():
    """The secret with which cron triggers the scheduled jobs over HTTP (scripts/run_job.py)."""
    from coalition.intranet.jobs.secret import create_secret
    from coalition.intranet.jobs.secret import secret_file

    path = secret_file()
    if path is not None and create_secret(path):
        print(f"  created the job secret {path}")


def enrol_demo_second_factors(site) -> None:
    """The demo cast's documented second-factor secrets (README), for a demo site only; the demo profile
    itself enrols nobody, so the tests, which install it, log in with passwords."""
    from coalition.intranet.security.twofactor.demo import enrol_demo_cast
    import transaction
    from zope.component.hooks import setSite

    setSite(site)
    enrolled = enrol_demo_cast(site)
    transaction.commit()
    print(f"  second factor (demo secrets from the README) for {len(enrolled)} demo accounts")


def main(app, argv) -> int:
    args = parse_args(argv)
    import transaction

    user = ensure_root_user(app, args.admin_user, args.admin_password)
    transaction.commit()
    ensure_job_secret()
    if args.site_id in app.objectIds():
        print(f"Site '{args.site_id}' exists: nothing to create.")
        return 0
    newSecurityManager(None, user)
    started = time.monotonic()
    print(f"Creating site '{args.site_id}' ({'with' if args.demo else 'without'} demo data)...", flush=True)
    site = create_site(app, args.site_id, demo=args.demo)
    if args.demo:
        enrol_demo_second_factors(site)
    print(f"Site '{args.site_id}' created in {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main(app, script_arguments(sys.argv, SCRIPT_NAME)))  # noqa: F821 (zconsole and bin/instance run provide ``app``)
