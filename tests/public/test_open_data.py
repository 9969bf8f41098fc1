"""Open data of the list (CSV and JSON per language): one row per published profile, whitelisted columns only,
the same stable id in every language; drafts, retracted profiles, case files and workspaces never appear."""

from coalition.intranet.public.facts import label
from coalition.intranet.public.feeds.opendata import COLUMN_NAMES
from coalition.intranet.public.feeds.opendata import COLUMNS
from coalition.intranet.site.structure import LANGUAGES
import csv
from datetime import datetime
import io
import pathlib
from plone import api
from plone.app.multilingual.interfaces import ITG
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.public.channel_fixtures import PLACE
from tests.public.channel_fixtures import POSTAL_ADDRESS
from tests.public.channel_fixtures import PublicChannelTestCase
from tests.public.channel_fixtures import PUBLISHED_NAME
from tests.public.channel_fixtures import PUBLISHED_NAME_DE
from tests.public.channel_fixtures import PUBLISHED_NAME_RU
from tests.public.channel_fixtures import SENTENCE
from tests.public.channel_fixtures import STORY
import unittest
from zope.i18n import translate


DOCS = pathlib.Path(__file__).parents[2] / "docs" / "open-data.md"
# Public on the profile page, but not among the open-data columns.
NOT_A_COLUMN = (POSTAL_ADDRESS, PLACE, SENTENCE, STORY, "1985-12-03", "Erika Beispiel", "Bundestag", "portrait.jpg")


