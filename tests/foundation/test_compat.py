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


class TestForgetLocalRoleChecks(unittest.TestCase):
    """borg.localrole memoizes `checkLocalRolesAllowed` in the request's annotations (plone.memoize.volatile);
    `forget_local_role_checks` drops exactly those entries."""

    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        self.plugin = portal.acl_users.borg_localroles
        self.user = portal.acl_users.getUserById(TEST_USER_ID)
        self.target = portal["en"]
        self.request = self.layer["request"]

    def allowed(self):
        return self.plugin.checkLocalRolesAllowed(self.user, self.target, ["Editor"])

    def test_borg_still_caches_on_the_request_and_the_cache_is_forgotten(self):
        from coalition.intranet.compat import forget_local_role_checks
        from zope.annotation.interfaces import IAnnotations

        self.assertIsNone(self.allowed())
        cached = [key for key in IAnnotations(self.request) if str(key).startswith("borg.localrole.workspace.")]
        self.assertTrue(cached, "borg.localrole no longer caches checkLocalRolesAllowed on the request")
        self.target.manage_setLocalRoles(TEST_USER_ID, ["Editor"])
        self.assertIsNone(self.allowed(), "the check is memoized: a role granted since is not seen yet")
        forget_local_role_checks(self.request)
        self.assertFalse([key for key in IAnnotations(self.request) if key in cached])
        self.assertTrue(self.allowed(), "after forgetting, the role granted in this request counts")

    def test_other_annotations_of_the_request_are_kept(self):
        from coalition.intranet.compat import forget_local_role_checks
        from zope.annotation.interfaces import IAnnotations

        IAnnotations(self.request)["coalition.test.kept"] = 1
        self.allowed()
        forget_local_role_checks(self.request)
        self.assertEqual(IAnnotations(self.request)["coalition.test.kept"], 1)


class TestRedirectHeld(unittest.TestCase):
    """plone.app.redirector's 404 view redirects through `response.redirect(location, status=, lock=)`;
    `redirect_held` keeps that answer back so the caller can check the target first."""

    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        from plone.app.redirector.interfaces import IRedirectionStorage
        from zope.component import getUtility

        self.portal = self.layer["portal"]
        self.request = self.layer["request"]
        portal_path = "/".join(self.portal.getPhysicalPath())
        getUtility(IRedirectionStorage).add(f"{portal_path}/compat-old-address", f"{portal_path}/en")
        self.request.set("ACTUAL_URL", f"{self.portal.absolute_url()}/compat-old-address")

    def test_http_response_redirect_keeps_its_signature(self):
        from ZPublisher.HTTPResponse import HTTPResponse

        self.assertEqual(_parameters(HTTPResponse.redirect), ["self", "location", "status", "lock"])

    def test_the_stock_404_view_redirects_through_response_redirect(self):
        from coalition.intranet.compat import redirect_held
        from plone.app.redirector.browser import FourOhFourView

        response = self.request.response
        with redirect_held(response) as held:
            found = FourOhFourView(self.portal, self.request).attempt_redirect()
        self.assertTrue(found)
        self.assertEqual(held, {"location": self.portal["en"].absolute_url(), "status": 302, "lock": 1})
        self.assertNotEqual(response.getStatus(), 302, "the redirection was sent although it was held")
        self.assertIsNone(response.getHeader("Location"))
        self.assertNotIn("redirect", vars(response), "the response's own redirect is back")
        response.redirect(held["location"])
        self.assertEqual(response.getHeader("Location"), self.portal["en"].absolute_url())

    def test_nothing_held_when_there_is_no_redirection(self):
        from coalition.intranet.compat import redirect_held
        from plone.app.redirector.browser import FourOhFourView

        self.request.set("ACTUAL_URL", f"{self.portal.absolute_url()}/compat-never-there")
        with redirect_held(self.request.response) as held:
            found = FourOhFourView(self.portal, self.request).attempt_redirect()
        self.assertFalse(found)
        self.assertEqual(held, {})


class TestUnsortedRecordIds(unittest.TestCase):
    """An unsorted catalog result is a `LazyMap` over record ids (full text: (score, record id) pairs) in its
    `_seq`; `unsorted_record_ids` reads them without making brains."""

    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        self.catalog = api.portal.get_tool("portal_catalog")

    def test_lazy_map_keeps_its_sequence_in_seq(self):
        from ZTUtils.Lazy import LazyMap

        self.assertEqual(LazyMap(str, [3, 1, 2])._seq, [3, 1, 2])

    def test_record_ids_of_an_unsorted_search_are_those_of_its_brains(self):
        from coalition.intranet.compat import unsorted_record_ids

        query = {"portal_type": "Folder"}
        found = unsorted_record_ids(self.catalog.searchResults(query))
        self.assertIsNotNone(found, "an unsorted catalog result is no longer a LazyMap over record ids")
        self.assertGreater(len(found), 1)
        self.assertEqual(set(found), {brain.getRID() for brain in self.catalog.searchResults(query)})

    def test_record_ids_of_a_full_text_search_are_those_of_its_brains(self):
        from coalition.intranet.compat import unsorted_record_ids

        query = {"SearchableText": "prisoners", "portal_type": "Folder"}
        found = unsorted_record_ids(self.catalog.searchResults(query))
        self.assertIsNotNone(found, "a full-text result is no longer a LazyMap over (score, record id) pairs")
        self.assertTrue(found)
        self.assertEqual(set(found), {brain.getRID() for brain in self.catalog.searchResults(query)})

    def test_anything_but_a_lazy_map_answers_none(self):
        from coalition.intranet.compat import unsorted_record_ids

        self.assertIsNone(unsorted_record_ids(list(self.catalog.searchResults(portal_type="Folder"))))


class TestLazyBrains(unittest.TestCase):
    """`ZCatalog._catalog[rid]` makes the brain of a record id; `lazy_brains` gives them in a chosen order."""

    layer = COALITION_INTEGRATION_TESTING

    def test_catalog_still_makes_brains_from_record_ids(self):
        from Products.ZCatalog.Catalog import Catalog

        catalog = api.portal.get_tool("portal_catalog")
        self.assertIsInstance(catalog._catalog, Catalog)
        self.assertEqual(_parameters(Catalog.__getitem__), ["self", "index"])

    def test_brains_come_in_the_order_of_the_record_ids(self):
        from coalition.intranet.compat import lazy_brains

        catalog = api.portal.get_tool("portal_catalog")
        brains = list(catalog.searchResults(portal_type="Folder", sort_on="path"))
        record_ids = [brain.getRID() for brain in reversed(brains)]
        found = lazy_brains(catalog, record_ids)
        self.assertEqual(len(found), len(brains))
        self.assertEqual([brain.getPath() for brain in found], [brain.getPath() for brain in reversed(brains)])
