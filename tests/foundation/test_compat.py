"""`coalition.intranet.compat` is the one place touching framework internals: these tests fail loudly when
an internal it relies on disappears or changes shape, before any view starts misbehaving quietly."""

from base64 import b64encode
import inspect
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
import unittest


def _parameters(function):
    return list(inspect.signature(function).parameters)


class TestUserFromRequestCredentials(unittest.TestCase):
    """PAS's `_getOb("plugins")`, `_extractUserIds` and `_findUser`, used to identify a request's user before
    Zope has authenticated it."""

    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        self.acl_users = api.portal.get().acl_users
        self.request = self.layer["request"]

    def test_pas_internals_still_exist_with_the_expected_signatures(self):
        from Products.PluggableAuthService.PluggableAuthService import PluggableAuthService

        self.assertEqual(_parameters(PluggableAuthService._extractUserIds), ["self", "request", "plugins"])
        self.assertEqual(_parameters(PluggableAuthService._findUser)[:4], ["self", "plugins", "user_id", "name"])
        self.assertIn("request", _parameters(PluggableAuthService._findUser))
        self.assertIsNotNone(self.acl_users._getOb("plugins", None))

    def test_identifies_the_user_of_basic_auth_credentials(self):
        from coalition.intranet.compat import user_from_request_credentials

        credentials = b64encode(f"{TEST_USER_NAME}:{TEST_USER_PASSWORD}".encode()).decode()
        self.request._auth = f"Basic {credentials}"
        user = user_from_request_credentials(self.acl_users, self.request)
        self.assertIsNotNone(user)
        self.assertEqual(user.getId(), TEST_USER_ID)
        self.assertIs(user.aq_parent, self.acl_users)

    def test_wrong_password_identifies_nobody(self):
        from coalition.intranet.compat import user_from_request_credentials

        credentials = b64encode(f"{TEST_USER_NAME}:wrong".encode()).decode()
        self.request._auth = f"Basic {credentials}"
        self.assertIsNone(user_from_request_credentials(self.acl_users, self.request))

    def test_request_without_credentials_identifies_nobody(self):
        from coalition.intranet.compat import user_from_request_credentials

        self.request._auth = None
        self.assertIsNone(user_from_request_credentials(self.acl_users, self.request))
