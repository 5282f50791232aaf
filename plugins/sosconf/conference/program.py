"""An edition's program as the pages and the exports read it: days in date
order, sessions in time order, real times in the edition's time zone, and the
views a visitor can filter by.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sosconf.conference.schema_event import SESSION_KINDS, ProgramTime


def time_zone(edition, settings) -> ZoneInfo:
    """The edition's own time zone, else the site's."""
    return ZoneInfo(edition.timezone or settings.get("TIMEZONE") or "UTC")


def main_language(edition, settings) -> str:
    """The language the edition is held in; exports are written in it."""
    return edition.language or settings["DEFAULT_LANG"]


def has_program(edition) -> bool:
    """A program page and schedule exports exist once there is a session."""
    return bool(edition.program and edition.program.sessions)


@dataclass(frozen=True)
class Slot:
    """A session where it happens: its day, its number and its real times."""

    day: object
    session: object
    number: int  # 1-based, in program order; the schedule exports' numeric id
    start: datetime.datetime
    end: datetime.datetime


def days_in_order(edition) -> list:
    return sorted(edition.program.days, key=lambda day: day.date) if edition.program else []


def slots(edition, settings) -> list[Slot]:
    """Every session in program order (day, start, end, then as written)."""
    zone = time_zone(edition, settings)
    found = []
    for day in days_in_order(edition):
        for session in sorted(day.sessions, key=lambda s: (s.start, s.end)):
            found.append(
                Slot(
                    day,
                    session,
                    len(found) + 1,
                    session.start.on(day.date, zone),
                    session.end.on(day.date, zone),
                )
            )
    return found


def day_bounds(edition, day, settings) -> tuple[datetime.datetime, datetime.datetime]:
    """When a day's program opens and closes: its hours, else its first and last session."""
    zone = time_zone(edition, settings)
    opens = day.start or min((s.start for s in day.sessions), default=ProgramTime(0))
    closes = day.end or max((s.end for s in day.sessions), default=ProgramTime(23 * 60 + 59))
    # Times past 24:00 fall on the next morning's date.
    return opens.on(day.date, zone), closes.on(day.date, zone)


def edition_hours(edition, settings):
    """(start, end) as times of day when the program gives the first and the last day's hours, else None.

    The calendar then shows the edition from its opening to its closing time
    instead of as whole days.
    """
    if not (edition.start and edition.program):
        return None
    last = edition.end or edition.start
    by_date = {day.date: day for day in edition.program.days}
    first_day, last_day = by_date.get(edition.start), by_date.get(last)
    if not (first_day and first_day.start and last_day and last_day.end):
        return None
    return day_bounds(edition, first_day, settings)[0], day_bounds(edition, last_day, settings)[1]


@dataclass(frozen=True)
class Filter:
    """One program view: every session of a track, or of a kind."""

    dimension: str  # "track" or "kind"
    value: str

    @property
    def path(self) -> str:
        return f"{self.dimension}/{self.value}/"

    def keeps(self, session) -> bool:
        if self.dimension == "kind":
            return session.kind == self.value
        # Sessions without a track (keynotes, breaks) belong to every track.
        return session.track in (None, self.value)


def filters(edition) -> dict[str, list[Filter]]:
    """The views worth offering: the tracks and the kinds the program uses."""
    sessions = edition.program.sessions if edition.program else []
    used_tracks = {s.track for s in sessions if s.track}
    used_kinds = {s.kind for s in sessions}
    return {
        "track": [Filter("track", t.id) for t in edition.program.tracks if t.id in used_tracks]
        if edition.program
        else [],
        "kind": [Filter("kind", kind) for kind in SESSION_KINDS if kind in used_kinds]
        if len(used_kinds) > 1
        else [],
    }


def view(edition, settings, selected: Filter | None = None) -> list[tuple[object, list[Slot]]]:
    """(day, its slots) for the days that keep a session under `selected`."""
    by_day: dict = {}
    for slot in slots(edition, settings):
        if selected is None or selected.keeps(slot.session):
            by_day.setdefault(slot.day.date, (slot.day, []))[1].append(slot)
    return list(by_day.values())


def sessions_by_speaker(edition, settings) -> dict[str, list[Slot]]:
    found: dict[str, list[Slot]] = {speaker.id: [] for speaker in edition.speakers}
    for slot in slots(edition, settings):
        for speaker in slot.session.speakers:
            found[speaker].append(slot)
    return found


def tracks_by_id(edition) -> dict:
    return {track.id: track for track in edition.program.tracks} if edition.program else {}


def speakers_by_id(edition) -> dict:
    return {speaker.id: speaker for speaker in edition.speakers}
