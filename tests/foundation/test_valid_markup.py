"""Every page is valid HTML: the stock page's three defects are fixed after the theme serialized it."""

from coalition.intranet.theme.markup import clean_markup
import requests
from tests.coalition_layers import COALITION_SERVER_TESTING
import unittest


STOCK_PAGE = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />'
    '<title>t</title><link rel="icon" href="x" /><meta charset="utf-8" /></head><body>'
    '<a href="/login" id="personaltools-login" icon="plone-login" class="pat-plone-modal">Log in</a>'
    '<div class="offcanvas offcanvas-end" id="offcanvasNavbar" aria-labelledby="offcanvasNavbarLabel"></div>'
    "</body></html>"
)


class TestCleanMarkup(unittest.TestCase):
    def test_one_charset_declaration_first_in_the_head(self):
        html = clean_markup(STOCK_PAGE)
        self.assertNotIn("http-equiv", html)
        self.assertEqual(html.count("<meta charset"), 1)
        self.assertIn('<head><meta charset="utf-8" /><title>', html)

    def test_links_lose_the_icon_attribute_and_offcanvas_gets_a_role(self):
        html = clean_markup(STOCK_PAGE)
        self.assertIn('<a href="/login" id="personaltools-login" class="pat-plone-modal">', html)
        self.assertIn('role="dialog" aria-labelledby="offcanvasNavbarLabel"', html)

    def test_fragments_without_a_head_are_left_alone(self):
        fragment = '<a href="x" icon="y">x</a>'
        self.assertEqual(clean_markup(fragment), fragment)


class TestServedPages(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def test_public_home_page_is_served_cleaned(self):
        html = requests.get(f"http://{self.layer['host']}:{self.layer['port']}/plone/en", timeout=30).text
        self.assertNotIn('http-equiv="Content-Type"', html)
        self.assertLess(html.index('<meta charset="utf-8"'), 1024)
        self.assertNotIn('icon="plone-login"', html)
