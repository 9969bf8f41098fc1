"""The roster page of a workspace: who is on it with which role; add, invite, change role, remove."""

from coalition.intranet import _
from coalition.intranet.errors import show_error
from coalition.intranet.workspaces import api as workspaces
from plone import api
from plone.protect import CheckAuthenticator
from plone.protect.authenticator import createToken
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
import transaction
from zope.i18n import translate


class RosterView(BrowserView):
    """``@@roster``: read-only for the roster and coordinators; the forms only for holders of Manage roster.

    Changes are POSTed with Plone's CSRF token and made by ``workspaces.api``, which checks the permission
    again and writes the audit log; a refused change comes back as a status message.
    """

    index = ViewPageTemplateFile("templates/roster.pt")

    def __call__(self):
        self.invitee = ""
        self.invite_role = "WorkspaceMember"
        if self.request.method == "POST" and self.handle_post():
            self.request.response.redirect(f"{self.context.absolute_url()}/@@roster")
            return ""
        return self.index()

    # Reading

    @property
    def can_manage(self) -> bool:
        return workspaces.may_manage_roster(self.context)

    @property
    def current_userid(self) -> str:
        return api.user.get_current().getId() or ""

    def roles(self) -> list[dict]:
        return [
            {"id": role, "title": translate(workspaces.ROLE_TITLES[role], context=self.request)}
            for role in workspaces.WORKSPACE_ROLES
        ]

    def entries(self) -> list[dict]:
        current = self.current_userid
        rows = []
        for entry in workspaces.roster_entries(self.context):
            rows.append(
                {
                    "userid": entry.userid,
                    "name": entry.fullname,
                    "email": entry.email,
                    "role": entry.role,
                    "role_title": translate(workspaces.ROLE_TITLES[entry.role], context=self.request),
                    "is_self": entry.userid == current,
                }
            )
        return rows

    def remove_label(self, name: str) -> str:
        return translate(
            _("label_remove_person", default="Remove ${name}", mapping={"name": name}), context=self.request
        )

    def authenticator(self) -> str:
        return createToken()

    def reset_link_days(self) -> int:
        return int(api.portal.get_tool("portal_password_reset").getExpirationTimeout() or 0)

    # Changing

    def _say(self, message, kind="info") -> None:
        IStatusMessage(self.request).add(translate(message, context=self.request), kind)

    def handle_post(self) -> bool:
        """Apply the submitted change; True when done (the page redirects), False to show the form again."""
        CheckAuthenticator(self.request)
        form = self.request.form
        try:
            if "form.buttons.invite" in form:
                self.invitee = form.get("invitee", "").strip()
                self.invite_role = form.get("role", "")
                self._say(self._invite(self.invitee, self.invite_role))
            elif "form.buttons.change_role" in form:
                self._say(self._change_role(form.get("userid", ""), form.get("role", "")))
            elif "form.buttons.remove" in form:
                self._say(self._remove(form.get("userid", "")))
            else:
                return False
        except workspaces.RosterError as error:
            # The rules refuse before writing anything; dooming the transaction makes sure of it.
            transaction.doom()
            show_error(self.request, error)
            return False
        return True

    def _role_title(self, role: str) -> str:
        return translate(workspaces.ROLE_TITLES.get(role, role), context=self.request)

    def _invite(self, invitee: str, role: str):
        invitation = workspaces.invite_member(self.context, invitee, role)
        name = workspaces.display_name(invitation.userid)
        if invitation.account_created:
            return _(
                "roster_msg_invited",
                default="An invitation has been sent to ${email}. The new account's user name is ${userid}.",
                mapping={"email": invitee, "userid": invitation.userid},
            )
        if invitation.previous_role == role:
            return _("roster_msg_unchanged", default="${name} already has this role.", mapping={"name": name})
        if invitation.previous_role is None:
            return _(
                "roster_msg_added",
                default="${name} is now on the roster as ${role}.",
                mapping={"name": name, "role": self._role_title(role)},
            )
        return _(
            "roster_msg_role_changed",
            default="${name} is now ${role}.",
            mapping={"name": name, "role": self._role_title(role)},
        )

    def _change_role(self, userid: str, role: str):
        previous = workspaces.set_member(self.context, userid, role)
        name = workspaces.display_name(userid)
        if previous == role:
            return _("roster_msg_unchanged", default="${name} already has this role.", mapping={"name": name})
        return _(
            "roster_msg_role_changed",
            default="${name} is now ${role}.",
            mapping={"name": name, "role": self._role_title(role)},
        )

    def _remove(self, userid: str):
        workspaces.remove_member(self.context, userid)
        return _(
            "roster_msg_removed",
            default="${name} has been removed from the roster.",
            mapping={"name": workspaces.display_name(userid)},
        )
