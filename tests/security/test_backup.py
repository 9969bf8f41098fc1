"""Backups that restore (issue 16): ``scripts/backup.py`` and ``scripts/restore.py`` on a real site.

A site on FileStorage with blobs, in a temporary folder, created by ``scripts/create_site.py`` and served
by ``runwsgi`` as ``make start`` serves it. While it serves, and while a writer adds pages over the REST
API, a full and an incremental backup are made. Each set is restored into a fresh folder, served, and read
over HTTP: the page, the file with its exact bytes (a blob), and the page added between the two sets (only
in the second). Restoring over a database and restoring from a damaged backup are refused.
"""

import base64
import pathlib
from plone.testing import Layer
import shutil
import subprocess
import sys
import tempfile
from tests.jobs.test_jobs_while_serving import served_zope_conf
from tests.smtp_server import free_port
import threading
import time
import unittest
import urllib.error
import urllib.request


ROOT = pathlib.Path(__file__).parents[2]
BIN = pathlib.Path(sys.executable).parent
ADMIN = "Basic " + base64.b64encode(b"admin:admin").decode("ascii")
MARKER = "backup-marker-5f1c2e"
BLOB = f"{MARKER} blob\n".encode() * 1000


class Server:
    """runwsgi serving the zope.conf of ``folder`` on a free port."""

    def __init__(self, folder: pathlib.Path):
        self.folder = folder
        self.url = None
        self.process = None

    def start(self):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/coalition"
        self.log = open(self.folder / "server.log", "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [str(BIN / "runwsgi"), str(self.folder / "zope.ini"), "http_host=127.0.0.1", f"http_port={port}"]
            + ["zope_conf_name=zope.conf"],
            cwd=self.folder,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.folder / "server.log").read_text(errors="replace"))
            try:
                urllib.request.urlopen(f"{self.url}/en", timeout=5).close()
                return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("the site did not answer within 2 minutes")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.log.close()
            self.process = None

    def get(self, path: str) -> bytes:
        request = urllib.request.Request(f"{self.url}/{path}", headers={"Authorization": ADMIN})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    def add_page(self, page_id: str, text: str) -> None:
        import json

        body = json.dumps({"@type": "Document", "id": page_id, "title": page_id, "text": text}).encode()
        headers = {"Authorization": ADMIN, "Accept": "application/json", "Content-Type": "application/json"}
        request = urllib.request.Request(f"{self.url}/en", data=body, headers=headers, method="POST")
        urllib.request.urlopen(request, timeout=30).close()


class ServedSiteLayer(Layer):
    def setUp(self):
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="coalition-backup-"))
        self.server = None
        try:
            conf = served_zope_conf(self.folder)
            zconsole = [str(BIN / "zconsole"), "run", str(conf)]
            subprocess.run(
                [*zconsole, "scripts/create_site.py", "--no-demo"], cwd=ROOT, check=True, capture_output=True
            )
            subprocess.run(
                [*zconsole, "tests/security/backup_site_content.py", MARKER], cwd=ROOT, check=True, capture_output=True
            )
            self.server = Server(self.folder).start()
            self["folder"] = self.folder
            self["server"] = self.server
        except BaseException:
            self.tearDown()
            raise

    def tearDown(self):
        if self.server is not None:
            self.server.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


SERVED_SITE = ServedSiteLayer()


def script(name, *argv):
    return subprocess.run([sys.executable, f"scripts/{name}", *argv], cwd=ROOT, capture_output=True, text=True)


