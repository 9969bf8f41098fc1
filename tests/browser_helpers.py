"""Playwright driving Debian's chromium (never a downloaded browser), and screenshots to look at."""

import os
import pathlib
from playwright.sync_api import sync_playwright


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = pathlib.Path(os.environ.get("COALITION_SCREENSHOTS", "test-results/screenshots"))
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


class BrowserSession:
    """One headless chromium, started and stopped by the ``CHROMIUM_FIXTURE`` layer."""

    def start(self):
        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self._contexts = []
        return self

    def new_page(self, viewport=DESKTOP, locale="en-GB"):
        context = self.browser.new_context(viewport=viewport, locale=locale)
        self._contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20000)
        return page

    def close_pages(self):
        """Close every page of the finished test (cookies and logins do not leak into the next one)."""
        while self._contexts:
            self._contexts.pop().close()

    def stop(self):
        self.browser.close()
        self._playwright.stop()


def save_screenshot(page, name: str) -> pathlib.Path:
    """Save a full-page screenshot under test-results/screenshots/ (git-ignored) and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page, site_url: str, user_id: str, password: str, code: str | None = None) -> None:
    """Log in through Plone's login form, as a person would (``code``: of the second factor, if it is on)."""
    page.goto(f"{site_url}/en/login")
    page.fill("#__ac_name", user_id)
    page.fill("#__ac_password", password)
    if code is not None:
        page.fill("#__ac_otp", code)
    page.click("button[name='buttons.login']")
    page.wait_for_load_state()
