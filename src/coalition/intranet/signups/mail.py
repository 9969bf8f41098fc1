"""Plain-text mails to visitors (no account, no language preference: the mail is in the form's language)."""

from coalition.intranet.mail import mail_is_configured
from coalition.intranet.notifications.api import MailNotConfigured
from coalition.intranet.notifications.api import send_after_commit
from email import policy
from email.message import EmailMessage
from email.utils import formataddr
from plone import api


def send_mail(to: str, subject: str, body: str) -> None:
    """Send one mail to a visitor once the current transaction commits (nothing leaves if it aborts)."""
    if not mail_is_configured():
        raise MailNotConfigured("Set the site's sender address and SMTP server before visitors can sign up.")
    # CRLF line ends: strict SMTP servers (aiosmtpd, Postfix) refuse bare LF as one overlong line.
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = subject
    message["From"] = formataddr(
        (
            api.portal.get_registry_record("plone.email_from_name", default="") or "",
            api.portal.get_registry_record("plone.email_from_address", default=""),
        )
    )
    message["To"] = to
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body.rstrip("\n") + "\n")
    send_after_commit([message])
