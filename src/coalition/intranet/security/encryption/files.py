"""Evidence files kept sealed in their blob: ``SealedFile`` replaces the plain ``NamedBlobFile``.

The blob holds only sealed bytes. ``SealedFile`` is an ``INamedFile`` (not ``IBlobby``), so Plone's
``@@download``, ``@@display-file``, the REST download and the widget read ``data`` (opened with the site's key)
instead of streaming the blob file from disk; ``size`` is the plaintext size. Whatever path stores a plain
file on an Evidence item (the edit and add forms, REST, scripts, the import), ``seal_evidence_file`` replaces
it at the add or modify event, before the transaction commits, so the plaintext never reaches the blob
storage. The file name stays plain (it is also the item's id, from the file name); the title and the
description are not sealed either (docs/security.md).
"""

from Acquisition import aq_base
from coalition.intranet.security.encryption.api import key_id_of
from coalition.intranet.security.encryption.api import seal
from coalition.intranet.security.encryption.api import unseal
from DateTime import DateTime
import io
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.interfaces import INamedFile
from plone.namedfile.utils import get_contenttype
import uuid
from ZODB.blob import Blob
from zope.interface import implementer_only


EVIDENCE_TYPE = "Evidence"
FILE_FIELD = "file"
PURPOSE = "evidence-file"


def _as_bytes(data) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8")
    if hasattr(data, "read"):
        if hasattr(data, "seek"):
            data.seek(0)
        return data.read()
    return bytes(data or b"")


@implementer_only(INamedFile)
class SealedFile(NamedBlobFile):
    """A named file whose bytes are stored sealed in a ZODB blob.

    A ``NamedBlobFile`` for the field's type check, but only an ``INamedFile``: never ``IBlobby``, so no view
    streams the blob (the ciphertext) from disk; every method that touches the bytes is its own. The blob is
    ``_sealed_blob``, not ``_blob``, so code that reads a blob file directly finds none instead of ciphertext.
    """

    def __init__(self, data=b"", contentType="", filename=None):
        if filename is not None and contentType in ("", "application/octet-stream"):
            contentType = get_contenttype(filename=filename)
        self.contentType = contentType
        # Binds the sealed bytes to this file: a blob swapped in from another file does not open.
        self._sealing_id = uuid.uuid4().hex
        self._sealed_blob = Blob()
        self._setData(data)
        self.filename = filename

    def _setData(self, data):
        plaintext = _as_bytes(data)
        self._store_token(seal(plaintext, self.purpose()))
        self.plain_size = len(plaintext)

    def _store_token(self, token: bytes) -> None:
        with self._sealed_blob.open("w") as handle:
            handle.write(token)
        self._modified = DateTime().millis()

    def sealed_token(self) -> bytes:
        with self._sealed_blob.open("r") as handle:
            return handle.read()

    def purpose(self) -> str:
        return f"{PURPOSE}:{self._sealing_id}"

    def _getData(self):
        return unseal(self.sealed_token(), self.purpose())

    data = property(_getData, _setData)
    _data = property(_getData, _setData)

    @property
    def size(self):
        return self.plain_size

    def getSize(self):
        return self.plain_size

    def open(self, mode="r"):
        """A file-like object of the plaintext (read only: write through ``data``)."""
        if mode not in ("r", "rb"):
            raise ValueError("A sealed file is written through its data attribute.")
        return io.BytesIO(self.data)

    def openDetached(self):
        return self.open()

    def key_id(self) -> str:
        return key_id_of(self.sealed_token())

    def reseal(self, token: bytes) -> None:
        """Store ``token`` (this file's bytes re-sealed under another key) in place of the current one."""
        self._store_token(token)

    @classmethod
    def from_file(cls, named_file) -> "SealedFile":
        return cls(
            data=named_file.data,
            contentType=getattr(named_file, "contentType", "") or "",
            filename=getattr(named_file, "filename", None),
        )


def is_plain_file(value) -> bool:
    return value is not None and not isinstance(value, SealedFile) and hasattr(value, "data")


def seal_evidence_file(obj, event=None) -> bool:
    """Replace a plain file on an Evidence item by its sealed form (an event subscriber and the migration)."""
    if getattr(obj, "portal_type", None) != EVIDENCE_TYPE:
        return False
    value = getattr(aq_base(obj), FILE_FIELD, None)
    if not is_plain_file(value):
        return False
    setattr(obj, FILE_FIELD, SealedFile.from_file(value))
    return True
