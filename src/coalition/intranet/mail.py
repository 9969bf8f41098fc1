"""Site mail settings shared by every concern that sends mail (invitations, notifications)."""

from plone import api


HIDE_TITLES_RECORD = "coalition.mail_hide_workspace_titles"


def mail_is_configured() -> bool:
    """Whether the site can send mail: a sender address and an SMTP host in Plone's mail settings."""
    sender = api.portal.get_registry_record("plone.email_from_address", default="")
    host = api.portal.get_registry_record("plone.smtp_host", default="")
    return bool(sender and host)


def hide_workspace_titles() -> bool:
    """Whether mails must not name the workspace (site setting ``coalition.mail_hide_workspace_titles``)."""
    return bool(api.portal.get_registry_record(HIDE_TITLES_RECORD, default=False))
