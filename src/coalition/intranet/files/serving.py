"""Files a browser would execute (saved web pages, SVG, scripts) are accepted as evidence but never run.

Whatever view serves a file (``@@download``, ``@@display-file``, ``@@images``, a version's download, a
concern's own download view: they all set ``Content-Disposition``), a response of a type a browser
executes (``ACTIVE_TYPES``) leaves as an attachment with a sandboxing Content-Security-Policy and
``nosniff``: opened from the site, no script in it runs with the reader's session. An ``<img>`` still
shows an SVG (images ignore both headers). The check runs on the response itself, so a view added later
cannot forget it. Plone's own pages (text/html) set no ``Content-Disposition`` and are not touched.
"""

from plone.namedfile.browser import Download
from zope.component import adapter
from zope.globalrequest import getRequest
from ZPublisher.interfaces import IPubBeforeCommit
from ZPublisher.interfaces import IPubBeforeStreaming


# No script, no plugin, no form, no same-origin access even if a browser ignored the attachment.
SANDBOX_POLICY = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"
ACTIVE_TYPES = frozenset(
    (
        *("text/html", "application/xhtml+xml", "image/svg+xml", "image/svg+xml-compressed"),
        *("text/xml", "application/xml", "text/xsl", "application/xslt+xml"),
        *("application/javascript", "application/x-javascript", "text/javascript", "application/ecmascript"),
        # Saved web pages in one file (MHTML) and plain mails can hold HTML a browser renders.
        *("multipart/related", "application/x-mimearchive", "message/rfc822"),
    )
)


def media_type(response) -> str:
    return (response.getHeader("Content-Type") or "").split(";", 1)[0].strip().lower()


def serves_a_file(request, response) -> bool:
    published = request.get("PUBLISHED", None)
    return bool(response.getHeader("Content-Disposition")) or isinstance(published, Download)


def attachment_disposition(current: str) -> str:
    """``current`` turned into an attachment, keeping the file name it gave."""
    if not current:
        return "attachment"
    kind, _, rest = current.partition(";")
    return "attachment" + (f";{rest}" if rest else "") if kind.strip().lower() != "attachment" else current


def make_safe(request, response) -> bool:
    """Force download and sandbox for a served file of an active type; True if the response was changed."""
    if media_type(response) not in ACTIVE_TYPES or not serves_a_file(request, response):
        return False
    response.setHeader("Content-Disposition", attachment_disposition(response.getHeader("Content-Disposition")))
    response.setHeader("Content-Security-Policy", SANDBOX_POLICY)
    response.setHeader("X-Content-Type-Options", "nosniff")
    return True


@adapter(IPubBeforeCommit)
def on_success(event):
    make_safe(event.request, event.request.response)


@adapter(IPubBeforeStreaming)
def on_streaming(event):
    # Large blobs are streamed: their headers leave before the commit.
    make_safe(getRequest() or {}, event.response)
