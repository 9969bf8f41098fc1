"""The REST API's ``@login`` with the same path for unknown names as for known ones.

plone.restapi looks for a user folder that knows the login name and answers 401 at once when none does:
no password is checked, so the answer comes faster for an unknown name (an account can be told from a
non-account by timing) and the failure never reaches the login guard's counter. Here an unknown name is
checked by the site's user folder like any other: the guard counts it, hashes once, and answers the same.
"""

from plone.restapi.services.auth.login import Login
from Products.CMFCore.utils import getToolByName


class GuardedLogin(Login):
    def _find_userfolder(self, userid):
        found = super()._find_userfolder(userid)
        return found if found is not None else getToolByName(self.context, "acl_users")
