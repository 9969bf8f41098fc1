"""zconsole script of the site-move test: print the facts of a site as one JSON object on the last line.

    zconsole run <zope.conf> tests/imports/site_facts.py [--prepare]

``--prepare`` first saves two more versions of the demo's working document (by two other users, with
comments), adds a shared file to Alpha's workspace and replaces it (two versions, the same file name,
different bytes), saves two versions of Alpha's first case file with a confidential marker in a confidential
field (``CONFIDENTIAL_MARKER``), and grants Alpha's first case to the organisation Beta and to the user ``commission``
(the demo has neither), so that the move has histories and grants to keep. The facts: every content object
by path with its UID, type and workflow state; the translation groups of the public profiles; every
CMFEditions history (each version's principal, time, comment and content); the local roles and organisation
grants of case files; the site's registers; the audit log; and what Anonymous finds in the catalog.

``--revert`` (on the moved site, never committed) reverts the working document to its version 1 and the
shared file to its version 0 as CMFEditions does, and prints what they hold then.
"""

import json
import sys


def content_facts(site, catalog) -> dict:
    from plone import api

    facts = {}
    for brain in catalog.unrestrictedSearchResults(path="/".join(site.getPhysicalPath())):
        obj = brain._unrestrictedGetObject()
        try:
            state = api.content.get_state(obj)
        except Exception:  # noqa: BLE001 (a type without workflow has no state)
            state = None
        facts[brain.getPath()] = {"uid": brain.UID, "type": brain.portal_type, "state": state}
    return facts


def translation_groups(catalog) -> list:
    from plone.app.multilingual.interfaces import ITranslationManager

    groups = set()
    for brain in catalog.unrestrictedSearchResults(portal_type="PrisonerProfile"):
        translations = ITranslationManager(brain._unrestrictedGetObject()).get_translations()
        groups.add(tuple(sorted((lang, "/".join(obj.getPhysicalPath())) for lang, obj in translations.items())))
    return sorted(groups)


SHARED_FILE = "site-move-minutes"
# Written into the versions of a case file: it must not be in the export folder as plaintext.
CONFIDENTIAL_MARKER = "SITEMOVE-LAWYER-7F3A"


def content_of(obj) -> dict:
    """What a version holds: its title, its text and the digest of its file."""
    import hashlib

    found = {"title": obj.title}
    text = getattr(obj, "text", None)
    if text is not None and hasattr(text, "raw"):
        found["text"] = text.raw
    lawyer = getattr(obj, "lawyer_contacts", None)
    if lawyer is not None:
        found["lawyer_contacts"] = lawyer
    blob = getattr(obj, "file", None)
    if blob is not None and hasattr(blob, "data"):
        found["file"] = [blob.filename, hashlib.sha256(blob.data).hexdigest()]
    return found


def versions(site, catalog) -> dict:
    """Every history, newest version first (as CMFEditions lists it), with the current content."""
    from coalition.intranet.imports.histories import has_history
    from plone import api

    repository = api.portal.get_tool("portal_repository")
    facts = {}
    for brain in catalog.unrestrictedSearchResults(path="/".join(site.getPhysicalPath())):
        obj = brain._unrestrictedGetObject()
        if not has_history(obj):
            continue
        history = [
            {
                "version": version.version_id,
                "principal": version.sys_metadata["principal"],
                "time": int(version.sys_metadata["timestamp"]),
                "comment": str(version.comment) if version.comment is not None else None,
                "review_state": version.sys_metadata.get("review_state"),
                **content_of(version.object),
            }
            for version in repository.getHistory(obj, countPurged=False)
        ]
        facts[brain.getPath()] = {
            "type": brain.portal_type,
            "history": history,
            "current": content_of(obj),
        }
        if brain.portal_type == "WorkingDocument":
            facts[brain.getPath()]["changes"] = changes(repository, obj)
    return facts


def changes(repository, obj) -> list:
    """What portal_diff (the history view's comparison) finds changed from each version to the next."""
    from plone import api

    diff_tool = api.portal.get_tool("portal_diff")
    versions = list(repository.getHistory(obj, oldestFirst=True, countPurged=False))
    found = []
    for older, newer in zip(versions, versions[1:], strict=False):
        change_set = diff_tool.createChangeSet(older.object, newer.object, str(older.version_id), str(newer.version_id))
        found.append(sorted(diff.field for diff in change_set.getDiffs() if not diff.same))
    return found


def access_facts(catalog) -> dict:
    index = catalog._catalog.getIndex("allowedRolesAndUsers")
    facts = {}
    for brain in catalog.unrestrictedSearchResults(portal_type="CaseFile"):
        case = brain._unrestrictedGetObject()
        facts[brain.getPath()] = {
            "local_roles": sorted([principal, sorted(roles)] for principal, roles in case.get_local_roles()),
            "organisations": json.loads(
                json.dumps(dict(getattr(case, "granted_organisations", {}) or {}), default=str)
            ),
            # What the catalog knows of who may find the case (rebuilt from the grants on import).
            "allowed": sorted(index.getEntryForObject(brain.getRID(), default=[])),
        }
    return facts


