"""``@@login-lockouts`` (site administrators) and ``@@logout-everywhere`` (every logged-in person)."""

from coalition.intranet import _
from coalition.intranet.security import api as audit
from coalition.intranet.security.login import api as login_api
from coalition.intranet.security.login import throttle
from datetime import datetime
from datetime import UTC
import math
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import Forbidden


def _when(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


class LoginLockoutsView(BrowserView):
    """Locked login names and client addresses; an administrator lifts a lock, or ends a person's sessions."""

    template = ViewPageTemplateFile("templates/login_lockouts.pt")

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.handle(self.request.form)
            self.request.response.redirect(f"{self.context.absolute_url()}/@@login-lockouts")
            return ""
        return self.template()

    def handle(self, form) -> None:
        portal = api.portal.get()
        if "lift" in form:
            kind, _sep, name = form.get("lift", "").partition(":")
            if login_api.lift_lock(kind, name):
                audit.record("login.lock_lifted", portal, kind=kind, name=name)
                api.portal.show_message(_("msg_lock_lifted", default="The lock is lifted."), self.request)
        elif "end_sessions" in form:
            user_id = form.get("user_id", "").strip()
            if not user_id or api.user.get(userid=user_id) is None:
                api.portal.show_message(
                    _("msg_no_such_user", default="There is no account with this user id."), self.request, type="error"
                )
                return
            login_api.end_all_sessions(user_id)
            audit.record("login.sessions_ended", portal, user=user_id)
            api.portal.show_message(
                _("msg_sessions_ended_for", default="Every session of ${user} has ended.", mapping={"user": user_id}),
                self.request,
            )

    def rows(self):
        for record in login_api.locks():
            yield {
                "kind": record.kind,
                "kind_title": _("lock_kind_account", default="Login name")
                if record.kind == throttle.ACCOUNT
                else _("lock_kind_address", default="Client address"),
                "name": record.name,
                "failures": record.failures,
                "until": None if math.isinf(record.locked_until) else _when(record.locked_until),
                "value": f"{record.kind}:{record.name}",
            }

    def settings(self):
        from coalition.intranet.security.login.settings import login_settings

        return login_settings()


class LogoutEverywhereView(BrowserView):
    """A person ends all their own sessions: every browser and every REST token, this one included."""

    template = ViewPageTemplateFile("templates/logout_everywhere.pt")

    def __call__(self):
        if api.user.is_anonymous():
            raise Forbidden()
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            user_id = api.user.get_current().getId()
            login_api.end_all_sessions(user_id)
            audit.record("login.sessions_ended", api.portal.get(), user=user_id)
            self.context.acl_users.resetCredentials(self.request, self.request.response)
            api.portal.show_message(
                _("msg_sessions_ended", default="You are logged out on every device. Log in again to continue."),
                self.request,
            )
            self.request.response.redirect(f"{api.portal.get().absolute_url()}/login")
            return ""
        return self.template()
