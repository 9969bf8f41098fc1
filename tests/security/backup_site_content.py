"""zconsole script of the backup test: a page and a file (a blob) with markers in a fresh site.

zconsole run <zope.conf> tests/security/backup_site_content.py <marker>
"""

import sys


def main(app, marker: str) -> None:
    from AccessControl.SecurityManagement import newSecurityManager
    from coalition.intranet.site.scripting import open_site
    from plone import api
    from plone.app.textfield.value import RichTextValue
    from plone.namedfile.file import NamedBlobFile
    import transaction

    site = open_site(app, "coalition")
    newSecurityManager(None, app.acl_users.getUserById("admin").__of__(app.acl_users))
    folder = site["en"]
    api.content.create(
        container=folder,
        type="Document",
        id="backup-page",
        title="Backup page",
        text=RichTextValue(f"<p>{marker} page</p>", "text/html", "text/x-html-safe"),
    )
    api.content.create(
        container=folder,
        type="File",
        id="backup-file",
        title="Backup file",
        file=NamedBlobFile(data=f"{marker} blob\n".encode() * 1000, filename="evidence.txt"),
    )
    transaction.commit()


if __name__ == "__main__":
    from coalition.intranet.site.scripting import script_arguments

    main(app, *script_arguments(sys.argv, "backup_site_content.py"))  # noqa: F821 (zconsole provides ``app``)
