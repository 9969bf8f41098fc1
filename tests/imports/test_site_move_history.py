"""Every CMFEditions version moves with the site (imports/histories.py, docs/import.md "Versions").

The same move as ``test_site_move.py`` (its layer: the demo site with a working document of three versions
by three people, a shared file of two versions with the same name and different bytes, a case file with two
versions of a confidential field; exported with ``migrate_site.py export`` and imported into a fresh
FileStorage site). Per object: the same versions, each with its content, principal, time and comment; the
current content is the newest; the import saved no version of its own; CMFEditions reverts on the new site;
the export holds no confidential plaintext of a version. A damaged or incomplete export is refused before
anything changes.
"""

import json
import pathlib
import shutil
import subprocess
from tests.imports.site_facts import CONFIDENTIAL_MARKER
from tests.imports.site_facts import SHARED_FILE
from tests.imports.test_site_move import facts
from tests.imports.test_site_move import MOVED_SITE
from tests.imports.test_site_move import ROOT
from tests.imports.test_site_move import ZCONSOLE
import unittest


HISTORIES = "coalition-histories"
DOCUMENT = "/coalition/intranet/groups/definition/definition-of-political-prisoner"
FILE = f"/coalition/intranet/organisations/alpha/{SHARED_FILE}"


class TestHistoriesMove(unittest.TestCase):
    layer = MOVED_SITE

    def setUp(self):
        self.before = self.layer["before"]["versions"]
        self.after = self.layer["after"]["versions"]

    def history(self, facts, path):
        return list(reversed(facts[path]["history"]))  # oldest first

    def test_the_working_document_keeps_three_versions_by_three_people(self):
        old = self.history(self.before, DOCUMENT)
        self.assertEqual([v["principal"] for v in old], ["admin", "alpha-admin", "beta-admin"])
        self.assertEqual([v["comment"] for v in old[1:]], ["site-move revision 1", "site-move revision 2"])
        self.assertEqual(len({v["text"] for v in old}), 3)
        new = self.history(self.after, DOCUMENT)
        # Version by version: number, content, principal, time (to the second), comment and review state.
        self.assertEqual(new, old)

    def test_the_shared_file_keeps_both_files(self):
        old = self.history(self.before, FILE)
        self.assertEqual(len(old), 2)
        self.assertEqual({v["file"][0] for v in old}, {"minutes.txt"})
        self.assertNotEqual(old[0]["file"][1], old[1]["file"][1], "two versions, different bytes")
        self.assertEqual([v["principal"] for v in old], ["alpha-member", "alpha-admin"])
        self.assertEqual(self.history(self.after, FILE), old)

    def test_the_current_content_is_the_newest_and_the_import_saved_no_version(self):
        for path in (DOCUMENT, FILE):
            old, new = self.before[path], self.after[path]
            self.assertEqual(len(new["history"]), len(old["history"]), path)
            self.assertEqual(new["current"], old["current"], path)
            newest = {name: value for name, value in new["history"][0].items() if name in new["current"]}
            self.assertEqual(newest, new["current"], path)
        self.assertEqual(self.after[DOCUMENT]["history"][0]["principal"], "beta-admin")

    def test_every_history_of_the_demo_keeps_its_number_of_versions(self):
        self.assertGreater(len(self.before), 15)
        self.assertEqual(
            {path: len(entry["history"]) for path, entry in self.after.items()},
            {path: len(entry["history"]) for path, entry in self.before.items()},
        )
        self.assertEqual(self.after, self.before)

    def test_revert_to_an_older_version_works_on_the_new_site(self):
        reverted = self.layer["reverted"]
        self.assertEqual(reverted["document"]["text"], self.history(self.before, DOCUMENT)[1]["text"])
        self.assertEqual(reverted["file"]["file"], self.history(self.before, FILE)[0]["file"])

    def test_the_history_view_compares_versions_as_before(self):
        """portal_diff (the comparison of the history view) finds the same changes between the versions."""
        changes = self.before[DOCUMENT]["changes"]
        self.assertEqual(len(changes), 2)
        self.assertTrue(all("text" in changed for changed in changes), changes)
        self.assertEqual(self.after[DOCUMENT]["changes"], changes)

    def test_case_file_versions_move_without_confidential_plaintext(self):
        cases = {path: entry for path, entry in self.before.items() if entry["type"] == "CaseFile"}
        self.assertTrue(cases)
        values = [v.get("lawyer_contacts", "") for entry in cases.values() for v in entry["history"]]
        self.assertTrue(any(CONFIDENTIAL_MARKER in value for value in values))
        self.assertEqual({path: self.after[path] for path in cases}, cases)
        for found in (self.layer["export"] / HISTORIES).rglob("*"):
            if found.is_file():
                self.assertNotIn(CONFIDENTIAL_MARKER.encode(), found.read_bytes(), found)

    def test_the_import_reports_what_it_restored(self):
        imported = self.layer["imported"]
        self.assertIn("restored the versions of WorkingDocument: 1 objects, 3 versions", imported)
        self.assertIn("restored the versions of File: 1 objects, 2 versions", imported)
        self.assertNotIn("NOT KEPT", imported)

    def test_the_export_folder_documents_each_version(self):
        index = json.loads((self.layer["export"] / HISTORIES / "histories.json").read_text(encoding="utf-8"))
        entry = next(item for item in index["objects"] if item["path"] == DOCUMENT)
        history = json.loads((self.layer["export"] / HISTORIES / entry["file"]).read_text(encoding="utf-8"))
        first = history["versions"][0]
        self.assertEqual(first["sys_metadata"]["principal"], "admin")
        self.assertEqual(first["@history"]["actorid"], "admin")
        self.assertIn("text", first["data"])


