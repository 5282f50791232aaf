"""Every string the theme shows has its Chinese translation."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from support import ROOT

THEME = ROOT / "themes" / "sosconf"


def _template_strings() -> set:
    method_map = [("templates/**.html", "jinja2")]
    options = {
        "templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}
    }
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(THEME), method_map, options):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_theme_string_has_a_chinese_translation():
    with (THEME / "translations/zh/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="zh")
    strings = _template_strings()
    assert len(strings) > 50
    untranslated = sorted(s for s in strings if not (catalog.get(s) and catalog.get(s).string))
    assert untranslated == [], "run `make translations` and fill in zh/LC_MESSAGES/messages.po"
