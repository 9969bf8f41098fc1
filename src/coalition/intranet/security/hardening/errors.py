"""Error answers of the REST API without internals.

plone.rest answers every failure with ``{"type": <exception class>, "message": str(exception)}``: for a
bug or an unexpected failure that is a library's own text, which may name paths, object ids, SQL or
settings. Client errors (4xx: bad request, not found, unauthorized…) keep their message, written for the
caller; server errors tell everyone but the site's managers only that something went wrong. The HTML error
page of Plone shows no exception text to visitors already (tests/security/test_hardening.py proves both).
"""

from AccessControl import getSecurityManager
from plone.rest.errors import ErrorHandling
from Products.CMFCore.permissions import ManagePortal
from zope.component.hooks import getSite
from ZPublisher.HTTPResponse import status_codes


def _status_of(exception) -> int:
    status = getattr(exception, "status", None) or getattr(exception, "errcode", None)
    if isinstance(status, int):
        return status
    return status_codes.get(type(exception).__name__.lower(), 500)


class DiscreetErrorHandling(ErrorHandling):
    def render_exception(self, exception):
        result = super().render_exception(exception)
        if result is None or _status_of(exception) < 500:
            return result
        if getSecurityManager().checkPermission(ManagePortal, getSite()):
            return result
        return {
            "type": "InternalServerError",
            "message": "The server could not complete the request.",
            "context": result.get("context"),
        }