class TestBackupAndRestore(unittest.TestCase):
    layer = SERVED_SITE

    def setUp(self):
        self.folder = self.layer["folder"]
        self.server = self.layer["server"]
        self.backups = self.folder / "backups"
        self.elsewhere = pathlib.Path(tempfile.mkdtemp(prefix="coalition-restored-"))
        self.addCleanup(shutil.rmtree, self.elsewhere, True)

    def back_up(self, *argv):
        done = script("backup.py", "--var", str(self.folder / "var"), "--backup-dir", str(self.backups), *argv)
        self.assertEqual(done.returncode, 0, done.stderr)
        return sorted((self.backups / "sets").glob("*.json"))[-1].stem

    def restore_and_serve(self, name, set_name):
        target = self.elsewhere / name
        restored = script(
            "restore.py", "--backup-dir", str(self.backups), "--set", set_name, "--var", str(target / "var")
        )
        self.assertEqual(restored.returncode, 0, restored.stderr)
        conf_folder = target
        served_zope_conf(conf_folder)
        server = Server(conf_folder).start()
        self.addCleanup(server.stop)
        return server

    def test_backups_made_while_serving_restore_elsewhere(self):
        writing = threading.Event()
        written = []

        def writer():
            while not writing.is_set():
                page_id = f"during-backup-{len(written)}"
                self.server.add_page(page_id, "written while the backup ran")
                written.append(page_id)

        thread = threading.Thread(target=writer)
        thread.start()
        try:
            first = self.back_up("--full")
        finally:
            writing.set()
            thread.join()
        self.server.add_page("after-first-set", f"<p>{MARKER} second</p>")
        second = self.back_up()
        self.assertNotEqual(first, second)

        for name, set_name in (("first", first), ("second", second)):
            with self.subTest(set_name):
                restored = self.restore_and_serve(name, set_name)
                self.assertIn(MARKER.encode(), restored.get("en/backup-page"))
                self.assertEqual(restored.get("en/backup-file/@@download/file"), BLOB)
                if name == "second":
                    self.assertIn(MARKER.encode(), restored.get("en/after-first-set"))
                    for page_id in written:
                        restored.get(f"en/{page_id}")
                else:
                    with self.assertRaises(urllib.error.HTTPError) as missing:
                        restored.get("en/after-first-set")
                    self.assertEqual(missing.exception.code, 404)

    def test_the_logs_beside_the_database_are_part_of_the_set(self):
        var = self.folder / "var"
        lines = {"case-access": '{"case": "case-1"}\n', "login-events": '{"outcome": "failed"}\n'}
        for name, line in lines.items():
            (var / name).mkdir(exist_ok=True)
            with open(var / name / "2026-12.jsonl", "a") as log:
                log.write(line)
        set_name = self.back_up()
        target = self.elsewhere / "logs" / "var"
        restored = script("restore.py", "--backup-dir", str(self.backups), "--set", set_name, "--var", str(target))
        self.assertEqual(restored.returncode, 0, restored.stderr)
        for name, line in lines.items():
            self.assertIn(line, (target / name / "2026-12.jsonl").read_text(), name)

    def test_restore_refuses_to_overwrite_a_database(self):
        self.back_up()
        data_fs = self.folder / "var" / "filestorage" / "Data.fs"
        size = data_fs.stat().st_size
        refused = script("restore.py", "--backup-dir", str(self.backups), "--var", str(self.folder / "var"))
        self.assertEqual(refused.returncode, 2)
        self.assertIn("exists", refused.stderr)
        self.assertEqual(data_fs.stat().st_size, size)
        self.assertIn(MARKER.encode(), self.server.get("en/backup-page"))

    def test_damaged_backup_is_refused_before_anything_is_written(self):
        set_name = self.back_up()
        blob = next(path for path in (self.backups / "blobs" / set_name).rglob("*.blob"))
        original = blob.read_bytes()
        # Blob snapshots share files by hard link: replace the file instead of writing into it.
        blob.unlink()
        blob.write_bytes(original[:-1] + b"X")
        self.addCleanup(blob.write_bytes, original)
        target = self.elsewhere / "damaged" / "var"
        refused = script("restore.py", "--backup-dir", str(self.backups), "--set", set_name, "--var", str(target))
        self.assertEqual(refused.returncode, 2)
        self.assertIn("checksum", refused.stderr)
        self.assertFalse((target / "filestorage" / "Data.fs").exists())

    def test_manifest_and_permissions(self):
        import json

        set_name = self.back_up()
        manifest = json.loads((self.backups / "sets" / f"{set_name}.json").read_text())
        self.assertTrue(manifest["filestorage"])
        self.assertTrue(any(name.endswith(".blob") for name in manifest["blobs"]))
        self.assertEqual(self.backups.stat().st_mode & 0o777, 0o700)

    def test_encrypted_archive_restores_and_hides_the_content(self):
        if shutil.which("gpg") is None:
            self.skipTest("gpg is not installed")
        home = self.elsewhere / "gnupg"
        home.mkdir(mode=0o700)
        env = {"GNUPGHOME": str(home)}
        subprocess.run(
            [
                shutil.which("gpg"),
                "--batch",
                "--passphrase",
                "",
                "--quick-gen-key",
                "backup@example.org",
                "default",  # a signing key with an encryption subkey
                "default",
                "never",
            ],
            check=True,
            capture_output=True,
            env={**env, "PATH": "/usr/bin:/bin"},
        )
        done = subprocess.run(
            [sys.executable, "scripts/backup.py", "--var", str(self.folder / "var"), "--backup-dir", str(self.backups)]
            + ["--encrypt-recipient", "backup@example.org"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**env, "PATH": "/usr/bin:/bin"},
        )
        self.assertEqual(done.returncode, 0, done.stderr)
        archive = sorted((self.backups / "sets").glob("*.tar.gpg"))[-1]
        self.assertNotIn(MARKER.encode(), archive.read_bytes())
        self.assertFalse(list((self.backups / "sets").glob("*.tar")))
        target = self.elsewhere / "from-archive"
        restored = subprocess.run(
            [sys.executable, "scripts/restore.py", "--archive", str(archive), "--var", str(target / "var")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**env, "PATH": "/usr/bin:/bin"},
        )
        self.assertEqual(restored.returncode, 0, restored.stderr)
        served_zope_conf(target)
        server = Server(target).start()
        self.addCleanup(server.stop)
        self.assertEqual(server.get("en/backup-file/@@download/file"), BLOB)
