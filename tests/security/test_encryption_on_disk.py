"""What a copied database, blob folder, backup or site export reveals: none of the confidential values.

A real site on FileStorage with blobs in a temporary folder (``scripts/create_site.py``, served by runwsgi as
``make start`` serves it). Markers are planted over HTTP through the REST API as the site's administrator:
one in each confidential field and one in an evidence file's content. Then every byte of
``Data.fs``, of every blob file, of a backup made by ``scripts/backup.py`` and of a site export
(``scripts/migrate_site.py export``) is read: no marker. A control marker in a field that is not sealed
(``sources``) is found in ``Data.fs``, so the search itself works. Finally the same site is started without
its key and with a wrong key: the server exits with a message naming the key file, and serves nothing.
"""

import base64
from coalition.intranet.security.encryption import keyring
import os
import pathlib
from plone.testing import Layer
import requests
import shutil
import subprocess
import sys
import tempfile
from tests.jobs.test_jobs_while_serving import served_zope_conf
from tests.security.test_backup import Server
import unittest


ROOT = pathlib.Path(__file__).parents[2]
BIN = pathlib.Path(sys.executable).parent
SECRETS = {
    "lawyer_contacts": "disk-marker-lawyer-93b1e",
    "relatives_contacts": "disk-marker-relatives-93b1e",
    "home_address": "disk-marker-address-93b1e",
    "health_notes": "disk-marker-health-93b1e",
}
FILE_SECRET = "disk-marker-evidence-93b1e"
CONTROL = "disk-control-sources-93b1e"
# The Zope root user (Manager): the demo cast of a real demo site logs in with a second factor.
MEMBER = ("admin", "admin")
JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def files_below(folder: pathlib.Path):
    return [path for path in sorted(folder.rglob("*")) if path.is_file()]


def markers_in(paths, markers) -> list[tuple[str, str]]:
    """``(file, marker)`` for every marker found in the bytes of the files (plain, UTF-8 and UTF-16 forms,
    and the JSON escape of a string)."""
    found = []
    for path in paths:
        data = path.read_bytes()
        for marker in markers:
            forms = (marker.encode(), marker.encode("utf-16-le"), base64.b64encode(marker.encode())[:16])
            if any(form in data for form in forms):
                found.append((str(path), marker))
    return found


