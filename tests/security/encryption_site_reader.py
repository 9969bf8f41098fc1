"""zconsole script of the encryption tests: what a case file's sealed fields and an evidence file hold.

zconsole run <zope.conf> tests/security/encryption_site_reader.py <case path> <evidence path>

Prints one JSON line: the four confidential fields, the evidence file's name, size, SHA-256 and whether it
is stored sealed (paths are below the site, e.g. ``/intranet/cases/case-1234abcd``).
"""

import sys


def main(app, case_path: str, evidence_path: str) -> None:
    from AccessControl.SecurityManagement import newSecurityManager
    from Acquisition import aq_base
    from coalition.intranet.security.encryption.fields import CASE_FIELDS
    from coalition.intranet.security.encryption.files import SealedFile
    from coalition.intranet.site.scripting import open_site
    import hashlib
    import json

    site = open_site(app, "coalition")
    newSecurityManager(None, app.acl_users.getUserById("admin").__of__(app.acl_users))
    case = site.unrestrictedTraverse(case_path.strip("/"))
    evidence = site.unrestrictedTraverse(evidence_path.strip("/"))
    stored = aq_base(evidence).file
    facts = {name: getattr(case, name) for name in CASE_FIELDS}
    facts["file"] = {
        "filename": stored.filename,
        "size": stored.getSize(),
        "sha256": hashlib.sha256(stored.data).hexdigest(),
        "sealed": isinstance(stored, SealedFile),
    }
    facts["sealed_fields"] = all(f"_sealed_{name}" in aq_base(case).__dict__ for name in CASE_FIELDS)
    print(json.dumps(facts))


if __name__ == "__main__":
    from coalition.intranet.site.scripting import script_arguments

    main(app, *script_arguments(sys.argv, "encryption_site_reader.py"))  # noqa: F821 (zconsole provides ``app``)
