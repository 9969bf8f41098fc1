"""Run a command-line script of scripts/ in-process, as zconsole runs it, and capture what it prints."""

import contextlib
import importlib.util
import io
import pathlib
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from zope.globalrequest import getRequest
from zope.globalrequest import setRequest


SCRIPTS = pathlib.Path(__file__).parents[1] / "scripts"


def run_script(app, script_name: str, *argv) -> tuple[int, str]:
    """Call ``main(app, argv)`` of ``scripts/<script_name>``; return its exit code and its output."""
    spec = importlib.util.spec_from_file_location(script_name.removesuffix(".py"), SCRIPTS / script_name)
    command = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(command)
    output = io.StringIO()
    site, request = getSite(), getRequest()
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            code = command.main(app, list(argv))
    finally:
        # The script sets its own site and request; the test goes on with the layer's.
        setSite(site)
        setRequest(request)
    return code, output.getvalue()
