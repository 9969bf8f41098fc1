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
    "login.lock_lifted": _("audit_login_lock_lifted", default="Login lock lifted"),
    "login.sessions_ended": _("audit_login_sessions_ended", default="All sessions of a person ended"),
    "campaign.supporters_exported": _(
        "audit_campaign_supporters_exported", default="Supporters of a campaign exported"
    ),
    "campaign.signature_withdrawn": _(
        "audit_campaign_signature_withdrawn", default="Signature withdrawn by the supporter"
    ),
    "campaign.supporter_confirm": _("audit_campaign_supporter_confirm", default="Supporter confirmed their signature"),
    "campaign.supporter_approve": _(
        "audit_campaign_supporter_approve", default="Supporter approved for the public list"
    ),
    "campaign.supporter_reject": _("audit_campaign_supporter_reject", default="Supporter not shown publicly"),
    "mentorship.free_text_migrated": _(
        "audit_mentorship_free_text_migrated", default="Free-text mentor turned into a draft mentor"
    ),
    "mentor.published": _("audit_mentor_published", default="Mentor's public record published"),
    "mentor.withdrawn": _("audit_mentor_withdrawn", default="Mentor's public record withdrawn"),
    "mentor.office_link_issued": _(
        "audit_mentor_office_link_issued", default="Personal link issued to a mentor's office"
    ),
    "mentor.office_link_revoked": _(
        "audit_mentor_office_link_revoked", default="Personal link of a mentor's office revoked"
    ),
    "mentorship.proposed": _("audit_mentorship_proposed", default="Mentorship proposed"),
    "mentorship.agreed": _("audit_mentorship_agreed", default="Mentorship agreed"),
    "mentorship.activated": _("audit_mentorship_activated", default="Mentorship started"),
    "mentorship.ended": _("audit_mentorship_ended", default="Mentorship ended"),
    "mentorship.handed_over": _("audit_mentorship_handed_over", default="Mentorship handed over"),
    "mentorship.offer_accepted": _("audit_mentorship_offer_accepted", default="Offer to mentor accepted"),
    "mentorship.offer_declined": _("audit_mentorship_offer_declined", default="Offer to mentor declined"),
    "mentorship.action_recorded": _("audit_mentorship_action_recorded", default="Mentor's action recorded"),
    "mentorship.action_approved": _(
        "audit_mentorship_action_approved", default="Mentor's action approved for the public record"
    ),
    "mentorship.action_made_internal": _(
        "audit_mentorship_action_made_internal", default="Mentor's action made internal"
    ),
    "case.mentorship_consent_recorded": _(
        "audit_case_mentorship_consent_recorded", default="Consent to a mentorship recorded"
    ),
    "cases.import": _("audit_cases_import", default="Case files imported"),
    "cases.import_refused": _("audit_cases_import_refused", default="Import of case files refused"),
    "case.imported": _("audit_case_imported", default="Case file created or updated by an import"),
    "cases.export": _("audit_cases_export", default="Case files exported"),
    "file.reverted": _("audit_file_reverted", default="File reverted to an earlier version"),
    "event.published": _("audit_event_published", default="Event published (public copy of a plan)"),
    "event.withdrawn": _("audit_event_withdrawn", default="Event withdrawn from the public site"),
    "event.registrations_exported": _(
        "audit_event_registrations_exported", default="Registrations of an event exported"
    ),
    "consultation.opened": _("audit_consultation_opened", default="Consultation opened"),
    "consultation.commented": _("audit_consultation_commented", default="Comment made in a consultation"),
    "consultation.answered": _("audit_consultation_answered", default="Drafters answered a consultation comment"),
    "ballot.extended": _("audit_ballot_extended", default="Ballot deadline extended"),
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
