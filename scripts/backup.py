"""Back up the embedded FileStorage site: ZODB's repozo for Data.fs plus a copy of the blob folder, with a
manifest of SHA-256 checksums, optionally encrypted for the copy that leaves the machine (docs/backup.md).

    python scripts/backup.py [--full] [--var var] [--backup-dir var/backups] [--encrypt-recipient ID]

Safe while the site serves: repozo copies Data.fs only up to its last committed transaction (FileStorage
only ever appends), and committed blob files never change (ZODB writes a new file for a new revision and
renames it into place at commit). The blobs are copied after repozo, so every blob the copied Data.fs
refers to exists already. Blob snapshots share unchanged files with the previous snapshot (hard links).

Layout of the backup folder:
    filestorage/           repozo's repository (full .fs and incremental .deltafs files)
    blobs/<set>/           the blob folder at the time of the set
    logs/<set>/            var/case-access/ and var/login-events/ (the access log of case files and the login
                           log, kept outside the database)
    sets/<set>.json        the manifest: repozo files of the set, its restore point, every file's SHA-256
    sets/<set>.tar.gpg|age the encrypted archive of the set (with --encrypt-recipient)
"""

import argparse
from backup_tools import BIN
from backup_tools import FILE_LOGS
from backup_tools import run
from backup_tools import sha256
from backup_tools import tool
import datetime
import json
import os
import pathlib
import shutil
import sys
import tarfile
import time


REPOZO_SUFFIXES = (".fs", ".deltafs", ".dat", ".index")


def repozo_files(repository: pathlib.Path) -> list[pathlib.Path]:
    return sorted(path for path in repository.iterdir() if path.suffix in REPOZO_SUFFIXES)


def files_of_set(repository: pathlib.Path) -> list[pathlib.Path]:
    """The newest full backup and the increments after it: what repozo needs to rebuild the newest state.

    repozo's ``.dat`` (it appends a line per increment) and ``.index`` files are its own bookkeeping, which
    later runs change; ``repozo --recover`` does not need them, so they are not part of a set.
    """
    files = [path for path in repozo_files(repository) if path.suffix in (".fs", ".deltafs")]
    fulls = [index for index, path in enumerate(files) if path.suffix == ".fs"]
    return files[fulls[-1] :] if fulls else []


def wait_for_a_new_second(repository: pathlib.Path) -> None:
    """repozo names its files by the UTC second: a second run within the same second would make an increment
    that sorts before its full backup (``.deltafs`` < ``.fs``), and a restore would miss it."""
    while True:
        stamp = time.strftime("%Y-%m-%d-%H-%M-%S", time.gmtime())
        if not any(path.name.startswith(stamp) for path in repozo_files(repository)):
            return
        time.sleep(0.2)


def run_repozo(filestorage: pathlib.Path, repository: pathlib.Path, full: bool) -> None:
    repository.mkdir(parents=True, exist_ok=True)
    wait_for_a_new_second(repository)
    command = [str(BIN / "repozo"), "--backup", "--repository", str(repository), "--file", str(filestorage)]
    command += ["--full"] if full else ["--quick"]
    run(command, check=True)


def copy_blobs(blobs: pathlib.Path, target: pathlib.Path, previous: pathlib.Path | None) -> None:
    """Copy the committed blob files (never ``tmp/``, where uncommitted uploads live)."""
    for source in sorted(blobs.rglob("*")):
        relative = source.relative_to(blobs)
        if relative.parts and relative.parts[0] == "tmp" or not source.is_file():
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        earlier = previous / relative if previous else None
        if earlier is not None and earlier.is_file() and earlier.stat().st_size == source.stat().st_size:
            os.link(earlier, destination)
        else:
            shutil.copy2(source, destination)
    os.chmod(target, 0o700)


