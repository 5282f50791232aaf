"""The files calendars and conference apps read: written once per build.

Both language runs go side by side into the same folder, so only the first
language's run writes these (two runs writing one path would race).
"""

from __future__ import annotations

from pathlib import Path

from .frab import schedule_json, schedule_xml
from .ical import edition_calendar, site_calendar
from .languages import languages
from .program import has_program
from .render_cache import CACHE_SETTING

SITE_CALENDAR = "sosconf.ics"


def calendar_path(edition) -> str | None:
    return f"{edition.year}/sosconf-{edition.year}.ics" if edition.start else None


def schedule_paths(edition) -> dict[str, str]:
    if not has_program(edition):
        return {}
    return {"xml": f"{edition.year}/schedule.xml", "json": f"{edition.year}/schedule.json"}


def export_files(editions, settings) -> dict[str, bytes]:
    """Every export of the site, by its path in the output folder."""
    files = {}
    for edition in editions:
        if calendar_path(edition):
            files[calendar_path(edition)] = edition_calendar(edition, settings)
        paths = schedule_paths(edition)
        if paths:
            files[paths["xml"]] = schedule_xml(edition, settings)
            files[paths["json"]] = schedule_json(edition, settings)
    if any(edition.start for edition in editions):
        files[SITE_CALENDAR] = site_calendar(editions, settings)
    return files


def writes_exports(settings) -> bool:
    return settings["DEFAULT_LANG"] == languages(settings)[0]


def write_exports(editions, settings) -> None:
    if not writes_exports(settings):
        return
    output = Path(settings["OUTPUT_PATH"])
    cache = settings.get(CACHE_SETTING)
    made = (
        cache.reuse("exports", editions, lambda: export_files(editions, settings))
        if cache
        else export_files(editions, settings)
    )
    for path, data in made.items():
        target = output / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
