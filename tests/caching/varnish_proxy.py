"""A real varnishd in front of the test WSGI server, with the project's VCL (deploy/varnish/coalition.vcl).

``VARNISH_FIXTURE`` starts one varnishd for the layer (a free port, a temporary working directory ``-n``,
its own ``backend.vcl`` pointing at the layer's server); the layer gives ``proxy_url`` and ``varnish``.
Debian's varnish and varnish-modules are installed by ``scripts/ensure-varnish.sh`` (``make test-deps``).
"""

from pathlib import Path
from plone.testing import Layer
from plone.testing import zope as zope_testing
import requests
import shutil
import socket
import subprocess
import tempfile
import time


REPOSITORY = Path(__file__).resolve().parents[2]
VCL = REPOSITORY / "deploy" / "varnish" / "coalition.vcl"
ENSURE_SCRIPT = REPOSITORY / "scripts" / "ensure-varnish.sh"
START_DEADLINE = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def backend_vcl(host: str, port: int) -> str:
    return f'backend zope {{\n    .host = "{host}";\n    .port = "{port}";\n}}\n'


class Varnish:
    """One varnishd process with the project's VCL; ``stop()`` ends it and removes its directory."""

    def __init__(self, backend_port: int, backend_host: str = "127.0.0.1"):
        self.backend = (backend_host, backend_port)
        self.port = free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="coalition-varnish-"))
        self.process = None

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def start(self) -> "Varnish":
        # Installs Debian's varnish and varnish-modules when missing (as root), or says what to install.
        subprocess.run([shutil.which("bash") or "/bin/bash", str(ENSURE_SCRIPT)], check=True)
        (self.workdir / "vcl").mkdir()
        (self.workdir / "vcl" / "backend.vcl").write_text(backend_vcl(*self.backend))
        self.log = (self.workdir / "varnishd.log").open("wb")
        self.process = subprocess.Popen(
            [
                shutil.which("varnishd"),
                "-F",
                "-j",
                "none",
                "-n",
                str(self.workdir / "n"),
                "-a",
                f"127.0.0.1:{self.port}",
                "-f",
                str(VCL),
                "-p",
                f"vcl_path={self.workdir / 'vcl'}:{VCL.parent}",
                "-s",
                "malloc,64m",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.wait_until_serving()
        return self

    def wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_DEADLINE
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd ended: {(self.workdir / 'varnishd.log').read_text()}")
            try:
                requests.request("PURGE", f"http://127.0.0.1:{self.port}/", headers={"xkey": "none"}, timeout=2)
                return
            except requests.ConnectionError:
                time.sleep(0.2)
        raise RuntimeError("varnishd did not start listening")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def ban_everything(self) -> None:
        """Forget every cached object (between tests)."""
        response = requests.request("BAN", f"http://127.0.0.1:{self.port}/", timeout=10)
        response.raise_for_status()


class VarnishLayer(Layer):
    defaultBases = (zope_testing.WSGI_SERVER_FIXTURE,)

    def setUp(self):
        self["varnish"] = Varnish(self["port"]).start()
        self["proxy_url"] = self["varnish"].url

    def testSetUp(self):
        self["varnish"].ban_everything()

    def tearDown(self):
        self["varnish"].stop()
        del self["varnish"]
        del self["proxy_url"]


VARNISH_FIXTURE = VarnishLayer()
