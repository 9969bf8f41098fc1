"""``make upgrade`` (scripts/upgrade_site.py) on a real FileStorage site of an older release: the dry run
lists the pending steps and changes nothing, the run brings the site to the code's version, a second run
finds nothing to do."""

import pathlib
import shutil
import tempfile
from tests.imports.test_site_move import zconsole
from tests.jobs.test_jobs_while_serving import served_zope_conf
import unittest


OLDER = "20261204002"


class TestUpgradeScript(unittest.TestCase):
    def setUp(self):
        folder = pathlib.Path(tempfile.mkdtemp(prefix="coalition-upgrade-"))
        self.addCleanup(shutil.rmtree, folder, True)
        self.conf = served_zope_conf(folder / "site")
        zconsole(self.conf, "scripts/create_site.py", "--no-demo")

    def versions(self, *argv: str) -> tuple[str, str]:
        """(the site's, the code's) profile version."""
        site, code = zconsole(self.conf, "tests/foundation/profile_version.py", *argv).strip().splitlines()[-1].split()
        return site, code

    def version(self, *argv: str) -> str:
        return self.versions(*argv)[0]

    def test_pending_steps_are_listed_then_run_once(self):
        older, code = self.versions("--set", OLDER)
        self.assertEqual(older, OLDER)
        self.assertNotEqual(code, OLDER)

        listed = zconsole(self.conf, "scripts/upgrade_site.py", "--dry-run")
        self.assertIn(f"{OLDER} -> {code}", listed)
        self.assertIn("Second factor and encryption at rest", listed)
        self.assertEqual(self.version(), OLDER)

        done = zconsole(self.conf, "scripts/upgrade_site.py")
        self.assertIn(f"Upgraded to {code}", done)
        self.assertEqual(self.version(), code)

        again = zconsole(self.conf, "scripts/upgrade_site.py")
        self.assertIn("nothing to upgrade", again)
