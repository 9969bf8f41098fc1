"""The folder-contents uploader (``@@fileUpload``) with the upload limit checked before anything is created."""

from coalition.intranet.files.api import size_of_upload
from coalition.intranet.files.api import upload_error
from plone.app.content.browser.file import FileUploadView
from zope.i18n import translate


class LimitedFileUploadView(FileUploadView):
    def __call__(self):
        filedata = self.request.form.get("file", None)
        if filedata is not None and not isinstance(filedata, str):
            message = upload_error(size_of_upload(filedata), getattr(filedata, "filename", "") or "")
            if message is not None:
                self.request.response.setStatus(413)
                return translate(message, context=self.request)
        return super().__call__()
