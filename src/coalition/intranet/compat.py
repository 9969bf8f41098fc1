"""The one place that touches framework internals (Zope, PAS, the catalog, borg.localrole, …).

Each function says which internal it uses and why no public API does the job. When Plone changes
underneath, `tests/foundation/test_compat.py` fails here, loudly, instead of a view somewhere else
misbehaving quietly. Add a function here rather than reaching into a `_private` attribute elsewhere,
and add its test beside the others.
"""


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