class TestOpenData(PublicChannelTestCase, unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def csv_rows(self, language, user=None) -> list[dict]:
        response = self.get(f"{language}/prisoners/@@open-data.csv", user)
        self.assertEqual(response.status_code, 200)
        reader = csv.DictReader(io.StringIO(response.content.decode("utf-8"), newline=""))
        self.assertEqual(tuple(reader.fieldnames), COLUMN_NAMES)
        return list(reader)

    def json_data(self, language, user=None) -> dict:
        response = self.get(f"{language}/prisoners/@@open-data.json", user)
        self.assertEqual(response.status_code, 200)
        return response.json()

    def published_titles(self, language) -> set:
        catalog = api.portal.get_tool("portal_catalog")
        path = "/".join(self.portal[language]["prisoners"].getPhysicalPath())
        brains = catalog.unrestrictedSearchResults(portal_type="PrisonerProfile", review_state="published", path=path)
        return {brain.Title for brain in brains}

    def test_csv_download_is_utf8_with_a_header_and_a_file_name(self):
        response = self.get("en/prisoners/@@open-data.csv")
        self.assertEqual(response.headers["Content-Type"], "text/csv; charset=utf-8; header=present")
        self.assertEqual(response.headers["Content-Disposition"], 'attachment; filename="political-prisoners-en.csv"')
        self.assertTrue(response.content.startswith(",".join(COLUMN_NAMES).encode()))
        self.assertIn(PUBLISHED_NAME_RU.encode("utf-8"), response.content)

    def test_csv_row_of_a_published_profile(self):
        profile = self.cast["published"]
        rows = {row["name"]: row for row in self.csv_rows("en")}
        row = rows[PUBLISHED_NAME]
        expected = {
            "id": ITG(profile),
            "name_ru": PUBLISHED_NAME_RU,
            "status": "serving_sentence",
            "status_label": "Serving a sentence",
            "region": "moscow",
            "region_label": "Moscow",
            "articles": "207.3;280.3",
            "case_categories": "anti_war;journalists",
            "date_of_detention": "2022-04-01",
            "expected_release": "2029-04-01",
            "birth_year": "1985",
            "recognised_on": "2023-01-15",
            "criteria_version": "1",
            "letters_possible": "true",
            "mentor_count": "2",
            "url": f"{self.site_url}/en/prisoners/anatoly-veshnyakov",
        }
        self.assertEqual({key: row[key] for key in expected}, expected)
        modified = datetime.fromisoformat(row["modified"])
        self.assertEqual(int(modified.timestamp()), int(profile.modified().timeTime()))
        self.assertEqual(modified.utcoffset().total_seconds(), 0)

    def test_json_envelope_documents_its_columns(self):
        response = self.get("de/prisoners/@@open-data.json")
        self.assertEqual(response.headers["Content-Type"], "application/json; charset=utf-8")
        self.assertIn('filename="political-prisoners-de.json"', response.headers["Content-Disposition"])
        data = response.json()
        self.assertEqual(sorted(data), ["columns", "count", "generated", "items", "language"])
        self.assertEqual(data["language"], "de")
        self.assertEqual(data["count"], len(data["items"]))
        datetime.fromisoformat(data["generated"])
        self.assertEqual(tuple(column["name"] for column in data["columns"]), COLUMN_NAMES)
        self.assertTrue(all(column["description"] for column in data["columns"]))
        item = {entry["name"]: entry for entry in data["items"]}[PUBLISHED_NAME_DE]
        self.assertEqual(tuple(item), COLUMN_NAMES, "exactly the whitelisted columns, in order")
        self.assertEqual(item["articles"], ["207.3", "280.3"])
        self.assertEqual(item["case_categories"], ["anti_war", "journalists"])
        self.assertIs(item["letters_possible"], True)
        self.assertEqual((item["birth_year"], item["criteria_version"], item["mentor_count"]), (1985, 1, 2))

    def test_one_row_per_published_profile_with_the_same_id_in_every_language(self):
        for language in LANGUAGES:
            csv_names = [row["name"] for row in self.csv_rows(language)]
            json_names = [item["name"] for item in self.json_data(language)["items"]]
            self.assertEqual(sorted(csv_names), sorted(self.published_titles(language)), language)
            self.assertEqual(len(csv_names), len(set(csv_names)), language)
            self.assertEqual(sorted(json_names), sorted(csv_names), language)
        english = {row["name"]: row for row in self.csv_rows("en")}[PUBLISHED_NAME]
        german = {item["name"]: item for item in self.json_data("de")["items"]}[PUBLISHED_NAME_DE]
        self.assertEqual(german["id"], english["id"])
        self.assertEqual(german["url"], f"{self.site_url}/de/prisoners/anatoly-veshnyakov")
        status_de = translate(label("status", "serving_sentence"), domain="coalition", target_language="de")
        self.assertNotEqual(status_de, "Serving a sentence", "the German label of the status is missing")
        self.assertEqual(german["status_label"], status_de)
        self.assertNotIn(english["id"], str(self.json_data("fr")), "not translated into French: no French row")

    def test_only_whitelisted_facts_leave_the_site(self):
        for path in ("en/prisoners/@@open-data.csv", "en/prisoners/@@open-data.json", "de/prisoners/@@open-data.json"):
            text = self.get(path).text
            for value in NOT_A_COLUMN:
                self.assertNotIn(value, text, f"{path} carries {value!r}")

    def test_drafts_retracted_profiles_cases_and_workspaces_never_appear(self):
        for language in ("en", "de"):
            for user in (None, "alpha-member", "editor-de"):
                for view in ("@@open-data.csv", "@@open-data.json"):
                    response = self.get(f"{language}/prisoners/{view}", user)
                    self.assertEqual(response.status_code, 200)
                    self.assert_nothing_private(response.text, f"{language} {view} as {user}")

    def test_retraction_removes_the_row_from_every_language_at_once(self):
        # Anonymous downloads first: the rows are cached until the catalog changes.
        self.assertIn(PUBLISHED_NAME, [row["name"] for row in self.csv_rows("en")])
        self.assertIn(PUBLISHED_NAME_DE, [item["name"] for item in self.json_data("de")["items"]])
        self.retract(self.cast["published"])
        for language in ("en", "de"):
            self.assertNotIn("anatoly-veshnyakov", self.get(f"{language}/prisoners/@@open-data.csv").text)
            self.assertNotIn("anatoly-veshnyakov", self.get(f"{language}/prisoners/@@open-data.json").text)

    def test_an_unchanged_file_is_revalidated_without_a_body_and_a_retraction_changes_its_tag(self):
        first = self.get("en/prisoners/@@open-data.json")
        etag = first.headers["ETag"]
        again = self.get("en/prisoners/@@open-data.json", headers={"If-None-Match": etag})
        self.assertEqual(again.status_code, 304)
        self.assertEqual(again.content, b"")
        self.retract(self.cast["published"])
        after = self.get("en/prisoners/@@open-data.json", headers={"If-None-Match": etag})
        self.assertEqual(after.status_code, 200)
        self.assertNotEqual(after.headers["ETag"], etag)
        self.assertNotIn("anatoly-veshnyakov", after.text)

    def test_open_data_answers_on_the_list_only(self):
        for path in ("en/news/@@open-data.csv", "en/@@open-data.json", "intranet/cases/@@open-data.json"):
            response = self.get(path)
            self.assertNotEqual(response.status_code, 200, path)
            self.assert_nothing_private(response.text, path)

    def test_every_column_is_documented(self):
        documentation = DOCS.read_text(encoding="utf-8")
        for name, _description in COLUMNS:
            self.assertIn(f"| `{name}` |", documentation)
        for language in ("en", "de"):
            self.assertIn(f"/{language}/prisoners/@@open-data.csv", documentation.replace("<lang>", language))
