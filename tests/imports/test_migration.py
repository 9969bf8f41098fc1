"""Moving the site: plone.exportimport plus the project's complement (imports/migration.py) keep the case
files, their UIDs, states, user grants, organisation grants, external ids, per-language texts and the
site's registers (audit log, provenance of public profiles); nothing private becomes visible."""

from argparse import Namespace
from coalition.intranet.cases import api as cases
from coalition.intranet.imports.migration import _to_json
from coalition.intranet.imports.migration import export_extras
from coalition.intranet.imports.migration import import_extras
from coalition.intranet.imports.migration import SITE_ANNOTATION_PREFIX
from coalition.intranet.security import api as audit
import json
import pathlib
from plone import api
from plone.exportimport.exporters import get_exporter
from plone.exportimport.importers import get_importer
import tempfile
from tests.coalition_layers import COALITION_DEMO_FUNCTIONAL_TESTING
from tests.imports.import_helpers import csv_bytes
from tests.imports.import_helpers import imported_cases
from tests.imports.import_helpers import person
from tests.imports.test_import_cases import run
import unittest
from zope.annotation.interfaces import IAnnotations


FIELDS = ("full_name", "full_name_latin", "region", "articles", "status", "date_of_detention", "lawyer_contacts")


def rows():
    return [
        person(1, lawyer_contacts="Advocate Fiktivnaya", full_name_latin__de="Test Testowitsch 1"),
        person(2, narrative__fr="Personne fictive."),
    ]


class TestSiteMove(unittest.TestCase):
    # Functional: plone.exportimport's importers commit, which must not reach the layers shared by other tests.
    layer = COALITION_DEMO_FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        run(csv_bytes(rows()), dry_run=False)
        self.cases = imported_cases()
        with api.env.adopt_user(username="alpha-admin"):
            cases.grant_access(self.cases["X-00001"], "beta", "facts")
            cases.grant_access(self.cases["X-00002"], "commission", "confidential")

    def snapshot(self, case) -> dict:
        return {
            "uid": api.content.get_uuid(case),
            "id": case.getId(),
            "state": api.content.get_state(case),
            "fields": {name: getattr(case, name, None) for name in FIELDS},
            "narrative": case.narrative.raw,
            "user_grants": sorted(
                (principal, tuple(sorted(roles)))
                for principal, roles in case.get_local_roles()
                if {"CaseReader", "CaseConfidentialReader"} & set(roles)
            ),
            "organisation_grants": cases.access_overview(case) and dict(getattr(case, "granted_organisations", {})),
            "external_id": case.external_id,
            "texts": getattr(case, "texts_by_language", None),
        }

    def registers(self) -> dict:
        annotations = IAnnotations(self.portal)
        return {key: _to_json(value) for key, value in annotations.items() if key.startswith(SITE_ANNOTATION_PREFIX)}

    def test_export_delete_import_compare(self):
        before = {key: self.snapshot(case) for key, case in self.cases.items()}
        registers = self.registers()
        audit_length = len(audit.entries())
        profiles = len(api.portal.get_tool("portal_catalog").unrestrictedSearchResults(portal_type="PrisonerProfile"))
        folder = pathlib.Path(tempfile.mkdtemp())
        with api.env.adopt_roles(["Manager"]):
            paths = ["/".join(case.getPhysicalPath()) for case in self.cases.values()]
            get_exporter(self.portal).export_site(folder, options=Namespace(query={"path": paths}))
            extras = export_extras(self.portal)
            (folder / "coalition-extras.json").write_text(json.dumps(extras), encoding="utf-8")
            self.assertEqual(extras["not_kept"], [], "everything of the project's types is written")
            # The new site knows none of it: the cases and the project's registers are gone.
            for case in self.cases.values():
                api.content.delete(case, check_linkintegrity=False)
            for key in list(IAnnotations(self.portal)):
                if key.startswith(SITE_ANNOTATION_PREFIX):
                    del IAnnotations(self.portal)[key]
            self.assertEqual(imported_cases(), {})
        # The site's administrator imports (plone.exportimport checks vocabularies as the current user).
        with api.env.adopt_user(username="admin"):
            importer = get_importer(self.portal)
            importer.import_site(folder)
            self.assertFalse(importer.incomplete)
            import_extras(self.portal, json.loads((folder / "coalition-extras.json").read_text(encoding="utf-8")))
        after = {key: self.snapshot(case) for key, case in imported_cases().items()}
        self.assertEqual(after, before)
        self.assertEqual(self.registers(), registers)
        self.assertEqual(len(audit.entries()), audit_length)
        # Access follows the restored grants: Beta's roster reads the first case; Anonymous reads nothing.
        moved = imported_cases()
        with api.env.adopt_user(username="beta-member"):
            self.assertTrue(api.user.has_permission("View", obj=moved["X-00001"]))
            self.assertFalse(api.user.has_permission("View", obj=moved["X-00002"]))
        with api.env.adopt_user(username="commission"):
            self.assertTrue(api.user.has_permission("coalition: View confidential case data", obj=moved["X-00002"]))
        catalog = api.portal.get_tool("portal_catalog")
        with api.env.adopt_roles(["Anonymous"]):
            self.assertEqual(len(catalog(portal_type="CaseFile")), 0)
        self.assertEqual(len(catalog.unrestrictedSearchResults(portal_type="PrisonerProfile")), profiles)
        # The external ids came along: the same list imports as unchanged, no duplicate.
        self.assertEqual(run(csv_bytes(rows()), dry_run=False).counts["unchanged"], 2)

    def test_plone_exportimport_alone_loses_the_organisation_grant(self):
        """Why the complement exists: without it the grant to Beta and the external id are gone."""
        case = self.cases["X-00001"]
        folder = pathlib.Path(tempfile.mkdtemp())
        with api.env.adopt_roles(["Manager"]):
            query = {"path": "/".join(case.getPhysicalPath())}
            get_exporter(self.portal).export_site(folder, options=Namespace(query=query))
            api.content.delete(case, check_linkintegrity=False)
        with api.env.adopt_user(username="admin"):
            get_importer(self.portal).import_site(folder)
        moved = self.portal["intranet"]["cases"][case.getId()]
        self.assertEqual(getattr(moved, "granted_organisations", None), None)
        self.assertIsNone(getattr(moved, "external_id", None))
