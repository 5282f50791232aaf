"""Each session's own calendar, beside its page, for "add this session to
your calendar": the session's event exactly as in the edition's calendar
(same UID and stamps, so a calendar that has both counts it once), alone.
"""

from __future__ import annotations

from sosconf.conference.exports.ical import calendar_file, session_uid
from sosconf.conference.exports.texts import text
from sosconf.conference.program import slots, time_zone
from sosconf.languages import prefix
from sosconf.urls import has_own_page, session_path


def session_calendar_path(edition, session, settings, lang: str | None = None) -> str | None:
    """`2030/program/first-patch/sosconf-2030-first-patch.ics` under `lang`'s prefix; None without dates."""
    if not edition.start or not has_own_page(session):
        return None
    lang = lang or settings["DEFAULT_LANG"]
    return f"{prefix(settings, lang)}{session_path(edition.year, session)}sosconf-{edition.year}-{session.id}.ics"


def session_calendars(edition, events: list, settings, lang: str) -> dict[str, bytes]:
    """Path -> calendar of each session with a page, from the edition's stamped `events`."""
    by_uid = {str(event["UID"]): event for event in events}
    zone = time_zone(edition, settings).key
    files = {}
    for slot in slots(edition, settings):
        path = session_calendar_path(edition, slot.session, settings, lang)
        if path:
            event = by_uid[session_uid(edition, slot.session)]
            files[path] = calendar_file(
                text(slot.session.title, lang), text(edition.name, lang), [event], zone
            )
    return files
