"""The front page of each language root, built from the live data and read over HTTP as a reader would.

A newly published profile appears as recently recognised and moves the count; a retracted one disappears; a
birthday this week appears; a campaign that ended is not among the running ones; the page for Anonymous is
the same for everyone and may be kept by proxies; nothing private reaches it.
"""

from coalition.intranet.public import api as public
from datetime import date
from datetime import timedelta
import lxml.html
from plone import api
from plone.dexterity.utils import createContentInContainer
from tests.campaigns.campaign_fixtures import make_campaign
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.public.channel_fixtures import http_get
from tests.public.channel_fixtures import make_public_and_private_content
from tests.public.channel_fixtures import NEVER_IN_A_CHANNEL
from tests.public.profile_fixtures import make_profile
import transaction
import unittest


SECTIONS = {
    "count": "front-count-heading",
    "act": "front-act-heading",
    "campaigns": "front-campaigns-heading",
    "events": "front-events-heading",
    "statements": "front-statements-heading",
}


def directives(response) -> dict:
    """``Cache-Control`` as ``{directive: value}``."""
    header = response.headers.get("Cache-Control", "")
    return {name.strip().lower(): value for name, _, value in (part.partition("=") for part in header.split(","))}


def same_day_years_ago(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without it
        return day.replace(year=day.year - years, day=28)


class FrontPageReader:
    """The front page of one language as parsed HTML, with its sections found by their headings."""

    def __init__(self, response):
        self.response = response
        self.html = lxml.html.fromstring(response.text)

    def section(self, name: str):
        found = self.html.xpath(f'//*[@aria-labelledby="{SECTIONS[name]}"]')
        assert found, f"no section {name!r} on the front page"
        return found[0]

    def text_of(self, name: str) -> str:
        return " ".join(self.section(name).text_content().split())

    def card(self, heading: str):
        """The card of "people to act for today" whose heading is ``heading``."""
        found = self.section("act").xpath(f'.//div[contains(@class, "card-body")][h3[normalize-space()="{heading}"]]')
        assert found, f"no card {heading!r}"
        return found[0]

    def names_in(self, heading: str) -> list[str]:
        return [link.text_content().strip() for link in self.card(heading).xpath(".//li/a")]

    def count(self) -> int:
        return int(self.section("count").xpath('.//span[contains(@class, "display-3")]')[0].text_content())

    def count_link(self) -> str:
        return self.section("count").xpath(".//a/@href")[0]

    def campaign_titles(self) -> list[str]:
        return [link.text_content().strip() for link in self.section("campaigns").xpath(".//h3/a")]

    def call_to_act(self) -> str:
        return self.section("count").xpath('.//a[contains(@class, "btn-primary")]/@href')[0]


class TestFrontPage(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.today = date.today()

    def front(self, language="en", user=None) -> FrontPageReader:
        response = http_get(self.site_url, language, user)
        self.assertEqual(response.status_code, 200, language)
        return FrontPageReader(response)

    def public_count(self, language) -> int:
        catalog = api.portal.get_tool("portal_catalog")
        return len(
            catalog.unrestrictedSearchResults(
                portal_type="PrisonerProfile", review_state="published", path=f"/plone/{language}/prisoners"
            )
        )

    def test_every_language_shows_the_live_count_linked_to_the_list(self):
        for language in ("en", "de", "fr", "ru"):
            page = self.front(language)
            self.assertEqual(page.html.get("lang"), language)
            self.assertEqual(page.count(), self.public_count(language), language)
            self.assertGreater(page.count(), 0, language)
            self.assertEqual(page.count_link(), f"{self.site_url}/{language}/prisoners")
            # The site's title is the page's one heading of level 1, for screen readers only.
            [heading] = page.html.xpath("//h1")
            self.assertIn("visually-hidden", heading.get("class"))

    def test_a_newly_published_profile_is_recently_recognised_in_its_languages(self):
        before = {language: self.front(language).count() for language in ("en", "de")}
        make_profile("Novak Priznannyi", translations={"de": "Nowak Prisnanny"}, recognised_on=self.today)
        transaction.commit()
        english, german = self.front("en"), self.front("de")
        self.assertIn("Novak Priznannyi", english.names_in("Recently recognised"))
        self.assertIn("Nowak Prisnanny", german.text_of("act"))
        self.assertNotIn("Novak Priznannyi", german.text_of("act"))
        self.assertEqual(english.count(), before["en"] + 1)
        self.assertEqual(german.count(), before["de"] + 1)

    def test_a_retracted_profile_disappears_at_once(self):
        profile = make_profile("Retrakt Ischeznov", translations={"de": "Retrakt Ischesnow"}, recognised_on=self.today)
        transaction.commit()
        shown = self.front("en")
        self.assertIn("Retrakt Ischeznov", shown.names_in("Recently recognised"))
        public.retract_profile(api.content.get_uuid(profile), reason="family's request", actor="test")
        transaction.commit()
        for language in ("en", "de"):
            response = http_get(self.site_url, language)
            self.assertNotIn("Retrakt Isch", response.text, language)
        self.assertEqual(self.front("en").count(), shown.count() - 1)

    def test_a_birthday_this_week_appears_and_one_next_month_does_not(self):
        soon = self.today + timedelta(days=2)
        make_profile("Aaron Imeninnikov", date_of_birth=same_day_years_ago(soon, 40), birth_year=soon.year - 40)
        later = self.today + timedelta(days=30)
        make_profile("Aaron Pozdnyakov", date_of_birth=same_day_years_ago(later, 30), birth_year=later.year - 30)
        transaction.commit()
        card = self.front("en").card("Birthdays this week")
        text = " ".join(card.text_content().split())
        self.assertIn("Aaron Imeninnikov", text)
        self.assertIn("Turns 40 on", text)
        self.assertNotIn("Aaron Pozdnyakov", text)

    def test_a_campaign_that_ended_is_not_running_and_the_call_goes_to_the_soonest_ending(self):
        make_campaign(
            self.portal,
            "ended-campaign",
            campaign_start=self.today - timedelta(days=90),
            campaign_end=self.today - timedelta(days=1),
        )
        make_campaign(self.portal, "ending-soon", campaign_end=self.today + timedelta(days=2))
        make_campaign(self.portal, "not-yet-started", campaign_start=self.today + timedelta(days=5))
        transaction.commit()
        for language in ("en", "de"):
            page = self.front(language)
            titles = page.campaign_titles()
            self.assertIn(f"Campaign ending-soon ({language})", titles)
            self.assertNotIn(f"Campaign ended-campaign ({language})", titles)
            self.assertNotIn(f"Campaign not-yet-started ({language})", titles)
            self.assertEqual(page.call_to_act(), f"{self.site_url}/{language}/campaigns/ending-soon/@@sign")
        # The ended campaign is still in the campaigns section, as what it achieved.
        listing = http_get(self.site_url, "en/campaigns")
        self.assertIn("Campaign ended-campaign (en)", listing.text)

    def test_latest_statements_come_by_their_own_date(self):
        with api.env.adopt_roles(["Manager"]):
            for title, days_ago in (("Statement Vcherashnee", 1), ("Statement Starinnoe", 400)):
                statement = createContentInContainer(
                    self.portal["en"]["news"],
                    "Statement",
                    title=title,
                    statement_kind="position",
                    statement_date=self.today - timedelta(days=days_ago),
                    checkConstraints=False,
                )
                api.content.transition(statement, to_state="published")
        transaction.commit()
        links = self.front("en").section("statements").xpath(".//li/a")
        titles = [link.text_content().strip() for link in links]
        self.assertEqual(titles[0], "Statement Vcherashnee")
        self.assertNotIn("Statement Starinnoe", titles)  # older than the demo's statements
        day = self.front("en").section("statements").xpath(".//li/span")[0].text_content()
        self.assertIn(str((self.today - timedelta(days=1)).year), day)
        self.assertNotIn("1969", self.front("en").text_of("statements"))

    def test_anonymous_page_is_the_same_for_everyone_and_cacheable(self):
        first = http_get(self.site_url, "en")
        cache = directives(first)
        self.assertEqual(first.headers.get("X-Cache-Rule"), "plone.content.dynamic")
        self.assertEqual(cache.get("s-maxage"), "60")
        self.assertNotIn("private", cache)
        self.assertNotIn("no-store", cache)
        self.assertNotIn("Set-Cookie", first.headers)
        # No token, form or personal tool that would differ from one reader to the next.
        self.assertNotIn("_authenticator", first.text)
        self.assertEqual(FrontPageReader(first).html.xpath('//form[@method="post"]'), [])
        again = http_get(self.site_url, "en", headers={"Accept-Language": "ru"})
        self.assertEqual(again.text, first.text)
        # A member's page carries their name: never kept by a proxy.
        member = http_get(self.site_url, "en", "alpha-member")
        self.assertEqual(member.status_code, 200)
        member_cache = directives(member)
        self.assertIn("private", member_cache)
        self.assertNotIn("s-maxage", member_cache)

    def test_nothing_private_reaches_the_front_page(self):
        secret_email = "frontpage-secret-4471@example.org"
        make_public_and_private_content(self.portal)
        with api.env.adopt_roles(["Manager"]):
            draft = createContentInContainer(
                self.portal["en"]["campaigns"],
                "Campaign",
                id="draft-campaign",
                title="Draftcampaign Nevidimaya",
                campaign_start=self.today - timedelta(days=1),
                checkConstraints=False,
            )
            self.assertEqual(api.content.get_state(draft), "draft")
            statement = createContentInContainer(
                self.portal["en"]["news"], "Statement", title="Draftstatement Skrytoe", checkConstraints=False
            )
            self.assertNotEqual(api.content.get_state(statement), "published")
        running = make_campaign(self.portal, "marker-front")["en"]
        with api.env.adopt_roles(["Manager"]):
            for number, (name, transitions) in enumerate(
                (
                    ("Unconfirmedfront Xq", ()),
                    ("Waitingfront Xq", ("confirm",)),
                    ("Rejectedfront Xq", ("confirm", "reject")),
                )
            ):
                supporter = createContentInContainer(
                    running,
                    "Supporter",
                    id=f"s-front{number}",
                    checkConstraints=False,
                    title=name,
                    supporter_role="citizen",
                    country="FR",
                    email=secret_email.replace("@", f"{number}@"),
                    show_name=True,
                )
                for transition in transitions:
                    api.content.transition(supporter, transition=transition)
        transaction.commit()
        secrets = (*NEVER_IN_A_CHANNEL, "Draftcampaign", "Draftstatement", "front Xq", "frontpage-secret")
        for user in (None, "beta-member"):
            for language in ("en", "de"):
                body = http_get(self.site_url, language, user).text
                for secret in secrets:
                    self.assertNotIn(secret, body, f"the {language} front page for {user} revealed {secret!r}")
        # The running campaign is there, with a count that holds no unapproved sign-up.
        self.assertIn("0 of 100 supporters", " ".join(self.front("en").text_of("campaigns").split()))
