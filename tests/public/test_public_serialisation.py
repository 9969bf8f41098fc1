"""One serialisation of a public profile (``profile/public_data.py``): the page, the REST API, the RSS feed and
the open data all show what it gives, so a field it withholds is withheld by every output at once. And the
profile's class still loads under the dotted path older databases stored."""

from coalition.intranet.public.feeds.opendata import profile_row
from coalition.intranet.public.feeds.rss import ProfilesFeedView
from coalition.intranet.public.profile import public_data
from coalition.intranet.public.profile.content import PrisonerProfile
from coalition.intranet.public.profile.views import PrisonerProfileView
import pickle
from plone import api
from plone.restapi.interfaces import ISerializeToJson
from tests.coalition_layers import COALITION_INTEGRATION_TESTING
from tests.public.profile_fixtures import make_profile
import unittest
from unittest import mock
from zope.component import getMultiAdapter
from zope.dottedname.resolve import resolve
from zope.schema import getFieldNames


ADDRESS = "Tver, penal colony 1, otryad 9"


class TestPublicProfileData(unittest.TestCase):
    layer = COALITION_INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.request = self.layer["request"]
        self.profile = make_profile("Serafim Odinov", letters_possible=True, postal_address=ADDRESS)

    def test_every_public_field_is_a_field_of_the_model(self):
        schema = api.portal.get_tool("portal_types")["PrisonerProfile"].lookupSchema()
        self.assertEqual(set(public_data.PUBLIC_FIELDS) - set(getFieldNames(schema)), set())

    def test_the_address_is_public_while_letters_get_through(self):
        data = public_data.public_profile_data(self.profile)
        self.assertEqual(data["postal_address"], ADDRESS)
        self.assertEqual(data["title"], "Serafim Odinov")
        self.assertEqual(set(data), set(public_data.PUBLIC_FIELDS))

    def test_the_address_is_withheld_when_letters_are_blocked(self):
        self.profile.letters_possible = False
        self.assertFalse(public_data.postal_address_is_public(self.profile))
        self.assertNotIn("postal_address", public_data.public_profile_data(self.profile))

    def test_a_withheld_field_is_withheld_by_every_output(self):
        withheld = ("status", "place_of_detention", "postal_address")
        with mock.patch.object(public_data, "withheld_fields", return_value=withheld):
            page = PrisonerProfileView(self.profile, self.request)
            self.assertIsNone(page.status())
            self.assertNotIn("place_of_detention", page.data())
            self.assertEqual(page.postal_address(), [])

            rest = getMultiAdapter((self.profile, self.request), ISerializeToJson)()
            self.assertIsNone(rest["status"])
            self.assertIsNone(rest["place_of_detention"])
            self.assertIsNone(rest["postal_address"])
            self.assertEqual(rest["region"]["token"], "tver", "what is not withheld stays")

            folder = self.profile.__parent__
            feed = ProfilesFeedView(folder, self.request)
            feed.language = "en"
            brain = api.portal.get_tool("portal_catalog")(UID=self.profile.UID())[0]
            self.assertNotIn("Serving a sentence", feed.item(brain)["description"])

            row = profile_row(self.profile, "en")
            self.assertIsNone(row["status"])
            self.assertIsNone(row["status_label"])
            self.assertEqual(row["region"], "tver")

    def test_the_rest_api_shows_what_the_page_shows(self):
        rest = getMultiAdapter((self.profile, self.request), ISerializeToJson)()
        data = public_data.public_profile_data(self.profile)
        for name in ("title", "name_ru", "birth_year", "sentence", "place_of_detention", "postal_address"):
            self.assertEqual(rest[name], data[name], name)


class TestProfileClassAtItsOldPath(unittest.TestCase):
    """Profiles pickled before the class moved to ``profile/content.py`` name ``public.content``."""

    layer = COALITION_INTEGRATION_TESTING

    def test_the_old_dotted_path_is_the_class(self):
        self.assertIs(resolve("coalition.intranet.public.content.PrisonerProfile"), PrisonerProfile)

    def test_a_pickle_naming_the_old_module_loads_the_class(self):
        # A constant stream: the reference to the class that an object stored before the move holds.
        stored = b"ccoalition.intranet.public.content\nPrisonerProfile\n."
        self.assertIs(pickle.loads(stored), PrisonerProfile)  # noqa: S301

    def test_the_type_creates_profiles_of_the_class(self):
        fti = api.portal.get_tool("portal_types")["PrisonerProfile"]
        self.assertIs(resolve(fti.klass), PrisonerProfile)
