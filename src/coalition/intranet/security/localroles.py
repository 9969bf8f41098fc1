"""Local roles changed during a request must count at once, in the same request too."""

from coalition.intranet.compat import forget_local_role_checks
from zope.globalrequest import getRequest


def forget_cached_local_roles() -> None:
    """Drop the request's cache of local-role checks, so a roster or grant changed earlier in the request counts.

    Without this, someone taken off a roster (or granted access to a case) and then asked about in the same
    request (a script, a test, a view that changes access and then renders) would be judged with old roles.
    """
    request = getRequest()
    if request is not None:
        forget_local_role_checks(request)
