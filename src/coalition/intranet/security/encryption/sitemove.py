"""The site move (plone.exportimport) carries confidential values sealed, never as plaintext.

plone.exportimport serializes fields through plone.restapi's field serializers, which read the attribute (the
plaintext). While it runs, its request provides ``IExportImportRequestMarker``; for that request these
adapters write the four confidential case fields as ``{"coalition-sealed": <base64>}`` and an evidence file's
blob as sealed bytes (``"coalition-sealed": true``), both sealed with the site's key for the purpose of the
move; the importing site opens them with the same key file and seals them again for their new place. An
export folder therefore holds no confidential plaintext, and the target site needs the source's key file.
"""

import base64
from coalition.intranet.cases.content import ICaseFile
from coalition.intranet.security.encryption.api import seal
from coalition.intranet.security.encryption.api import seal_text
from coalition.intranet.security.encryption.api import unseal
from coalition.intranet.security.encryption.api import unseal_text
from coalition.intranet.security.encryption.fields import CASE_FIELDS
from coalition.intranet.security.encryption.files import SealedFile
from plone.dexterity.interfaces import IDexterityItem
from plone.exportimport.deserializers.blob import ExportImportNamedFieldDeserializer
from plone.exportimport.deserializers.blob import load_blob
from plone.exportimport.interfaces import IExportImportRequestMarker
from plone.exportimport.serializers.blob import export_blob
from plone.exportimport.serializers.blob import ExportImportFileFieldSerializer
from plone.namedfile.interfaces import INamedBlobFileField
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.serializer.dxfields import DefaultFieldSerializer
from zope.component import adapter
from zope.interface import implementer
from zope.schema.interfaces import IText


SEALED_KEY = "coalition-sealed"


def move_purpose(kind: str) -> str:
    return f"site-move:{kind}"


@adapter(IText, ICaseFile, IExportImportRequestMarker)
@implementer(IFieldSerializer)
class SealedCaseFieldSerializer(DefaultFieldSerializer):
    def __call__(self):
        if self.field.__name__ not in CASE_FIELDS:
            return super().__call__()
        value = self.field.get(self.context)
        if value is None:
            return None
        token = seal_text(value, move_purpose(f"casefile:{self.field.__name__}"))
        return {SEALED_KEY: base64.b64encode(token).decode("ascii")}


@adapter(IText, ICaseFile, IExportImportRequestMarker)
@implementer(IFieldDeserializer)
class SealedCaseFieldDeserializer(DefaultFieldDeserializer):
    def __call__(self, value):
        if self.field.__name__ in CASE_FIELDS and isinstance(value, dict) and SEALED_KEY in value:
            token = base64.b64decode(value[SEALED_KEY])
            value = unseal_text(token, move_purpose(f"casefile:{self.field.__name__}"))
        return super().__call__(value)


@adapter(INamedBlobFileField, IDexterityItem, IExportImportRequestMarker)
@implementer(IFieldSerializer)
class SealedFileSerializer(ExportImportFileFieldSerializer):
    """An evidence file's blob leaves sealed; any other file as plone.exportimport writes it."""

    def __call__(self):
        value = self.field.get(self.context)
        if not isinstance(value, SealedFile):
            return super().__call__()
        token = seal(value.data, move_purpose("evidence-file"))
        blob_path = export_blob(self.context, self.field.__name__, value.filename, token)
        return json_compatible(
            {
                "filename": value.filename,
                "content-type": value.contentType,
                "size": value.getSize(),
                "blob_path": str(blob_path.as_posix()),
                SEALED_KEY: True,
            }
        )


@adapter(INamedBlobFileField, IDexterityItem, IExportImportRequestMarker)
@implementer(IFieldDeserializer)
class SealedFileDeserializer(ExportImportNamedFieldDeserializer):
    def __call__(self, value):
        if not (isinstance(value, dict) and value.get(SEALED_KEY)):
            return super().__call__(value)
        data = unseal(load_blob(value.get("blob_path", "")), move_purpose("evidence-file"))
        result = SealedFile(data=data, contentType=value.get("content-type", ""), filename=value.get("filename"))
        self.field.validate(result)
        return result
