"""The caching proxy for real: Debian's varnishd with deploy/varnish/coalition.vcl in front of the test server.

Anonymous public pages come from the cache; nothing a member or the intranet got is ever served to someone
else; a retraction (and a publication, and an update) reaches every page showing the person at once.
"""

from coalition.intranet.demo.cast import DEMO_PASSWORD
from coalition.intranet.public import api as public
from datetime import date
from datetime import timedelta
import gzip
from plone import api
from plone.app.testing import FunctionalTesting
import requests
from tests.caching.varnish_proxy import VARNISH_FIXTURE
from tests.coalition_layers import COALITION_DEMO_FIXTURE
from tests.public.profile_fixtures import make_profile
from tests.public.profile_fixtures import portrait
import transaction
import unittest


# The demo site behind its own varnishd (the varnish fixture brings the WSGI server).
COALITION_PROXY_TESTING = FunctionalTesting(bases=(COALITION_DEMO_FIXTURE, VARNISH_FIXTURE), name="CoalitionDemo:Proxy")

RETRACTED = {"en": "Zyablov Retraktov", "de": "Zjablow Retraktow", "fr": "Ziablov Retraktov"}
PUBLISHED_LATER = "Novikov Poyavlensky"


class ProxyTestCase(unittest.TestCase):
    layer = COALITION_PROXY_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.proxy = f"{self.layer['proxy_url']}/plone"
        self.backend = f"http://localhost:{self.layer['port']}/plone"
        # Purges go to this layer's varnishd (committed with the test's first commit).
        api.portal.set_registry_record(
            "plone.cachepurging.interfaces.ICachePurgingSettings.cachingProxies",
            (f"http://127.0.0.1:{self.layer['varnish'].port}",),
        )

    def get(self, path, **kwargs):
        kwargs.setdefault("timeout", 60)
        kwargs.setdefault("allow_redirects", False)
        url = path if path.startswith("http") else f"{self.proxy}/{path}"
        return requests.get(url, **kwargs)

    def get_cached(self, path, **kwargs):
        """GET twice; the second answer must come from the cache."""
        first = self.get(path, **kwargs)
        self.assertEqual(first.status_code, 200, path)
        second = self.get(path, **kwargs)
        self.assertEqual(second.headers.get("X-Cache"), "HIT", f"{path}: {second.headers}")
        return second

    def log_in(self, user, password=DEMO_PASSWORD) -> str:
        """Log in through Plone's login form, through the proxy; returns the ``__ac`` cookie."""
        response = requests.post(
            f"{self.proxy}/login",
            data={"__ac_name": user, "__ac_password": password, "buttons.login": "Log in", "came_from": ""},
            allow_redirects=False,
            timeout=60,
        )
        cookie = response.cookies.get("__ac")
        self.assertTrue(cookie, f"no login cookie: {response.status_code}")
        return cookie


def text(response) -> str:
    body = response.content
    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    return body.decode("utf-8", "replace")


