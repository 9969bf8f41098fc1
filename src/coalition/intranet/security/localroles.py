"""Local roles changed during a request must count at once, in the same request too."""

from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest


# borg.localrole remembers, for the rest of the request, which local roles were allowed where.
_LOCAL_ROLES_CACHE_PREFIX = "borg.localrole.workspace.checkLocalRolesAllowed:"


def forget_cached_local_roles() -> None:
    """Drop the request's cache of local-role checks, so a roster or grant changed earlier in the request counts.

    Without this, someone taken off a roster (or granted access to a case) and then asked about in the same
    request (a script, a test, a view that changes access and then renders) would be judged with old roles.
    """
    annotations = IAnnotations(getRequest(), None)
    if annotations is None:
        return
    for key in [k for k in annotations if isinstance(k, str) and k.startswith(_LOCAL_ROLES_CACHE_PREFIX)]:
        del annotations[key]
