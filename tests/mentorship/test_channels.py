"""Over HTTP, as Anonymous and as another organisation's member: the public mentorship pages show the public
record in two languages, and mentor contact data and internal actions come out of no channel — pages, REST
with expansions, @search, @vocabularies, feeds, sitemap, open data. The coordinator is the positive control."""

from coalition.intranet.mentorship import actions
from coalition.intranet.mentorship import public_record
from datetime import date
from datetime import timedelta
import gzip
from plone import api
from plone.namedfile.file import NamedBlobFile
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.mentorship.mentorship_fixtures import active_mentorship
from tests.mentorship.mentorship_fixtures import ATTACHMENT_MARKER
from tests.mentorship.mentorship_fixtures import CONTACT_MARKER
from tests.mentorship.mentorship_fixtures import COORDINATOR
from tests.mentorship.mentorship_fixtures import EMAIL_MARKER
from tests.mentorship.mentorship_fixtures import INTERNAL_ACTION_MARKER
from tests.mentorship.mentorship_fixtures import make_mentor
from tests.mentorship.mentorship_fixtures import NOTES_MARKER
from tests.mentorship.mentorship_fixtures import PRIVATE_MARKERS
from tests.mentorship.mentorship_fixtures import published_prisoner
from tests.public.channel_fixtures import http_get
import transaction
import unittest


OUTSIDERS = (None, "beta-member")
PUBLIC_ACTION = "Asked the foreign minister about the case in parliament."
JSON = {"Accept": "application/json"}


