"""The "Access" tab of a case file: who sees what, explicit grants, and the access log."""

from coalition.intranet import _
from coalition.intranet.cases import api as cases
from coalition.intranet.workspaces.api import display_name
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


THROUGH_TITLES = {
    "roster": _("case_access_through_roster", default="Roster of the nominating organisation"),
    "grant": _("case_access_through_grant", default="Granted on this case"),
    "commission": _("case_access_through_commission", default="List commission (nominated cases)"),
}


class CaseAccessView(BrowserView):
    def __call__(self):
        if self.request.method == "POST":
            self._update()
            self.request.response.redirect(f"{self.context.absolute_url()}/@@case-access")
            return ""
        return self.index()

    def _update(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        try:
            if "grant" in form:
                cases.grant_access(self.context, form.get("principal", "").strip(), form.get("level", ""))
                message = _("case_access_granted", default="Access granted.")
            else:
                cases.revoke_access(self.context, form.get("principal", "").strip())
                message = _("case_access_revoked", default="Access revoked.")
            api.portal.show_message(message, request=self.request)
        except cases.CaseAccessError as error:
            api.portal.show_message(error.args[0], request=self.request, type="error")

    def may_manage(self):
        return api.user.has_permission(cases.MANAGE_ACCESS, obj=self.context)

    def may_read_log(self):
        return api.user.has_permission(cases.READ_ACCESS_LOG, obj=self.context)

    def entries(self):
        return [
            {
                "principal": entry.principal,
                "name": display_name(entry.principal),
                "through": translate(THROUGH_TITLES[entry.through], context=self.request),
                "confidential": entry.confidential,
                "revocable": entry.through == "grant",
            }
            for entry in cases.access_overview(self.context)
        ]

    def log_entries(self):
        return cases.access_log(self.context, limit=100) if self.may_read_log() else []
