"""The REST API's 401 for a person who must set up the second factor and sent their right password by HTTP
Basic: the reason instead of plone.rest's "You are not authorized" (the login guard's challenge does the same
for other clients)."""

from coalition.intranet.security.login.plugin import refusal_message
from plone.rest.errors import ErrorHandling
from zope.i18n import translate


class SecondFactorUnauthorized(ErrorHandling):
    def render_exception(self, exception):
        result = super().render_exception(exception)
        message = refusal_message(self.request)
        if result is not None and message is not None:
            result.update(type="Second factor not set up", message=translate(message, context=self.request))
        return result
