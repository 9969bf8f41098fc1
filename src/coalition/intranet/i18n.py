"""Completeness of the ``coalition`` message catalogs: every msgid of the template translated in every language."""

import pathlib
from pythongettext.msgfmt import Msgfmt
import re


LOCALES = pathlib.Path(__file__).parent / "locales"
_MSGID = re.compile(r'^msgid "(.+)"$', re.M)


def template_msgids(locales: pathlib.Path = LOCALES) -> set[str]:
    """The message ids extracted into ``coalition.pot``."""
    return set(_MSGID.findall((locales / "coalition.pot").read_text(encoding="utf-8")))


def untranslated(language: str, locales: pathlib.Path = LOCALES) -> list[str]:
    """Message ids of the template that have no (non-empty) translation in ``language``."""
    po_file = locales / language / "LC_MESSAGES" / "coalition.po"
    catalog = _read_po(po_file)
    return sorted(msgid for msgid in template_msgids(locales) if not catalog.get(msgid))


def _read_po(po_file: pathlib.Path) -> dict[str, str]:
    # Msgfmt compiles exactly as zope.i18n does at start-up, so a syntax error fails here too.
    import gettext
    import io

    compiled = Msgfmt(str(po_file), name="coalition").getAsFile()
    translations = gettext.GNUTranslations(io.BytesIO(compiled.read()))
    return {msgid: text for msgid, text in translations._catalog.items() if isinstance(msgid, str) and msgid}
