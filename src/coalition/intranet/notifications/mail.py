"""The notification e-mails: a link and nothing else, written in the recipient's language, sent after commit.

What a mail may carry: which kind of update it is (new content, new comment), the workspace's title unless
the site hides it (registry ``coalition.mail_hide_workspace_titles``), and links. Never the title, text or
author of the item: a mailbox is much easier to read for an adversary than the intranet. Links go through
``@@open/<uid>`` because an item's own URL is made from its title.
"""

from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.notifications.digest import COMMENT
from coalition.intranet.notifications.digest import Update
from coalition.intranet.notifications.preferences import language_of
from email import policy
from email.message import EmailMessage
from email.utils import formataddr
import logging
from plone import api
import transaction
from zope.i18n import translate
from zope.i18nmessageid import Message


LOG = logging.getLogger(__name__)

OPEN_VIEW = "@@open"
PREFERENCES_VIEW = "@@notification-preferences"


class MailNotConfigured(CoalitionError, RuntimeError):
    """The site has no sender address or no SMTP host: Plone cannot send mail."""


def link_to(portal_url: str, update: Update) -> str:
    """The link a mail carries for ``update``: opaque (a UID), it opens only after login and with View."""
    link = f"{portal_url}/{OPEN_VIEW}/{update.item_uid}"
    return f"{link}#{update.comment_id}" if update.comment_id else link


def update_line(update: Update, workspace_title: str | None, link: str):
    """The one translatable sentence that describes ``update``; ``workspace_title`` None hides the workspace."""
    mapping = {"workspace": workspace_title, "link": link}
    if update.kind == COMMENT:
        if workspace_title is None:
            return _(
                "mail_new_comment_hidden", default="New comment in one of your workspaces: ${link}", mapping=mapping
            )
        return _("mail_new_comment", default="New comment in your workspace “${workspace}”: ${link}", mapping=mapping)
    if workspace_title is None:
        return _("mail_new_content_hidden", default="New content in one of your workspaces: ${link}", mapping=mapping)
    return _("mail_new_content", default="New content in your workspace “${workspace}”: ${link}", mapping=mapping)


def _footer(portal_url: str):
    return _(
        "mail_footer",
        default="You receive this e-mail because you are on the roster of a workspace. The link works once "
        "you are logged in. To choose how you are notified (at once, once a day or never), open: ${preferences}",
        mapping={"preferences": f"{portal_url}/{PREFERENCES_VIEW}"},
    )


def immediate_message(user, update: Update, workspace_title: str | None, portal_url: str) -> EmailMessage | None:
    """One mail about one update; None if the member has no e-mail address."""
    language = language_of(user)
    subject = (
        _("mail_subject_new_comment", default="New comment in your workspaces")
        if update.kind == COMMENT
        else _("mail_subject_new_content", default="New content in your workspaces")
    )
    line = update_line(update, workspace_title, link_to(portal_url, update))
    body = [translate(line, target_language=language), "", translate(_footer(portal_url), target_language=language)]
    return _message(user, translate(subject, target_language=language), body)


def digest_message(user, entries: list[tuple[Update, str | None]], portal_url: str) -> EmailMessage | None:
    """One mail listing every ``(update, workspace title or None)``; None if no address or nothing to say."""
    if not entries:
        return None
    language = language_of(user)
    subject = _("mail_subject_digest", default="Daily digest of your workspaces")
    intro = _(
        "mail_digest_intro",
        default="New in your workspaces since the last digest (${count}):",
        mapping={"count": len(entries)},
    )
    body = [translate(intro, target_language=language), ""]
    for update, workspace_title in entries:
        line = update_line(update, workspace_title, link_to(portal_url, update))
        body.append("- " + translate(line, target_language=language))
    body += ["", translate(_footer(portal_url), target_language=language)]
    return _message(user, translate(subject, target_language=language), body)


def translated(message, language: str) -> str:
    """``message`` in ``language``, with the messages in its mapping (an outcome, a status) translated too."""
    mapping = getattr(message, "mapping", None)
    if mapping and any(isinstance(value, Message) for value in mapping.values()):
        mapping = {k: translated(v, language) if isinstance(v, Message) else v for k, v in mapping.items()}
        message = Message(message, domain=message.domain, default=message.default, mapping=mapping)
    return translate(message, target_language=language)


def personal_message(user, subject, lines) -> EmailMessage | None:
    """One mail of message ids ``subject`` and ``lines`` written in ``user``'s language; None without address."""
    language = language_of(user)
    body = [translated(line, language) for line in lines]
    return _message(user, translated(subject, language), body)


def _message(user, subject: str, body_lines: list[str]) -> EmailMessage | None:
    address = (user.getProperty("email", "") or "").strip()
    if not address:
        return None
    # CRLF line ends: strict SMTP servers (aiosmtpd, Postfix) refuse bare LF as one overlong line.
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = subject
    message["From"] = formataddr(
        (
            api.portal.get_registry_record("plone.email_from_name", default="") or "",
            api.portal.get_registry_record("plone.email_from_address", default=""),
        )
    )
    message["To"] = address
    # Tell mail servers and clients this is automatic: no vacation replies back to the site.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content("\n".join(body_lines) + "\n")
    return message


class _Outbox:
    def __init__(self, mailhost):
        self.mailhost = mailhost
        self.messages: list[EmailMessage] = []


_OUTBOX_KEY = object()


def send_after_commit(messages: list[EmailMessage]) -> None:
    """Send ``messages`` once the current transaction has committed; nothing is sent if it aborts.

    A mail server that is down or refuses a message is logged and never undoes the person's own action
    (Plone's default delivery would vote against the commit and lose what they had just written).
    """
    messages = [message for message in messages if message is not None]
    if not messages:
        return
    txn = transaction.get()
    try:
        outbox = txn.data(_OUTBOX_KEY)
    except KeyError:
        outbox = _Outbox(api.portal.get_tool("MailHost"))
        txn.set_data(_OUTBOX_KEY, outbox)
        txn.addAfterCommitHook(_deliver, (outbox,))
    outbox.messages.extend(messages)


def _deliver(committed: bool, outbox: _Outbox) -> None:
    if not committed:
        return
    for message in outbox.messages:
        try:
            outbox.mailhost.send(message, mto=message["To"], mfrom=message["From"], immediate=True, charset="utf-8")
        except Exception:
            LOG.exception("Could not send a notification e-mail to %s", message["To"])
