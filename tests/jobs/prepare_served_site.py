"""zconsole script of the jobs test: point the site's mail at the test's SMTP server, queue work for jobs.

    zconsole run <zope.conf> tests/jobs/prepare_served_site.py <smtp-host> <smtp-port>

Queues one digest update for ``alpha-member`` (daily digest) and leaves one ballot past its deadline.
"""

import pathlib
import sys


# zconsole runs the script with the working directory as the repository root (the test sets it).
sys.path.insert(0, str(pathlib.Path.cwd()))


def main(app, smtp_host: str, smtp_port: str) -> None:
    from AccessControl.SecurityManagement import newSecurityManager
    from datetime import datetime
    from datetime import timedelta
    from datetime import UTC
    from plone import api
    from Testing.makerequest import makerequest
    from tests.drafting.ballot_fixtures import make_document
    from tests.drafting.ballot_fixtures import start
    from tests.notifications.notification_helpers import add_document
    import transaction
    from zope.component.hooks import setSite
    from zope.globalrequest import setRequest

    app = makerequest(app)
    setRequest(app.REQUEST)
    site = app["coalition"]
    setSite(site)
    newSecurityManager(None, app.acl_users.getUserById("admin").__of__(app.acl_users))
    api.portal.set_registry_record("plone.smtp_host", smtp_host)
    api.portal.set_registry_record("plone.smtp_port", int(smtp_port))
    site.MailHost.smtp_host = smtp_host
    site.MailHost.smtp_port = int(smtp_port)
    api.portal.set_registry_record("plone.email_from_address", "intranet@coalition.example.org")
    api.user.get(userid="alpha-member").setMemberProperties({"coalition_notifications": "daily"})
    add_document(site, "alpha-admin", "organisations/alpha", commit=False)
    ballot = start(make_document(site), title="Due ballot")
    ballot.deadline = datetime.now(UTC) - timedelta(hours=1)
    transaction.commit()
    print("/".join(ballot.getPhysicalPath()))


if __name__ == "__main__":
    from coalition.intranet.site.scripting import script_arguments

    main(app, *script_arguments(sys.argv, "prepare_served_site.py"))  # noqa: F821 (zconsole provides ``app``)
