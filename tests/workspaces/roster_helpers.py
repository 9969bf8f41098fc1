"""Helpers of the workspace tests: an in-process MailHost and short ways to act as a demo user."""

from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from plone import api
from plone.app.testing.utils import MockMailHost


def install_mock_mailhost(portal) -> MockMailHost:
    """Replace the site's MailHost by one that keeps messages in ``.messages``, and configure a sender.

    Changes the site like any other test change: rolled back (integration) or thrown away with the
    test's database (functional).
    """
    mailhost = MockMailHost("MailHost")
    # plone.api.portal.send_email takes the MailHost tool from the site; the IMailHost utility registration
    # is left alone (changing the persistent component registry here breaks the test browser).
    portal.MailHost = mailhost
    api.portal.set_registry_record("plone.email_from_address", "coalition@example.org")
    api.portal.set_registry_record("plone.email_from_name", "Coalition")
    api.portal.set_registry_record("plone.smtp_host", "localhost")
    return mailhost


def message_text(message) -> str:
    """The decoded text of a message collected by the MockMailHost (headers and body)."""
    parsed = message_from_bytes(message if isinstance(message, bytes) else message.encode("utf-8"))
    body = parsed.get_payload(decode=True).decode(parsed.get_content_charset() or "utf-8")
    headers = "\n".join(f"{name}: {make_header(decode_header(value))}" for name, value in parsed.items())
    return f"{headers}\n\n{body}"
