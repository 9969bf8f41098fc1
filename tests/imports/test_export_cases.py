"""Export of an organisation's case files (CSV, XLSX) in the import's columns: only what the person may
see, confidential columns only with the confidential permission, audit-logged, and importable again."""

from coalition.intranet.imports.export import export_cases
from coalition.intranet.security import api as audit
import csv
import io
from plone import api
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.imports.import_helpers import csv_bytes
from tests.imports.import_helpers import person
from tests.imports.test_import_cases import run
import unittest


MARKER = "Advocate Markerova, +7 900 000-00-00"


def export(user, organisation="alpha", file_format="csv"):
    with api.env.adopt_user(username=user):
        return export_cases(organisation, file_format)


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


class TestExportCases(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        run(csv_bytes([person(1, lawyer_contacts=MARKER), person(2)]), dry_run=False)

    def test_organisation_admin_exports_everything_and_it_imports_back_unchanged(self):
        data, count = export("alpha-admin")
        rows = csv_rows(data)
        self.assertEqual(len(rows), count)
        by_id = {row["external_id"]: row for row in rows}
        self.assertEqual(by_id["X-00001"]["lawyer_contacts"], MARKER)
        self.assertEqual(by_id["X-00001"]["articles"], "207.3")
        self.assertEqual(by_id["X-00001"]["date_of_detention"], "2024-02-01")
        # Alpha's demo cases, never imported, carry their neutral id; the whole file imports back unchanged.
        self.assertTrue(any(key.startswith("case-") for key in by_id))
        result = run(data, dry_run=False, filename="export.csv")
        self.assertEqual(result.problems, [], [str(problem.message) for problem in result.problems])
        self.assertEqual(result.counts["unchanged"], count)
        self.assertEqual(result.counts["created"] + result.counts["updated"], 0)

    def test_xlsx_export_imports_back_unchanged(self):
        data, count = export("alpha-admin", file_format="xlsx")
        self.assertTrue(data.startswith(b"PK"))
        result = run(data, dry_run=False, filename="export.xlsx")
        self.assertEqual(result.problems, [])
        self.assertEqual(result.counts["unchanged"], count)

    def test_others_see_nothing_and_no_confidential_column(self):
        for user in ("coordinator", "beta-admin"):
            data, count = export(user)
            self.assertEqual(count, 0, user)
            self.assertNotIn(MARKER.encode(), data)
            self.assertNotIn(b"lawyer_contacts", data)

    def test_confidential_columns_only_with_the_permission_on_every_case(self):
        from coalition.intranet.cases import api as cases
        from tests.imports.import_helpers import imported_cases

        with api.env.adopt_user(username="alpha-admin"):
            cases.grant_access(imported_cases()["X-00001"], "beta", "facts")
        data, count = export("beta-admin")
        self.assertEqual(count, 1)
        self.assertNotIn(b"lawyer_contacts", data)
        self.assertNotIn(MARKER.encode(), data)

    def test_each_export_is_audited(self):
        export("alpha-admin", file_format="xlsx")
        entry = audit.entries(action="cases.export")[0]
        self.assertEqual(entry.actor, "alpha-admin")
        self.assertEqual(dict(entry.details)["format"], "xlsx")
        self.assertEqual(dict(entry.details)["confidential"], "yes")
