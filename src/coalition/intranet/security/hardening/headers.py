"""Security headers on every response Zope sends: pages, files, REST answers, redirects and error pages.

They are set in Zope, not only at the proxy, so that they hold whichever way a response leaves (the proxy,
a direct connection on the machine, the test server) and the browser tests see the policy users get.
HSTS belongs to the TLS terminator (deploy/nginx/), which knows whether the site is served over HTTPS.
"""

from zope.component import adapter
from ZPublisher.interfaces import IPubBeforeAbort
from ZPublisher.interfaces import IPubBeforeCommit
from ZPublisher.interfaces import IPubBeforeStreaming


# Scripts only from the site itself: no inline script, no eval, no third party. The few inline scripts
# the project's own templates carry are allowed by the hash of their exact text (csp.py).
# Styles: TinyMCE, mockup's patterns (modals, select2, the structure pattern) and Barceloneta's
# components write inline style attributes; forbidding them breaks editing, and CSS cannot run code.
# Images, fonts and media from the site (and data:/blob: URLs the editor and the image cropper make):
# a reader's browser never asks a third party for anything, so nobody learns who reads which page.
# frame-ancestors 'self' (with X-Frame-Options SAMEORIGIN for old browsers): no other site frames ours
# (clickjacking); Plone frames its own pages in a few places (TinyMCE's previews).
BASE_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data: blob:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("media-src", "'self'"),
    ("frame-src", "'self'"),
    ("worker-src", "'self' blob:"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'self'"),
)

# Browser features the site never uses, switched off for every page and every frame inside it.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "browsing-topics",
    )
)


# Pages whose scripts need eval: Plone's folder contents (mockup's structure pattern compiles its
# underscore.js templates with `new Function`). Only these pages, which only people who may list a folder's
# contents open, get 'unsafe-eval'; an injected inline script is refused there too.
EVAL_PAGES = frozenset({"folder_contents"})


def content_security_policy(allow_eval: bool = False) -> str:
    from coalition.intranet.security.hardening.csp import allowed_inline_script_hashes

    hashes = " ".join(f"'{digest}'" for digest in allowed_inline_script_hashes())
    parts = []
    for directive, sources in BASE_POLICY:
        if directive == "script-src":
            sources = " ".join(part for part in (sources, "'unsafe-eval'" if allow_eval else "", hashes) if part)
        parts.append(f"{directive} {sources}")
    return "; ".join(parts)


def _needs_eval(request) -> bool:
    published = request.get("PUBLISHED", None) if request is not None else None
    return getattr(published, "__name__", None) in EVAL_PAGES


def security_headers(request=None) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(allow_eval=_needs_eval(request)),
        "X-Frame-Options": "SAMEORIGIN",
        "X-Content-Type-Options": "nosniff",
        # Links to other sites carry the origin only (never a case file's or a workspace's path).
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def add_security_headers(response, request=None) -> None:
    for name, value in security_headers(request).items():
        # A view that knows better (e.g. a download that must be framed) keeps its own value.
        if not response.getHeader(name):
            response.setHeader(name, value)


@adapter(IPubBeforeCommit)
def on_success(event):
    add_security_headers(event.request.response, event.request)


@adapter(IPubBeforeAbort)
def on_error(event):
    # Error pages, 401/403/404 and the login redirect too: they are rendered before this event.
    add_security_headers(event.request.response, event.request)


@adapter(IPubBeforeStreaming)
def on_streaming(event):
    # Responses written in chunks (large blobs, exports) send their headers before the commit.
    add_security_headers(event.response)
