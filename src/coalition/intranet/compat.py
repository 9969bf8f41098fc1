"""The one place that touches framework internals (Zope, PAS, the catalog, borg.localrole, …).

Each function says which internal it uses and why no public API does the job. When Plone changes
underneath, `tests/foundation/test_compat.py` fails here, loudly, instead of a view somewhere else
misbehaving quietly. Add a function here rather than reaching into a `_private` attribute elsewhere,
and add its test beside the others.
"""

from contextlib import contextmanager


_NOTHING = object()


def user_from_request_credentials(acl_users, request):
    """The user whose credentials the request carries, wrapped in `acl_users`, or None.

    Internals: `PluggableAuthService._getOb("plugins")`, `._extractUserIds(request, plugins)` and
    `._findUser(plugins, user_id, login, request=request)`. Why: during traversal (a 404, a
    `__before_publishing_traverse__` hook) Zope has not authenticated the request yet, so the security
    manager still holds Anonymous; PAS has no public call that runs extraction and authentication on a
    request without also validating against an object's roles (`validate` needs the published object).
    """
    plugins = acl_users._getOb("plugins")
    for user_id, login in acl_users._extractUserIds(request, plugins):
        user = acl_users._findUser(plugins, user_id, login, request=request)
        if user is not None:
            return user.__of__(acl_users)
    return None


def forget_local_role_checks(request) -> None:
    """Drop borg.localrole's cache of local-role checks kept on `request`, so that roles changed earlier in
    the same request count at once.

    Internals: `WorkspaceLocalRoleManager.checkLocalRolesAllowed` is memoized by `plone.memoize.volatile`
    in the request's annotations, under keys `"<module>.<function name>:<key>"` of the undecorated method.
    Why: borg.localrole offers no call to invalidate that cache, and a roster change or a grant followed by
    a check in the same request (a script, a test, a view that changes access and then renders) would
    otherwise be judged with the old roles.
    """
    from borg.localrole.workspace import WorkspaceLocalRoleManager
    from zope.annotation.interfaces import IAnnotations

    annotations = IAnnotations(request, None)
    if annotations is None:
        return
    method = getattr(WorkspaceLocalRoleManager.checkLocalRolesAllowed, "__wrapped__", None)
    if method is None:
        raise RuntimeError("borg.localrole no longer memoizes checkLocalRolesAllowed: review compat.py")
    prefix = f"{method.__module__}.{method.__name__}:"
    for key in [key for key in annotations if isinstance(key, str) and key.startswith(prefix)]:
        del annotations[key]


@contextmanager
def redirect_held(response):
    """While the block runs, `response.redirect(location, status=302, lock=0)` sends nothing: it records its
    arguments in the dict the block receives (`location`, `status`, `lock`; empty when nothing redirected),
    so the caller can check the target before redirecting for real.

    Internals: an instance attribute shadowing `ZPublisher.HTTPResponse.redirect` for the duration of the
    block. Why: plone.app.redirector's `FourOhFourView.attempt_redirect` finds the new address of a moved
    item (storage, query string, `@@view` and template fallbacks, external targets) and redirects in one
    method; no public call says where it would redirect without doing it.
    """
    held = {}

    def hold(location, status=302, lock=0):
        held.update(location=location, status=status, lock=lock)

    shadowed = response.__dict__.get("redirect", _NOTHING)
    response.redirect = hold
    try:
        yield held
    finally:
        if shadowed is _NOTHING:
            del response.redirect
        else:
            response.redirect = shadowed


def unsorted_record_ids(results):
    """The catalog record ids of an unsorted catalog search result as an `IISet`, without making a brain for
    each; None for any other result (the caller reads the record ids from its brains).

    Internals: `ZTUtils.Lazy.LazyMap._seq`, the sequence an unsorted result maps to brains: record ids, or
    (score, record id) pairs for a full-text search. Why: ZCatalog has no public call that answers a query
    (with Plone's security filter) by record ids, and making a brain per profile would be most of the time the
    public list and its statistics spend counting.
    """
    from BTrees.IIBTree import IISet
    from ZTUtils.Lazy import LazyMap

    if not isinstance(results, LazyMap):
        return None
    sequence = results._seq
    if sequence and isinstance(sequence[0], tuple):
        return IISet(rid for _score, rid in sequence)
    if all(isinstance(item, int) for item in sequence[:1]):
        return IISet(sequence)
    return None


def lazy_brains(catalog, record_ids):
    """The catalog brains of `record_ids`, in their order, each made only when it is read (a page of the list
    shows 24 of thousands).

    Internals: `ZCatalog._catalog` (the `Catalog` object) and its `__getitem__(rid)`, which makes the brain of
    a record id. Why: ZCatalog's public calls give a record's metadata (`getMetadataForRID`) or its object
    (`getobject`), not its brain; the list orders record ids itself (from the indexes) and needs brains in
    that order.
    """
    from ZTUtils.Lazy import LazyMap

    return LazyMap(catalog._catalog.__getitem__, record_ids)
