"""The inline scripts the Content-Security-Policy allows: exactly those written in the project's templates.

A script is allowed by the SHA-256 of its text (CSP level 2 hashes), computed once from the templates on
disk. A script injected into a page (stored XSS in a title, a comment, rich text) has another text and is
refused by the browser; a nonce added to every inline script of a page would not make that difference.
"""

import base64
from functools import cache
import hashlib
import pathlib
import re


PACKAGE = pathlib.Path(__file__).resolve().parents[2]
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


@cache
def allowed_inline_script_hashes() -> tuple[str, ...]:
    hashes = set()
    for template in sorted(PACKAGE.rglob("*.pt")):
        for match in INLINE_SCRIPT.finditer(template.read_text(encoding="utf-8")):
            if match.group(1).strip():
                hashes.add(script_hash(match.group(1)))
    return tuple(sorted(hashes))
