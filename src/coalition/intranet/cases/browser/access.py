"""The "Access" tab of a case file: who sees what, explicit grants, and the access log; and Plone's
sharing form on a case file, which gives no local role to a group."""

from coalition.intranet import _
from coalition.intranet.cases import api as cases
from coalition.intranet.cases.access import is_group
from coalition.intranet.cases.access import organisation_by_id
from coalition.intranet.errors import show_error
from coalition.intranet.workspaces.api import display_name
from coalition.intranet.workspaces.api import display_name_with_id
from plone import api
from plone.app.workflow.browser.sharing import SharingView
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
import transaction
from zExceptions import BadRequest
from zope.i18n import translate


THROUGH_TITLES = {
    "roster": _("case_access_through_roster", default="Roster of the nominating organisation"),
    "grant": _("case_access_through_grant", default="Granted on this case"),
    "organisation": _(
        "case_access_through_organisation", default="Member organisation granted on this case (its admins and members)"
    ),
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
            # The API refuses before writing anything; dooming the transaction makes sure of it.
            transaction.doom()
            show_error(self.request, error)

    def may_manage(self):
        return api.user.has_permission(cases.MANAGE_ACCESS, obj=self.context)

    def may_read_log(self):
        return api.user.has_permission(cases.READ_ACCESS_LOG, obj=self.context)

    def entries(self):
        return [
            {
                "principal": entry.principal,
                "name": self._name(entry),
                "members": ", ".join(display_name(member) for member in entry.members),
                "through": translate(THROUGH_TITLES[entry.through], context=self.request),
                "confidential": entry.confidential,
                "revocable": entry.through in ("grant", "organisation"),
            }
            for entry in cases.access_overview(self.context)
        ]

    def _name(self, entry):
        if entry.through == "organisation":
            organisation = organisation_by_id(entry.principal)
            return organisation.Title() if organisation is not None else entry.principal
        return display_name(entry.principal)

    def organisations(self):
        """The member organisations one may grant access to, for the grant form's suggestions."""
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.unrestrictedSearchResults(portal_type="Organisation", sort_on="sortable_title")
        return [{"id": brain.getId, "title": brain.Title} for brain in brains]

    def log_entries(self):
        """The latest reads, with their time to the minute (and exact in ``iso``) and who by name."""
        if not self.may_read_log():
            return []
        return [
            {
                "iso": entry["when"][:19] + "Z",  # the log writes UTC ISO times
                "when": entry["when"][:16].replace("T", " ") + " UTC",
                "user": display_name_with_id(entry["user"]) if entry["user"] != "Anonymous" else entry["user"],
                "what": entry["what"],
            }
            for entry in cases.access_log(self.context, limit=100)
        ]


def _groups_given_roles(settings) -> list[str]:
    """Ids of the groups to which ``settings`` (``[{"id": …, "roles": […]}]``) give any local role."""
    return sorted({entry["id"] for entry in settings if entry.get("roles") and is_group(entry["id"])})


def _groups_refused_message(groups):
    return _(
        "case_error_sharing_groups",
        default="Local roles on a case file are for named users only, never for groups (${groups}). Nothing was "
        "changed. Grant access to a user or a member organisation on the Access tab.",
        mapping={"groups": ", ".join(groups)},
    )


class CaseSharingView(SharingView):
    """Plone's sharing form (``@@sharing``, ``@@updateSharingInfo`` and the REST ``@sharing``, which calls
    ``update_role_settings``) on a case file: a change that gives a group a local role is refused whole."""

    def handle_form(self):
        form = self.request.form
        if form.get("form.submitted") and form.get("form.button.Save") is not None:
            groups = _groups_given_roles(self._submitted_settings())
            if groups:
                api.portal.show_message(_groups_refused_message(groups), request=self.request, type="error")
                return True
        return super().handle_form()

    def _submitted_settings(self):
        roles = [role["id"] for role in self.roles()]
        return [
            {"id": entry["id"], "roles": [role for role in roles if entry.get(f"role_{role}", False)]}
            for entry in self.request.form.get("entries", [])
        ]

    def update_role_settings(self, new_settings, reindex=True):
        groups = _groups_given_roles(new_settings)
        if groups:
            raise BadRequest(translate(_groups_refused_message(groups), context=self.request))
        return super().update_role_settings(new_settings, reindex=reindex)
