"""HTTP hardening (issue 16): security headers on every response, a Content-Security-Policy the pages live
with, and error pages that reveal neither tracebacks nor the machine's paths.

The policy is tried for real in chromium: every intranet page of the accessibility table (each as the
person who works on it) and the public pages are opened with a listener for `securitypolicyviolation`
events, and a script injected into a page is refused.
"""

import base64
import os
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import requests
from tests.browser.test_intranet_accessibility import german_profile
from tests.browser.test_intranet_accessibility import PAGES
from tests.browser.test_intranet_accessibility import prepare
from tests.browser_helpers import DESKTOP
from tests.browser_helpers import log_in
from tests.browser_helpers import PHONE
from tests.browser_helpers import save_screenshot
from tests.coalition_layers import COALITION_BROWSER_TESTING
from tests.coalition_layers import COALITION_SERVER_TESTING
from tests.page_checkers import axe_violations
from tests.public.channel_fixtures import http_get
import transaction
import unittest
from zope.component import getGlobalSiteManager
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


PASSWORD = "demo-secret"  # noqa: S105 (the documented password of the demo cast)
EXPECTED = {
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
# What an error page must never show: Python's traceback, the code's place on disk, the exception's text.
SECRET_MESSAGE = "coalition-internal-error-marker /srv/secret/path/Data.fs"
LEAKS = ("Traceback", 'File "', ".py", "site-packages", os.getcwd(), SECRET_MESSAGE, "secret/path")


class Exploding:
    """A page that fails with a message naming a path, as a bug deep in a library would."""

    def __init__(self, context, request):
        self.context, self.request = context, request

    def __call__(self):
        raise RuntimeError(SECRET_MESSAGE)


class TestSecurityHeaders(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"

    def assert_hardened(self, response, what):
        for name, value in EXPECTED.items():
            self.assertEqual(response.headers.get(name), value, f"{name} on {what}")
        policy = response.headers.get("Content-Security-Policy", "")
        for directive in ("default-src 'self'", "object-src 'none'", "frame-ancestors 'self'", "base-uri 'self'"):
            self.assertIn(directive, policy, f"CSP on {what}")
        script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
        self.assertNotIn("unsafe-inline", script_src, what)
        self.assertNotIn("unsafe-eval", script_src, what)
        self.assertIn("camera=()", response.headers.get("Permissions-Policy", ""), what)

    def test_every_kind_of_response_carries_the_headers(self):
        json = {"Accept": "application/json"}
        cases = {
            "public page": http_get(self.site_url, "en"),
            "intranet page as a member": http_get(self.site_url, "intranet", "alpha-member"),
            "login redirect": http_get(self.site_url, "intranet"),
            "404": http_get(self.site_url, "en/no-such-page"),
            "REST 401": http_get(self.site_url, "intranet", headers=json),
            "REST answer": http_get(self.site_url, "en", headers=json),
            "static resource": http_get(self.site_url, "++plone++static/plone-fontello/css/plone-fontello.css"),
            "login form": http_get(self.site_url, "en/login"),
        }
        for what, response in cases.items():
            with self.subTest(what):
                self.assertIn(response.status_code, (200, 302, 401, 404), what)
                self.assert_hardened(response, what)

    def test_only_folder_contents_allows_eval(self):
        contents = http_get(self.site_url, "intranet/organisations/alpha/folder_contents", "alpha-member")
        self.assertEqual(contents.status_code, 200)
        self.assertIn("'unsafe-eval'", contents.headers["Content-Security-Policy"])
        self.assertNotIn("unsafe-inline", contents.headers["Content-Security-Policy"].split("style-src")[0])
        page = http_get(self.site_url, "intranet/organisations/alpha", "alpha-member")
        self.assertNotIn("'unsafe-eval'", page.headers["Content-Security-Policy"])

    def test_wrong_basic_credentials_answer_carries_the_headers(self):
        response = requests.get(f"{self.site_url}/intranet", auth=("alpha-member", "wrong"), timeout=30)
        self.assert_hardened(response, "failed login")


class TestErrorPages(unittest.TestCase):
    """A failing page shows neither a traceback nor paths, to Anonymous or to members; nor does the REST API."""

    layer = COALITION_SERVER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        registry = getGlobalSiteManager()
        registry.registerAdapter(Exploding, (Interface, IDefaultBrowserLayer), Interface, "coalition-explode")
        self.addCleanup(
            registry.unregisterAdapter, Exploding, (Interface, IDefaultBrowserLayer), Interface, "coalition-explode"
        )

    def assert_reveals_nothing(self, response, who):
        self.assertEqual(response.status_code, 500, who)
        for leak in LEAKS:
            self.assertNotIn(leak, response.text, f"{who} saw {leak!r}")
        self.assertEqual(response.headers.get("X-Content-Type-Options"), "nosniff", who)

    def test_error_page_as_anonymous_and_as_members(self):
        for user in (None, "alpha-member", "coordinator"):
            with self.subTest(user=user):
                response = http_get(self.site_url, "en/@@coalition-explode", user)
                self.assert_reveals_nothing(response, user or "Anonymous")
                self.assertIn("error", response.text.lower())

    def test_rest_api_error_as_anonymous_and_as_members(self):
        for user in (None, "alpha-member"):
            with self.subTest(user=user):
                response = http_get(
                    self.site_url, "en/@@coalition-explode", user, headers={"Accept": "application/json"}
                )
                self.assert_reveals_nothing(response, user or "Anonymous")

    def test_not_found_names_no_internal_path(self):
        response = http_get(self.site_url, "intranet/cases/no-such-case", "beta-member")
        self.assertEqual(response.status_code, 404)
        for leak in LEAKS:
            self.assertNotIn(leak, response.text)


VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


class TestPolicyInTheBrowser(unittest.TestCase):
    """Every page works under the policy: no violation on the intranet pages of the accessibility table, on the
    public pages or in the editor (TinyMCE); an injected inline script is refused."""

    layer = COALITION_BROWSER_TESTING

    def setUp(self):
        self.site_url = f"http://{self.layer['host']}:{self.layer['port']}/plone"
        self.portal = self.layer["portal"]
        self.session = self.layer["browser"]

    def new_page(self):
        page = self.session.new_page()
        page.add_init_script(VIOLATIONS)
        return page

    def violations_on(self, page, url):
        response = page.goto(url)
        try:
            # Scripts loaded lazily (mockup's chunks) run once the network is quiet; pages that keep polling
            # (folder contents) are read as they are after a while.
            page.wait_for_load_state("networkidle", timeout=8000)
        except PlaywrightTimeout:
            page.wait_for_load_state("load")
        self.assertIsNotNone(response)
        self.assertIn("Content-Security-Policy", {k.title(): v for k, v in response.headers.items()})
        return [f"{url}: {line}" for line in page.evaluate("window.__csp")]

    def test_public_pages_run_under_the_policy(self):
        page = self.new_page()
        found = []
        for path in ("en", "en/prisoners", "de/prisoners", "en/definition", "en/events", "en/campaigns", "en/login"):
            found += self.violations_on(page, f"{self.site_url}/{path}")
        self.assertEqual(found, [])

    def test_intranet_pages_run_under_the_policy(self):
        prepare(self.portal)
        found = []
        for role in dict.fromkeys(entry.role for entry in PAGES):
            page = self.new_page()
            log_in(page, self.site_url, role, PASSWORD)
            for entry in (entry for entry in PAGES if entry.role == role):
                found += self.violations_on(page, f"{self.site_url}/{entry.url_below(self.portal)}")
            page.context.close()
        self.assertEqual(found, [], "\n".join(found))

    def test_file_fields_work_without_inline_scripts(self):
        """The image field of an edit form: its file input opens only with "Replace" (file-widgets.js)."""
        page = self.new_page()
        log_in(page, self.site_url, "editor-de", PASSWORD)
        self.assertEqual(self.violations_on(page, f"{self.site_url}/{german_profile(self.portal)}/edit"), [])
        file_input = page.locator("#form-widgets-image-input")
        self.assertTrue(file_input.is_disabled())
        # The field sits in a fieldset tab: a click by script (it fires "change" like a person's click).
        page.eval_on_selector("#form-widgets-image-replace", "radio => radio.click()")
        self.assertTrue(file_input.is_enabled())
        page.eval_on_selector("#form-widgets-image-nochange", "radio => radio.click()")
        self.assertTrue(file_input.is_disabled())

    def test_login_pages_look_right_and_are_accessible(self):
        """The administrators' lock list (with a lock) and "Log out everywhere", at desktop and phone widths."""
        api.portal.set_registry_record("coalition.login.account_failures", 3)
        transaction.commit()
        for _attempt in range(3):
            requests.get(f"{self.site_url}/intranet", auth=("beta-member", "wrong"), timeout=30, allow_redirects=False)
        # HTTP Basic on every request: Plone answers Anonymous with its login form, not with a 401 challenge.
        token = base64.b64encode(f"{SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}".encode()).decode()
        context = self.session.browser.new_context(extra_http_headers={"Authorization": f"Basic {token}"})
        self.addCleanup(context.close)
        admin = context.new_page()
        admin.add_init_script(VIOLATIONS)
        member = self.new_page()
        log_in(member, self.site_url, "alpha-member", PASSWORD)
        for page, path, name in (
            (admin, "@@login-lockouts", "login-lockouts"),
            (member, "@@logout-everywhere", "logout-everywhere"),
        ):
            for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                page.set_viewport_size(viewport)
                self.assertEqual(self.violations_on(page, f"{self.site_url}/{path}"), [])
                self.assertEqual(axe_violations(page), [], f"{name} {width}")
                save_screenshot(page, f"security-{name}-{width}")
        self.assertIn("beta-member", admin.content())

    def test_injected_script_is_refused(self):
        """A script that got into a page (as a stored XSS would) does not run, inline or as a handler."""
        page = self.new_page()
        page.goto(f"{self.site_url}/en")
        page.evaluate(
            """() => {
              const script = document.createElement("script");
              script.textContent = "window.__pwned = 1;";
              document.body.appendChild(script);
              const image = document.createElement("img");
              image.setAttribute("onerror", "window.__pwned = 2;");
              image.src = "data:,broken";
              document.body.appendChild(image);
            }"""
        )
        page.wait_for_function("window.__csp.length >= 2")
        self.assertIsNone(page.evaluate("window.__pwned"))
        self.assertTrue(any("script-src" in line for line in page.evaluate("window.__csp")))
