"""Last touches to every HTML page so that it validates (Nu HTML checker), whatever the theme did.

Three defects of the stock Plone/Barceloneta page: the theme's XSLT output method writes a ``Content-Type``
meta beside ``<meta charset>`` (and pushes the charset past the first 1024 bytes); the anonymous tools copy
an ``icon`` attribute onto their links; and the off-canvas navigation carries ``aria-labelledby`` on a
``div`` without a role.

The transform runs after the theme (Diazo, 8850) and plone.protect (9000). Both hand the page on as a parsed
tree (a repoze.xmliter ``XMLSerializer``): it is corrected with lxml and serialized with lxml's HTML
serializer, which, unlike the XSLT output method, adds no ``Content-Type`` meta. A whole page nobody parsed
(no theme, plone.protect left it alone) is parsed here the same way; fragments are left as they are.
"""

from lxml import etree
import lxml.html
from plone.transformchain.interfaces import ITransform
from repoze.xmliter.serializer import XMLSerializer
from repoze.xmliter.utils import getHTMLSerializer
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


# A page, not a fragment: its head starts within the first bytes.
HEAD_WITHIN = 4096
OFFCANVAS_WITHOUT_ROLE = (
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' offcanvas ') and @aria-labelledby and not(@role)]"
)


def _remove(element) -> None:
    """Remove ``element`` but keep its tail text where it was."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def clean_tree(root) -> None:
    """Correct a parsed page in place: one charset declaration, first in the head; no ``icon`` attribute on
    links; a role for the off-canvas navigation that names its label."""
    head = root.find("head")
    if head is None:
        return
    for meta in head.findall("meta"):
        if (meta.get("http-equiv") or "").lower() == "content-type":
            _remove(meta)
    charsets = head.xpath("meta[@charset]")
    for duplicate in charsets[1:]:
        _remove(duplicate)
    if charsets and head.index(charsets[0]) != 0:
        charset = charsets[0]
        _remove(charset)
        charset.tail = None
        head.insert(0, charset)
    for link in root.iter("a"):
        link.attrib.pop("icon", None)
    for navigation in root.xpath(OFFCANVAS_WITHOUT_ROLE):
        navigation.set("role", "dialog")


def serialize(tree, encoding: str | type = str, doctype: str | None = None):
    """The page as HTML (lxml's HTML serializer: no ``Content-Type`` meta is added or kept)."""
    document = tree.getroot().getroottree()  # a plain tree also when the theme's XSLT made it
    return lxml.html.tostring(document, encoding=encoding, doctype=doctype)


def clean_markup(html: str) -> str:
    """``html`` corrected (see ``clean_tree``) when it is a whole page; a fragment comes back unchanged."""
    if "<head" not in html[:HEAD_WITHIN]:
        return html
    page = getHTMLSerializer([html])
    clean_tree(page.tree.getroot())
    return serialize(page.tree)


@implementer(ITransform)
@adapter(Interface, Interface)
class ValidMarkupTransform:
    # After the theme (8850) and plone.protect (9000), which both hand on a parsed page.
    order = 9100

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def _applies(self) -> bool:
        content_type = self.request.response.getHeader("Content-Type") or ""
        return content_type.startswith("text/html")

    def transformBytes(self, result, encoding):
        return self.transformIterable([result], encoding)

    def transformUnicode(self, result, encoding):
        return self.transformIterable([result.encode(encoding)], encoding)

    def transformIterable(self, result, encoding):
        if not self._applies():
            return None
        page = self._page(result, encoding)
        if not isinstance(page, XMLSerializer):
            return page
        clean_tree(page.tree.getroot())
        doctype = page.doctype.strip() if page.doctype else None
        return [serialize(page.tree, encoding=encoding, doctype=doctype)]

    def _page(self, result, encoding):
        """The page as a tree: the one the theme or plone.protect parsed, else parsed here. What is not a
        page comes back as it was (a list of bytes if ``result`` could be read only once), or None."""
        if isinstance(result, XMLSerializer):
            return result
        parts = [part if isinstance(part, bytes) else part.encode(encoding) for part in result]
        unchanged = None if isinstance(result, list) else parts
        if b"<head" not in b"".join(parts)[:HEAD_WITHIN]:
            return unchanged
        try:
            return getHTMLSerializer(parts, encoding=encoding)
        except (etree.ParseError, TypeError, AttributeError):
            return unchanged
