"""Page checkers for the browser tests: axe-core (WCAG 2.1 AA) in Chromium and the Nu HTML checker.

Both come from npm (package.json; ``make checkers`` installs them). vnu.jar runs on the system's Java.
"""

import json
import pathlib
import shutil
import subprocess
import tempfile


ROOT = pathlib.Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java") or "/usr/bin/java"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    """Run axe-core on the page as it is now; one readable line per violated rule and node."""
    # Evaluated by the browser's devtools protocol, not as an inline <script>: the site's Content-Security-Policy
    # refuses inline scripts it does not know (security/hardening/csp.py).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {node['target']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def html_errors(documents: dict[str, str]) -> list[str]:
    """Validate HTML documents ({name: markup}) with one run of the Nu HTML checker; errors only."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, markup in documents.items():
            path = pathlib.Path(folder) / f"{name}.html"
            path.write_text(markup, encoding="utf-8")
            paths.append(str(path))
        completed = subprocess.run(  # noqa: S603 - our own files, fixed arguments
            [JAVA, "-jar", str(VNU), "--format", "json", "--stdout", "--errors-only", *paths],
            capture_output=True,
            text=True,
            timeout=300,
        )
    return [
        f"{pathlib.Path(message.get('url', '')).stem}:{message.get('lastLine')}: {message['message']}"
        for message in json.loads(completed.stdout)["messages"]
        if message["type"] == "error"
    ]
