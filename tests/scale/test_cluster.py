"""The cluster of `make start-cluster`, for real: PostgreSQL, two Zope processes on one RelStorage database,
haproxy in front; and the FileStorage's migration into PostgreSQL with zodbconvert.

The layer runs ``scripts/cluster.sh start`` as the make target does, but in a temporary folder and on free
ports: a throwaway PostgreSQL (private data directory, random port), the site created in it by
``scripts/create_site.py`` through zconsole on ``instance/etc/zope-relstorage.conf`` (the repository's
configuration, its connection from the environment), two runwsgi processes, haproxy. Everything it
starts is stopped in tearDown, also when the start fails half-way.

Debian's postgresql and haproxy are installed when missing (`make test-deps`, or the layer itself when it
runs as root); where they cannot be, the tests skip and say why.
"""

import base64
import csv
import hashlib
import json
import os
import pathlib
from plone.testing import Layer
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from tests.smtp_server import free_port
import time
import unittest
import urllib.error
import urllib.request
import uuid


ROOT = pathlib.Path(__file__).parents[2]
BIN = pathlib.Path(sys.executable).parent
CLUSTER = ROOT / "scripts" / "cluster.sh"
ENSURE = ROOT / "scripts" / "ensure-postgresql.sh"
CONTENT_SCRIPT = ROOT / "tests" / "scale" / "zodb_content.py"
SITE_ID = "coalition"
ADMIN = "Basic " + base64.b64encode(b"admin:admin").decode("ascii")
# Generous limits: the machine is shared; a limit only stops a hung process, it measures nothing.
COMMAND_TIMEOUT = 600


def postgresql_installed() -> bool:
    return any((path / "bin" / "initdb").exists() for path in pathlib.Path("/usr/lib/postgresql").glob("*"))


def haproxy_installed() -> bool:
    return shutil.which("haproxy") is not None or pathlib.Path("/usr/sbin/haproxy").exists()


def why_the_cluster_cannot_run() -> str:
    """Empty when PostgreSQL and haproxy are there (installed now if missing and possible), else why not."""
    if postgresql_installed() and haproxy_installed():
        return ""
    attempt = subprocess.run([str(ENSURE)], capture_output=True, text=True, timeout=COMMAND_TIMEOUT)
    if postgresql_installed() and haproxy_installed():
        return ""
    return "Debian's postgresql and haproxy are missing and cannot be installed here: " + (
        attempt.stderr.strip() or attempt.stdout.strip() or f"{ENSURE} exited with {attempt.returncode}"
    )


def filestorage_zope_conf(folder: pathlib.Path) -> pathlib.Path:
    """instance/etc/zope.conf (the embedded default) with its var/ in ``folder``: the migration's source."""
    text = (ROOT / "instance" / "etc" / "zope.conf").read_text(encoding="utf-8")
    text = text.replace("%define INSTANCE ./instance", f"%define INSTANCE {ROOT / 'instance'}")
    text = text.replace("%define VAR ./var", f"%define VAR {folder / 'var'}")
    for sub in ("filestorage", "blobstorage", "cache", "log"):
        (folder / "var" / sub).mkdir(parents=True, exist_ok=True)
    conf = folder / "zope.conf"
    conf.write_text(text, encoding="utf-8")
    return conf


class CommandFailed(AssertionError):
    pass


