"""Add forms of workspaces: Plone's standard add form plus the first admin, then on to the roster."""

from coalition.intranet import _
from coalition.intranet.workspaces import api as workspaces
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from Products.statusmessages.interfaces import IStatusMessage
from z3c.form import field
from z3c.form.interfaces import WidgetActionExecutionError
from zope import schema
from zope.i18n import translate
from zope.interface import Interface
from zope.interface import Invalid


class IFirstOrganisationAdmin(Interface):
    first_admin = schema.TextLine(
        title=_("label_first_organisation_admin", default="First organisation admin"),
        description=_(
            "help_first_admin",
            default="User id or e-mail address. Someone without an account receives an e-mail with a link to set "
            "a password.",
        ),
        required=True,
    )


class IFirstWorkingGroupAdmin(Interface):
    first_admin = schema.TextLine(
        title=_("label_first_working_group_admin", default="First working-group admin"),
        description=_(
            "help_first_admin_optional",
            default="Optional. User id or e-mail address. Further members are added on the roster afterwards.",
        ),
        required=False,
    )


class WorkspaceAddForm(DefaultAddForm):
    """Creates the workspace, puts the named person on its roster as admin, and opens the roster.

    The person is checked before anything is created, so a typo leaves no workspace without admin.
    """

    first_admin_schema = IFirstOrganisationAdmin

    def updateFields(self):
        super().updateFields()
        self.fields += field.Fields(self.first_admin_schema)

    def createAndAdd(self, data):
        first_admin = (data.pop("first_admin", None) or "").strip()
        if first_admin:
            try:
                workspaces.check_invitation(first_admin)
            except workspaces.RosterError as error:
                self.status = self.formErrorsMessage
                raise WidgetActionExecutionError(
                    "first_admin", Invalid(translate(error.message, context=self.request))
                ) from error
        created = super().createAndAdd(data)
        if created is None:
            return None
        self.workspace = self.container[created.getId()]
        if first_admin:
            invitation = workspaces.invite_member(self.workspace, first_admin, workspaces.ADMIN_ROLE)
            if invitation.account_created:
                message = _(
                    "roster_msg_invited",
                    default="An invitation has been sent to ${email}. The new account's user name is ${userid}.",
                    mapping={"email": first_admin, "userid": invitation.userid},
                )
                IStatusMessage(self.request).add(translate(message, context=self.request), "info")
        return created

    def nextURL(self):
        workspace = getattr(self, "workspace", None)
        if workspace is not None:
            return f"{workspace.absolute_url()}/@@roster"
        return super().nextURL()


class OrganisationAddForm(WorkspaceAddForm):
    first_admin_schema = IFirstOrganisationAdmin


class WorkingGroupAddForm(WorkspaceAddForm):
    first_admin_schema = IFirstWorkingGroupAdmin


class OrganisationAddView(DefaultAddView):
    form = OrganisationAddForm


class WorkingGroupAddView(DefaultAddView):
    form = WorkingGroupAddForm
