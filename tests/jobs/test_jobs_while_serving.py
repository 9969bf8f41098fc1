"""Every scheduled job runs against a serving site on the embedded FileStorage, over HTTP with the secret.

The site is a real one: a FileStorage in a temporary folder, created by ``scripts/create_site.py``, served
by ``runwsgi`` as ``make start`` serves it. While it serves, ``scripts/run_job.py`` (what cron runs) sends
the daily digest through a real SMTP server and closes a ballot past its deadline.
"""

import base64
import json
import pathlib
from plone.testing import Layer
import shutil
import subprocess
import sys
import tempfile
from tests.coalition_layers import SMTP_SERVER_FIXTURE
from tests.smtp_server import free_port
import time
import unittest
import urllib.error
import urllib.request


ROOT = pathlib.Path(__file__).parents[2]
BIN = pathlib.Path(sys.executable).parent
ADMIN = "Basic " + base64.b64encode(b"admin:admin").decode("ascii")


def served_zope_conf(folder: pathlib.Path) -> pathlib.Path:
    """instance/etc/zope.conf with its var/ in ``folder`` (the database, blobs and the job secret)."""
    text = (ROOT / "instance" / "etc" / "zope.conf").read_text(encoding="utf-8")
    text = text.replace("%define INSTANCE ./instance", f"%define INSTANCE {ROOT / 'instance'}")
    text = text.replace("%define VAR ./var", f"%define VAR {folder / 'var'}")
    for sub in ("filestorage", "blobstorage", "cache", "log"):
        (folder / "var" / sub).mkdir(parents=True, exist_ok=True)
    conf = folder / "zope.conf"
    conf.write_text(text, encoding="utf-8")
    # zope.ini names its zope.conf beside itself; its logs go to var/log/ of the server's working folder.
    shutil.copy(ROOT / "instance" / "etc" / "zope.ini", folder / "zope.ini")
    return conf


class ServedSiteLayer(Layer):
    """A site on FileStorage in a temporary folder, served by runwsgi; mail goes to the SMTP fixture."""

    defaultBases = (SMTP_SERVER_FIXTURE,)

    def setUp(self):
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="coalition-jobs-"))
        self.server = None
        try:
            self._serve()
        except BaseException:
            self.tearDown()
            raise

    def _serve(self):
        conf = served_zope_conf(self.folder)
        self["folder"] = self.folder
        self["secret_file"] = self.folder / "var" / "jobs.secret"
        zconsole = [str(BIN / "zconsole"), "run", str(conf)]
        subprocess.run([*zconsole, "scripts/create_site.py"], cwd=ROOT, check=True, capture_output=True)
        smtp = self["smtp"]
        prepared = subprocess.run(
            [*zconsole, "tests/jobs/prepare_served_site.py", smtp.host, str(smtp.port)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        self["ballot_path"] = prepared.stdout.strip().splitlines()[-1]
        port = free_port()
        self["site_url"] = f"http://127.0.0.1:{port}/coalition"
        self.log = open(self.folder / "server.log", "wb")  # noqa: SIM115 (closed in tearDown)
        self.server = subprocess.Popen(
            [str(BIN / "runwsgi"), str(self.folder / "zope.ini"), "http_host=127.0.0.1", f"http_port={port}"]
            + ["zope_conf_name=zope.conf"],
            cwd=self.folder,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_serving()

    def _wait_until_serving(self):
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError((self.folder / "server.log").read_text(errors="replace"))
            try:
                urllib.request.urlopen(f"{self['site_url']}/en", timeout=5).close()
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("the served site did not answer within 2 minutes")

    def tearDown(self):
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=30)
            self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


SERVED_SITE = ServedSiteLayer()


class TestJobsWhileTheSiteServes(unittest.TestCase):
    layer = SERVED_SITE

    def setUp(self):
        self.site_url = self.layer["site_url"]
        self.folder = self.layer["folder"]
        self.secret_file = self.layer["secret_file"]
        self.ballot_path = self.layer["ballot_path"]

    def run_job(self, *argv, secret_file=None):
        command = [
            sys.executable,
            "scripts/run_job.py",
            *argv,
            "--url",
            self.site_url,
            "--secret-file",
            str(secret_file or self.secret_file),
        ]
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)

    def ballot_state(self) -> str:
        site_path = "/coalition/"
        url = f"{self.site_url}/{self.ballot_path.split(site_path, 1)[1]}"
        request = urllib.request.Request(url, headers={"Accept": "application/json", "Authorization": ADMIN})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)["review_state"]

    def test_the_jobs_are_listed(self):
        listed = self.run_job("--list")
        self.assertEqual(listed.returncode, 0, listed.stderr)
        names = {line.split("\t")[0] for line in listed.stdout.splitlines()}
        self.assertLessEqual({"digests", "due-ballots"}, names)

    def test_the_daily_digest_is_mailed_while_the_site_serves(self):
        smtp = self.layer["smtp"]
        done = self.run_job("digests", "--portal-url", "https://intranet.example.org/coalition")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("1 digest(s) sent.", done.stdout)
        mails = smtp.wait_for(1)
        self.assertEqual([mail.envelope_to for mail in mails], [["alpha-member@example.org"]])
        self.assertIn("https://intranet.example.org/coalition/@@open/", mails[0].body)
        # The queue was emptied in the served database: a second run sends nothing.
        again = self.run_job("digests")
        self.assertIn("0 digest(s) sent.", again.stdout)

    def test_a_ballot_past_its_deadline_is_closed_while_the_site_serves(self):
        self.assertEqual(self.ballot_state(), "open")
        done = self.run_job("due-ballots")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("1 ballot(s) closed.", done.stdout)
        self.assertEqual(self.ballot_state(), "closed")

    def test_without_the_secret_no_job_runs(self):
        wrong = self.folder / "wrong.secret"
        wrong.write_text("not-the-secret\n", encoding="ascii")
        refused = self.run_job("due-ballots", secret_file=wrong)
        self.assertEqual(refused.returncode, 1)
        self.assertIn("Failed (404)", refused.stderr)
        request = urllib.request.Request(f"{self.site_url}/@@run-job/due-ballots", data=b"", method="POST")
        with self.assertRaises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=30)
        self.assertEqual(caught.exception.code, 404)

    def test_an_unknown_job_is_named(self):
        unknown = self.run_job("no-such-job")
        self.assertEqual(unknown.returncode, 1)
        self.assertIn("No job named 'no-such-job'", unknown.stderr)
