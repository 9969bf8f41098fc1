"""The upload limit, checked the same way by forms, the folder-contents uploader and the REST API."""

from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.files.interfaces import IUploadSettings
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
from zope.interface import Invalid


MEGABYTE = 1024 * 1024

# Any file type can be shared (issue 19): saved web pages, SVG images and scripts are common evidence. The
# site serves whatever a browser would execute only as a sandboxed download, never as active content in its
# origin (serving.py); only the size is limited.


class UploadRefused(Invalid, CoalitionError):
    """An upload above the configured limit.

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


def upload_error(size: int, filename: str = "", content_type: str = ""):
    """The reason to refuse an upload (its size), or None; ``content_type`` is accepted for the callers."""
    return upload_size_error(size, filename)


def check_upload_size(size: int, filename: str = "", request=None, content_type: str = "") -> None:
    """Raise :class:`UploadRefused` with a translated message for a size over the limit."""
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
