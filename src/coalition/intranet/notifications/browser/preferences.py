"""``@@notification-preferences``: each person chooses how they hear about their workspaces."""

from coalition.intranet import _
from coalition.intranet.notifications.preferences import DEFAULT
from coalition.intranet.notifications.preferences import preference_of
from coalition.intranet.notifications.preferences import set_preference
from plone import api
from plone.autoform import directives
from plone.autoform.form import AutoExtensibleForm
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form import button
from z3c.form import form
from z3c.form.browser.radio import RadioFieldWidget
from zope import schema
from zope.interface import Interface


class INotificationPreferences(Interface):
    directives.widget(notifications=RadioFieldWidget)
    notifications = schema.Choice(
        title=_("label_notifications", default="E-mail about new content and comments in my workspaces"),
        description=_(
            "help_notifications",
            default="The e-mails never contain the title or the text of what was added, only a link that "
            "works once you are logged in.",
        ),
        vocabulary="coalition.intranet.NotificationPreferences",
        required=True,
        default=DEFAULT,
    )


class NotificationPreferencesForm(AutoExtensibleForm, form.Form):
    schema = INotificationPreferences
    template = ViewPageTemplateFile("templates/preferences.pt")
    ignoreContext = False
    # plone.app.z3cform renders the authenticator and checks it before any button handler runs.
    enableCSRFProtection = True
    label = _("heading_notification_preferences", default="Notification preferences")
    description = _(
        "description_notification_preferences",
        default="Choose how you hear about new content and comments in the workspaces you belong to.",
    )

    def getContent(self):
        return {"notifications": preference_of(api.user.get_current())}

    @button.buttonAndHandler(_("label_save", default="Save"), name="save")
    def handle_save(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        set_preference(api.user.get_current(), data["notifications"])
        api.portal.show_message(
            _("message_notification_preferences_saved", default="Your notification preferences are saved."),
            request=self.request,
        )
        self.request.response.redirect(self.request.getURL())
