from coalition.intranet import _
from zope import schema
from zope.interface import Interface


class IUploadSettings(Interface):
    """Registry records ``coalition.uploads.*``."""

    max_upload_size_mb = schema.Int(
        title=_("label_max_upload_size", default="Largest upload (MB)"),
        description=_("help_max_upload_size", default="Files and images above this size are refused."),
        default=50,
        min=1,
    )