class EncryptedSiteLayer(Layer):
    """The demo site on disk, markers planted over REST, the server stopped; a backup and an export made."""

    def setUp(self):
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="coalition-encryption-"))
        self.server = None
        try:
            self._prepare()
        except BaseException:
            self.tearDown()
            raise

    def _prepare(self):
        conf = served_zope_conf(self.folder)
        self["folder"] = self.folder
        self["conf"] = conf
        zconsole = [str(BIN / "zconsole"), "run", str(conf)]
        subprocess.run([*zconsole, "scripts/create_site.py"], cwd=ROOT, check=True, capture_output=True)
        self.server = Server(self.folder).start()
        site = self.server.url
        cases = f"{site}/intranet/cases"
        body = {
            "@type": "CaseFile",
            "title": "Disk Test",
            "full_name": "Диск Тестов",
            "full_name_latin": "Disk Testov",
            "region": "tver",
            "nominating_organisation": "alpha",
            "sources": CONTROL,
            **SECRETS,
        }
        created = requests.post(cases, json=body, auth=MEMBER, headers=JSON, timeout=60)
        created.raise_for_status()
        case_url = created.json()["@id"]
        self["case_path"] = case_url.removeprefix(self.server.url)
        evidence = {
            "@type": "Evidence",
            "title": "Letter",
            "file": {
                "data": base64.b64encode((FILE_SECRET + "\n").encode() * 2000).decode("ascii"),
                "encoding": "base64",
                "filename": "letter.txt",
                "content-type": "text/plain",
            },
        }
        added = requests.post(case_url, json=evidence, auth=MEMBER, headers=JSON, timeout=60)
        added.raise_for_status()
        self["evidence_path"] = added.json()["@id"].removeprefix(self.server.url)
        # The values arrived and read back for those allowed (so that "no marker on disk" means sealed).
        self["read_back"] = requests.get(case_url, auth=MEMBER, headers=JSON, timeout=60).json()
        self["download"] = requests.get(
            f"{site}{self['evidence_path']}/@@download/file", auth=MEMBER, timeout=60
        ).content
        self.server.stop()
        self.server = None
        backups = self.folder / "backups"
        backup = subprocess.run(
            [sys.executable, "scripts/backup.py", "--var", str(self.folder / "var"), "--backup-dir", str(backups)]
            + ["--full"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if backup.returncode:
            raise RuntimeError(backup.stderr)
        self["backups"] = backups
        export = self.folder / "export"
        exported = subprocess.run(
            [*zconsole, "scripts/migrate_site.py", "export", str(export)], cwd=ROOT, capture_output=True, text=True
        )
        if exported.returncode:
            raise RuntimeError(exported.stdout + exported.stderr)
        self["export"] = export

    def tearDown(self):
        if self.server is not None:
            self.server.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


ENCRYPTED_SITE = EncryptedSiteLayer()


class TestNothingConfidentialOnDisk(unittest.TestCase):
    layer = ENCRYPTED_SITE

    def setUp(self):
        self.var = self.layer["folder"] / "var"
        self.markers = [*SECRETS.values(), FILE_SECRET]

    def test_the_values_were_stored_and_read_back_over_http(self):
        for name, marker in SECRETS.items():
            self.assertEqual(self.layer["read_back"][name], marker)
        self.assertEqual(self.layer["download"], (FILE_SECRET + "\n").encode() * 2000)

    def test_data_fs_holds_no_marker_but_the_unsealed_control(self):
        data_fs = [self.var / "filestorage" / "Data.fs"]
        self.assertEqual(markers_in(data_fs, self.markers), [])
        self.assertEqual(markers_in(data_fs, [CONTROL]), [(str(data_fs[0]), CONTROL)])

    def test_no_blob_file_holds_a_marker(self):
        blobs = files_below(self.var / "blobstorage")
        self.assertTrue([path for path in blobs if path.suffix == ".blob"])
        self.assertEqual(markers_in(blobs, self.markers), [])

    def test_nothing_in_var_holds_a_marker(self):
        # Logs, the case access log, the key file folder: none holds a confidential value.
        self.assertEqual(markers_in(files_below(self.var), self.markers), [])

    def test_the_backup_holds_no_marker(self):
        backup_files = files_below(self.layer["backups"])
        self.assertTrue([path for path in backup_files if path.suffix == ".fs"])
        self.assertEqual(markers_in(backup_files, self.markers), [])
        self.assertTrue(markers_in(backup_files, [CONTROL]))

    def test_the_site_export_holds_no_marker(self):
        exported = files_below(self.layer["export"])
        self.assertEqual(markers_in(exported, self.markers), [])
        self.assertTrue(markers_in(exported, [CONTROL]))

    def test_the_key_file_is_private(self):
        key_file = pathlib.Path(os.environ[keyring.ENVIRONMENT_VARIABLE])
        self.assertEqual(key_file.stat().st_mode & 0o077, 0)


class TestStartWithoutTheRightKey(unittest.TestCase):
    layer = ENCRYPTED_SITE

    def start(self, key_file: pathlib.Path) -> subprocess.CompletedProcess:
        environment = {**os.environ, keyring.ENVIRONMENT_VARIABLE: str(key_file)}
        folder = self.layer["folder"]
        return subprocess.run(
            [str(BIN / "runwsgi"), str(folder / "zope.ini"), "http_host=127.0.0.1", "http_port=0"]
            + ["zope_conf_name=zope.conf"],
            cwd=folder,
            env=environment,
            capture_output=True,
            text=True,
            timeout=180,
        )

    def assert_refused(self, done, *expected):
        self.assertNotEqual(done.returncode, 0)
        output = done.stdout + done.stderr
        self.assertIn("REFUSING TO START", output)
        for text in expected:
            self.assertIn(text, output)
        for marker in [*SECRETS.values(), FILE_SECRET]:
            self.assertNotIn(marker, output)

    def test_missing_key_file(self):
        missing = self.layer["folder"] / "nowhere" / "coalition.key"
        done = self.start(missing)
        self.assert_refused(done, str(missing), "does not exist", "key-file")
        self.assertFalse(missing.exists(), "a missing key must not be replaced by a new one")

    def test_wrong_key_file(self):
        wrong = self.layer["folder"] / "wrong.key"
        keyring.create_key_file(wrong)
        self.assert_refused(self.start(wrong), str(wrong), "cannot be opened")

    def test_damaged_key_file(self):
        damaged = self.layer["folder"] / "damaged.key"
        damaged.write_text("not a keyring")
        self.assert_refused(self.start(damaged), str(damaged), "not a valid keyring")


class TestRotateKeyCommand(unittest.TestCase):
    """``make rotate-key`` (scripts/rotate_key.py through zconsole) on the stopped site, on a copy of its key
    file (the other tests of this run keep the original)."""

    layer = ENCRYPTED_SITE

    def run_script(self, key_file, *argv):
        environment = {**os.environ, keyring.ENVIRONMENT_VARIABLE: str(key_file)}
        return subprocess.run(
            [str(BIN / "zconsole"), "run", str(self.layer["conf"]), "scripts/rotate_key.py", *argv],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def test_rotate_resume_retire_and_serve_under_the_new_key_alone(self):
        original = pathlib.Path(os.environ[keyring.ENVIRONMENT_VARIABLE])
        copy = self.layer["folder"] / "rotated.key"
        shutil.copy(original, copy)
        old_id = keyring.read_keyring(copy).current
        nothing_old = self.run_script(copy, "--retire")
        self.assertEqual(nothing_old.returncode, 0, nothing_old.stdout + nothing_old.stderr)
        self.assertIn("Retired 0 old key(s)", nothing_old.stdout)
        rotated = self.run_script(copy, "--batch", "2")
        self.assertEqual(rotated.returncode, 0, rotated.stdout + rotated.stderr)
        self.assertIn("Everything is sealed under key", rotated.stdout)
        ring = keyring.read_keyring(copy)
        self.assertEqual(set(ring.keys), {old_id, ring.current})
        # Run again: it continues the rotation under way instead of adding a third key.
        again = self.run_script(copy)
        self.assertEqual(again.returncode, 0, again.stdout + again.stderr)
        self.assertIn("Continuing the rotation", again.stdout)
        self.assertEqual(len(keyring.read_keyring(copy).keys), 2)
        retired = self.run_script(copy, "--retire")
        self.assertEqual(retired.returncode, 0, retired.stdout + retired.stderr)
        self.assertIn(old_id, retired.stdout)
        self.assertEqual(list(keyring.read_keyring(copy).keys), [ring.current])
        self.assertEqual(markers_in([self.layer["folder"] / "var" / "filestorage" / "Data.fs"], SECRETS.values()), [])
        # The old key alone no longer opens the site; the rotated key file does, and everything reads back.
        wrong = TestStartWithoutTheRightKey("test_wrong_key_file")
        wrong.assert_refused(wrong.start(original), str(original))
        os.environ[keyring.ENVIRONMENT_VARIABLE] = str(copy)
        server = None
        try:
            server = Server(self.layer["folder"]).start()
            case = requests.get(server.url + self.layer["case_path"], auth=MEMBER, headers=JSON, timeout=60).json()
            evidence_url = server.url + self.layer["evidence_path"]
            download = requests.get(f"{evidence_url}/@@download/file", auth=MEMBER, timeout=60)
        finally:
            os.environ[keyring.ENVIRONMENT_VARIABLE] = str(original)
            if server is not None:
                server.stop()
        for name, marker in SECRETS.items():
            self.assertEqual(case[name], marker)
        self.assertEqual(download.content, (FILE_SECRET + "\n").encode() * 2000)


class TestSiteMoveCarriesSealedValues(unittest.TestCase):
    """The export (no marker in it, above) imported into a new empty site with the same key: the values and
    the evidence file read back, stored sealed again."""

    layer = ENCRYPTED_SITE

    def test_import_into_a_new_site(self):
        import hashlib
        import json

        new = served_zope_conf(self.layer["folder"] / "new")
        zconsole = [str(BIN / "zconsole"), "run", str(new)]
        created = subprocess.run([*zconsole, "scripts/create_site.py", "--no-demo"], cwd=ROOT, capture_output=True)
        self.assertEqual(created.returncode, 0, created.stderr[-3000:])
        imported = subprocess.run(
            [*zconsole, "scripts/migrate_site.py", "import", str(self.layer["export"])],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        self.assertEqual(imported.returncode, 0, imported.stdout[-3000:] + imported.stderr[-3000:])
        read = subprocess.run(
            [*zconsole, "tests/security/encryption_site_reader.py", self.layer["case_path"]]
            + [self.layer["evidence_path"]],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        self.assertEqual(read.returncode, 0, read.stderr[-3000:])
        facts = json.loads(read.stdout.strip().splitlines()[-1])
        for name, marker in SECRETS.items():
            self.assertEqual(facts[name], marker)
        self.assertTrue(facts["sealed_fields"])
        data = (FILE_SECRET + "\n").encode() * 2000
        self.assertEqual(
            facts["file"],
            {"filename": "letter.txt", "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "sealed": True},
        )
