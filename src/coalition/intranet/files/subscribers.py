"""Last line of defence: whatever path stored a file (REST API, scripts), an oversized one aborts the transaction."""

from coalition.intranet.files.api import upload_error
from plone.dexterity.utils import iterSchemata
from plone.namedfile.interfaces import INamedField
from zExceptions import BadRequest
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.schema import getFieldsInOrder


def refuse_oversized_files(obj, event):
    for schema in iterSchemata(obj):
        for name, field in getFieldsInOrder(schema):
            if not INamedField.providedBy(field):
                continue
            value = getattr(obj, name, None)
            if value is None or not hasattr(value, "getSize"):
                continue
            message = upload_error(
                value.getSize(), getattr(value, "filename", "") or "", getattr(value, "contentType", "") or ""
            )
            if message is not None:
                raise BadRequest(translate(message, context=getRequest()))
