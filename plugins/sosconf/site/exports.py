"""The files calendars and conference apps read, in each language of the site.

Each language's run writes its own under its prefix (`2030/schedule.xml`,
`en/2030/schedule.xml`), texts in that language and falling back to the
other.  The calendar history (sosconf.conference.exports.history) is the same for every
run: each works it out from the same content, and only the first language's
run writes it back, so two runs never write one file.
"""

from __future__ import annotations

import json
from pathlib import Path

from sosconf.conference.exports.frab import schedule_json, schedule_xml
from sosconf.conference.exports.history import History, digest_of, saved_time
from sosconf.conference.exports.ical import content_of, edition_calendar, edition_events, site_calendar, stamp
from sosconf.conference.exports.paths import calendar_path, schedule_paths, site_calendar_path
from sosconf.conference.exports.session_calendars import session_calendars
from sosconf.conference.exports.texts import text
from sosconf.files import write_atomically
from sosconf.languages import languages
from sosconf.rebuild.render_cache import CACHE_SETTING


def organizer_address(contacts) -> str | None:
    """The first e-mail address among the site's channels, for the calendars' ORGANIZER."""
    for channel in getattr(contacts, "channels", None) or []:
        url = getattr(channel, "url", None) or ""
        if url.startswith("mailto:"):
            return url
    return None


def _edition_file(edition, settings) -> Path:
    folder = Path(settings["PATH"]) / settings["SOSCONF_EDITIONS_DIR"]
    for suffix in (".yml", ".yaml"):
        if (folder / f"{edition.year}{suffix}").exists():
            return folder / f"{edition.year}{suffix}"
    return folder


def stamped_events(editions, settings, history: History, address: str | None) -> dict[str, dict[int, list]]:
    """lang -> year -> the edition's events, stamped from `history` (which records new versions)."""
    langs = languages(settings)
    found: dict[str, dict[int, list]] = {lang: {} for lang in langs}
    for edition in sorted((e for e in editions if e.start), key=lambda e: e.year):
        by_lang = {lang: edition_events(edition, settings, lang, address) for lang in langs}
        saved = saved_time(_edition_file(edition, settings))
        for index, first in enumerate(by_lang[langs[0]]):
            uid = str(first["UID"])
            # One digest for every language: a change in any of them is a new version.
            digest = digest_of([content_of(by_lang[lang][index]) for lang in langs])
            sequence, modified = history.version(uid, digest, saved)
            for lang in langs:
                stamp(by_lang[lang][index], sequence, modified)
        for lang in langs:
            found[lang][edition.year] = by_lang[lang]
    return found


def export_files(editions, settings, history: History, address: str | None = None) -> dict[str, bytes]:
    """Every export of this run's language, by its path in the output folder."""
    lang = settings["DEFAULT_LANG"]
    events = stamped_events(editions, settings, history, address)[lang]
    files = {}
    for edition in editions:
        if edition.year in events:
            files[calendar_path(edition, settings)] = edition_calendar(
                edition, events[edition.year], settings, lang
            )
            files.update(session_calendars(edition, events[edition.year], settings, lang))
        paths = schedule_paths(edition, settings)
        if paths:
            files[paths["xml"]] = schedule_xml(edition, settings, lang)
            files[paths["json"]] = schedule_json(edition, settings, lang)
    if events:
        description = text(settings.get("SOSCONF_SITE_CALENDAR") or "sosconf", lang)
        files[site_calendar_path(settings)] = site_calendar(
            [found[0] for _, found in sorted(events.items())], settings, description
        )
    return files


def writes_history(settings) -> bool:
    return settings["DEFAULT_LANG"] == languages(settings)[0]


def write_exports(editions, settings, contacts=None) -> None:
    content = Path(settings["PATH"])
    history = History.read(content)
    address = organizer_address(contacts)
    inputs = (
        settings["DEFAULT_LANG"],
        editions,
        history.as_json(),
        address,
        [saved_time(_edition_file(e, settings)).isoformat() for e in editions],
    )

    def make():
        files = export_files(editions, settings, history, address)
        return files, history.as_json()

    cache = settings.get(CACHE_SETTING)
    made, recorded = cache.reuse("exports", inputs, make) if cache else make()
    output = Path(settings["OUTPUT_PATH"])
    for path, data in made.items():
        target = output / path
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)
    if writes_history(settings):
        History(json.loads(recorded)["entries"]).save(content)