class ClusterLayer(Layer):
    """A started cluster in a temporary folder; ``cluster(...)`` runs scripts/cluster.sh on it."""

    def setUp(self):
        self["unavailable"] = why_the_cluster_cannot_run()
        if self["unavailable"]:
            print(f"\n  tests/scale skipped: {self['unavailable']}", file=sys.stderr)
            return
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="coalition-cluster-"))
        # As root, PostgreSQL runs as the postgres user: it must reach its data directory in here.
        self.folder.chmod(0o755)
        ports = [free_port() for _ in range(5)]
        self.env = {
            "COALITION_CLUSTER_HOME": str(self.folder),
            "COALITION_PG_PORT": str(ports[0]),
            "COALITION_PG_DATA": "var/postgresql",
            "COALITION_INSTANCE_HOST": "127.0.0.1",
            "COALITION_INSTANCE_PORTS": f"{ports[1]} {ports[2]}",
            "COALITION_BALANCER_BIND": f"127.0.0.1:{ports[3]}",
            "COALITION_BALANCER_STATS": f"127.0.0.1:{ports[4]}",
            "COALITION_SITE_ID": SITE_ID,
            "COALITION_ADMIN_PASSWORD": "admin",
            "COALITION_DEMO": "0",
        }
        self["cluster"] = self.cluster
        self["folder"] = self.folder
        self["instances"] = [f"http://127.0.0.1:{port}" for port in ports[1:3]]
        self["instance_ports"] = ports[1:3]
        self["balancer"] = f"http://127.0.0.1:{ports[3]}"
        self["balancer_stats"] = f"http://127.0.0.1:{ports[4]}/;csv"
        try:
            self.cluster("start")
        except BaseException:
            self.tearDown()
            raise

    def cluster(self, *argv, **env) -> str:
        """Run scripts/cluster.sh with the layer's settings (and ``env``); its output, or CommandFailed."""
        result = subprocess.run(
            [str(CLUSTER), *argv],
            env={**os.environ, **self.env, **env},
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
        )
        if result.returncode != 0:
            raise CommandFailed(
                f"cluster.sh {' '.join(argv)} exited with {result.returncode}:\n{result.stdout}\n{result.stderr}"
                + self.log_tails()
            )
        return result.stdout

    def log_tails(self) -> str:
        tails = []
        for log in sorted((self.folder / "var" / "log").glob("*")):
            tails.append(f"\n--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-30:]))
        return "".join(tails)

    def tearDown(self):
        if self.get("unavailable"):
            return
        try:
            self.cluster("stop")
        finally:
            self.kill_leftovers()
            shutil.rmtree(self.folder, ignore_errors=True)

    def kill_leftovers(self):
        """Whatever `stop` could not stop (it failed half-way): the processes of the pid files, if still ours."""
        run = self.folder / "var" / "run"
        owners = {pidfile: pidfile.stem for pidfile in run.glob("*.pid")}
        owners[self.folder / "var" / "postgresql" / "postmaster.pid"] = str(self.folder)
        for pidfile, marker in owners.items():
            try:
                pid = int(pidfile.read_text().split()[0])
                command_line = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
                if marker in command_line:
                    os.kill(pid, signal.SIGKILL)
            except (OSError, ValueError, IndexError):
                continue


CLUSTER_LAYER = ClusterLayer()


def request(url, *, method="GET", body=None, auth=True):
    """(status, parsed JSON or text) of one HTTP request; a new connection each time."""
    headers = {"Accept": "application/json"}
    if auth:
        headers["Authorization"] = ADMIN
    data = None
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body).encode("utf-8")
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=120) as response:
            status, text = response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode("utf-8", errors="replace")
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def balancer_states(stats_url) -> dict:
    """haproxy's view of each Zope process: {'zope-8081': 'UP', ...} (its statistics page as CSV)."""
    with urllib.request.urlopen(stats_url, timeout=10) as response:
        rows = csv.DictReader(response.read().decode("utf-8").lstrip("# ").splitlines())
        return {row["svname"]: row["status"] for row in rows if row["svname"].startswith("zope-")}


