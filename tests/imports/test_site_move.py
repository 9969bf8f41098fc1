"""The whole demo site moves into a fresh, empty site through ``scripts/migrate_site.py``, as an operator
moves it (docs/import.md, "Moving the whole site"), and nothing is lost on the way.

Two real FileStorage databases in a temporary folder: the demo site made by ``scripts/create_site.py``
(with more versions: site_facts.py --prepare), and an empty site (``--no-demo``). The demo site is
exported with ``migrate_site.py export``, the folder imported into the empty site with
``migrate_site.py import``; ``tests/imports/site_facts.py`` prints the facts of both sites, which must be
equal: every object with its UID, type and workflow state; the translation groups of the public profiles;
every CMFEditions history, version by version; the user and organisation grants of the case files (and the
catalog's view of them); the register of publication acts and the other registers; the audit log; and
what Anonymous finds.
"""

import json
import pathlib
from plone.testing import Layer
import shutil
import subprocess
import sys
import tempfile
from tests.jobs.test_jobs_while_serving import served_zope_conf
import unittest


ROOT = pathlib.Path(__file__).parents[2]
ZCONSOLE = str(pathlib.Path(sys.executable).parent / "zconsole")
PROVENANCE = "coalition.public.provenance"
AUDIT = "coalition.intranet.audit.entries"


def zconsole(conf: pathlib.Path, *argv: str) -> str:
    done = subprocess.run([ZCONSOLE, "run", str(conf), *argv], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise AssertionError(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr[-6000:]}")
    return done.stdout


def facts(conf: pathlib.Path, *argv: str) -> dict:
    return json.loads(zconsole(conf, "tests/imports/site_facts.py", *argv).strip().splitlines()[-1])


class MovedSiteLayer(Layer):
    """The demo site, its export, and the empty site into which the export was imported."""

    def setUp(self):
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="coalition-move-"))
        try:
            old = served_zope_conf(self.folder / "old")
            new = served_zope_conf(self.folder / "new")
            export = self.folder / "export"
            zconsole(old, "scripts/create_site.py")
            self["before"] = facts(old, "--prepare")
            self["exported"] = zconsole(old, "scripts/migrate_site.py", "export", str(export))
            zconsole(new, "scripts/create_site.py", "--no-demo")
            self["empty"] = facts(new)
            self["imported"] = zconsole(new, "scripts/migrate_site.py", "import", str(export))
            self["after"] = facts(new)
            # CMFEditions' revert on the moved site (not committed): test_site_move_history.py.
            self["reverted"] = facts(new, "--revert")
            self["export"], self["conf"] = export, new
        except BaseException:
            self.tearDown()
            raise

    def tearDown(self):
        shutil.rmtree(self.folder, ignore_errors=True)


MOVED_SITE = MovedSiteLayer()


class TestTheWholeSiteMoves(unittest.TestCase):
    layer = MOVED_SITE

    def setUp(self):
        self.before = self.layer["before"]
        self.after = self.layer["after"]

    def test_the_export_keeps_everything_it_reads(self):
        self.assertNotIn("NOT KEPT", self.layer["exported"])
        self.assertIn("coalition-extras.json", self.layer["exported"])

    def test_the_new_site_was_empty_of_the_demo(self):
        """Otherwise the comparisons below would prove nothing."""
        empty = self.layer["empty"]
        self.assertEqual(empty["translations"], [])
        self.assertEqual(empty["access"], {})
        self.assertNotIn(PROVENANCE, empty["registers"])
        self.assertLess(len(empty["content"]), len(self.before["content"]))

    def test_every_object_keeps_its_uid_type_and_workflow_state(self):
        """The site root is the new site's own (plone.exportimport keeps its content, not its UID)."""
        before = {path: facts for path, facts in self.before["content"].items() if path != "/coalition"}
        after = {path: facts for path, facts in self.after["content"].items() if path != "/coalition"}
        self.assertGreater(len(before), 100)
        self.assertEqual(after, before)

    def test_translation_links_of_public_profiles(self):
        groups = self.before["translations"]
        self.assertTrue(any(len(group) > 1 for group in groups), "the demo links translated profiles")
        self.assertEqual(self.after["translations"], groups)

    def test_every_version_of_every_history(self):
        """CMFEditions histories move whole (imports/histories.py; in detail: test_site_move_history.py)."""
        versions = self.before["versions"]
        self.assertTrue(any(len(entry["history"]) >= 3 for entry in versions.values()))
        self.assertEqual(self.after["versions"], versions)

    def test_user_and_organisation_grants_on_case_files(self):
        access = self.before["access"]
        self.assertTrue(any(case["organisations"] for case in access.values()), "the demo grants organisations")
        self.assertEqual(self.after["access"], access)

    def test_register_of_publication_acts_and_the_other_registers(self):
        self.assertTrue(self.before["registers"].get(PROVENANCE))
        # The second factors of the demo cast (sealed; the new site reads them with the same key file).
        self.assertTrue(self.before["registers"].get("coalition.intranet.twofactor"))
        self.assertEqual(self.after["registers"], self.before["registers"])

    def test_the_audit_log(self):
        self.assertTrue(self.before["audit_log"])
        self.assertEqual(self.after["audit_log"], self.before["audit_log"])

    def test_nothing_private_becomes_findable(self):
        self.assertEqual(self.after["anonymous"], self.before["anonymous"])
        self.assertFalse([path for path in self.after["anonymous"] if "/intranet/" in path])
