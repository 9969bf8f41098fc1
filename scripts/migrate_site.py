"""Move the whole site: export it to a folder, or import such a folder into a new, empty site.

    .venv/bin/zconsole run instance/etc/zope.conf scripts/migrate_site.py export var/export
    .venv/bin/zconsole run instance/etc/zope.conf scripts/migrate_site.py import var/export

Stop the site first (the embedded FileStorage is opened by this process). ``export`` runs Plone's own
plone.exportimport (content with versions, users and groups, relations, translations, redirects, comments,
portlets) and writes the project's complement ``coalition-extras.json`` (the case grants to organisations,
the registers of publication acts, the assessments and decisions, the audit log: imports/migration.py).
Every version of every object with a CMFEditions history is written to ``coalition-histories/`` and
rebuilt on import (imports/histories.py). ``import`` reads all three into the site (create it first with
``make site DEMO=0``); it checks the histories first and refuses a missing or damaged file before anything
changes. The folder holds personal data in clear text (the confidential case fields and evidence files are
sealed with the site's key): keep it encrypted and delete it after the move (docs/import.md).
"""

import argparse
from coalition.intranet.site.scripting import open_site
from coalition.intranet.site.scripting import script_arguments
import json
import pathlib
import sys
import time


EXTRAS = "coalition-extras.json"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("export", "import"))
    parser.add_argument("folder")
    parser.add_argument("--site-id", default="coalition")
    parser.add_argument("--admin-user", default="admin", help="the Zope root user (Manager) who moves the site")
    parser.add_argument(
        "--without-histories",
        action="store_true",
        help="import an export made before versions moved: every object starts a new history",
    )
    return parser.parse_args(argv)


def print_counts(verb: str, counts: dict) -> None:
    for portal_type, numbers in counts.items():
        print(f"  {verb} {portal_type}: {numbers['objects']} objects, {numbers['versions']} versions")


def export_site(site, folder: pathlib.Path) -> int:
    from coalition.intranet.imports.histories import export_histories
    from coalition.intranet.imports.histories import FOLDER
    from coalition.intranet.imports.migration import export_extras
    from plone.exportimport.exporters import get_exporter

    folder.mkdir(parents=True, exist_ok=True)
    # Without plone.exportimport's revisions: they are metadata only on import, and its serializer writes
    # an older file version's blob over the current one of the same name. Whole histories: below.
    options = argparse.Namespace(query=None, include_revisions=False)
    for path in get_exporter(site).export_site(folder, options=options)[1:]:
        print(f"  wrote {path}", flush=True)
    histories = export_histories(site, folder)
    print(f"  wrote {folder / FOLDER} (the histories of {len(histories['objects'])} objects)")
    print_counts("versions of", histories["counts"])
    extras = export_extras(site)
    (folder / EXTRAS).write_text(json.dumps(extras, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"  wrote {folder / EXTRAS} ({len(extras['objects'])} objects, {len(extras['audit_log'])} audit entries)")
    for missing in extras["not_kept"]:
        print(f"  NOT KEPT: {missing['path']} {missing['attribute']} ({missing['type']})")
    return 0


def import_site(site, folder: pathlib.Path, with_histories: bool = True) -> int:
    from coalition.intranet.imports.histories import BrokenHistories
    from coalition.intranet.imports.histories import import_histories
    from coalition.intranet.imports.histories import no_versions_while_importing
    from coalition.intranet.imports.histories import read_histories
    from coalition.intranet.imports.migration import complete_fields
    from coalition.intranet.imports.migration import import_extras
    from coalition.intranet.imports.migration import restoring_site
    from plone.exportimport.importers import get_importer
    import transaction

    try:
        # Checked whole before anything changes: plone.exportimport's importers commit as they go.
        histories = read_histories(folder) if with_histories else []
        extras = json.loads((folder / EXTRAS).read_text(encoding="utf-8"))
    except (BrokenHistories, OSError, ValueError) as error:
        print(f"Refused: {error}", file=sys.stderr)
        return 2
    importer = get_importer(site)
    with restoring_site():
        with no_versions_while_importing():
            for line in importer.import_site(folder):
                print(f"  {line}", flush=True)
            completed = import_extras(site, extras)
            print(f"  completed {completed} objects from {EXTRAS}")
            # After the registers: a vocabulary may list only what they know (the live public profiles).
            still = complete_fields(site, folder, importer.incomplete)
        print(f"  completed the fields of {len(importer.incomplete) - len(still)} objects in a second pass")
        started = time.monotonic()
        restored, versions_not_kept = import_histories(site, histories)
    print(f"  rebuilt {len(histories)} histories in {time.monotonic() - started:.1f} s")
    print_counts("restored the versions of", restored)
    for path, fields in sorted(still.items()):
        print(f"  NOT KEPT: {path} {', '.join(fields)}")
    for line in versions_not_kept:
        print(f"  NOT KEPT: {line}")
    transaction.commit()
    return 1 if still or versions_not_kept else 0


def log_in(app, user_id: str) -> bool:
    """Act as a real Zope root user: the vocabularies of the project (checked on export and import) look
    up the current user, which an anonymous user with a borrowed Manager role is not."""
    from AccessControl.SecurityManagement import newSecurityManager

    user = app.acl_users.getUserById(user_id)
    if user is None:
        print(f"No Zope root user '{user_id}' (see --admin-user).", file=sys.stderr)
        return False
    newSecurityManager(None, user.__of__(app.acl_users))
    return True


def main(app, argv) -> int:
    from zope.component.hooks import site as site_hook

    args = parse_args(argv)
    site = open_site(app, args.site_id)
    if site is None or not log_in(app, args.admin_user):
        return 1
    folder = pathlib.Path(args.folder)
    with site_hook(site):
        if args.action == "export":
            return export_site(site, folder)
        return import_site(site, folder, with_histories=not args.without_histories)


if __name__ == "__main__":
    sys.exit(main(app, script_arguments(sys.argv, "migrate_site.py")))  # noqa: F821 (zconsole provides ``app``)
