"""Every page is valid HTML: the stock page's three defects are corrected on the tree the theme hands on."""

from coalition.intranet.theme.markup import clean_markup
from coalition.intranet.theme.markup import ValidMarkupTransform
from lxml import etree
import lxml.html
from repoze.xmliter.utils import getHTMLSerializer
import requests
from tests.coalition_layers import COALITION_SERVER_TESTING
from types import SimpleNamespace
import unittest


STOCK_PAGE = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />'
    '<title>t</title><link rel="icon" href="x" /><meta charset="utf-8" /></head><body>'
    '<a href="/login" id="personaltools-login" icon="plone-login" class="pat-plone-modal">Log in</a>'
    '<div class="offcanvas offcanvas-end" id="offcanvasNavbar" aria-labelledby="offcanvasNavbarLabel"></div>'
    "<p>Павел Примеров</p></body></html>"
)
# The theme's XSLT with the HTML output method, as Diazo runs it: its serializer writes a Content-Type meta.
HTML_OUTPUT_IDENTITY = etree.XSLT(
    etree.XML(
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:output method="html" indent="no" omit-xml-declaration="yes" encoding="utf-8"'
        ' doctype-public="-//W3C//DTD XHTML 1.0 Transitional//EN"/>'
        '<xsl:template match="@*|node()"><xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>'
        "</xsl:template></xsl:stylesheet>"
    )
)


def html_request(content_type="text/html; charset=utf-8"):
    return SimpleNamespace(response=SimpleNamespace(getHeader=lambda name: content_type))


def themed(page: str):
    """``page`` as the theme hands it on: parsed, transformed by XSLT, with the theme's doctype."""
    serializer = getHTMLSerializer([page.encode()], encoding="utf-8")
    serializer.doctype = "<!DOCTYPE html>\n"
    serializer.tree = HTML_OUTPUT_IDENTITY(serializer.tree)
    return serializer


class TestCleanMarkup(unittest.TestCase):
    def test_one_charset_declaration_first_in_the_head(self):
        html = clean_markup(STOCK_PAGE)
        self.assertNotIn("http-equiv", html)
        head = lxml.html.document_fromstring(html).find("head")
        self.assertEqual([meta.get("charset") for meta in head.iter("meta")], ["utf-8"])
        self.assertEqual([child.tag for child in head], ["meta", "title", "link"])

    def test_links_lose_the_icon_attribute_and_offcanvas_gets_a_role(self):
        root = lxml.html.document_fromstring(clean_markup(STOCK_PAGE))
        link = root.get_element_by_id("personaltools-login")
        self.assertEqual(dict(link.attrib), {"href": "/login", "id": "personaltools-login", "class": "pat-plone-modal"})
        navigation = root.get_element_by_id("offcanvasNavbar")
        self.assertEqual(navigation.get("role"), "dialog")
        self.assertEqual(navigation.get("aria-labelledby"), "offcanvasNavbarLabel")

    def test_text_and_doctype_are_kept(self):
        html = clean_markup(STOCK_PAGE)
        self.assertTrue(html.startswith("<!DOCTYPE html>\n<html"), html[:40])
        self.assertIn("<p>Павел Примеров</p>", html)

    def test_fragments_without_a_head_are_left_alone(self):
        fragment = '<a href="x" icon="y">x</a>'
        self.assertEqual(clean_markup(fragment), fragment)


class TestTransformAfterTheTheme(unittest.TestCase):
    def test_the_themes_tree_is_served_with_one_charset_declaration(self):
        page = STOCK_PAGE.replace('<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />', "")
        tree = themed(page)
        self.assertIn(b'http-equiv="Content-Type"', bytes(tree), "the XSLT output method no longer adds the meta")
        body = b"".join(ValidMarkupTransform(None, html_request()).transformIterable(tree, "utf-8"))
        self.assertTrue(body.startswith(b"<!DOCTYPE html>\n<html"), body[:40])
        self.assertNotIn(b"http-equiv", body)
        self.assertEqual(body.count(b"<meta charset"), 1)
        self.assertLess(body.index(b'<meta charset="utf-8">'), 1024)
        self.assertNotIn(b'icon="plone-login"', body)
        self.assertIn("<p>Павел Примеров</p>".encode(), body)

    def test_an_unparsed_page_is_parsed_and_corrected(self):
        body = b"".join(ValidMarkupTransform(None, html_request()).transformIterable([STOCK_PAGE.encode()], "utf-8"))
        self.assertNotIn(b"http-equiv", body)
        self.assertNotIn(b'icon="plone-login"', body)

    def test_other_responses_are_left_alone(self):
        transform = ValidMarkupTransform(None, html_request("application/json"))
        self.assertIsNone(transform.transformIterable([STOCK_PAGE.encode()], "utf-8"))
        transform = ValidMarkupTransform(None, html_request())
        self.assertIsNone(transform.transformIterable([b'<a href="x" icon="y">x</a>'], "utf-8"))


class TestServedPages(unittest.TestCase):
    layer = COALITION_SERVER_TESTING

    def test_public_home_page_is_served_cleaned(self):
        html = requests.get(f"http://{self.layer['host']}:{self.layer['port']}/plone/en", timeout=30).text
        self.assertTrue(html.startswith("<!DOCTYPE html>"), html[:80])
        self.assertNotIn('http-equiv="Content-Type"', html)
        self.assertEqual(html.count("<meta charset"), 1)
        self.assertLess(html.index('<meta charset="utf-8"'), 1024)
        self.assertNotIn('icon="plone-login"', html)
