"""Where each export is written, in each language: the one place that says so.

Pages link these files, the language runs write them and `_headers` names
them; all three ask here.
"""

from __future__ import annotations

from sosconf.conference.program import has_program
from sosconf.languages import prefix
from sosconf.urls import file_url

SITE_CALENDAR = "sosconf.ics"


def calendar_path(edition, settings=None, lang: str | None = None) -> str | None:
    """The edition's calendar, under `lang`'s prefix (none without `settings`)."""
    if not edition.start:
        return None
    return _in(settings, lang, f"{edition.year}/sosconf-{edition.year}.ics")


def schedule_paths(edition, settings=None, lang: str | None = None) -> dict[str, str]:
    if not has_program(edition):
        return {}
    return {kind: _in(settings, lang, f"{edition.year}/schedule.{kind}") for kind in ("xml", "json")}


def site_calendar_path(settings=None, lang: str | None = None) -> str:
    return _in(settings, lang, SITE_CALENDAR)


def subscribe_url(settings, path: str) -> str:
    """The `webcal:` address of a calendar file, which calendar apps subscribe to instead of importing once."""
    address = file_url(settings, path)
    return "webcal:" + address.split(":", 1)[1]


def _in(settings, lang, path: str) -> str:
    return (prefix(settings, lang or settings["DEFAULT_LANG"]) if settings else "") + path
