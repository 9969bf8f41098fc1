"""The upload limit, checked the same way by forms, the folder-contents uploader and the REST API."""

from coalition.intranet import _
from coalition.intranet.files.interfaces import IUploadSettings
from plone.registry.interfaces import IRegistry
from zope.component import getUtility
from zope.i18n import translate
from zope.interface import Invalid


MEGABYTE = 1024 * 1024


class UploadTooLarge(Invalid):
    """An upload above the configured limit."""


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


def check_upload_size(size: int, filename: str = "", request=None) -> None:
    """Raise :class:`UploadTooLarge` with a translated message when ``size`` exceeds the limit."""
    message = upload_size_error(size, filename)
    if message is not None:
        raise UploadTooLarge(translate(message, context=request))


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
