"""Import of lists of case files: validation first, all or nothing, matched by external id, nothing public."""

from AccessControl import Unauthorized
from coalition.intranet.imports.api import import_cases
from coalition.intranet.imports.api import report_csv
from coalition.intranet.security import api as audit
from datetime import date
import pathlib
from plone import api
from tests.coalition_layers import COALITION_DEMO_INTEGRATION_TESTING
from tests.imports.import_helpers import csv_bytes
from tests.imports.import_helpers import imported_cases
from tests.imports.import_helpers import person
from tests.imports.import_helpers import png_bytes
from tests.imports.import_helpers import sample_csv
from tests.imports.import_helpers import xlsx_bytes
from tests.imports.import_helpers import zip_bytes
import unittest
from zope.i18n import translate


def run(data, user="alpha-admin", filename="list.csv", **options):
    options.setdefault("organisation", "alpha")
    with api.env.adopt_user(username=user):
        return import_cases(data, filename, **options)


def problems_by_cell(result) -> dict:
    return {(problem.row, problem.column): translate(problem.message) for problem in result.problems}


class TestImportSample(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.before = len(imported_cases())

    def test_dry_run_reports_and_changes_nothing(self):
        result = run(sample_csv(), dry_run=True)
        self.assertEqual(result.problems, [])
        self.assertEqual(result.counts, {"created": 3, "updated": 0, "unchanged": 0, "rejected": 0})
        self.assertFalse(result.applied)
        self.assertEqual(imported_cases(), {})

    def test_real_run_creates_cases_with_codes_labels_dates_and_languages(self):
        result = run(sample_csv(), dry_run=False)
        self.assertEqual(result.problems, [])
        self.assertTrue(result.applied)
        cases = imported_cases()
        self.assertEqual(sorted(cases), ["A-001", "A-002", "A-003"])
        first, second, third = cases["A-001"], cases["A-002"], cases["A-003"]
        self.assertEqual(first.full_name_latin, "Pyotr Primerov")
        self.assertEqual(first.articles, ["207.3", "280.3"])
        self.assertEqual(first.date_of_detention, date(2024, 3, 1))
        self.assertEqual(first.date_of_birth, date(1985, 4, 12))
        self.assertEqual(first.nominating_organisation, "alpha")
        self.assertIn("<p>Arrested for an anti-war post.</p>", first.narrative.raw)
        self.assertEqual(first.texts_by_language["de"]["full_name_latin"], "Pjotr Primerow")
        self.assertEqual(first.lawyer_contacts, "Advocate Lisitsa +7 900 555-00-01")
        # Labels in English ("Saint Petersburg", "Serving a sentence", the article's label) and Russian.
        self.assertEqual(second.region, "saint_petersburg")
        self.assertEqual(second.gender, "female")
        self.assertEqual(second.articles, ["207.3"])
        self.assertEqual(second.status, "serving_sentence")
        self.assertEqual(third.region, "tver")
        self.assertEqual(third.status, "house_arrest")
        for case in cases.values():
            self.assertEqual(api.content.get_state(case), "draft")
            # The URL never carries the person's name.
            self.assertRegex(case.getId(), r"^case-[0-9a-f]{8}$")

    def test_the_organisations_roster_reads_the_imported_case_and_another_does_not(self):
        run(sample_csv(), dry_run=False)
        case = imported_cases()["A-001"]
        for user, allowed in (("alpha-member", True), ("beta-member", False), ("beta-admin", False)):
            with api.env.adopt_user(username=user):
                self.assertEqual(bool(api.user.has_permission("View", obj=case)), allowed, user)

    def test_nothing_becomes_public(self):
        profiles = len(api.portal.get_tool("portal_catalog").unrestrictedSearchResults(portal_type="PrisonerProfile"))
        # Even with publication consent recorded, an import publishes nothing.
        rows = [person(1, publication_consent="family"), person(2, publication_consent="public_figure")]
        self.assertTrue(run(csv_bytes(rows), dry_run=False).applied)
        catalog = api.portal.get_tool("portal_catalog")
        self.assertEqual(len(catalog.unrestrictedSearchResults(portal_type="PrisonerProfile")), profiles)
        for case in imported_cases().values():
            self.assertEqual(api.content.get_state(case), "draft")
            self.assertFalse(api.user.has_permission("View", obj=case, username="commission"))
        with api.env.adopt_roles(["Anonymous"]):
            self.assertEqual(len(catalog(portal_type="CaseFile", SearchableText="Testovich")), 0)

    def test_reimport_changes_nothing(self):
        data = sample_csv()
        run(data, dry_run=False)
        repository = api.portal.get_tool("portal_repository")
        modified = {key: case.modified() for key, case in imported_cases().items()}
        result = run(data, dry_run=False)
        self.assertEqual(result.counts, {"created": 0, "updated": 0, "unchanged": 3, "rejected": 0})
        self.assertEqual({key: case.modified() for key, case in imported_cases().items()}, modified)
        self.assertEqual(len(imported_cases()), 3)
        with api.env.adopt_roles(["Manager"]):
            for case in imported_cases().values():
                self.assertFalse(repository.getHistoryMetadata(case))

    def test_corrected_file_updates_one_case_with_a_version(self):
        run(csv_bytes([person(1), person(2), person(3)]), dry_run=False)
        corrected = csv_bytes([person(1), person(2, status="released", place_of_detention=""), person(3)])
        result = run(corrected, dry_run=False)
        self.assertEqual(result.counts, {"created": 0, "updated": 1, "unchanged": 2, "rejected": 0})
        updated = [outcome for outcome in result.outcomes if outcome.outcome == "updated"]
        self.assertEqual(updated[0].external_id, "X-00002")
        self.assertEqual(updated[0].fields, ["status"])
        case = imported_cases()["X-00002"]
        self.assertEqual(case.status, "released")
        repository = api.portal.get_tool("portal_repository")
        with api.env.adopt_roles(["Manager"]):
            self.assertEqual(repository.getHistoryMetadata(case).getLength(countPurged=False), 2)
            self.assertEqual(repository.retrieve(case, 0).object.status, "pre_trial_custody")
            self.assertEqual(repository.retrieve(case, 1).object.status, "released")

    def test_every_real_import_is_audited(self):
        run(sample_csv(), dry_run=True)
        self.assertEqual(list(audit.entries(action="cases.import")), [])
        run(sample_csv(), dry_run=False)
        entry = audit.entries(action="cases.import")[0]
        self.assertEqual(entry.actor, "alpha-admin")
        details = dict(entry.details)
        self.assertEqual((details["created"], details["source"]), ("3", "list.csv"))
        self.assertEqual(len(audit.entries(action="case.imported")), 3)
        run(csv_bytes([person(1, region="atlantis")]), dry_run=False)
        self.assertEqual(dict(audit.entries(action="cases.import_refused")[0].details)["rejected"], "1")

    def test_the_documented_sample_imports_cleanly(self):
        sample = (pathlib.Path(__file__).parents[2] / "docs" / "samples" / "cases-sample.csv").read_bytes()
        result = run(sample, dry_run=True)
        self.assertEqual((result.problems, result.counts["created"]), ([], 3))

    def test_report_names_rows_columns_and_outcomes_not_values(self):
        result = run(csv_bytes([person(1), person(2, region="atlantis")]), dry_run=True)
        report = report_csv(result, language="en")
        self.assertIn("row,external_id,organisation,outcome,column,message", report.splitlines()[0])
        self.assertIn("3,X-00002,,problem,region,", report)
        self.assertIn("2,X-00001,alpha,created", report)


class TestBadInput(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def assert_refused(self, data, expected_cells, filename="list.csv", **options):
        result = run(data, dry_run=False, filename=filename, **options)
        self.assertFalse(result.applied)
        self.assertEqual(imported_cases(), {})
        cells = problems_by_cell(result)
        for cell in expected_cells:
            self.assertIn(cell, cells, cells)
        return result

    def test_all_or_nothing_an_error_in_row_900_of_1000(self):
        rows = [person(number) for number in range(1, 1001)]
        rows[898]["date_of_detention"] = "31.02.2024"
        result = self.assert_refused(csv_bytes(rows), [(900, "date_of_detention")])
        self.assertEqual(result.counts["rejected"], 1)
        self.assertEqual(len(result.problems), 1)

    def test_each_problem_by_row_and_column(self):
        rows = [
            person(1, articles="207.3|999.9"),
            person(2, region="Atlantis"),
            person(3, date_of_birth="1980-13-45"),
            person(4, full_name=""),
            person(1),
            person(6, status="somewhere"),
        ]
        result = self.assert_refused(
            csv_bytes(rows),
            [(2, "articles"), (3, "region"), (4, "date_of_birth"), (5, "full_name"), (6, "external_id"), (7, "status")],
        )
        self.assertIn("999.9", problems_by_cell(result)[(2, "articles")])
        self.assertIn("row 2", problems_by_cell(result)[(6, "external_id")])

    def test_missing_and_unknown_columns(self):
        data = "external_id;full_name;colour\nZ-1;Имя;red\n".encode()
        self.assert_refused(data, [(1, "colour"), (1, "full_name_latin"), (1, "region")])

    def test_malformed_and_undecodable_files(self):
        self.assert_refused(b"", [(1, "")])
        self.assert_refused("external_id,full_name\n".encode("utf-16-le"), [(1, "")])
        self.assert_refused(b"PK\x03\x04 not really a workbook", [(1, "")], filename="list.xlsx")
        self.assert_refused(b'external_id,full_name\n"Z-1,"unclosed\n', [(1, "")])

    def test_photo_missing_or_not_an_image(self):
        rows = [person(1, photo="one.png"), person(2, photo="two.png"), person(3, photo="")]
        photos = zip_bytes({"two.png": b"%PDF-1.4 not an image"})
        self.assert_refused(csv_bytes(rows), [(2, "photo"), (3, "photo")], photos=photos)

    def test_another_organisation_is_refused(self):
        self.assert_refused(csv_bytes([person(1)]), [(2, "organisation")], organisation="beta")
        rows = [dict(person(1), organisation="beta")]
        self.assert_refused(csv_bytes(rows), [(2, "organisation")], organisation="")

    def test_member_of_no_import_right_is_refused(self):
        with self.assertRaises(Unauthorized):
            run(csv_bytes([person(1)]), user="beta-member", dry_run=False)
        with self.assertRaises(Unauthorized):
            run(csv_bytes([person(1)]), user="alpha-member", dry_run=False)

    def test_the_command_route_acts_as_the_system(self):
        rows = [
            dict(person(1, lawyer_contacts="Advocate Y"), organisation="alpha"),
            dict(person(2, lawyer_contacts=""), organisation="beta"),
        ]
        with api.env.adopt_roles(["Manager"]):
            result = import_cases(csv_bytes(rows), "list.csv", dry_run=False, actor="system")
        self.assertEqual(result.problems, [])
        self.assertEqual(imported_cases()["X-00001"].lawyer_contacts, "Advocate Y")
        self.assertEqual(sorted(imported_cases("beta")), ["X-00002"])
        self.assertEqual(audit.entries(action="cases.import")[0].actor, "system")

    def test_coordinator_imports_facts_but_no_confidential_column(self):
        rows = [person(1, lawyer_contacts="Advocate X")]
        self.assert_refused(csv_bytes(rows), [(2, "lawyer_contacts")], user="coordinator")
        result = run(csv_bytes([person(1)]), user="coordinator", dry_run=False)
        self.assertTrue(result.applied)
        case = imported_cases()["X-00001"]
        with api.env.adopt_user(username="coordinator"):
            self.assertFalse(api.user.has_permission("View", obj=case))


class TestFormats(unittest.TestCase):
    layer = COALITION_DEMO_INTEGRATION_TESTING

    def assert_imported(self, data, filename="list.csv", **options):
        result = run(data, dry_run=False, filename=filename, **options)
        self.assertEqual(result.problems, [], [str(problem.message) for problem in result.problems])
        case = imported_cases()["X-00001"]
        self.assertEqual(case.full_name, "Тест Тестович 1")
        self.assertEqual(case.date_of_detention, date(2024, 2, 1))
        return result

    def test_utf8_with_bom_and_semicolons(self):
        result = self.assert_imported(csv_bytes([person(1)], encoding="utf-8-sig", delimiter=";"))
        self.assertEqual((result.encoding, result.delimiter), ("utf-8-sig", ";"))

    def test_cp1251_and_tabs(self):
        result = self.assert_imported(csv_bytes([person(1)], encoding="cp1251", delimiter="\t"))
        self.assertEqual((result.encoding, result.delimiter), ("cp1251", "\t"))

    def test_latin1(self):
        rows = [person(1, full_name="Test Testovich", court="Tribunal de Genève, chambre pénale")]
        result = run(csv_bytes(rows, encoding="latin-1"), dry_run=False)
        self.assertEqual((result.encoding, result.problems), ("latin-1", []))
        self.assertEqual(imported_cases()["X-00001"].court, "Tribunal de Genève, chambre pénale")

    def test_xlsx_with_date_cells(self):
        result = self.assert_imported(xlsx_bytes([person(1, date_of_detention="2024-02-01")]), filename="list.xlsx")
        self.assertEqual(result.encoding, "xlsx")

    def test_photos_in_a_zip(self):
        photo = png_bytes()
        rows = [person(1, photo="photos/one.png")]
        self.assert_imported(csv_bytes(rows), photos=zip_bytes({"photos/one.png": photo}))
        case = imported_cases()["X-00001"]
        self.assertEqual(case["photo"].file.data, photo)
        result = run(csv_bytes(rows), dry_run=False, photos=zip_bytes({"photos/one.png": photo}))
        self.assertEqual(result.counts["unchanged"], 1)
        result = run(csv_bytes(rows), dry_run=False, photos=zip_bytes({"photos/one.png": png_bytes((0, 0, 0))}))
        self.assertEqual(result.outcomes[0].fields, ["photo"])
