"""Restore a backup set of scripts/backup.py into a fresh var/ folder (docs/backup.md).

    python scripts/restore.py [--set SET] [--backup-dir var/backups] [--var var]
    python scripts/restore.py --archive SET.tar.gpg|SET.tar.age [--var var]

Refuses to write over an existing database (``<var>/filestorage/Data.fs``), which is what a serving site
has: restore into a new folder, check it, then move it in place while the site is stopped. Every file is
checked against the set's manifest before anything is written; Data.fs is rebuilt by repozo at the set's
restore point, the blobs are copied from the set's snapshot.
"""

import argparse
from backup_tools import BIN
from backup_tools import FILE_LOGS
from backup_tools import run
from backup_tools import sha256
from backup_tools import tool
import json
import os
import pathlib
import shutil
import sys
import tarfile
import tempfile


class RestoreRefused(SystemExit):
    pass


def load_manifest(backup_dir: pathlib.Path, name: str | None) -> dict:
    sets = sorted((backup_dir / "sets").glob("*.json"))
    if not sets:
        raise RestoreRefused(f"No backup set in {backup_dir / 'sets'}.")
    chosen = backup_dir / "sets" / f"{name}.json" if name else sets[-1]
    if not chosen.is_file():
        raise RestoreRefused(f"No backup set {name} in {backup_dir / 'sets'}.")
    return json.loads(chosen.read_text(encoding="utf-8"))


def verify(backup_dir: pathlib.Path, manifest: dict) -> None:
    damaged = [
        str(folder / name)
        for folder, files in (
            (backup_dir / "filestorage", manifest["filestorage"]),
            (backup_dir / "blobs" / manifest["set"], manifest["blobs"]),
            (backup_dir / "logs" / manifest["set"], manifest.get("logs", {})),
        )
        for name, checksum in files.items()
        if not (folder / name).is_file() or sha256(folder / name) != checksum
    ]
    if damaged:
        raise RestoreRefused("Damaged or missing backup files (checksum):\n  " + "\n  ".join(damaged))


def decrypt(archive: pathlib.Path, into: pathlib.Path) -> pathlib.Path:
    tar = into / "set.tar"
    if archive.suffix == ".age":
        identity = os.environ.get("BACKUP_AGE_IDENTITY", str(pathlib.Path.home() / ".config/age/key.txt"))
        run([tool("age"), "--decrypt", "--identity", identity, "--output", str(tar), str(archive)], check=True)
    else:
        run([tool("gpg"), "--batch", "--yes", "--decrypt", "--output", str(tar), str(archive)], check=True)
    with tarfile.open(tar) as opened:
        opened.extractall(into / "backup", filter="data")
    return into / "backup"


def restore(backup_dir: pathlib.Path, var: pathlib.Path, name: str | None = None) -> dict:
    target = var / "filestorage" / "Data.fs"
    if target.exists():
        raise RestoreRefused(
            f"{target} exists: restore into a new folder (--var) and move it in place while the site is stopped."
        )
    manifest = load_manifest(backup_dir, name)
    verify(backup_dir, manifest)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as workspace:
        # repozo sees only the set's own files, so a later set in the same repository changes nothing.
        repository = pathlib.Path(workspace) / "repository"
        repository.mkdir()
        for file_name in manifest["filestorage"]:
            shutil.copy2(backup_dir / "filestorage" / file_name, repository / file_name)
        command = [str(BIN / "repozo"), "--recover", "--repository", str(repository), "--output", str(target)]
        command += ["--date", manifest["restore_point"]]
        run(command, check=True)
    blobs = var / "blobstorage"
    shutil.copytree(backup_dir / "blobs" / manifest["set"], blobs, dirs_exist_ok=False, copy_function=shutil.copy2)
    os.chmod(blobs, 0o700)
    for name in FILE_LOGS:
        if (backup_dir / "logs" / manifest["set"] / name).is_dir():
            shutil.copytree(backup_dir / "logs" / manifest["set"] / name, var / name)
    for sub in ("log", "cache"):
        (var / sub).mkdir(exist_ok=True)
    return manifest


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--var", default=os.environ.get("VAR", "var"), type=pathlib.Path)
    parser.add_argument("--backup-dir", default=os.environ.get("BACKUP_DIR") or None, type=pathlib.Path)
    parser.add_argument("--set", default=os.environ.get("BACKUP_SET") or None, help="the set's name (default: newest)")
    parser.add_argument("--archive", type=pathlib.Path, help="an encrypted archive made with --encrypt-recipient")
    options = parser.parse_args(argv)
    try:
        if options.archive:
            with tempfile.TemporaryDirectory() as workspace:
                backup_dir = decrypt(options.archive, pathlib.Path(workspace))
                manifest = restore(backup_dir, options.var)
        else:
            manifest = restore(options.backup_dir or options.var / "backups", options.var, options.set)
    except RestoreRefused as refused:
        print(f"Restore refused: {refused}", file=sys.stderr)
        return 2
    print(f"Restored backup set {manifest['set']} into {options.var} ({len(manifest['blobs'])} blob(s)).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
