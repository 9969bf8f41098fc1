"""The public API of notifications: tell a workspace's roster about new content and comments, send digests.

The rules:

- recipients are the roster of the item's workspace (groups count with their members), minus the person who
  acted, and only those who may View the item at that moment: a person taken off a roster gets nothing more;
- each person chooses ``immediate`` (one mail per update), ``daily`` (queued for ``send_digests``) or ``off``;
- mails carry links only (see ``mail.py``), in the recipient's language;
- a digest drops what its reader can no longer View when it is sent.
"""

from coalition.intranet.mail import hide_workspace_titles
from coalition.intranet.mail import mail_is_configured
from coalition.intranet.notifications import digest
from coalition.intranet.notifications import mail
from coalition.intranet.notifications.digest import COMMENT
from coalition.intranet.notifications.digest import CONTENT
from coalition.intranet.notifications.digest import Update
from coalition.intranet.notifications.mail import MailNotConfigured
from coalition.intranet.notifications.mail import send_after_commit
from coalition.intranet.notifications.preferences import DAILY
from coalition.intranet.notifications.preferences import IMMEDIATE
from coalition.intranet.notifications.preferences import OFF
from coalition.intranet.notifications.preferences import preference_of
from coalition.intranet.notifications.preferences import set_preference
from coalition.intranet.notifications.recipients import can_view
from coalition.intranet.notifications.recipients import recipients_for
from coalition.intranet.notifications.recipients import workspace_of
from coalition.intranet.security.api import forget_cached_local_roles
from datetime import datetime
import logging
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.uuid.utils import uuidToObject
from plone.uuid.interfaces import IUUID
import time


LOG = logging.getLogger(__name__)

__all__ = [
    "COMMENT",
    "CONTENT",
    "DAILY",
    "IMMEDIATE",
    "OFF",
    "MailNotConfigured",
    "notify_update",
    "pending_updates",
    "preference_of",
    "recipients_for",
    "send_after_commit",
    "send_digests",
    "send_to_people",
    "set_preference",
]


def _workspace_title(item, hide: bool) -> str | None:
    workspace = workspace_of(item, include_self=True)
    if hide or workspace is None:
        return None
    return workspace.Title()


def notify_update(site, item, kind: str, actor_id: str | None, comment=None, when: float | None = None) -> None:
    """Tell the roster of ``item``'s workspace about a new item (``kind`` CONTENT) or comment (COMMENT).

    Mail for ``immediate`` readers leaves when the transaction commits; ``daily`` readers get the update
    queued for their digest.
    """
    comment_id = str(comment.comment_id) if comment is not None else ""
    update = Update(when or time.time(), kind, IUUID(item), comment_id)
    now = []
    for user in recipients_for(item, actor_id, comment=comment):
        preference = preference_of(user)
        if preference == DAILY:
            digest.enqueue(site, user.getId(), update)
        elif preference == IMMEDIATE:
            now.append(user)
    if not now:
        return
    if not mail_is_configured():
        LOG.info("Mail is not configured: %d notification(s) not sent", len(now))
        return
    portal_url = site.absolute_url()
    title = _workspace_title(item, hide_workspace_titles())
    mail.send_after_commit([mail.immediate_message(user, update, title, portal_url) for user in now])


def pending_updates(site, user_id: str) -> list[Update]:
    """What waits for ``user_id``'s next digest, oldest first."""
    return digest.pending(site, user_id)


def _resolve(update: Update):
    item = uuidToObject(update.item_uid, unrestricted=True)
    if item is None or not update.comment_id:
        return item, None
    conversation = IConversation(item, None)
    comment = conversation.get(update.comment_id) if conversation is not None else None
    return item, comment


def _digest_entries(user, updates: list[Update], hide: bool) -> list[tuple[Update, str | None]]:
    entries, seen = [], set()
    for update in updates:
        if (update.item_uid, update.comment_id) in seen:
            continue
        seen.add((update.item_uid, update.comment_id))
        item, comment = _resolve(update)
        if item is None or not can_view(user, item):
            continue
        if update.comment_id and (comment is None or not can_view(user, comment)):
            continue
        entries.append((update, _workspace_title(item, hide)))
    return entries


def send_digests(site, now: datetime | None = None, portal_url: str | None = None, progress=None) -> int:
    """Send everyone with queued updates one digest and empty their queue; return how many were sent.

    Updates queued after ``now`` wait for the next run. What a reader can no longer View is dropped, and
    so is the queue of someone who chose ``off`` or has no account any more. Mails leave when the caller
    commits. ``portal_url`` is the site's public address (a console script has no request to tell it);
    ``progress`` is called with one line of text per person.
    """
    if not mail_is_configured():
        raise MailNotConfigured("Set the site's sender address and SMTP server before sending digests.")
    until = (now or datetime.now()).timestamp()
    portal_url = (portal_url or site.absolute_url()).rstrip("/")
    hide = hide_workspace_titles()
    forget_cached_local_roles()
    report = progress or (lambda line: None)
    sent = 0
    for user_id in digest.users_with_pending(site):
        user = api.user.get(userid=user_id)
        if user is None or preference_of(user) == OFF:
            digest.discard(site, user_id)
            report(f"{user_id}: queue emptied, no digest wanted")
            continue
        updates = digest.take(site, user_id, until)
        if not updates:
            continue
        entries = _digest_entries(user, updates, hide)
        message = mail.digest_message(user, entries, portal_url)
        if message is None:
            report(f"{user_id}: nothing to send ({len(updates)} update(s) no longer visible or no address)")
            continue
        mail.send_after_commit([message])
        sent += 1
        report(f"{user_id}: digest with {len(entries)} link(s)")
    return sent


def send_to_people(user_ids, subject, lines) -> int:
    """Mail each person in ``user_ids`` (groups count with their members) one message, after commit.

    ``subject`` and each of ``lines`` are message ids, translated into each recipient's own language; like
    every notification they should carry links, never private content. People without an address are
    skipped. Returns how many mails were queued; when the site has no mail settings, none (logged).
    """
    users, seen = [], set()
    for principal in user_ids:
        group = api.group.get(groupname=principal)
        members = api.user.get_users(groupname=principal) if group is not None else [api.user.get(userid=principal)]
        for user in members:
            if user is not None and user.getId() not in seen:
                seen.add(user.getId())
                users.append(user)
    if not users:
        return 0
    if not mail_is_configured():
        LOG.info("Mail is not configured: %d message(s) not sent", len(users))
        return 0
    messages = [mail.personal_message(user, subject, lines) for user in users]
    messages = [message for message in messages if message is not None]
    mail.send_after_commit(messages)
    return len(messages)
