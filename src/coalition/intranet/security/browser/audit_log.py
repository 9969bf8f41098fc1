"""``/intranet/@@audit-log``: the audit log for coordinators, newest first, in pages."""

from coalition.intranet import _
from coalition.intranet.security import audit
from coalition.intranet.site import structure
from coalition.intranet.workspaces import api as workspaces
from plone import api
from plone.batching import Batch
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound
from zope.i18n import translate


PAGE_SIZE = 50

ACTION_TITLES = {
    "workspace.created": _("audit_workspace_created", default="Workspace created"),
    "roster.added": _("audit_roster_added", default="Added to the roster"),
    "roster.invited": _("audit_roster_invited", default="Invited (new account)"),
    "roster.role_changed": _("audit_roster_role_changed", default="Role changed"),
    "roster.removed": _("audit_roster_removed", default="Removed from the roster"),
    "workspace.sharing_changed": _("audit_sharing_changed", default="Sharing changed by a site administrator"),
}


class AuditLogView(BrowserView):
    """A readable table of the audit log. The log itself is kept by ``security.audit``."""

    index = ViewPageTemplateFile("templates/audit_log.pt")

    def __call__(self):
        portal_path = api.portal.get().getPhysicalPath()
        if self.context.getPhysicalPath() != (*portal_path, structure.INTRANET_ID):
            raise NotFound("The audit log is at /intranet/@@audit-log.")
        return self.index()

    def batch(self):
        start = self.request.form.get("b_start", 0)
        try:
            start = max(int(start), 0)
        except (TypeError, ValueError):
            start = 0
        return Batch(audit.entries(), PAGE_SIZE, start)

    def _t(self, message) -> str:
        return translate(message, context=self.request)

    def _person(self, userid: str) -> str:
        if not userid:
            return self._t(_("audit_actor_system", default="System (installation or script)"))
        name = workspaces.display_name(userid)
        return userid if name == userid else f"{name} ({userid})"

    def _role(self, role: str) -> str:
        return self._t(workspaces.ROLE_TITLES[role]) if role in workspaces.ROLE_TITLES else role

    def rows(self, batch) -> list[dict]:
        portal_url = api.portal.get().absolute_url()
        rows = []
        for entry in batch:
            details = entry.details
            what = []
            if details.get("principal"):
                what.append(self._person(details["principal"]))
            if details.get("previous_role") and details.get("role"):
                what.append(f"{self._role(details['previous_role'])} → {self._role(details['role'])}")
            elif details.get("role"):
                what.append(self._role(details["role"]))
            elif details.get("local_roles"):
                what.append(details["local_roles"])
            elif details.get("previous_role"):
                what.append(
                    self._t(
                        _(
                            "audit_was_role",
                            default="was ${role}",
                            mapping={"role": self._role(details["previous_role"])},
                        )
                    )
                )
            rows.append(
                {
                    "iso": entry.when.isoformat(),
                    "when": entry.when.strftime("%Y-%m-%d %H:%M:%S UTC"),
                    "actor": self._person(entry.actor),
                    "action": self._t(ACTION_TITLES[entry.action]) if entry.action in ACTION_TITLES else entry.action,
                    "target_title": entry.target_title,
                    "target_url": portal_url + entry.target_path,
                    "what": ", ".join(what),
                }
            )
        return rows