class TestCluster(unittest.TestCase):
    layer = CLUSTER_LAYER

    def setUp(self):
        if self.layer["unavailable"]:
            self.skipTest(self.layer["unavailable"])
        self.cluster = self.layer["cluster"]
        self.folder = self.layer["folder"]
        self.first, self.second = self.layer["instances"]
        self.balancer = self.layer["balancer"]

    def create_page(self, base_url, title) -> str:
        page_id = f"scale-{uuid.uuid4().hex[:12]}"
        status, created = request(
            f"{base_url}/{SITE_ID}/en", method="POST", body={"@type": "Document", "id": page_id, "title": title}
        )
        self.assertEqual(status, 201, created)
        return page_id

    def title_through(self, base_url, page_id) -> str:
        status, page = request(f"{base_url}/{SITE_ID}/en/{page_id}")
        self.assertEqual(status, 200, page)
        return page["title"]

    def wait_until_every_process_is_up(self):
        """haproxy checks each process every 2 s: wait (at most a minute) until it sees every one UP."""
        deadline = time.monotonic() + 60
        while True:
            states = balancer_states(self.layer["balancer_stats"])
            if set(states.values()) == {"UP"} or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        self.assertEqual(set(states.values()), {"UP"}, states)
        self.assertEqual(len(states), 2, states)

    def access_log_hits(self, port, marker) -> int:
        log = self.folder / "var" / "log" / f"zope-{port}-access.log"
        return log.read_text(errors="replace").count(marker)

    def test_a_page_written_through_one_process_is_read_through_the_other(self):
        page_id = self.create_page(self.first, "Written through the first process")
        self.assertEqual(self.title_through(self.second, page_id), "Written through the first process")

        status, response = request(
            f"{self.second}/{SITE_ID}/en/{page_id}", method="PATCH", body={"title": "Changed through the second"}
        )
        self.assertEqual(status, 204, response)
        self.assertEqual(self.title_through(self.first, page_id), "Changed through the second")
        self.assertEqual(self.title_through(self.balancer, page_id), "Changed through the second")

    def test_the_balancer_sends_requests_to_both_processes(self):
        self.wait_until_every_process_is_up()
        marker = f"spread-{uuid.uuid4().hex}"
        for _ in range(8):
            status, _page = request(f"{self.balancer}/{SITE_ID}/en?probe={marker}", auth=False)
            self.assertEqual(status, 200)
        for port in self.layer["instance_ports"]:
            self.assertGreater(self.access_log_hits(port, marker), 0, f"zope-{port} served none of the requests")

    def test_serving_goes_on_when_one_process_stops(self):
        self.wait_until_every_process_is_up()
        page_id = self.create_page(self.balancer, "Served while a process is down")
        stopped_port = self.layer["instance_ports"][1]
        self.cluster("stop-instance", str(stopped_port))
        try:
            with self.assertRaises(urllib.error.URLError):
                urllib.request.urlopen(f"{self.second}/ok", timeout=10)
            marker = f"failover-{uuid.uuid4().hex}"
            for _ in range(10):
                status, page = request(f"{self.balancer}/{SITE_ID}/en/{page_id}?probe={marker}")
                self.assertEqual(status, 200, page)
                self.assertEqual(page["title"], "Served while a process is down")
            self.assertEqual(self.access_log_hits(stopped_port, marker), 0)
            self.assertEqual(self.access_log_hits(self.layer["instance_ports"][0], marker), 10)
        finally:
            # A rolling restart's second half: the process comes back and serves the same database.
            self.cluster("start-instance", str(stopped_port))
        self.assertEqual(self.title_through(self.second, page_id), "Served while a process is down")
        self.wait_until_every_process_is_up()

    def test_a_job_changes_the_database_while_the_cluster_serves(self):
        page_id = self.create_page(self.first, "Before the job")
        self.cluster("run", str(CONTENT_SCRIPT), "retitle", SITE_ID, f"en/{page_id}", "Changed by the job")
        self.assertEqual(self.title_through(self.first, page_id), "Changed by the job")
        self.assertEqual(self.title_through(self.second, page_id), "Changed by the job")

    def test_zodbconvert_copies_a_filestorage_with_its_blobs_into_postgresql(self):
        source = self.folder / "filestorage-source"
        conf = filestorage_zope_conf(source)
        marker = f"Migrated {uuid.uuid4().hex}"
        zconsole = [str(BIN / "zconsole"), "run", str(conf), str(CONTENT_SCRIPT)]
        subprocess.run([*zconsole, "make-site", SITE_ID, marker], check=True, capture_output=True, cwd=ROOT)
        before = self.inventory(subprocess.run([*zconsole, "inventory", SITE_ID], **self.quiet()).stdout)

        migration = {
            "COALITION_PG_DB": "coalition_migrated",
            "COALITION_FILESTORAGE": str(source / "var" / "filestorage" / "Data.fs"),
            "COALITION_BLOBSTORAGE": str(source / "var" / "blobstorage"),
        }
        self.cluster("migrate", **migration)
        after = self.inventory(self.cluster("run", str(CONTENT_SCRIPT), "inventory", SITE_ID, **migration))

        self.assertEqual(after, before)
        self.assertEqual(after["titles"][f"/{SITE_ID}/en/migrated-page"], marker)
        content = f"blob of {marker}\n".encode() * 1000
        self.assertEqual(after["blobs"][f"/{SITE_ID}/en/migrated-file"], hashlib.sha256(content).hexdigest())
        self.assertGreater(len(after["titles"]), 20, "the site's folders and pages came along")
        # A second copy into a database that has data is refused: nothing is overwritten by mistake.
        with self.assertRaisesRegex(CommandFailed, "destination storage has data"):
            self.cluster("migrate", **migration)

    def quiet(self) -> dict:
        return {"check": True, "capture_output": True, "text": True, "cwd": ROOT, "timeout": COMMAND_TIMEOUT}

    def inventory(self, output: str) -> dict:
        lines = [line for line in output.splitlines() if re.match(r"^\{.*\}$", line)]
        self.assertTrue(lines, f"no inventory in the output:\n{output}")
        return json.loads(lines[-1])
