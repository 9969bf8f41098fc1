"""The REST API's ``@login``: the same path for unknown names as for known ones, and the second factor.

plone.restapi looks for a user folder that knows the login name and answers 401 at once when none does:
no password is checked, so the answer comes faster for an unknown name (an account can be told from a
non-account by timing) and the failure never reaches the login guard's counter. Here an unknown name is
checked by the site's user folder like any other: the guard counts it, hashes once, and answers the same.

The code of the second factor comes in the same body: ``{"login": ..., "password": ..., "otp": ...}``. A
wrong or missing code gets the answer of a wrong password; a person who must set up the second factor
first is told to do so in a browser.
"""

from coalition.intranet import _
from coalition.intranet.security.login.plugin import mark_rest_login
from coalition.intranet.security.login.plugin import refusal_message
from plone.restapi.deserializer import json_body
from plone.restapi.services.auth.login import Login
from Products.CMFCore.utils import getToolByName
from zope.i18n import translate


LOGIN_FAILED = _(
    "rest_login_failed",
    default="Wrong login name, password or code (two-step login), or the login is locked for a while.",
)


class GuardedLogin(Login):
    def reply(self):
        try:
            data = json_body(self.request)
        except Exception:  # plone.restapi answers a body that is no JSON itself
            data = {}
        code = data.get("otp") if isinstance(data, dict) else None
        mark_rest_login(self.request, code if isinstance(code, str | int) else None)
        answer = super().reply()
        if self.request.response.getStatus() == 401:
            message = refusal_message(self.request)
            if message is not None:
                return {
                    "error": {"type": "Second factor not set up", "message": translate(message, context=self.request)}
                }
            return {"error": {"type": "Invalid credentials", "message": translate(LOGIN_FAILED, context=self.request)}}
        return answer

    def _find_userfolder(self, userid):
        found = super()._find_userfolder(userid)
        return found if found is not None else getToolByName(self.context, "acl_users")