class TestAnonymousPagesAreCached(ProxyTestCase):
    def setUp(self):
        super().setUp()
        make_profile("Keshev Khranimov")
        transaction.commit()

    def test_second_request_comes_from_the_cache(self):
        first = self.get("en/prisoners/keshev-khranimov")
        self.assertEqual(first.status_code, 200)
        self.assertEqual(first.headers["X-Cache"], "MISS")
        second = self.get("en/prisoners/keshev-khranimov")
        self.assertEqual(second.headers["X-Cache"], "HIT")
        self.assertIn("Keshev Khranimov", second.text)
        self.assertGreaterEqual(int(second.headers["Age"]), 0)
        # X-Varnish names this request and the one that stored the object.
        self.assertEqual(len(second.headers["X-Varnish"].split()), 2)

    def test_browsers_revalidate_against_the_proxy(self):
        cached = self.get_cached("en/prisoners/keshev-khranimov")
        self.assertEqual(cached.headers["Cache-Control"].split(",")[0].strip(), "max-age=0")
        revalidated = self.get("en/prisoners/keshev-khranimov", headers={"If-None-Match": cached.headers["ETag"]})
        self.assertEqual(revalidated.status_code, 304)

    def test_tracking_cookies_and_parameters_do_not_split_the_cache(self):
        self.get_cached("en/prisoners?region=tver&status=serving_sentence")
        for cookie in ("_ga=GA1.2.3.4; _gid=GA1.2.5", "_pk_id.1.abcd=xyz", "I18N_LANGUAGE=ru"):
            response = self.get("en/prisoners?region=tver&status=serving_sentence", headers={"Cookie": cookie})
            self.assertEqual(response.headers["X-Cache"], "HIT", cookie)
        response = self.get("en/prisoners?status=serving_sentence&utm_source=mail&region=tver")
        self.assertEqual(response.headers["X-Cache"], "HIT")

    def test_a_russian_language_cookie_gets_the_english_page(self):
        self.get_cached("en/prisoners")
        response = self.get("en/prisoners", headers={"Cookie": "I18N_LANGUAGE=ru", "Accept-Language": "ru"})
        self.assertIn('lang="en"', response.text)
        direct = requests.get(f"{self.backend}/en/prisoners", headers={"Cookie": "I18N_LANGUAGE=ru"}, timeout=60)
        self.assertIn('lang="en"', direct.text, "Plone itself renders a language root in its own language")

    def test_rest_api_and_html_are_cached_apart(self):
        html = self.get_cached("en/prisoners/keshev-khranimov")
        data = self.get_cached("en/prisoners/keshev-khranimov", headers={"Accept": "application/json"})
        self.assertTrue(html.headers["Content-Type"].startswith("text/html"))
        self.assertTrue(data.headers["Content-Type"].startswith("application/json"))
        self.assertEqual(data.json()["title"], "Keshev Khranimov")

    def test_path_purge_of_plone_cachepurging_drops_that_url(self):
        """plone.cachepurging's PURGE of a path (after a request that changed content) reaches every variant."""
        self.get_cached("en/prisoners/keshev-khranimov")
        self.get_cached("en/prisoners/keshev-khranimov", headers={"Accept": "application/json"})
        self.get_cached("en/prisoners")
        purge = requests.request(
            "PURGE", f"http://127.0.0.1:{self.layer['varnish'].port}/plone/en/prisoners/keshev-khranimov", timeout=10
        )
        self.assertEqual(purge.status_code, 200)
        self.assertEqual(self.get("en/prisoners/keshev-khranimov").headers["X-Cache"], "MISS")
        json = self.get("en/prisoners/keshev-khranimov", headers={"Accept": "application/json"})
        self.assertEqual(json.headers["X-Cache"], "MISS")
        self.assertEqual(self.get("en/prisoners").headers["X-Cache"], "HIT")

    def test_tags_are_not_shown_outside(self):
        self.get_cached("en/prisoners")
        outside = self.get("en/prisoners", headers={"X-Forwarded-For": "203.0.113.7"})
        self.assertNotIn("xkey", outside.headers)
        self.assertIn("prisoner-list", self.get("en/prisoners").headers["xkey"].split())


