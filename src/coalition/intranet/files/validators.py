"""Form validation of file and image fields: the edit form shows the limit as a field error."""

from coalition.intranet.files.api import check_upload_size
from coalition.intranet.files.api import size_of_upload
from coalition.intranet.interfaces import ICoalitionLayer
from plone.namedfile.interfaces import INamedField
from z3c.form import validator
from zope.component import adapter
from zope.interface import Interface


@adapter(Interface, ICoalitionLayer, Interface, INamedField, Interface)
class UploadSizeValidator(validator.SimpleFieldValidator):
    def validate(self, value, force=False):
        super().validate(value, force)
        if value is not None and not isinstance(value, str):
            check_upload_size(
                size_of_upload(value),
                getattr(value, "filename", "") or "",
                self.request,
                getattr(value, "contentType", "") or "",
            )
