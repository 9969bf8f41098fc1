"""Who is editing a working document and since when; taking over a stale lock."""

from coalition.intranet.drafting import editing
from coalition.intranet.drafting import locks
from coalition.intranet.errors import show_error
from plone.app.layout.viewlets.common import ViewletBase
from plone.locking.browser.locking import LockingOperations
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import BadRequest


class LockViewlet(ViewletBase):
    """Shown to everyone who may view the document, not only to editors as Plone's lock notice is."""

    index = ViewPageTemplateFile("templates/lock.pt")

    def update(self):
        super().update()
        self.details = locks.lock_details(self.context)
        self.own = locks.is_own_lock(self.details)
        self.may_take_over = self.details is not None and locks.may_take_over(self.context)
        self.stale_minutes = locks.stale_after_minutes()

    def since(self):
        return editing.format_time(self.details.since)


class TakeOverLockView(BrowserView):
    """POST with the CSRF token: a workspace admin takes over a stale lock and goes to the edit form."""

    def __call__(self):
        if self.request.method != "POST":
            raise BadRequest("POST only")
        CheckAuthenticator(self.request)
        try:
            details = locks.take_over(self.context)
        except locks.LockError as error:
            show_error(self.request, error)
            self.request.response.redirect(self.context.absolute_url())
            return ""
        IStatusMessage(self.request).add(locks.taken_over_message(details), "warning")
        self.request.response.redirect(f"{self.context.absolute_url()}/edit")
        return ""


class WorkingDocumentLockOperations(LockingOperations):
    """plone.locking's operations, except that breaking someone else's lock follows the take-over rule."""

    def force_unlock(self, redirect=True):
        if not locks.may_force_unlock(self.context):
            IStatusMessage(self.request).add(locks.FORCE_UNLOCK_REFUSED, "error")
            if redirect:
                self.redirect()
            return
        super().force_unlock(redirect=redirect)
