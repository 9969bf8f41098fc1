"""The pages of the second factor.

- ``@@two-factor``: a person's own page. Set up (QR code, the key in text, confirm with a code), then the
  recovery codes once; later new recovery codes or switching it off (both with a current code).
- ``@@two-factor-reset``: coordinators and site administrators remove a member's second factor (lost
  phone); audited, and every session of the member ends.
- ``@@two-factor-settings``: site administrators choose who must use it.
"""

from AccessControl import Unauthorized
from coalition.intranet import _
from coalition.intranet.errors import error_texts
from coalition.intranet.security.twofactor import api as twofactor
from coalition.intranet.security.twofactor import settings as twofactor_settings
from coalition.intranet.workspaces import api as workspaces
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zope.i18n import translate


NOT_CACHED = "no-store, private"  # the page may hold a secret or recovery codes
SEARCH_LIMIT = 50
HIDDEN_GROUPS = ("AuthenticatedUsers",)


def _no_store(response) -> None:
    response.setHeader("Cache-Control", NOT_CACHED)
    response.setHeader("Pragma", "no-cache")


class TwoFactorView(BrowserView):
    """A person's own second factor."""

    template = ViewPageTemplateFile("templates/two_factor.pt")

    pending = None
    recovery_codes = None
    error_texts = ()
    error_form = None

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in first.")
        user = api.user.get_current()
        self.user_id, self.login_name = user.getId(), user.getUserName()
        _no_store(self.request.response)
        # A personal page: no portlets beside it (the site root's events portlet has no place here).
        self.request.set("disable_plone.rightcolumn", True)
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            redirect = self.handle(self.request.form)
            if redirect:
                self.request.response.redirect(self.url())
                return ""
        if self.recovery_codes is None and self.pending is None and not twofactor.is_enrolled(self.user_id):
            self.pending = twofactor.start_enrolment(self.user_id, self.login_name)
        self.status = twofactor.status(self.user_id)
        return self.template()

    def url(self) -> str:
        return f"{api.portal.get().absolute_url()}/@@two-factor"

    def handle(self, form) -> bool:
        """Carry out the submitted form; True when the page should be loaded again (nothing to show once)."""
        code = (form.get("code") or "").strip()
        try:
            if "enrol" in form:
                self.error_form = "enrol"
                self.pending = twofactor.resume_enrolment(self.user_id, self.login_name, form.get("token") or "")
                self.recovery_codes = twofactor.enrol(self.user_id, self.pending, code)
                self.pending = None
            elif "renew" in form:
                self.error_form = "renew"
                self.recovery_codes = twofactor.new_recovery_codes(self.user_id, code)
            elif "switch_off" in form:
                self.error_form = "switch_off"
                twofactor.switch_off(self.user_id, code)
                api.portal.show_message(
                    _("twofactor_switched_off", default="Two-step login is off. Your password alone logs you in."),
                    self.request,
                )
                return True
        except twofactor.TwoFactorError as error:
            self.error_texts = error_texts(self.request, error)
            return False
        self.error_form = None
        return False

    def has_error(self, form_name: str) -> bool:
        return bool(self.error_texts) and self.error_form == form_name

    def intranet_url(self) -> str:
        return f"{api.portal.get().absolute_url()}/intranet"


