"""zconsole script of the scale test: put content into a database, list what a database holds, change it.

    zconsole run <zope.conf> tests/scale/zodb_content.py make-site SITE_ID MARKER
        a site without demo data, a page titled MARKER and a file (a blob) holding MARKER, in /en
    zconsole run <zope.conf> tests/scale/zodb_content.py inventory SITE_ID
        one JSON line: every catalogued path with its title, and the SHA-256 of every file's blob
    zconsole run <zope.conf> tests/scale/zodb_content.py retitle SITE_ID PATH TITLE
        what a scheduled job does: change the database while the cluster serves it

The test runs it on a FileStorage (the migration's source) and on RelStorage (its destination, the cluster).
"""

import hashlib
import json
import sys


def as_admin(app):
    """zconsole gives ``app`` a request; the content is owned by the Zope root user, as create_site.py's."""
    from AccessControl.SecurityManagement import newSecurityManager

    users = app.acl_users
    if users.getUserById("admin") is None:
        users._doAddUser("admin", "admin", ["Manager"], [])
    newSecurityManager(None, users.getUserById("admin").__of__(users))
    return app


def open_site(app, site_id):
    from zope.component.hooks import setSite

    site = app[site_id]
    setSite(site)
    return site


def make_site(app, site_id, marker):
    from coalition.intranet.site.api import create_site
    from plone import api
    from plone.namedfile.file import NamedBlobFile
    import transaction

    site = create_site(app, site_id, demo=False)
    api.content.create(container=site.en, type="Document", id="migrated-page", title=marker)
    api.content.create(
        container=site.en,
        type="File",
        id="migrated-file",
        title=f"File {marker}",
        file=NamedBlobFile(data=f"blob of {marker}\n".encode() * 1000, filename="migrated.txt"),
    )
    transaction.commit()


def inventory(app, site_id):
    site = open_site(app, site_id)
    catalog = site.portal_catalog
    everything = catalog.unrestrictedSearchResults(path="/".join(site.getPhysicalPath()))
    titles = {brain.getPath(): brain.Title for brain in everything}
    blobs = {}
    for brain in catalog.unrestrictedSearchResults(portal_type=["File", "Image"]):
        content = brain._unrestrictedGetObject()
        field = getattr(content, "file", None) or getattr(content, "image", None)
        with field.open() as data:
            blobs[brain.getPath()] = hashlib.sha256(data.read()).hexdigest()
    print(json.dumps({"titles": titles, "blobs": blobs}, sort_keys=True))


def retitle(app, site_id, path, title):
    import transaction

    site = open_site(app, site_id)
    content = site.unrestrictedTraverse(path)
    content.setTitle(title)
    content.reindexObject(idxs=["Title", "SearchableText"])
    transaction.commit()


COMMANDS = {"make-site": make_site, "inventory": inventory, "retitle": retitle}


def main(app, argv):
    command, *arguments = argv
    COMMANDS[command](as_admin(app), *arguments)


if __name__ == "__main__":
    # zconsole's argv: ["zconsole", "run", <zope.conf>, <this script>, *arguments]
    main(app, sys.argv[4:])  # noqa: F821 (zconsole provides ``app``)
