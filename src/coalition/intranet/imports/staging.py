"""An uploaded file kept between its dry run and the confirmation, outside the database.

The dry run must change nothing, so the upload waits in a private directory (mode 0700, files 0600), named
by a random token and bound to the user who uploaded it; it is deleted when imported and after
``LIFETIME`` seconds in any case. With several Zope instances, point ``COALITION_IMPORTS_DIR`` at a
directory they share (docs/import.md).
"""

from dataclasses import dataclass
import json
import os
import pathlib
import secrets
import tempfile
import time


ENVIRONMENT_VARIABLE = "COALITION_IMPORTS_DIR"
LIFETIME = 2 * 3600
PARTS = ("data", "photos", "report")


@dataclass
class Staged:
    token: str
    user: str
    filename: str
    organisation: str
    data: bytes
    photos: bytes | None


def directory() -> pathlib.Path:
    path = pathlib.Path(
        os.environ.get(ENVIRONMENT_VARIABLE) or pathlib.Path(tempfile.gettempdir()) / "coalition-imports"
    )
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _write(path: pathlib.Path, content: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)


def _valid(token: str) -> bool:
    return bool(token) and token.replace("-", "").replace("_", "").isalnum() and len(token) < 64


def forget_expired(now: float | None = None) -> None:
    now = time.time() if now is None else now
    for path in directory().iterdir():
        try:
            if now - path.stat().st_mtime > LIFETIME:
                path.unlink()
        except OSError:
            continue


def stage(user: str, filename: str, organisation: str, data: bytes, photos: bytes | None) -> str:
    forget_expired()
    token = secrets.token_urlsafe(18)
    base = directory()
    meta = {"user": user, "filename": filename, "organisation": organisation}
    _write(base / f"{token}.json", json.dumps(meta).encode("utf-8"))
    _write(base / f"{token}.data", data)
    if photos:
        _write(base / f"{token}.photos", photos)
    return token


def _meta(token: str, user: str) -> dict | None:
    if not _valid(token):
        return None
    try:
        meta = json.loads((directory() / f"{token}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if meta.get("user") == user else None


def load(token: str, user: str) -> Staged | None:
    """The staged upload of ``user`` under ``token``, or None (unknown, expired, someone else's)."""
    meta = _meta(token, user)
    if meta is None:
        return None
    base = directory()
    try:
        data = (base / f"{token}.data").read_bytes()
    except OSError:
        return None
    photos_path = base / f"{token}.photos"
    photos = photos_path.read_bytes() if photos_path.exists() else None
    return Staged(token, user, meta["filename"], meta["organisation"], data, photos)


def save_report(token: str, user: str, report: str) -> None:
    if _meta(token, user) is not None:
        _write(directory() / f"{token}.report", report.encode("utf-8-sig"))


def load_report(token: str, user: str) -> bytes | None:
    if _meta(token, user) is None:
        return None
    try:
        return (directory() / f"{token}.report").read_bytes()
    except OSError:
        return None


def discard_upload(token: str) -> None:
    """Delete the uploaded file and photos (the report stays for download until it expires)."""
    if not _valid(token):
        return
    for suffix in ("data", "photos"):
        try:
            (directory() / f"{token}.{suffix}").unlink()
        except OSError:
            continue
