"""Comment threads on working documents: resolved and reopened by the workspace's members.

Comments are plone.app.discussion's, enabled for ``WorkingDocument`` only. Who may read and write them is
the workspace workflow's business: ``View comments`` for the whole roster, ``Reply to item`` for admins and
members (guests read only); comments inherit the document's ``View``, so the catalog and the REST API show
them to the roster only.

A thread is a top-level comment and its replies. Resolving marks the top-level comment with who resolved it
and when; reopening clears the mark. Both need ``Reply to item`` on the document: who may take part in the
discussion may close and reopen its threads.
"""

from AccessControl import Unauthorized
from coalition.intranet import _
from coalition.intranet.errors import CoalitionError
from coalition.intranet.workspaces.api import display_name
from dataclasses import dataclass
from datetime import datetime
from datetime import UTC
from plone import api
from plone.app.discussion.interfaces import IConversation


RESOLVED_BY = "coalition_resolved_by"
RESOLVED_AT = "coalition_resolved_at"
REPLY_PERMISSION = "Reply to item"


class ThreadError(CoalitionError):
    """A resolution the rules refuse; ``message`` is safe to show."""


@dataclass(frozen=True)
class Resolution:
    """Who resolved a thread and when (aware, UTC)."""

    userid: str
    fullname: str
    when: datetime


@dataclass(frozen=True)
class Thread:
    """A top-level comment, its replies (``(comment, depth)`` in reading order) and its resolution."""

    comment: object
    replies: tuple
    resolution: Resolution | None


def may_comment(document) -> bool:
    """Whether the current user may comment, reply, resolve and reopen on ``document``."""
    return bool(api.user.has_permission(REPLY_PERMISSION, obj=document))


def resolution_of(comment) -> Resolution | None:
    """The resolution of the thread ``comment`` starts, or ``None`` while it is open."""
    userid = getattr(comment, RESOLVED_BY, None)
    when = getattr(comment, RESOLVED_AT, None)
    if not userid or when is None:
        return None
    return Resolution(userid=userid, fullname=display_name(userid), when=when)


def threads(document) -> list[Thread]:
    """The document's comment threads, oldest first, each with its replies and resolution."""
    conversation = IConversation(document, None)
    if conversation is None:
        return []
    found = []
    current = None
    replies = []
    for item in conversation.getThreads():
        comment, depth = item["comment"], item["depth"]
        if depth == 0:
            if current is not None:
                found.append(Thread(current, tuple(replies), resolution_of(current)))
            current, replies = comment, []
        else:
            replies.append((comment, depth))
    if current is not None:
        found.append(Thread(current, tuple(replies), resolution_of(current)))
    return found


def _thread_start(document, comment_id):
    if not may_comment(document):
        raise Unauthorized("Only the workspace's admins and members take part in its discussions.")
    conversation = IConversation(document)
    try:
        comment = conversation.get(str(int(comment_id)))
    except (TypeError, ValueError):
        comment = None
    if comment is None:
        raise ThreadError(_("drafting_comment_not_found", default="This comment does not exist (any more)."))
    if comment.in_reply_to:
        raise ThreadError(_("drafting_comment_not_thread", default="Only a whole thread can be resolved."))
    return comment


def resolve(document, comment_id, now: datetime | None = None) -> Resolution:
    """Mark the thread started by ``comment_id`` resolved by the current user."""
    comment = _thread_start(document, comment_id)
    if resolution_of(comment) is not None:
        raise ThreadError(_("drafting_thread_already_resolved", default="This thread is already resolved."))
    setattr(comment, RESOLVED_BY, api.user.get_current().getId())
    setattr(comment, RESOLVED_AT, now or datetime.now(UTC))
    return resolution_of(comment)


def reopen(document, comment_id) -> None:
    """Open a resolved thread again."""
    comment = _thread_start(document, comment_id)
    if resolution_of(comment) is None:
        raise ThreadError(_("drafting_thread_not_resolved", default="This thread is open."))
    setattr(comment, RESOLVED_BY, None)
    setattr(comment, RESOLVED_AT, None)


RESOLVED_MESSAGE = _("drafting_thread_resolved", default="The thread is resolved.")
REOPENED_MESSAGE = _("drafting_thread_reopened", default="The thread is open again.")