def encrypt(archive: pathlib.Path, recipient: str) -> pathlib.Path:
    """Encrypt ``archive`` for ``recipient`` (an age public key ``age1…``, else a GnuPG key id or address).

    The plaintext archive is removed whatever happens: a failed encryption must not leave it behind.
    """
    try:
        if recipient.startswith("age1"):
            target = archive.with_name(archive.name + ".age")
            run([tool("age"), "--encrypt", "--recipient", recipient, "--output", str(target), str(archive)])
        else:
            target = archive.with_name(archive.name + ".gpg")
            run(
                [tool("gpg"), "--batch", "--yes", "--trust-model", "always", "--encrypt", "--recipient", recipient]
                + ["--output", str(target), str(archive)]
            )
    finally:
        archive.unlink()
    return target


def back_up(var: pathlib.Path, backup_dir: pathlib.Path, full: bool = False, recipient: str | None = None) -> dict:
    filestorage = var / "filestorage" / "Data.fs"
    blobs = var / "blobstorage"
    if not filestorage.is_file():
        raise SystemExit(f"No database at {filestorage}: nothing to back up.")
    backup_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(backup_dir, 0o700)  # the backups hold the confidential case data: only the site's system user
    repository = backup_dir / "filestorage"
    run_repozo(filestorage, repository, full or not any(repository.glob("*.fs")))
    chain = files_of_set(repository)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d-%H-%M-%S-%f")
    snapshots = backup_dir / "blobs"
    previous = max(snapshots.iterdir(), default=None) if snapshots.is_dir() else None
    copy_blobs(blobs, snapshots / stamp, previous) if blobs.is_dir() else (snapshots / stamp).mkdir(parents=True)
    # The case-file access log and the login log live beside the database, not in it (docs/security.md): they
    # belong to the set.
    logs = backup_dir / "logs" / stamp
    for name in FILE_LOGS:
        if (var / name).is_dir():
            shutil.copytree(var / name, logs / name, copy_function=shutil.copy2)
    logs.mkdir(parents=True, exist_ok=True)
    restore_point = max(path.stem for path in chain)
    manifest = {
        "set": stamp,
        "created": datetime.datetime.now(datetime.UTC).isoformat(),
        "restore_point": restore_point,
        "filestorage": {path.name: sha256(path) for path in chain},
        "blobs": {
            str(path.relative_to(snapshots / stamp)): sha256(path)
            for path in sorted((snapshots / stamp).rglob("*"))
            if path.is_file()
        },
        "logs": {str(path.relative_to(logs)): sha256(path) for path in sorted(logs.rglob("*")) if path.is_file()},
    }
    sets = backup_dir / "sets"
    sets.mkdir(exist_ok=True)
    manifest_path = sets / f"{stamp}.json"
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    if recipient:
        archive = sets / f"{stamp}.tar"
        with tarfile.open(archive, "w") as tar:
            tar.add(manifest_path, arcname=f"sets/{stamp}.json")
            for path in chain:
                tar.add(path, arcname=f"filestorage/{path.name}")
            tar.add(snapshots / stamp, arcname=f"blobs/{stamp}")
            tar.add(logs, arcname=f"logs/{stamp}")
        manifest["encrypted_archive"] = str(encrypt(archive, recipient))
    return manifest


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--var", default=os.environ.get("VAR", "var"), type=pathlib.Path)
    parser.add_argument("--backup-dir", default=os.environ.get("BACKUP_DIR") or None, type=pathlib.Path)
    parser.add_argument("--full", action="store_true", help="a full backup of Data.fs (else incremental)")
    parser.add_argument("--encrypt-recipient", default=os.environ.get("BACKUP_ENCRYPT_RECIPIENT") or None)
    options = parser.parse_args(argv)
    backup_dir = options.backup_dir or options.var / "backups"
    manifest = back_up(options.var, backup_dir, options.full, options.encrypt_recipient)
    counts = f"{len(manifest['filestorage'])} database file(s), {len(manifest['blobs'])} blob(s)"
    print(f"Backup set {manifest['set']}: {counts}")
    print(f"Manifest: {backup_dir / 'sets' / (manifest['set'] + '.json')}")
    if "encrypted_archive" in manifest:
        print(f"Encrypted archive for the off-site copy: {manifest['encrypted_archive']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