class TestMentorshipChannels(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        portal = self.layer["portal"]
        self.profile = published_prisoner(portal, name="Sergei Kanalov", translations={"de": "Sergej Kanalow"})
        self.mentor = make_mentor("Wiebke Kanal")
        self.mentorship = active_mentorship(self.mentor, self.profile)
        with api.env.adopt_user(username=COORDINATOR):
            actions.record_action(
                self.mentorship,
                kind="parliamentary",
                when=date.today() - timedelta(days=2),
                text=PUBLIC_ACTION,
                visibility="public",
            )
            actions.record_action(
                self.mentorship,
                kind="letter_to_authorities",
                when=date.today() - timedelta(days=1),
                text=INTERNAL_ACTION_MARKER,
                visibility="internal",
                attachment=NamedBlobFile(ATTACHMENT_MARKER.encode(), filename="letter.txt"),
            )
            self.slug = public_record.publish_mentor(self.mentor).slug
            self.token = actions.issue_office_link(self.mentor)
        transaction.commit()
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"

    def get(self, path, user=None, **kwargs):
        return http_get(self.site_url, path, user, **kwargs)

    def assert_nothing_private(self, response, where):
        body = response.content
        if body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)
        text = body.decode("utf-8", "replace")
        for marker in PRIVATE_MARKERS:
            self.assertNotIn(marker, text, where)
        self.assertNotIn(self.token, text, where)

    def test_the_public_record_in_two_languages(self):
        for language, prisoner, statement in (
            ("en", "Sergei Kanalov", "Wiebke Kanal stands by political prisoners."),
            ("de", "Sergej Kanalow", "Wiebke Kanal steht an der Seite politischer Gefangener."),
        ):
            page = self.get(f"{language}/mentorship/@@mentor/{self.slug}")
            self.assertEqual(page.status_code, 200, language)
            for expected in ("Wiebke Kanal", "Bundestag", "Beispielpartei", statement, prisoner, PUBLIC_ACTION):
                self.assertIn(expected, page.text, (language, expected))
            self.assert_nothing_private(page, f"mentor page {language}")
            overview = self.get(f"{language}/mentorship")
            self.assertEqual(overview.status_code, 200)
            self.assertIn("Wiebke Kanal", overview.text)
            # The mentor's prisoner, in the reader's language, linked to the profile in that language.
            self.assertRegex(overview.text, rf'href="[^"]*/{language}/prisoners/[^"]+"[^>]*>{prisoner}</a>')
            self.assert_nothing_private(overview, f"overview {language}")
        profile = self.get(self.profile.absolute_url().replace("http://nohost/plone/", ""))
        self.assertEqual(profile.status_code, 200)
        self.assertIn("Wiebke Kanal", profile.text)
        self.assertIn(PUBLIC_ACTION, profile.text)
        self.assert_nothing_private(profile, "profile")

    def test_sitemap_and_open_data_list_the_mentor_and_forget_them_on_withdrawal(self):
        def sitemap(path):
            response = self.get(path)
            self.assertEqual(response.status_code, 200, path)
            return gzip.decompress(response.content).decode("utf-8")

        whole = sitemap("sitemap.xml.gz?page=1")
        english = sitemap("en/sitemap.xml.gz?page=1")
        for language in ("en", "de"):
            url = f"{self.site_url}/{language}/mentorship/@@mentor/{self.slug}"
            self.assertEqual(whole.count(f"<loc>{url}</loc>"), 1, language)
            self.assertIn(f'href="{url}" hreflang="{language}"', english)
        self.assertNotIn(f"<loc>{self.site_url}/de/mentorship/@@mentor/", english)

        def open_data_mentors():
            return [row["mentor"] for row in self.get("en/mentorship/@@mentorships.json").json()["items"]]

        self.assertIn("Wiebke Kanal", open_data_mentors())
        with api.env.adopt_user(username=COORDINATOR):
            public_record.withdraw_mentor(self.mentor, "Left parliament.")
        transaction.commit()
        self.assertNotIn(f"@@mentor/{self.slug}", sitemap("sitemap.xml.gz?page=1"))
        # Open data is built once per state, and the withdrawal is a new state (the register is not catalogued).
        self.assertNotIn("Wiebke Kanal", open_data_mentors())

    def test_pages_and_files_reveal_nothing_private(self):
        paths = [
            "en/mentorship",
            f"en/mentorship/@@mentor/{self.slug}",
            f"de/mentorship/@@mentor/{self.slug}",
            "en/mentorship/@@prisoners-seeking-mentor",
            "en/mentorship/@@mentorships.csv",
            "en/mentorship/@@mentorships.json",
            "de/mentorship/@@mentorships.json",
            "en/prisoners",
            "en/prisoners/@@open-data.csv",
            "en/prisoners/@@open-data.json",
            "en/prisoners/@@rss",
            "sitemap.xml.gz",
            "en/sitemap.xml.gz",
            "intranet/mentorship",
            f"intranet/mentorship/{self.mentor.getId()}",
            f"intranet/mentorship/{self.mentorship.getId()}",
            f"intranet/mentorship/{self.mentor.getId()}/office",
            f"intranet/mentorship/{self.mentor.getId()}/email",
            f"intranet/mentorship/{self.mentorship.getId()}/@@mentorship-offers",
        ]
        paths += [f"intranet/mentorship/{self.mentorship.getId()}/{a.getId()}" for a in self.mentorship.objectValues()]
        paths += [f"{p}/@@download/attachment" for p in paths[-2:]]
        for user in OUTSIDERS:
            for path in paths:
                response = self.get(path, user)
                self.assert_nothing_private(response, f"{path} as {user}")
                if path.startswith("intranet/mentorship/"):
                    self.assertIn(response.status_code, (302, 401, 403, 404), f"{path} as {user}")
        json_data = self.get("en/mentorship/@@mentorships.json").json()
        self.assertEqual([row["mentor"] for row in json_data["items"]].count("Wiebke Kanal"), 1)

    def test_rest_search_expansions_and_vocabularies_reveal_nothing_private(self):
        searches = (
            {"portal_type": "Mentor", "fullobjects": "1"},
            {"portal_type": "Mentorship", "fullobjects": "1"},
            {"portal_type": "MentorAction", "metadata_fields": "_all"},
            {"SearchableText": "Wiebke"},
            {"SearchableText": "Bundestag"},
        )
        for user in OUTSIDERS:
            for params in searches:
                response = self.get("++api++/@search", user, headers=JSON, params=params)
                self.assert_nothing_private(response, f"@search {params} as {user}")
                self.assertEqual(response.json().get("items_total", 0), 0, f"@search {params} as {user}")
            # The query itself is echoed in "@id": only the count can tell whether it found the internal action.
            response = self.get(
                "++api++/@search", user, headers=JSON, params={"SearchableText": INTERNAL_ACTION_MARKER}
            )
            self.assertEqual(response.json()["items_total"], 0)
            for name in ("Mentors", "MentorCountries", "MentorFunctions"):
                response = self.get(f"++api++/@vocabularies/coalition.vocabularies.{name}", user, headers=JSON)
                self.assert_nothing_private(response, f"@vocabularies {name} as {user}")
                if name == "Mentors":
                    self.assertNotIn("Wiebke", response.text)
            for path in (
                f"intranet/mentorship/{self.mentor.getId()}",
                f"intranet/mentorship/{self.mentorship.getId()}",
            ):
                response = self.get(path, user, headers=JSON, params={"expand": "breadcrumbs,actions,workflow,types"})
                self.assertIn(response.status_code, (401, 403, 404), f"REST {path} as {user}")
                self.assert_nothing_private(response, f"REST {path} as {user}")
            profile = self.get(
                self.profile.absolute_url().replace("http://nohost/plone/", ""),
                user,
                headers=JSON,
                params={"expand": "translations,breadcrumbs,navigation,actions"},
            )
            self.assertEqual(profile.status_code, 200)
            self.assert_nothing_private(profile, f"REST profile as {user}")

    def test_the_coordinator_reads_the_contact_data_and_internal_actions(self):
        mentor = self.get(f"intranet/mentorship/{self.mentor.getId()}", COORDINATOR)
        self.assertEqual(mentor.status_code, 200)
        for marker in (CONTACT_MARKER, EMAIL_MARKER, NOTES_MARKER):
            self.assertIn(marker, mentor.text)
        mentorship = self.get(f"intranet/mentorship/{self.mentorship.getId()}", COORDINATOR)
        self.assertIn(INTERNAL_ACTION_MARKER, mentorship.text)
        rest = self.get("++api++/@search", COORDINATOR, headers=JSON, params={"portal_type": "Mentor"})
        self.assertGreaterEqual(rest.json()["items_total"], 1)
