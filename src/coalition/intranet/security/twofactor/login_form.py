"""Plone's login form with a field for the second factor's code, and the password-reset form that does
not log in a person who has a second factor.

One step: login name, password and code in one form. The guard (``security/login/plugin.py``) reads the
code from the same request in which PAS checks the password, so no half-logged-in state exists between two
steps (plone.session issues its cookie only after the whole login succeeded). Who has no second factor
leaves the field empty.
"""

from coalition.intranet import _
from coalition.intranet.security.login.plugin import OTP_FIELD
from coalition.intranet.security.login.plugin import recovery_codes_left
from coalition.intranet.security.twofactor import api as twofactor
from pathlib import Path
from plone import api
from plone.base import PloneMessageFactory as plone_message
from Products.CMFPlone.browser.login import login as plone_login
from Products.CMFPlone.browser.login.password_reset import PasswordResetView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from z3c.form import button
from z3c.form import field
from zope import schema
from zope.interface import Interface


PLONE_TEMPLATES = Path(plone_login.__file__).parent / "templates"
CODE_INPUT = ViewPageTemplateFile("templates/login_code_input.pt")

LOGIN_FAILED = _(
    "twofactor_login_failed",
    default="Login failed. Check your login name, your password and, if two-step login is on for your "
    "account, the code from your authenticator app. Login name and password are case sensitive.",
)


class ISecondFactorField(Interface):
    ac_otp = schema.TextLine(
        title=_("label_login_code", default="Code from your authenticator app, or a recovery code"),
        description=_(
            "help_login_code",
            default="Only if two-step login is on for your account. Leave it empty otherwise.",
        ),
        required=False,
    )


class LoginForm(plone_login.LoginForm):
    """The login form of the site, with the code of the second factor."""

    fields = (
        field.Fields(plone_login.ILoginFormSchema).select("ac_name", "ac_password")
        + field.Fields(ISecondFactorField)
        + field.Fields(plone_login.ILoginFormSchema).select("came_from")
    )
    index = ViewPageTemplateFile(str(PLONE_TEMPLATES / "login.pt"))

    def updateWidgets(self):
        super().updateWidgets()
        widget = self.widgets["ac_otp"]
        widget.name = widget.id = OTP_FIELD
        widget.klass = f"{widget.klass or ''} coalition-login-code".strip()
        # Phones offer the code from the authenticator (or a numeric keyboard): autocomplete="one-time-code".
        widget.template = CODE_INPUT

    @button.buttonAndHandler(plone_message("Log in"), name="login")
    def handleLogin(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        messages = IStatusMessage(self.request)
        if api.user.is_anonymous():
            self.request.response.expireCookie("__ac", path="/")
            messages.addStatusMessage(LOGIN_FAILED, "error")
            return
        is_initial_login = self._post_login()
        user_id = api.user.get_current().getId()
        left = recovery_codes_left(self.request)
        if left is not None:
            messages.addStatusMessage(
                _(
                    "twofactor_recovery_code_used",
                    default="You logged in with a recovery code; ${count} are left. Make new ones on the "
                    "two-step login page if few are left, and set up your authenticator app again.",
                    mapping={"count": left},
                ),
                "warning",
            )
        if twofactor.needs_enrolment(user_id):
            messages.addStatusMessage(
                _(
                    "twofactor_set_up_now",
                    default="Your account must use two-step login. Set it up now to continue.",
                ),
                "info",
            )
            self.request.response.redirect(f"{api.portal.get().absolute_url()}/@@two-factor")
            return
        messages.addStatusMessage(
            plone_message("you_are_now_logged_in", default="Welcome! You are now logged in."), "info"
        )
        self.redirect_after_login(data.get("came_from", None), is_initial_login)


class FailsafeLoginForm(LoginForm):
    index = ViewPageTemplateFile(str(PLONE_TEMPLATES / "login_failsafe.pt"))

    def render(self):
        self._set_no_cache_headers()
        return self.index()


class GuardedPasswordReset(PasswordResetView):
    """Setting a new password through the mailed link does not log in a person who has a second factor:
    the link proves access to the mailbox, not to the phone. They log in with the new password and a code."""

    def _auto_login(self, userid, password):
        from Products.CMFPlone.RegistrationTool import get_member_by_login_name

        member = get_member_by_login_name(self.context, userid, False)
        if member is not None and twofactor.is_enrolled(member.getId()):
            IStatusMessage(self.request).addStatusMessage(
                _(
                    "twofactor_password_set_log_in",
                    default="Your new password is set. Log in with it and the code from your authenticator app.",
                ),
                "info",
            )
            return self.finish()
        return super()._auto_login(userid, password)
