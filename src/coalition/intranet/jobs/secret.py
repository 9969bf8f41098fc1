"""The secret that lets cron trigger a job over HTTP, kept in a file outside the database.

The server reads the file named in zope.conf (``<product-config coalition.jobs> secret-file ...``) or in
``COALITION_JOBS_SECRET_FILE`` on every call, so a secret created or rotated while it serves takes effect
at once. Without a configured, non-empty secret no job can be triggered over HTTP.
"""

import os
import pathlib
import secrets


ENVIRONMENT_VARIABLE = "COALITION_JOBS_SECRET_FILE"
PRODUCT_CONFIG = "coalition.jobs"


def secret_file() -> pathlib.Path | None:
    """The configured secret file, if any (environment first, then zope.conf)."""
    named = os.environ.get(ENVIRONMENT_VARIABLE)
    if not named:
        from App.config import getConfiguration

        product_config = getattr(getConfiguration(), "product_config", None) or {}
        named = (product_config.get(PRODUCT_CONFIG) or {}).get("secret-file")
    return pathlib.Path(named) if named else None


def read_secret(path: pathlib.Path | None) -> str:
    """The secret in ``path``; empty if the file is missing or empty."""
    if path is None:
        return ""
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def create_secret(path: pathlib.Path) -> bool:
    """Write a new random secret to ``path`` (readable by its owner only) unless one is there."""
    if read_secret(path):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(secrets.token_urlsafe(32) + "\n")
    return True
