"""The upload limit, checked the same way by forms, the folder-contents uploader and the REST API."""

from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.files.interfaces import IUploadSettings
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
from zope.interface import Invalid


MEGABYTE = 1024 * 1024

# Programs that run on the reader's computer when opened are not accepted. Saved web pages, SVG images
# and scripts are common evidence and are accepted: the site serves them only as sandboxed downloads,
# never as active content in its origin (serving.py).
FORBIDDEN_EXTENSIONS = frozenset(("exe", "com", "bat", "cmd", "msi", "scr", "dll", "jar", "hta", "vbs", "ps1"))
FORBIDDEN_CONTENT_TYPES = frozenset(
    {"application/x-msdownload", "application/x-msdos-program", "application/x-ms-installer", "application/hta"}
)


class UploadRefused(Invalid, CoalitionError):
    """An upload of a forbidden type or above the configured limit.

    An ``Invalid`` first, so that z3c.form shows its text (``args[0]``, translated for the request) as the
    field's error.
    """


def max_upload_bytes() -> int:
    settings = getUtility(IRegistry).forInterface(IUploadSettings, prefix="coalition.uploads", check=False)
    return (settings.max_upload_size_mb or IUploadSettings["max_upload_size_mb"].default) * MEGABYTE


def upload_size_error(size: int, filename: str = ""):
    """The message for an upload of ``size`` bytes, or None when it is within the limit."""
    limit = max_upload_bytes()
    if size <= limit:
        return None
    return _(
        "error_upload_too_large",
        default="The file ${filename} is ${size} MB; files may be at most ${limit} MB. Nothing was saved.",
        mapping={
            "filename": filename or "",
            "size": f"{size / MEGABYTE:.1f}",
            "limit": str(limit // MEGABYTE),
        },
    )


def upload_type_error(filename: str, content_type: str = ""):
    """The message for a file of a forbidden type, or None when the type is accepted."""
    extension = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if extension not in FORBIDDEN_EXTENSIONS and (content_type or "").lower() not in FORBIDDEN_CONTENT_TYPES:
        return None
    return _(
        "error_upload_program",
        default="The file ${filename} is a program; programs cannot be uploaded. Nothing was saved.",
        mapping={"filename": filename or ""},
    )


def upload_error(size: int, filename: str = "", content_type: str = ""):
    """The first reason to refuse an upload (type, then size), or None."""
    return upload_type_error(filename, content_type) or upload_size_error(size, filename)


def check_upload_size(size: int, filename: str = "", request=None, content_type: str = "") -> None:
    """Raise :class:`UploadRefused` with a translated message for a forbidden type or a size over the limit."""
    message = upload_error(size, filename, content_type)
    if message is not None:
        raise UploadRefused(message, context=request)


def size_of_upload(value) -> int:
    """Size in bytes of a NamedFile/NamedBlobFile value or of an uploaded file object."""
    if value is None:
        return 0
    if hasattr(value, "getSize"):
        return value.getSize()
    if hasattr(value, "seek") and hasattr(value, "tell"):
        position = value.tell()
        value.seek(0, 2)
        size = value.tell()
        value.seek(position)
        return size
    return len(value)