def run_import(conf: pathlib.Path, folder: pathlib.Path) -> subprocess.CompletedProcess:
    argv = [ZCONSOLE, "run", str(conf), "scripts/migrate_site.py", "import", str(folder)]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)


class TestBrokenHistoriesAreRefused(unittest.TestCase):
    """Into the moved site again: a refused import must leave it exactly as it was."""

    layer = MOVED_SITE

    def damaged_copy(self, name: str) -> pathlib.Path:
        copy = self.layer["export"].parent / f"broken-{name}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(self.layer["export"], copy)
        self.addCleanup(shutil.rmtree, copy, True)
        return copy

    def document_history_file(self, folder: pathlib.Path) -> pathlib.Path:
        index = json.loads((folder / HISTORIES / "histories.json").read_text(encoding="utf-8"))
        entry = next(item for item in index["objects"] if item["path"] == DOCUMENT)
        return folder / HISTORIES / entry["file"]

    def assertRefused(self, folder: pathlib.Path, reason: str):
        done = run_import(self.layer["conf"], folder)
        self.assertEqual(done.returncode, 2, done.stdout + done.stderr[-3000:])
        self.assertIn("Refused:", done.stderr)
        self.assertIn(reason, done.stderr)
        self.assertIn("Nothing was imported.", done.stderr)
        self.assertNotIn("restored the versions", done.stdout)

    def test_refusals_change_nothing(self):
        missing_index = self.damaged_copy("index")
        (missing_index / HISTORIES / "histories.json").unlink()
        self.assertRefused(missing_index, "has no histories file")

        missing_history = self.damaged_copy("history")
        self.document_history_file(missing_history).unlink()
        self.assertRefused(missing_history, f"The history of {DOCUMENT}")

        damaged = self.damaged_copy("damaged")
        path = self.document_history_file(damaged)
        path.write_text(path.read_text(encoding="utf-8").replace("site-move revision 1", "forged"), encoding="utf-8")
        self.assertRefused(damaged, "is damaged (checksum)")

        truncated = self.damaged_copy("truncated")
        path = self.document_history_file(truncated)
        path.write_bytes(path.read_bytes()[:200])
        self.assertRefused(truncated, "is damaged (checksum)")

        missing_blob = self.damaged_copy("blob")
        for blob in (missing_blob / HISTORIES).rglob("minutes.txt"):
            blob.unlink()
        self.assertRefused(missing_blob, "minutes.txt of version 0 is missing")

        after = facts(self.layer["conf"])
        self.assertEqual(after["content"], self.layer["after"]["content"])
        self.assertEqual(after["versions"], self.layer["after"]["versions"])
