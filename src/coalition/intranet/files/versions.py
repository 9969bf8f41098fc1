"""Versions of uploaded files: replacing a file keeps the old one (CMFEditions), with who and when.

Files (``File``) are versioned like working documents: every save of the edit form is a version (policy
``at_edit_autoversion``; the blob is kept by plone.app.versioningbehavior's blob modifier). Each version
can be downloaded (always as an attachment, see ``serving.py``) and the file reverted to it; a revert is
itself saved as a new version, so nothing is ever lost.
"""

from AccessControl import Unauthorized
from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.security import api as audit
from dataclasses import dataclass
from datetime import datetime
from plone import api


FILE_TYPE = "File"
VERSIONING_BEHAVIOR = "plone.versioning"
POLICIES = ("at_edit_autoversion", "version_on_revert")


class FileVersionError(CoalitionError):
    """A version that does not exist; nothing was changed."""


@dataclass(frozen=True)
class FileVersion:
    number: int
    when: datetime
    by: str
    comment: str
    filename: str
    size: int


def _repository():
    return api.portal.get_tool("portal_repository")


def versions(context) -> list[FileVersion]:
    """Every saved version of a file, newest first (readers of the file may list them)."""
    repository = _repository()
    history = repository.getHistoryMetadata(context)
    if not history:
        return []
    found = []
    for number in range(history.getLength(countPurged=False)):
        meta = history.retrieve(number, countPurged=False)["metadata"]["sys_metadata"]
        old = repository.retrieve(context, number, countPurged=False).object
        blob = getattr(old, "file", None)
        found.append(
            FileVersion(
                number=number,
                when=datetime.fromtimestamp(meta["timestamp"]),
                by=meta.get("principal", "") or "",
                comment=meta.get("comment", "") or "",
                filename=getattr(blob, "filename", "") or "",
                size=blob.getSize() if blob is not None else 0,
            )
        )
    return list(reversed(found))


def version_file(context, number: int):
    """The file (a NamedBlobFile) of version ``number``; ``FileVersionError`` if there is none."""
    try:
        old = _repository().retrieve(context, int(number), countPurged=False).object
    except Exception as error:  # CMFEditions raises several types for an unknown version
        raise FileVersionError(
            _("file_error_unknown_version", default="This file has no version ${number}.", mapping={"number": number})
        ) from error
    blob = getattr(old, "file", None)
    if blob is None:
        raise FileVersionError(
            _("file_error_unknown_version", default="This file has no version ${number}.", mapping={"number": number})
        )
    return blob


def ensure_first_version(context) -> None:
    """A file uploaded before versioning was switched on gets its current content saved as version 0."""
    if _repository().getHistoryMetadata(context):
        return
    with api.env.adopt_roles(["Manager"]):
        _repository().save(context, comment="Initial version")


def revert(context, number: int) -> None:
    """Make version ``number`` the current file again, saved as a new version (who may edit the file only)."""
    if not api.user.has_permission("Modify portal content", obj=context):
        raise Unauthorized("You may not change this file.")
    version_file(context, number)
    repository = _repository()
    repository.revert(context, int(number))
    repository.save(context, comment=f"Reverted to version {int(number)}")
    context.reindexObject()
    audit.record("file.reverted", context, version=int(number))
