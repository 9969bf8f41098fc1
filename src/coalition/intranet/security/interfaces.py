from coalition.intranet import _
from zope import schema
from zope.interface import Interface


class IMailPrivacySettings(Interface):
    """Site settings of what mail may reveal; registry records ``coalition.<field>`` (profiles/default/registry).

    Declared as an interface so that reapplying the profile keeps the site's choice.
    """

    mail_hide_workspace_titles = schema.Bool(
        title=_("label_mail_hide_workspace_titles", default="Hide workspace titles in mail"),
        description=_(
            "help_mail_hide_workspace_titles",
            default="When on, mails sent by the site never name a workspace (organisation or working group): a "
            "mailbox read by others learns nothing about who works where.",
        ),
        default=False,
        required=False,
    )
