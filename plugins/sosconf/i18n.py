"""Template strings and dates in the run's language.

The Babel catalogs in the theme are compiled in memory at every build, so a
translator only edits `.po` files.
"""

from __future__ import annotations

import gettext
import io
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


@cache
def load_translations(theme: str, lang: str) -> gettext.NullTranslations:
    po_path = Path(theme) / "translations" / lang / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return gettext.NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def localized_date(value, locale: str, style: str = "long") -> str:
    """2019年3月20日 / March 20, 2019."""
    if value is None:
        return ""
    if hasattr(value, "date"):
        value = value.date()
    return _format_date(value, locale, style)


@lru_cache(maxsize=4096)
def _format_date(day, locale: str, style: str) -> str:
    # A post's date is shown on its page and in every list it is in: format it once.
    return format_date(day, format=style, locale=locale)


def date_range(start, end, locale: str) -> str:
    if not start:
        return ""
    if not end or end == start:
        return localized_date(start, locale)
    return f"{localized_date(start, locale)} – {localized_date(end, locale)}"


@lru_cache(maxsize=512)
def language_name(code: str, locale: str) -> str:
    """The name of the language `code` (BCP 47, e.g. `de` or `pt-BR`) in `locale`: 德语 / German."""
    try:
        return Locale.parse(code, sep="-").get_display_name(locale) or code
    except (UnknownLocaleError, ValueError):
        # A tag Babel has no data for (a rare language, a private-use tag):
        # the name of its first part if known, else the code as written.
        return Locale.parse(locale).languages.get(code.split("-")[0].lower(), code)
