"""Form validation of file and image fields: the edit form shows the limit as a field error."""

from coalition.intranet.files.api import check_upload_size
from coalition.intranet.files.api import size_of_upload
from coalition.intranet.interfaces import ICoalitionLayer
from plone.namedfile.interfaces import INamedField
from z3c.form import validator
from z3c.form.interfaces import NOT_CHANGED
from zope.component import adapter
from zope.interface import Interface


@adapter(Interface, ICoalitionLayer, Interface, INamedField, Interface)
class UploadSizeValidator(validator.SimpleFieldValidator):
    def validate(self, value, force=False):
        super().validate(value, force)
        # "Keep the existing file" on an edit form: nothing new was uploaded, nothing to measure.
        if value is NOT_CHANGED:
            return
        if value is not None and not isinstance(value, str):
            check_upload_size(
                size_of_upload(value),
                getattr(value, "filename", "") or "",
                self.request,
                getattr(value, "contentType", "") or "",
            )
