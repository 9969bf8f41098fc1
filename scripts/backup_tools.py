"""What scripts/backup.py and scripts/restore.py share: the external programs they run and the checksums
their manifests hold. Found beside them (Python puts a script's own folder first on its path)."""

import hashlib
import pathlib
import shutil
import subprocess
import sys


BIN = pathlib.Path(sys.executable).parent
# The logs kept beside the database in var/ (append-only files, not in the ZODB): part of every backup set.
FILE_LOGS = ("case-access", "login-events")


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed (apt-get install {name}).")
    return found


def run(command, check=True):
    # Fixed programs (repozo of this virtualenv, age, gpg) with arguments from the operator's own options.
    return subprocess.run(command, check=check)  # noqa: S603


def sha256(path: pathlib.Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
