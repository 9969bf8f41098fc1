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


def set_local_role(obj, principal: str, role: str | None, family) -> None:
    """Give ``principal`` the one role ``role`` of ``family`` on ``obj`` (with None: none of them); their
    other local roles stay. A workspace role (a roster) and a grant on a case file are such families."""
    kept = [r for r in obj.get_local_roles_for_userid(principal) if r not in family]
    if role is not None:
        obj.manage_setLocalRoles(principal, kept + [role])
    elif kept:
        obj.manage_setLocalRoles(principal, kept)
    else:
        obj.manage_delLocalRoles([principal])
