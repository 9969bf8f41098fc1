"""The built distribution carries everything a site needs: sdist -> wheel -> fresh virtual environment -> site.

The GenericSetup profiles are package data (``src/coalition/intranet/profiles``; the top-level ``profiles/`` of
the repository is a relative symlink to that folder). These tests build an sdist of the working tree, a wheel
from that sdist, install the wheel into a new virtual environment and create a Plone site there with the
coalition profile, in a Zope started from that environment.

The new environment gets the dependencies already installed in this one (through a folder of symlinks that
leaves out every trace of the project's editable install), never the project itself: the site is built
from the wheel alone. Nothing is downloaded (``--no-index``). It takes about a minute.
"""

import json
import os
import pathlib
from plone.testing import Layer
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
import unittest
from xml.etree import ElementTree
import zipfile


PROJECT = pathlib.Path(__file__).resolve().parents[2]
PACKAGE = PROJECT / "src" / "coalition" / "intranet"
PROFILES = PACKAGE / "profiles"
PROFILE_NAMES = ("default", "demo", "uninstall")
# What the build reads from the checkout (setup.py, MANIFEST.in): everything else stays behind.
BUILD_INPUTS = ("setup.py", "MANIFEST.in", "README.md", "pyproject.toml")
SITE_ID = "coalition"
# Generous: building, installing and creating a site take about a minute on two shared cores.
TIMEOUT = 600

ZOPE_CONF = """\
%define INSTANCE {instance}
%define VAR {var}

instancehome $INSTANCE
clienthome $VAR
debug-mode off
security-policy-implementation C
default-zpublisher-encoding utf-8

<environment>
    zope_i18n_compile_mo_files true
    zope_i18n_allowed_languages en de fr ru
    CHAMELEON_CACHE $VAR/cache
</environment>

<zodb_db main>
    <filestorage>
        path $VAR/Data.fs
        blob-dir $VAR/blobstorage
    </filestorage>
    mount-point /
</zodb_db>
"""

# Run by ``zconsole run`` in the new environment (``app`` is the Zope root): create the site through the
# same API as scripts/create_site.py, then report what the tests check, as one JSON line.
SITE_SCRIPT = """\
from AccessControl.SecurityManagement import newSecurityManager
import coalition.intranet
from coalition.intranet.site.api import create_site
import json
import sys

users = app.acl_users  # noqa: F821
users._doAddUser("admin", "wheel-test-secret", ["Manager"], [])
newSecurityManager(None, users.getUserById("admin").__of__(users))
site = create_site(app, {site_id!r}, demo=False)  # noqa: F821
setup_tool = site.portal_setup
workflows = site.portal_workflow
report = {{
    "prefix": sys.prefix,
    "package": coalition.intranet.__file__,
    "profile_paths": {{
        name: setup_tool.getProfileInfo("coalition.intranet:" + name)["path"] for name in {profile_names!r}
    }},
    "profile_version": setup_tool.getVersionForProfile("coalition.intranet:default"),
    "installed_version": list(setup_tool.getLastVersionForProfile("coalition.intranet:default")),
    "types": sorted(site.portal_types.objectIds()),
    "workflows": sorted(workflows.objectIds()),
    "chains": {{type_id: list(workflows.getChainForPortalType(type_id)) for type_id in site.portal_types.objectIds()}},
}}
print("REPORT " + json.dumps(report))
"""


