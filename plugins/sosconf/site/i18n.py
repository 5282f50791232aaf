"""Template strings and dates in the run's language.

The Babel catalogs in the theme are compiled in memory at every build, so a
translator only edits `.po` files.
"""

from __future__ import annotations

import datetime
import gettext
import io
import re
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_time, parse_pattern
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
    """A span as a person writes it: 2027年10月23日至24日, October 23 – 24, 2027.

    Days are given with the month spelled out, the same style as single dates
    (`localized_date`); the parts both ends share are written once, as the
    locale's interval formats say (CLDR, through Babel).  Datetimes give the
    day and the hours: 2027年10月23日 09:00–09:30.  Times give the hours.
    """
    if not start:
        return ""
    if isinstance(start, datetime.datetime):
        return _datetime_range(start, end, locale)
    if isinstance(start, datetime.time):
        return format_interval(start, end or start, "Hm", locale=locale)
    if hasattr(end, "date"):
        end = end.date()
    if not end or end == start:
        return localized_date(start, locale)
    return _day_range(start, end, locale)


# The locales' interval patterns for days with an abbreviated month ("Oct");
# single dates spell the month out ("October"), so ranges do too.
_SHORT_MONTH = re.compile(r"(?<![ML])(MMM|LLL)(?![ML])")


@lru_cache(maxsize=512)
def _day_range(start: datetime.date, end: datetime.date, locale: str) -> str:
    if end < start:
        start, end = end, start
    patterns = Locale.parse(locale).interval_formats.get("yMMMd")
    differs = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    if not patterns or differs not in patterns:
        return format_interval(start, end, "yMMMd", locale=locale)
    return "".join(
        parse_pattern(_SHORT_MONTH.sub(lambda m: m.group(0) + m.group(0)[0], part)).apply(day, locale)
        for part, day in zip(patterns[differs], (start, end))
    )


def _datetime_range(start: datetime.datetime, end, locale: str) -> str:
    joined = Locale.parse(locale).datetime_formats["long"].replace("'", "")
    if end is None or start.date() == end.date():
        hours = format_interval(start.time(), (end or start).time(), "Hm", locale=locale)
        return joined.replace("{1}", localized_date(start, locale)).replace("{0}", hours)
    ends = [
        joined.replace("{1}", localized_date(moment, locale)).replace("{0}", format_time(moment, "HH:mm"))
        for moment in (start, end)
    ]
    return Locale.parse(locale).interval_formats[None].replace("{0}", ends[0]).replace("{1}", ends[1])


@lru_cache(maxsize=512)
def language_name(code: str, locale: str) -> str:
    """The name of the language `code` (BCP 47, e.g. `de` or `pt-BR`) in `locale`: 德语 / German."""
    try:
        return Locale.parse(code, sep="-").get_display_name(locale) or code
    except (UnknownLocaleError, ValueError):
        # A tag Babel has no data for (a rare language, a private-use tag):
        # the name of its first part if known, else the code as written.
        return Locale.parse(locale).languages.get(code.split("-")[0].lower(), code)
