"""What the theme's scripts for the conference days read from a page: the
edition's sessions with their real times, its days and its live streams.

It goes into the page as a JSON data block (no request, no inline script):
now.js marks what is on and shows what is next, agenda.js keeps a visitor's
starred sessions.  Times are ISO 8601 with the offset they have at the venue, so the browser
compares instants and shows the venue's clock whatever its own time zone.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from sosconf.conference.exports.ical import session_uid
from sosconf.conference.localized import Localized
from sosconf.conference.program import day_bounds, days_in_order, has_program, slots, time_zone
from sosconf.languages import prefix
from sosconf.site.i18n import localized_date
from sosconf.urls import session_path


def _text(value, lang: str) -> tuple[str, str]:
    return Localized.of(value).with_lang(lang) if value else ("", lang)


def _session(slot, settings, lang: str, year: int) -> dict:
    title, title_lang = _text(slot.session.title, lang)
    found = {
        "id": slot.session.id,
        "title": title,
        "start": slot.start.isoformat(),
        "end": slot.end.isoformat(),
        "room": _text(slot.session.room, lang)[0],
        "url": prefix(settings, lang) + session_path(year, slot.session),
    }
    if title_lang != lang:  # a title shown in its original language
        found["lang"] = title_lang
    return found


def _day(edition, day, settings, locale: str) -> dict:
    """A day of the program at the venue: from its midnight until the later of the next midnight and its close."""
    zone = time_zone(edition, settings)
    midnight = datetime.datetime.combine(day.date, datetime.time(0, 0), tzinfo=zone)
    next_midnight = datetime.datetime.combine(
        day.date + datetime.timedelta(days=1), datetime.time(0, 0), tzinfo=zone
    )
    closes = day_bounds(edition, day, settings)[1]
    return {
        "date": day.date.isoformat(),
        "label": localized_date(day.date, locale, "full"),
        "from": midnight.isoformat(),
        "to": max(next_midnight, closes).isoformat(),
    }


def program_data(edition, settings) -> dict | None:
    """The data block of an edition's pages in the run's language; None without a program."""
    if edition is None or not has_program(edition):
        return None
    lang = settings["DEFAULT_LANG"]
    locale = settings["SOSCONF_LANGUAGES"][lang]["locale"]
    return {
        "edition": edition.year,
        "zone": time_zone(edition, settings).key,
        "days": [_day(edition, day, settings, locale) for day in days_in_order(edition) if day.sessions],
        "streams": [
            {"name": _text(stream.name, lang)[0], "url": stream.live}
            for stream in edition.streams
            if stream.live
        ],
        "sessions": [_session(slot, settings, lang, edition.year) for slot in slots(edition, settings)],
        # The UID of a session in the edition's calendar file, for the agenda's .ics.
        "uid": session_uid(edition, SimpleNamespace(id="{id}")),
    }