class TestNothingPrivateIsServedFromTheCache(ProxyTestCase):
    def assert_not_the_members_page(self, response, marker):
        self.assertNotEqual(response.headers.get("X-Cache"), "HIT")
        self.assertNotIn(marker, response.text)

    def test_intranet_page_of_a_member_is_never_served_to_anonymous(self):
        cookie = self.log_in("alpha-member")
        for _ in range(2):
            member = self.get("intranet", headers={"Cookie": f"__ac={cookie}"})
            self.assertEqual(member.status_code, 200)
            self.assertEqual(member.headers["X-Cache"], "PASS")
            self.assertIn("no-store", member.headers["Cache-Control"])
        marker = "Alpha Rights Centre"
        self.assertIn(marker, member.text)
        anonymous = self.get("intranet")
        self.assertIn(anonymous.status_code, (302, 401, 403))
        self.assert_not_the_members_page(anonymous, marker)
        followed = self.get("intranet", allow_redirects=True)
        self.assert_not_the_members_page(followed, marker)
        self.assertIn("__ac_password", followed.text)

    def test_requests_with_credentials_pass_and_leave_nothing_behind(self):
        cookie = self.log_in("alpha-member")
        credentials = (
            {"headers": {"Cookie": f"__ac={cookie}"}},
            {"headers": {"Cookie": f"_ga=GA1.2; __ac={cookie}"}},
            {"auth": ("alpha-member", DEMO_PASSWORD)},
            {"headers": {"Cookie": "auth_token=someone.s.token"}},
            {"headers": {"Cookie": "coalition_2fa=pending-second-factor"}},
        )
        for kwargs in credentials:
            for _ in range(2):
                response = self.get("en/prisoners", **kwargs)
                self.assertEqual(response.headers["X-Cache"], "PASS", kwargs)
        # The member's pages left nothing in the cache: Anonymous gets a fresh page without the member's menu.
        anonymous = self.get("en/prisoners")
        self.assertEqual(anonymous.headers["X-Cache"], "MISS")
        self.assertFalse("personaltools-logout" in anonymous.text)
        self.assertTrue("personaltools-login" in anonymous.text)

    def test_intranet_is_passed_whatever_its_headers(self):
        for path in ("intranet", "intranet/cases", "++api++/intranet", "en/../intranet"):
            for _ in range(2):
                response = self.get(path)
                self.assertNotEqual(response.headers.get("X-Cache"), "HIT", path)

    def test_purge_and_ban_only_from_the_machine_itself(self):
        outside = {"X-Forwarded-For": "203.0.113.7"}
        purge = requests.request("PURGE", f"{self.proxy}/en", headers={**outside, "xkey": "prisoner-list"}, timeout=10)
        self.assertEqual(purge.status_code, 403)
        ban = requests.request("BAN", f"{self.proxy}/", headers=outside, timeout=10)
        self.assertEqual(ban.status_code, 403)
        local = requests.request("PURGE", f"{self.proxy}/en", headers={"xkey": "prisoner-list"}, timeout=10)
        self.assertEqual(local.status_code, 200)

    def test_the_zmi_is_closed_from_outside(self):
        outside = {"X-Forwarded-For": "203.0.113.7"}
        for path in (
            "manage_main",
            "manage",
            "en/manage_workspace",
            "acl_users/manage_users",
            "../Control_Panel",
            "%6danage_main",
            "en/manage%5Fmain",
        ):
            response = self.get(path, headers=outside)
            self.assertEqual(response.status_code, 403, path)
        inside = self.get("manage_main")
        self.assertNotEqual(inside.status_code, 403)
        # Encoded letters outside the path (a search) and encoded non-ASCII names are not refused.
        search = self.get("en/prisoners?q=%6danage_main", headers=outside)
        self.assertEqual(search.status_code, 200)