def registers(site) -> dict:
    from coalition.intranet.imports.migration import _to_json
    from coalition.intranet.imports.migration import SITE_ANNOTATION_PREFIX
    from zope.annotation.interfaces import IAnnotations

    return {key: _to_json(value) for key, value in IAnnotations(site).items() if key.startswith(SITE_ANNOTATION_PREFIX)}


def audit_log() -> list:
    from coalition.intranet.security import api as audit

    return [
        [entry.when.isoformat(), entry.action, entry.actor, entry.target_path, entry.target_uid]
        for entry in audit.entries()
    ]


def anonymous_paths(catalog) -> list:
    from AccessControl.SecurityManagement import getSecurityManager
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.SecurityManagement import setSecurityManager
    from AccessControl.SpecialUsers import nobody

    manager = getSecurityManager()
    newSecurityManager(None, nobody)
    try:
        return sorted(brain.getPath() for brain in catalog())
    finally:
        setSecurityManager(manager)


def working_document(catalog):
    return catalog.unrestrictedSearchResults(portal_type="WorkingDocument", sort_on="path")[0]._unrestrictedGetObject()


def edit_document(catalog) -> None:
    from plone import api
    from plone.app.textfield.value import RichTextValue

    repository = api.portal.get_tool("portal_repository")
    document = working_document(catalog)
    for number, author in ((1, "alpha-admin"), (2, "beta-admin")):
        document.text = RichTextValue(f"<p>Site-move draft {number}</p>", "text/html", "text/x-html-safe")
        with api.env.adopt_user(username=author), api.env.adopt_roles(["Manager"]):
            repository.save(document, comment=f"site-move revision {number}")


def share_file(site) -> None:
    """A file uploaded by one member and replaced by another (the edit form's autoversion), same name."""
    from plone import api
    from plone.namedfile.file import NamedBlobFile
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    workspace = site["intranet"]["organisations"]["alpha"]
    with api.env.adopt_user(username="alpha-member"):
        item = api.content.create(
            container=workspace,
            type="File",
            id=SHARED_FILE,
            title="Minutes",
            file=NamedBlobFile(b"First minutes\n", contentType="text/plain", filename="minutes.txt"),
        )
    with api.env.adopt_user(username="alpha-admin"):
        item.file = NamedBlobFile(b"Corrected minutes, approved\n", contentType="text/plain", filename="minutes.txt")
        notify(ObjectModifiedEvent(item))


def version_case(catalog) -> None:
    """Two versions of a case file whose confidential field changes (as an import's update saves them)."""
    from plone import api

    repository = api.portal.get_tool("portal_repository")
    case = first_alpha_case(catalog)
    for number, author in ((1, "alpha-admin"), (2, "alpha-member")):
        case.lawyer_contacts = f"{CONFIDENTIAL_MARKER} lawyer {number}"
        with api.env.adopt_user(username=author), api.env.adopt_roles(["Manager"]):
            repository.save(case, comment=f"site-move case revision {number}")


def revert(site, catalog) -> dict:
    from plone import api

    repository = api.portal.get_tool("portal_repository")
    document = working_document(catalog)
    shared = site["intranet"]["organisations"]["alpha"][SHARED_FILE]
    repository.revert(document, 1)
    repository.revert(shared, 0)
    return {"document": content_of(document), "file": content_of(shared)}


def first_alpha_case(catalog):
    for brain in catalog.unrestrictedSearchResults(portal_type="CaseFile", sort_on="id"):
        case = brain._unrestrictedGetObject()
        if "alpha-member" in dict(case.get_local_roles()):
            return case
    raise LookupError("The demo has no case file of Alpha.")


def grant_access(catalog) -> None:
    from coalition.intranet.cases import api as cases
    from plone import api

    case = first_alpha_case(catalog)
    with api.env.adopt_user(username="alpha-admin"):
        cases.grant_access(case, "beta", "facts")
        cases.grant_access(case, "commission", "confidential")


def main(app, argv) -> None:
    from AccessControl.SecurityManagement import newSecurityManager
    from coalition.intranet.site.scripting import open_site
    from plone import api
    import transaction

    site = open_site(app, "coalition")
    newSecurityManager(None, app.acl_users.getUserById("admin").__of__(app.acl_users))
    catalog = api.portal.get_tool("portal_catalog")
    if "--revert" in argv:
        print(json.dumps(revert(site, catalog), sort_keys=True))
        transaction.abort()
        return
    if "--prepare" in argv:
        edit_document(catalog)
        share_file(site)
        version_case(catalog)
        grant_access(catalog)
        transaction.commit()
    facts = {
        "content": content_facts(site, catalog),
        "translations": translation_groups(catalog),
        "versions": versions(site, catalog),
        "access": access_facts(catalog),
        "registers": registers(site),
        "audit_log": audit_log(),
        "anonymous": anonymous_paths(catalog),
    }
    print(json.dumps(facts, sort_keys=True))


if __name__ == "__main__":
    from coalition.intranet.site.scripting import script_arguments

    main(app, script_arguments(sys.argv, "site_facts.py"))  # noqa: F821 (zconsole provides ``app``)
