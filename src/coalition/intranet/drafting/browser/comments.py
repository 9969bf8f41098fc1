"""Comment threads of a working document: plone.app.discussion's viewlet, grouped into resolvable threads."""

from coalition.intranet.drafting import comments
from coalition.intranet.drafting import editing
from coalition.intranet.errors import show_error
from plone.app.discussion.browser.comments import CommentsViewlet
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import BadRequest


class ThreadedCommentsViewlet(CommentsViewlet):
    """Threads with replies; a resolved thread is collapsed and says who resolved it and when."""

    index = ViewPageTemplateFile("templates/comments.pt")

    def threads(self):
        return comments.threads(self.context)

    def may_resolve(self):
        return comments.may_comment(self.context)

    def format_resolution_time(self, resolution):
        return editing.format_time(resolution.when)


class ResolveThreadView(BrowserView):
    """POST ``comment_id`` and ``action`` (``resolve`` or ``reopen``) with the CSRF token."""

    def __call__(self):
        if self.request.method != "POST":
            raise BadRequest("POST only")
        CheckAuthenticator(self.request)
        comment_id = self.request.form.get("comment_id")
        action = self.request.form.get("action")
        messages = IStatusMessage(self.request)
        try:
            if action == "resolve":
                comments.resolve(self.context, comment_id)
                messages.add(comments.RESOLVED_MESSAGE, "info")
            elif action == "reopen":
                comments.reopen(self.context, comment_id)
                messages.add(comments.REOPENED_MESSAGE, "info")
            else:
                raise BadRequest("Unknown action")
        except comments.ThreadError as error:
            show_error(self.request, error)
        self.request.response.redirect(f"{self.context.absolute_url()}#comment-thread-{comment_id}")
        return ""
