"""Fail when a message of the coalition domain is untranslated in a site language (run by `make i18n`)."""

from coalition.intranet.i18n import untranslated
from coalition.intranet.site.structure import LANGUAGES
import sys


def main() -> int:
    missing = {language: untranslated(language) for language in LANGUAGES}
    for language, msgids in missing.items():
        for msgid in msgids:
            print(f"{language}: untranslated: {msgid}")
    total = sum(len(m) for m in missing.values())
    print(f"{total} untranslated messages in {', '.join(LANGUAGES)}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
