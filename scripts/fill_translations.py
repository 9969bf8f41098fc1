"""Fill empty translations of the coalition .po files from JSON tables, after `make i18n` synced them.

    python scripts/fill_translations.py translations.json [more.json ...]

A table is ``{"msgid": {"en": "...", "de": "...", "fr": "...", "ru": "..."}}``. Only empty ``msgstr``
entries are filled (existing translations are kept); English falls back to the message's default text.
Prints what is still missing per language.
"""

import json
import pathlib
import re
import sys


LOCALES = pathlib.Path(__file__).resolve().parent.parent / "src" / "coalition" / "intranet" / "locales"
ENTRY = re.compile(
    r'(?P<head>(?:#[^\n]*\n)*)msgid "(?P<msgid>(?:[^"\\]|\\.)+)"\n(?P<plural>(?:"(?:[^"\\]|\\.)*"\n)*)msgstr ""\n(?!")'
)
DEFAULT = re.compile(r'^#\. Default: "(?P<text>(?:[^"\\]|\\.)*)"', re.M)


def quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def fill(po_file: pathlib.Path, language: str, table: dict) -> tuple[int, list[str]]:
    filled = 0
    missing = []

    def replace(match):
        nonlocal filled
        msgid = match.group("msgid")
        text = table.get(msgid, {}).get(language)
        if text is None and language == "en":
            default = DEFAULT.search(match.group("head"))
            text = default and default.group("text").replace('\\"', '"').replace("\\\\", "\\")
        if not text:
            missing.append(msgid)
            return match.group(0)
        filled += 1
        head = match.group("head").replace("#, fuzzy\n", "")
        return f'{head}msgid "{msgid}"\n{match.group("plural")}msgstr "{quote(text)}"\n'

    content = ENTRY.sub(replace, po_file.read_text(encoding="utf-8"))
    po_file.write_text(content, encoding="utf-8")
    return filled, missing


def main(paths: list[str]) -> int:
    table = {}
    for path in paths:
        for msgid, translations in json.loads(pathlib.Path(path).read_text(encoding="utf-8")).items():
            table.setdefault(msgid, {}).update(translations)
    for po_file in sorted(LOCALES.glob("*/LC_MESSAGES/coalition.po")):
        language = po_file.parent.parent.name
        filled, missing = fill(po_file, language, table)
        print(f"{language}: filled {filled}, still empty {len(missing)}")
        for msgid in missing:
            print(f"  {language}: {msgid}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