class TwoFactorResetView(BrowserView):
    """Coordinators and site administrators reset the second factor of a member who lost their phone."""

    template = ViewPageTemplateFile("templates/two_factor_reset.pt")

    def __call__(self):
        if not twofactor.may_reset():
            raise Unauthorized(twofactor.RESET_PERMISSION)
        self.request.set("disable_plone.rightcolumn", True)
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.handle(self.request.form)
            query = self.request.form.get("q", "")
            self.request.response.redirect(f"{self.url()}?{urlencode({'q': query})}" if query else self.url())
            return ""
        return self.template()

    def url(self) -> str:
        return f"{api.portal.get().absolute_url()}/@@two-factor-reset"

    def handle(self, form) -> None:
        user_id = (form.get("user_id") or "").strip()
        try:
            removed = twofactor.reset(user_id)
        except twofactor.TwoFactorError as error:
            for text in error_texts(self.request, error):
                api.portal.show_message(text, self.request, type="error")
            return
        name = workspaces.display_name_with_id(user_id)
        message = (
            _(
                "twofactor_reset_done",
                default="The second factor of ${name} is removed and all their sessions have ended. They set it up "
                "again at their next login.",
                mapping={"name": name},
            )
            if removed
            else _(
                "twofactor_reset_nothing",
                default="${name} had no second factor; all their sessions have ended.",
                mapping={"name": name},
            )
        )
        api.portal.show_message(message, self.request)

    def query(self) -> str:
        return (self.request.form.get("q") or "").strip()

    def confirming(self) -> dict | None:
        """The person whose reset waits for confirmation (``?confirm=<user id>``), if it may be done."""
        user_id = (self.request.form.get("confirm") or "").strip()
        if not user_id or api.portal.get().acl_users.getUserById(user_id) is None:
            return None
        row = self._row(user_id)
        return None if row["refusal"] else row

    def cancel_url(self) -> str:
        query = self.query()
        return f"{self.url()}?{urlencode({'q': query})}" if query else self.url()

    def people(self) -> list[dict]:
        """Accounts matching the search (name, login name, e-mail), else everyone with a second factor."""
        query = self.query()
        if query:
            acl_users = api.portal.get().acl_users
            found = {}
            for criterion in ("fullname", "login", "email", "id"):
                for info in acl_users.searchUsers(**{criterion: query}):
                    found.setdefault(info.get("userid") or info.get("id"), None)
            user_ids = [user_id for user_id in found if user_id][:SEARCH_LIMIT]
        else:
            user_ids = twofactor.enrolled_user_ids()
        rows = [self._row(user_id) for user_id in user_ids]
        return sorted(rows, key=lambda row: row["name"].lower())

    def _row(self, user_id: str) -> dict:
        status = twofactor.status(user_id)
        refusal = twofactor.reset_refusal(user_id)
        name = workspaces.display_name_with_id(user_id)
        return {
            "user_id": user_id,
            "name": name,
            "enrolled": status.enrolled,
            "since": status.enrolled_at.strftime("%Y-%m-%d") if status.enrolled_at else "",
            "required": status.required,
            "refusal": refusal,
            "confirm_url": f"{self.url()}?{urlencode({'confirm': user_id, 'q': self.query()})}",
            "label": translate(
                _(
                    "label_two_factor_reset_person",
                    default="Reset the second factor of ${name}",
                    mapping={"name": name},
                ),
                context=self.request,
            ),
        }


class TwoFactorSettingsView(BrowserView):
    """Site administrators choose who must use two-step login."""

    template = ViewPageTemplateFile("templates/two_factor_settings.pt")

    def __call__(self):
        self.request.set("disable_plone.rightcolumn", True)
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if self.save(self.request.form):
                self.request.response.redirect(f"{api.portal.get().absolute_url()}/@@two-factor-settings")
                return ""
        return self.template()

    def save(self, form) -> bool:
        chosen = form.get("required_groups") or []
        chosen = [chosen] if isinstance(chosen, str) else list(chosen)
        known = {group["id"] for group in self.groups()}
        unknown = [group_id for group_id in chosen if group_id not in known]
        if unknown:
            api.portal.show_message(
                _(
                    "twofactor_unknown_groups",
                    default="There is no such group: ${groups}. Nothing was changed.",
                    mapping={"groups": ", ".join(unknown)},
                ),
                self.request,
                type="error",
            )
            return False
        twofactor_settings.save_settings(
            chosen, bool(form.get("organisation_admins")), bool(form.get("roster_members"))
        )
        api.portal.show_message(_("twofactor_settings_saved", default="Changes saved."), self.request)
        return True

    def settings(self):
        return twofactor_settings.twofactor_settings()

    def groups(self) -> list[dict]:
        required = set(self.settings().required_groups or ())
        groups = [
            {
                "id": group.getId(),
                "title": group.getProperty("title") or group.getId(),
                "checked": group.getId() in required,
            }
            for group in api.group.get_groups()
            if group.getId() not in HIDDEN_GROUPS
        ]
        return sorted(groups, key=lambda group: group["title"].lower())

    def reset_url(self) -> str:
        return f"{api.portal.get().absolute_url()}/@@two-factor-reset"
