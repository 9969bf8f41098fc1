"""``/intranet/@@audit-log``: the audit log for coordinators, newest first, in pages."""

from coalition.intranet import _
from coalition.intranet.batching import batch_start
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

# One label for every action the platform records (tests/security/test_audit_log_labels.py finds them all
# in the source: a new action without a label fails there).
ACTION_TITLES = {
    "workspace.created": _("audit_workspace_created", default="Workspace created"),
    "workspace.sharing_changed": _("audit_sharing_changed", default="Sharing changed by a site administrator"),
    "roster.added": _("audit_roster_added", default="Added to the roster"),
    "roster.invited": _("audit_roster_invited", default="Invited (new account)"),
    "roster.role_changed": _("audit_roster_role_changed", default="Role changed"),
    "roster.removed": _("audit_roster_removed", default="Removed from the roster"),
    "case.access_granted": _("audit_case_access_granted", default="Access to the case file granted"),
    "case.access_revoked": _("audit_case_access_revoked", default="Access to the case file revoked"),
    "case.consent_recorded": _("audit_case_consent_recorded", default="Publication consent recorded"),
    "case.assessment_started": _("audit_case_assessment_started", default="Assessment started"),
    "case.decided": _("audit_case_decided", default="Decision recorded"),
    "case.published": _("audit_case_published", default="Profile published (act of publication)"),
    "case.retracted": _("audit_case_retracted", default="Profile retracted"),
    "criteria.version_adopted": _("audit_criteria_version_adopted", default="Criteria version adopted"),
    "definition.published": _("audit_definition_published", default="Definition published"),
    "ballot.started": _("audit_ballot_started", default="Ballot opened"),
    "ballot.voted": _("audit_ballot_voted", default="Vote cast"),
    "ballot.vote_changed": _("audit_ballot_vote_changed", default="Vote changed"),
    "ballot.closed": _("audit_ballot_closed", default="Ballot closed"),
    "ballot.text_change_kept": _(
        "audit_ballot_text_change_kept", default="Vote kept on the original text after the document changed"
    ),
}
# An action that reads differently when a detail says so: (action, detail, value) -> label.
ACTION_VARIANT_TITLES = {
    ("case.retracted", "automatic", "yes"): _(
        "audit_case_retracted_automatic", default="Profile retracted automatically (the grounds for publication fell)"
    ),
}


def action_title(action: str, details: dict):
    """The label of an audit entry's action (a translatable message), or the action id if it has none."""
    for (variant_action, name, value), title in ACTION_VARIANT_TITLES.items():
        if action == variant_action and details.get(name) == value:
            return title
    return ACTION_TITLES.get(action, action)


class AuditLogView(BrowserView):
    """A readable table of the audit log. The log itself is kept by ``security.audit``."""

    index = ViewPageTemplateFile("templates/audit_log.pt")

    def __call__(self):
        portal_path = api.portal.get().getPhysicalPath()
        if self.context.getPhysicalPath() != (*portal_path, structure.INTRANET_ID):
            raise NotFound("The audit log is at /intranet/@@audit-log.")
        return self.index()

    def batch(self):
        return Batch(audit.entries(), PAGE_SIZE, batch_start(self.request.form))

    def _t(self, message) -> str:
        return translate(message, context=self.request)

    def _person(self, userid: str) -> str:
        if not userid:
            return self._t(_("audit_actor_system", default="System (installation or script)"))
        return workspaces.display_name_with_id(userid)

    def _action(self, action: str, details: dict) -> str:
        title = action_title(action, details)
        return title if title == action else self._t(title)

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
                    "action": self._action(entry.action, details),
                    "target_title": entry.target_title,
                    "target_url": portal_url + entry.target_path,
                    "what": ", ".join(what),
                }
            )
        return rows
