"""Plone channels that would reveal where private content lives, closed for people who may not see it.

- ``resolveuid/<uid>`` redirects to the object's URL, found with an unrestricted catalog search: the path
  (ids made from titles) of a private item leaked to anyone holding its UID.
- The 404 page redirects old URLs of moved or renamed items to their new URL without asking whether the
  visitor may see the new place.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from coalition.intranet.compat import redirect_held
from coalition.intranet.compat import user_from_request_credentials
from plone import api
from plone.app.redirector.browser import FourOhFourView
from plone.app.uuid.utils import uuidToObject
from plone.outputfilters.browser.resolveuid import ResolveUIDView
from zExceptions import NotFound


def _may_view(obj) -> bool:
    return bool(getSecurityManager().checkPermission("View", obj))


class GuardedResolveUIDView(ResolveUIDView):
    """Redirect only to objects the visitor may view; otherwise ask for a login (Anonymous) or say not found."""

    def __call__(self):
        obj = uuidToObject(self.uuid, unrestricted=True) if self.uuid else None
        if obj is None:
            raise NotFound("The link you followed is broken")
        if not _may_view(obj):
            if api.user.is_anonymous():
                raise Unauthorized("resolveuid")
            raise NotFound("The link you followed is broken")
        return super().__call__()


class GuardedFourOhFourView(FourOhFourView):
    """Follow a redirection only when the visitor may view its target."""

    def attempt_redirect(self):
        response = self.request.response
        # Let Plone find the redirection, but hold the answer back until the target is checked.
        with redirect_held(response) as captured:
            found = super().attempt_redirect()
        if not found or not captured or not self._may_view_location(captured["location"]):
            return False
        response.redirect(captured["location"], status=captured["status"], lock=captured["lock"])
        return True

    def _may_view_location(self, location: str) -> bool:
        try:
            path = self.request.physicalPathFromURL(location)
        except ValueError:
            return False  # outside this site: not ours to follow
        portal = api.portal.get()
        target = portal.unrestrictedTraverse("/".join(path), None)
        if target is None:
            return False
        return bool(requesting_user(self.request).has_permission("View", target))


def requesting_user(request):
    """The user making the request, also during traversal, before Zope has authenticated the request
    (a 404, a traversal hook): the security manager's user once known, else the request's credentials."""
    user = getSecurityManager().getUser()
    if api.user.is_anonymous():
        user = user_from_request_credentials(api.portal.get().acl_users, request) or user
    return user
