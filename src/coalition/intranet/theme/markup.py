"""Last touches to the HTML of every page so that it validates (Nu HTML checker), whatever the theme did.

Three defects of the stock Plone/Barceloneta page, fixed on the serialized page (cheap, one pass each):
the XSLT output of the theme adds a ``Content-Type`` meta beside ``<meta charset>`` (and pushes the charset
past the first 1024 bytes); the anonymous tools copy an ``icon`` attribute onto their links; and the
off-canvas navigation carries ``aria-labelledby`` on a ``div`` without a role.
"""

from plone.transformchain.interfaces import ITransform
import re
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


HTTP_EQUIV_CONTENT_TYPE = re.compile(r'<meta http-equiv="Content-Type"[^>]*>\s*', re.IGNORECASE)
META_CHARSET = re.compile(r'<meta charset="utf-8"\s*/?>', re.IGNORECASE)
HEAD_START = re.compile(r"<head[^>]*>")
LINK_ICON_ATTRIBUTE = re.compile(r'(<a\b[^>]*?)\s+icon="[^"]*"')
OFFCANVAS_WITHOUT_ROLE = re.compile(r'(<div class="offcanvas [^"]*"(?![^>]*\brole=)[^>]*?)\s+aria-labelledby=')


def clean_markup(html: str) -> str:
    if "<head" not in html[:4096]:
        return html
    html = HTTP_EQUIV_CONTENT_TYPE.sub("", html, count=1)
    if META_CHARSET.search(html):
        html = META_CHARSET.sub("", html, count=1)
        html = HEAD_START.sub(lambda match: match.group(0) + '<meta charset="utf-8" />', html, count=1)
    html = LINK_ICON_ATTRIBUTE.sub(r"\1", html)
    return OFFCANVAS_WITHOUT_ROLE.sub(r'\1 role="dialog" aria-labelledby=', html, count=1)


@implementer(ITransform)
@adapter(Interface, Interface)
class ValidMarkupTransform:
    # After the theme (8850) and plone.protect (9000), which both re-serialize the page.
    order = 9100

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def _applies(self) -> bool:
        content_type = self.request.response.getHeader("Content-Type") or ""
        return content_type.startswith("text/html")

    def transformBytes(self, result, encoding):
        if not self._applies():
            return None
        return clean_markup(result.decode(encoding)).encode(encoding)

    def transformUnicode(self, result, encoding):
        if not self._applies():
            return None
        return clean_markup(result)

    def transformIterable(self, result, encoding):
        if not self._applies():
            return None
        if hasattr(result, "serialize"):  # an lxml tree from the theme or plone.protect
            text = result.serialize(encoding=str)
        else:
            text = b"".join(part if isinstance(part, bytes) else part.encode(encoding) for part in result).decode(
                encoding
            )
        return [clean_markup(text).encode(encoding)]