def _run(command, *, cwd, env=None, step):
    """Run ``command``; on failure the test error shows its output."""
    result = subprocess.run(  # noqa: S603 (fixed commands of this test)
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if result.returncode:
        raise AssertionError(f"{step} failed ({result.returncode}):\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return result.stdout


def _relative_files(folder: pathlib.Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def _source_version() -> str:
    metadata = ElementTree.parse(PROFILES / "default" / "metadata.xml")  # noqa: S314 - the project's own profile
    return metadata.getroot().findtext("version").strip()


def _source_chains() -> dict[str, list[str]]:
    root = ElementTree.parse(PROFILES / "default" / "workflows.xml").getroot()  # noqa: S314 - the project's own
    return {
        bound.get("type_id"): [workflow.get("workflow_id") for workflow in bound.findall("bound-workflow")]
        for bound in root.iter("type")
    }


class TestRepositoryLayout(unittest.TestCase):
    """One place of truth: the top-level profiles/ is the package's folder, reached by a relative symlink."""

    def test_top_level_profiles_is_a_relative_symlink_to_the_package_profiles(self):
        top = PROJECT / "profiles"
        self.assertTrue(top.is_symlink(), "profiles/ must be a symlink to src/coalition/intranet/profiles")
        self.assertFalse(os.path.isabs(os.readlink(top)), "the symlink must be relative (clones elsewhere)")
        self.assertEqual(top.resolve(), PROFILES.resolve())

    def test_the_package_profiles_hold_every_registered_profile(self):
        for name in PROFILE_NAMES:
            self.assertTrue((PROFILES / name / "metadata.xml").is_file(), name)
        zcml = (PACKAGE / "profiles.zcml").read_text(encoding="utf-8")
        self.assertNotIn("../", zcml, "profiles.zcml must not reach outside the package")
        for name in PROFILE_NAMES:
            self.assertIn(f'directory="profiles/{name}"', zcml)


class WheelLayer(Layer):
    """Build the sdist and the wheel once, install the wheel into a new virtual environment, create a site."""

    defaultBases = ()

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="coalition-wheel-")
        self.tmp = pathlib.Path(self._tmp.name)
        self.durations = {}
        try:
            self._build()
        except BaseException:
            self._tmp.cleanup()
            raise

    def tearDown(self):
        self._tmp.cleanup()

    def _build(self):
        started = time.monotonic()
        # A copy of what the build reads, so that no build/ or egg-info of this run lands in the checkout
        # (other runs and editors share it). Untracked files under src/ are built as they would be here.
        source = self.tmp / "source"
        shutil.copytree(
            PROJECT / "src",
            source / "src",
            symlinks=True,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "*.mo"),
        )
        for name in BUILD_INPUTS:
            shutil.copy2(PROJECT / name, source / name)
        dist = self.tmp / "dist"
        dist.mkdir()
        # The sdist through setuptools' PEP 517 backend (as ``python -m build`` would, without needing it) ...
        sdist_name = _run(
            [
                sys.executable,
                "-c",
                "import sys; from setuptools.build_meta import __legacy__ as backend; "
                "print(backend.build_sdist(sys.argv[1]))",
                dist,
            ],
            cwd=source,
            step="building the sdist",
        ).splitlines()[-1]
        self.sdist = dist / sdist_name
        with tarfile.open(self.sdist) as archive:
            archive.extractall(self.tmp / "unpacked", filter="data")
        (unpacked,) = (self.tmp / "unpacked").iterdir()
        # ... and the wheel from the sdist, by pip with the setuptools installed here, offline.
        _run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "--no-build-isolation",
                "--no-index",
                "--no-cache-dir",
                "--quiet",
                "-w",
                dist,
                unpacked,
            ],
            cwd=self.tmp,
            step="building the wheel",
        )
        (self.wheel,) = dist.glob("coalition_intranet-*.whl")
        self.durations["build"] = time.monotonic() - started

        started = time.monotonic()
        self.venv = self.tmp / "venv"
        _run([sys.executable, "-m", "venv", "--without-pip", self.venv], cwd=self.tmp, step="creating the venv")
        self.python = self.venv / "bin" / "python"
        self.env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
        self.env["PYTHONNOUSERSITE"] = "1"
        self.site_packages = pathlib.Path(
            _run(
                [self.python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                cwd=self.tmp,
                env=self.env,
                step="asking the venv for its site-packages",
            ).strip()
        )
        # The dependencies installed here, without the project: its editable finder (.pth and module) and its
        # dist-info stay out, so that only the wheel can provide coalition.intranet.
        dependencies = self.tmp / "dependencies"
        dependencies.mkdir()
        here = pathlib.Path(sysconfig.get_paths()["purelib"])
        for entry in here.iterdir():
            if "coalition" not in entry.name.lower():
                (dependencies / entry.name).symlink_to(entry)
        (self.site_packages / "coalition_wheel_test_dependencies.pth").write_text(
            f"import site; site.addsitedir({str(dependencies)!r})\n", encoding="utf-8"
        )
        _run(
            [self.python, "-m", "pip", "install", "--no-deps", "--no-index", "--no-cache-dir", "--quiet", self.wheel],
            cwd=self.tmp,
            env=self.env,
            step="installing the wheel",
        )
        self.durations["install"] = time.monotonic() - started

        started = time.monotonic()
        instance = self.tmp / "instance"
        (instance / "etc").mkdir(parents=True)
        shutil.copy2(PROJECT / "instance" / "etc" / "site.zcml", instance / "etc" / "site.zcml")
        var = self.tmp / "var"
        for folder in ("blobstorage", "cache"):
            (var / folder).mkdir(parents=True)
        zope_conf = self.tmp / "zope.conf"
        zope_conf.write_text(ZOPE_CONF.format(instance=instance, var=var), encoding="utf-8")
        script = self.tmp / "create_site_from_wheel.py"
        script.write_text(SITE_SCRIPT.format(site_id=SITE_ID, profile_names=PROFILE_NAMES), encoding="utf-8")
        output = _run(
            [self.python, "-m", "Zope2.utilities.zconsole", "run", zope_conf, script],
            cwd=self.tmp,
            env=self.env,
            step="creating a site in the new venv",
        )
        reports = [line for line in output.splitlines() if line.startswith("REPORT ")]
        assert reports, f"no report from the site script:\n{output[-4000:]}"
        self.report = json.loads(reports[-1].removeprefix("REPORT "))
        self.durations["site"] = time.monotonic() - started
        print(
            "\n  wheel test: " + ", ".join(f"{step} {seconds:.0f} s" for step, seconds in self.durations.items()),
            end=" ",
        )


WHEEL_LAYER = WheelLayer(name="WheelLayer")


class TestWheel(unittest.TestCase):
    """What the sdist and the wheel carry, and the site created from the installed wheel."""

    layer = WHEEL_LAYER

    def setUp(self):
        self.sdist = self.layer.sdist
        self.wheel = self.layer.wheel
        self.venv = self.layer.venv
        self.report = self.layer.report

    def _inside_venv(self, path: str) -> bool:
        return pathlib.Path(path).resolve().is_relative_to(self.venv.resolve())

    def test_sdist_carries_the_profiles_once(self):
        prefix = self.sdist.name.removesuffix(".tar.gz") + "/"
        with tarfile.open(self.sdist) as archive:
            names = [member.name.removeprefix(prefix) for member in archive.getmembers() if member.isfile()]
        profile_files = sorted(name for name in names if "/profiles/" in "/" + name)
        expected = sorted(f"src/coalition/intranet/profiles/{name}" for name in _relative_files(PROFILES))
        # Through the package only, not a second time through the top-level symlink.
        self.assertEqual(profile_files, expected)

    def test_wheel_carries_every_profile_file_unchanged(self):
        prefix = "coalition/intranet/profiles/"
        with zipfile.ZipFile(self.wheel) as archive:
            carried = {
                name.removeprefix(prefix): archive.read(name) for name in archive.namelist() if name.startswith(prefix)
            }
        self.assertEqual(carried, _relative_files(PROFILES))

    def test_the_new_venv_imports_the_package_from_the_wheel(self):
        self.assertTrue(self._inside_venv(self.report["package"]), self.report["package"])
        self.assertFalse(pathlib.Path(self.report["package"]).resolve().is_relative_to(PROJECT))
        self.assertEqual(pathlib.Path(self.report["prefix"]).resolve(), self.venv.resolve())
        for name, path in self.report["profile_paths"].items():
            self.assertTrue(self._inside_venv(path), f"profile {name} registered at {path}")
            self.assertTrue(pathlib.Path(path, "metadata.xml").is_file(), path)

    def test_site_is_created_with_the_profile_version_of_the_source(self):
        self.assertEqual(self.report["profile_version"], _source_version())
        self.assertEqual(self.report["installed_version"], [_source_version()])

    def test_site_has_the_types_and_workflows_of_the_profile(self):
        types = {path.stem for path in (PROFILES / "default" / "types").glob("*.xml")}
        self.assertIn("PrisonerProfile", types)
        self.assertLessEqual(types, set(self.report["types"]))
        workflows = {path.name for path in (PROFILES / "default" / "workflows").iterdir() if path.is_dir()}
        self.assertIn("coalition_profile_workflow", workflows)
        self.assertLessEqual(workflows, set(self.report["workflows"]))
        chains = _source_chains()
        self.assertEqual(self.report["chains"]["PrisonerProfile"], chains["PrisonerProfile"])
        for type_id, chain in chains.items():
            if type_id in self.report["chains"]:
                self.assertEqual(self.report["chains"][type_id], chain, type_id)
