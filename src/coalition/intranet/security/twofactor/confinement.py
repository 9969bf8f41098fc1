"""A person who must use two-step login but has not set it up opens nothing but the enrolment page.

They may log in with their password in a browser (there is no other way to set up the second factor), and
are then sent to ``@@two-factor`` from every page until it is on; logging out and the site's static
resources stay reachable. Scripts with an older token get a 403 with the reason instead of a redirect.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from coalition.intranet.security.twofactor import api as twofactor
from plone import api
from plone.rest.interfaces import IAPIRequest
from zExceptions import Forbidden
from zExceptions import Redirect
from zope.i18n import translate


ENROLMENT_VIEW = "two-factor"
# Views a person without their required second factor may still open.
OPEN_VIEWS = {ENROLMENT_VIEW, "logout", "logged-out", "login", "login_form", "logout-everywhere", "favicon.ico"}
# The site's static resources (styles, scripts, icons, the logo): never content.
RESOURCE_MARKERS = ("/++resource++", "/++plone++", "/++theme++", "/++webresource++", "/@@site-logo/")


def _site_user_id(site) -> str | None:
    """The id of the requester if they are a user of this site (the Zope root's operators are not)."""
    user = getSecurityManager().getUser()
    if user is None or user.getId() is None:
        return None
    folder = aq_parent(aq_inner(user))
    if folder is None or aq_base(folder) is not aq_base(site.acl_users):
        return None
    return user.getId()


def _is_open(request) -> bool:
    path = request.get("PATH_INFO", "") or ""
    if any(marker in path for marker in RESOURCE_MARKERS):
        return True
    last = path.rstrip("/").rsplit("/", 1)[-1].removeprefix("@@")
    return last in OPEN_VIEWS


def confine_until_enrolled(event) -> None:
    """Subscriber of ``IPubAfterTraversal``."""
    request = event.request
    try:
        site = api.portal.get()
    except api.exc.CannotGetPortalError:
        return
    user_id = _site_user_id(site)
    if user_id is None or _is_open(request) or not twofactor.needs_enrolment(user_id):
        return
    if IAPIRequest.providedBy(request):
        raise Forbidden(translate(twofactor.ENROL_FIRST, context=request))
    raise Redirect(f"{site.absolute_url()}/@@{ENROLMENT_VIEW}")
