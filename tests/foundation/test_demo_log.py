"""Creating the demo logs no error: a newcomer's first ``make start`` must not read as a failure.

It used to print an ``ERROR Zope.ZCatalog uncatalogObject unsuccessfully attempted to uncatalog an object``
for every profile published by the demo: the profile was created under a temporary id and renamed in the
same transaction (plone.api's create-then-rename), so the deferred index queue unindexed an old path that
had never been catalogued. It shows where ``make start`` creates the site: in a script, whose request carries
no add-on's browser layer (plone.app.multilingual's subscribers, which catalogue new content at once, stay
out of the way there); the tests give the request that shape.
"""

from coalition.intranet.public import api as public
from contextlib import contextmanager
import logging
from plone import api
from plone.app.testing import applyProfile
from Products.CMFCore.indexing import processQueue
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
import unittest
from zope.interface import directlyProvidedBy
from zope.interface import directlyProvides
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class _Records(logging.Handler):
    def __init__(self, level):
        super().__init__(level)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@contextmanager
def errors_logged(level=logging.ERROR):
    """The log records of ``level`` and above written while the block runs (every logger)."""
    handler = _Records(level)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler.records
    finally:
        root.removeHandler(handler)


def messages(records) -> list[str]:
    return [f"{record.levelname} {record.name} {record.getMessage()}" for record in records]


class TestDemoCreationLogsNoError(unittest.TestCase):
    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.catalog = api.portal.get_tool("portal_catalog")
        # The request of ``zconsole run scripts/create_site.py``: the default skin, no add-on browser layer.
        request = self.layer["request"]
        self.addCleanup(directlyProvides, request, directlyProvidedBy(request))
        directlyProvides(request, IDefaultBrowserLayer)

    def test_an_act_of_publication_catalogues_the_new_profile_without_error(self):
        with errors_logged() as records:
            profile = public.upsert_profile({"title": "Logless Testov"}, source="test-source", actor="")
            processQueue()
        self.assertEqual(messages(records), [])
        self.assertEqual(profile.getId(), "logless-testov")
        paths = [brain.getPath() for brain in self.catalog.unrestrictedSearchResults(portal_type="PrisonerProfile")]
        self.assertEqual(paths, ["/".join(profile.getPhysicalPath())])

    def test_the_demo_profile_logs_no_error(self):
        with errors_logged() as records:
            applyProfile(self.portal, "coalition.intranet:demo")
            processQueue()
        self.assertEqual(messages(records), [])
        # The demo was created: its prisoners are published (a silent failure would log nothing either).
        published = self.catalog.unrestrictedSearchResults(portal_type="PrisonerProfile", review_state="published")
        self.assertGreater(len(published), 12)