class TestExactPurges(ProxyTestCase):
    """A retraction, a publication and an update reach every page showing the person, through the proxy, at once."""

    def setUp(self):
        super().setUp()
        # Enough people to make a second page of the list sorted by name, with the retracted person on it.
        for number in range(24):
            make_profile(f"Aaronov Zapolnitel {number:02d}", region="moscow")
        born = date.today() + timedelta(days=2)
        self.profile = make_profile(
            RETRACTED["en"],
            translations={"de": RETRACTED["de"], "fr": RETRACTED["fr"]},
            image=portrait(),
            date_of_birth=born.replace(year=born.year - 40),
        )
        self.uid = api.content.get_uuid(self.profile)
        scale = self.profile.restrictedTraverse("@@images").scale("image", scale="preview")
        self.scale = "en/prisoners/zyablov-retraktov/@@images/" + scale.url.split("/@@images/")[1]
        # A news page naming the person among its related items.
        with api.env.adopt_roles(["Manager"]):
            news = api.content.create(container=self.portal["en"]["news"], type="Document", title="Solidarnost Vecher")
            api.content.transition(news, to_state="published")
            api.relation.create(source=news, target=self.profile, relationship="relatedItems")
        transaction.commit()

    def pages_showing_the_person(self) -> dict:
        """Path → the text that names the person there."""
        name = RETRACTED["en"]
        return {
            "de/prisoners": RETRACTED["de"],
            "en/prisoners?region=tver": name,
            "en/prisoners?sort=name&b_start=24": name,
            "en/prisoners?q=Zyablov": name,
            "de/prisoners?region=tver": RETRACTED["de"],
            "fr/prisoners": RETRACTED["fr"],
            "en/prisoners/@@statistics": name,
            "de/prisoners/@@statistics": RETRACTED["de"],
            "en/prisoners/@@rss": name,
            "de/prisoners/@@rss": RETRACTED["de"],
            "en/prisoners/@@open-data.json": name,
            "en/prisoners/@@open-data.csv": name,
            "sitemap.xml.gz?page=1": "en/prisoners/zyablov-retraktov",
            "de/sitemap.xml.gz?page=1": "de/prisoners/zyablov-retraktov",
            "en/news/solidarnost-vecher": name,
        }

    def profile_pages(self) -> list:
        return [
            "en/prisoners/zyablov-retraktov",
            "en/prisoners/zyablov-retraktov/view",
            "de/prisoners/zyablov-retraktov",
            "fr/prisoners/zyablov-retraktov",
            self.scale,
        ]

    def test_retraction_is_gone_through_the_proxy_at_once(self):
        pages = self.pages_showing_the_person()
        for path, name in pages.items():
            self.assertTrue(name in text(self.get_cached(path)), path)
        for path in self.profile_pages():
            self.get_cached(path)

        public.retract_profile(self.uid, reason="The family asked.", actor="commission")
        transaction.commit()

        for path, name in pages.items():
            response = self.get(path)
            self.assertEqual(response.status_code, 200, path)
            self.assertFalse(name in text(response), path)
        for path in self.profile_pages():
            response = self.get(path)
            self.assertEqual(response.status_code, 404, path)
            self.assertFalse(RETRACTED["en"] in response.text, path)

    def test_publication_appears_at_once(self):
        paths = (
            "en/prisoners?region=tver",
            "en/prisoners?q=Novikov",
            "en/prisoners/@@rss",
            "en/prisoners/@@open-data.json",
        )
        for path in paths:
            self.assertFalse(PUBLISHED_LATER in text(self.get_cached(path)), path)
        make_profile(PUBLISHED_LATER)
        transaction.commit()
        for path in paths:
            self.assertTrue(PUBLISHED_LATER in text(self.get(path)), path)

    def test_update_reaches_every_language_at_once(self):
        for path in ("en/prisoners/zyablov-retraktov", "de/prisoners/zyablov-retraktov"):
            self.assertFalse("Penal colony No. 9" in self.get_cached(path).text, path)
        public.upsert_profile({"place_of_detention": "Penal colony No. 9, Vladimir region"}, self.uid, source="test")
        transaction.commit()
        for path in ("en/prisoners/zyablov-retraktov", "de/prisoners/zyablov-retraktov"):
            self.assertTrue("Penal colony No. 9" in self.get(path).text, path)

    def test_an_aborted_retraction_purges_nothing(self):
        self.get_cached("en/prisoners/zyablov-retraktov")
        public.retract_profile(self.uid, reason="Changed mind.", actor="commission")
        transaction.abort()
        self.assertEqual(self.get("en/prisoners/zyablov-retraktov").headers["X-Cache"], "HIT")


class TestActsOfTheCase(ProxyTestCase):
    """The list commission's acts on a case file (cases/publication.py) purge the proxy themselves."""

    def test_publication_and_retraction_of_a_case(self):
        from coalition.intranet.cases import publication
        from tests.cases.case_helpers import decided_case

        paths = ("en/prisoners?region=tver", "en/prisoners/@@rss", "en/prisoners/@@open-data.csv")
        for path in paths:
            self.assertFalse("Aktov Delov" in text(self.get_cached(path)), path)
        case = decided_case(self.portal, full_name_latin="Aktov Delov")
        with api.env.adopt_user(username="commission"):
            profile = publication.publish(case)
        transaction.commit()
        page = profile.absolute_url().split("/plone/", 1)[1]
        for path in paths:
            self.assertTrue("Aktov Delov" in text(self.get(path)), path)
        self.assertTrue("Aktov Delov" in self.get_cached(page).text)

        with api.env.adopt_user(username="commission"):
            publication.retract(case, "The family asked us to.")
        transaction.commit()
        for path in paths:
            self.assertFalse("Aktov Delov" in text(self.get(path)), path)
        self.assertEqual(self.get(page).status_code, 404)
