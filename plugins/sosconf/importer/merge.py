"""Put a Plan into the edition document, changing only what differs.

The schedule owns each session's times, kind, track, room, speakers and
language.  For texts (titles, rooms, abstracts, names, bios) it owns one
language: an imported text that equals any of a field's texts changes
nothing, otherwise it replaces the text in the language the schedule is in,
so `title: {zh: …, en: …}` keeps its other language.  An empty text in the
schedule never deletes one in the file.  Links are matched by address;
links added by hand stay.  Breaks the schedule does not have stay too:
pretalx does not export them.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sosconf.importer.plan import Plan, PlannedSession, PlannedSpeaker
from sosconf.importer.yaml_file import clock, scalar

SESSION_KEYS = (
    "id", "title", "start", "end", "kind", "track", "room", "speakers", "language", "abstract", "links"
)  # fmt: skip
SPEAKER_KEYS = ("id", "name", "affiliation", "bio", "photo", "links")
DAY_KEYS = ("date", "name", "start", "end", "sessions")
EDITION_KEYS = ("year", "name", "status", "start", "end", "language", "timezone")


@dataclass
class Changes:
    sessions_added: list[str] = field(default_factory=list)
    sessions_changed: list[str] = field(default_factory=list)
    sessions_removed: list[str] = field(default_factory=list)
    speakers_added: list[str] = field(default_factory=list)
    speakers_changed: list[str] = field(default_factory=list)
    speakers_removed: list[str] = field(default_factory=list)
    days_added: list[str] = field(default_factory=list)
    days_removed: list[str] = field(default_factory=list)
    tracks_added: list[str] = field(default_factory=list)
    edition: list[str] = field(default_factory=list)  # edition-level keys that changed

    def __bool__(self) -> bool:
        return any(bool(value) for value in vars(self).values())


def _put(mapping: CommentedMap, key: str, value, order) -> None:
    """Set `key`, keeping its place, or insert it after the keys `order` puts before it."""
    if key in mapping:
        mapping[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    keys = list(mapping)
    before = [i for i, k in enumerate(keys) if k in order and order.index(k) < rank]
    after = [i for i, k in enumerate(keys) if k in order and order.index(k) > rank]
    position = before[-1] + 1 if before else (after[0] if after else len(keys))
    mapping.insert(position, key, value)


def _drop(mapping, key) -> bool:
    if key in mapping:
        del mapping[key]
        return True
    return False


def _minutes(value) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value  # YAML 1.1's reading of an unquoted 10:30
    match = re.match(r"^\s*(\d{1,2}):(\d{2})\s*$", str(value))
    return int(match.group(1)) * 60 + int(match.group(2)) if match else None


def _fresh_date(date: datetime.date) -> datetime.date:
    """A date object of its own: ruamel.yaml writes one object met twice as an anchor and alias."""
    return datetime.date(date.year, date.month, date.day)


def _date(value) -> str:
    return str(value)[:10]


def merge_text(mapping, key: str, text: str, lang: str, order) -> bool:
    """Bring `text` into `mapping[key]`; False when the field already says it."""
    if not text:
        return False
    current = mapping.get(key)
    if isinstance(current, dict):
        if text in (str(value) for value in current.values()):
            return False
        current[lang] = scalar(text)
        return True
    if current is not None and str(current) == text:
        return False
    _put(mapping, key, scalar(text), order)
    return True


def _set(mapping, key: str, value, order, same) -> bool:
    if key in mapping and same(mapping[key]):
        return False
    _put(mapping, key, value, order)
    return True


def _flow(items) -> CommentedSeq:
    sequence = CommentedSeq(items)
    sequence.fa.set_flow_style()
    return sequence


def _merge_links(mapping, links, lang: str, order) -> bool:
    """Add the links the entry lacks (by address) and bring in their names; others stay."""
    if not links:
        return False
    current = mapping.get("links")
    if current is None:
        current = CommentedSeq()
        _put(mapping, "links", current, order)
    by_url = {str(item.get("url")): item for item in current if isinstance(item, dict)}
    changed = False
    for link in links:
        known = by_url.get(link.url)
        if known is None:
            current.append(CommentedMap([("name", scalar(link.title)), ("url", link.url)]))
            changed = True
        else:
            changed |= merge_text(known, "name", link.title, lang, ("name", "url"))
    return changed


def _merge_session(mapping, session: PlannedSession, plan: Plan, is_new: bool) -> bool:
    lang = plan.texts_in
    order = SESSION_KEYS
    changed = merge_text(mapping, "title", session.title, lang, order)
    changed |= _set(mapping, "start", clock(session.start), order, lambda v: _minutes(v) == session.start)
    changed |= _set(mapping, "end", clock(session.end), order, lambda v: _minutes(v) == session.end)
    # An unknown type says nothing about the kind: keep one set by hand.
    if session.kind_known or is_new:
        if "kind" in mapping or session.kind != "talk":
            changed |= _set(mapping, "kind", session.kind, order, lambda v: str(v) == session.kind)
    if session.track:
        changed |= _set(mapping, "track", session.track, order, lambda v: str(v) == session.track)
    else:
        changed |= _drop(mapping, "track")
    if session.room:
        changed |= merge_text(mapping, "room", session.room, lang, order)
    else:
        changed |= _drop(mapping, "room")
    if session.speakers:
        changed |= _set(
            mapping,
            "speakers",
            _flow(session.speakers),
            order,
            lambda v: list(map(str, v)) == session.speakers,
        )
    else:
        changed |= _drop(mapping, "speakers")
    # The edition's own language is said only where the file already says it;
    # a schedule without one leaves the file's as it is.
    language = session.language
    if language and (language != plan.main_language or "language" in mapping):
        changed |= _set(mapping, "language", language, order, lambda v: str(v) == language)
    changed |= merge_text(mapping, "abstract", session.abstract, lang, order)
    changed |= _merge_links(mapping, session.links, lang, order)
    return changed


def _new_session(session: PlannedSession, plan: Plan) -> CommentedMap:
    mapping = CommentedMap([("id", session.id)])
    _merge_session(mapping, session, plan, is_new=True)
    return mapping


def _insert_by_time(sessions: CommentedSeq, mapping) -> None:
    start = _minutes(mapping.get("start")) or 0
    position = len(sessions)
    for index, other in enumerate(sessions):
        if (_minutes(other.get("start")) or 0) > start:
            position = index
            break
    sessions.insert(position, mapping)


def _program(document) -> CommentedMap:
    if not isinstance(document.get("program"), dict):
        _put(document, "program", CommentedMap(), EDITION_KEYS + ("program",))
    return document["program"]


def _day_entry(days: CommentedSeq, date: datetime.date, changes: Changes) -> CommentedMap:
    for day in days:
        if _date(day.get("date")) == date.isoformat():
            if not isinstance(day.get("sessions"), list):
                _put(day, "sessions", CommentedSeq(), DAY_KEYS)
            return day
    day = CommentedMap([("date", _fresh_date(date)), ("sessions", CommentedSeq())])
    position = next((i for i, d in enumerate(days) if _date(d.get("date")) > date.isoformat()), len(days))
    days.insert(position, day)
    changes.days_added.append(date.isoformat())
    return day


def _fit_hours(day) -> bool:
    """Widen a day's hours set by hand when imported sessions now lie outside them."""
    changed = False
    starts = [_minutes(s.get("start")) for s in day["sessions"]]
    ends = [_minutes(s.get("end")) for s in day["sessions"]]
    if "start" in day and starts and min(starts) < (_minutes(day["start"]) or 0):
        day["start"] = clock(min(starts))
        changed = True
    if "end" in day and ends and max(ends) > (_minutes(day["end"]) or 0):
        day["end"] = clock(max(ends))
        changed = True
    return changed


def _merge_program(document, plan: Plan, changes: Changes) -> set[str]:
    """Days and sessions; returns the speaker ids the old program named."""
    program = _program(document)
    if not isinstance(program.get("days"), list):
        _put(program, "days", CommentedSeq(), ("tracks", "days"))
    days = program["days"]
    wanted = {session.id: (day.date, session) for day in plan.days for session in day.sessions}
    old_speakers: set[str] = set()
    found: dict[str, tuple] = {}
    for day in days:
        sessions = day.get("sessions") or []
        for mapping in list(sessions):
            old_speakers.update(str(s) for s in mapping.get("speakers") or [])
            ident = str(mapping.get("id"))
            if ident in wanted:
                found[ident] = (day, mapping)
            elif str(mapping.get("kind")) != "break":
                sessions.remove(mapping)
                changes.sessions_removed.append(ident)
    for ident, (date, session) in wanted.items():
        target = _day_entry(days, date, changes)
        if ident in found:
            day, mapping = found[ident]
            moved = day is not target
            if moved:
                day["sessions"].remove(mapping)
            if _merge_session(mapping, session, plan, is_new=False) or moved:
                changes.sessions_changed.append(ident)
            if moved:
                _insert_by_time(target["sessions"], mapping)
        else:
            _insert_by_time(target["sessions"], _new_session(session, plan))
            changes.sessions_added.append(ident)
    for day in list(days):
        if not day.get("sessions") and _date(day.get("date")) not in {d.date.isoformat() for d in plan.days}:
            days.remove(day)
            changes.days_removed.append(_date(day.get("date")))
        elif day.get("sessions") and _fit_hours(day):
            changes.edition.append(f"hours of {_date(day.get('date'))}")
    return old_speakers


def _merge_tracks(document, plan: Plan, changes: Changes) -> None:
    if not plan.tracks:
        return
    program = _program(document)
    if not isinstance(program.get("tracks"), list):
        _put(program, "tracks", CommentedSeq(), ("tracks", "days"))
    tracks = program["tracks"]
    by_id = {str(t.get("id")): t for t in tracks}
    for track in plan.tracks:
        if track.id in by_id:
            if merge_text(by_id[track.id], "name", track.name, plan.texts_in, ("id", "name", "description")):
                changes.edition.append(f"track {track.id}")
        else:
            tracks.append(CommentedMap([("id", track.id), ("name", scalar(track.name))]))
            changes.tracks_added.append(track.id)


def _merge_speaker(mapping, speaker: PlannedSpeaker, lang: str) -> bool:
    changed = merge_text(mapping, "name", speaker.name, lang, SPEAKER_KEYS)
    changed |= merge_text(mapping, "bio", speaker.bio, lang, SPEAKER_KEYS)
    changed |= _merge_links(mapping, speaker.links, lang, SPEAKER_KEYS)
    return changed


def _merge_speakers(document, plan: Plan, old_speakers: set[str], changes: Changes) -> None:
    if not isinstance(document.get("speakers"), list):
        if not plan.speakers:
            return
        _put(document, "speakers", CommentedSeq(), EDITION_KEYS + ("program", "speakers"))
    speakers = document["speakers"]
    by_id = {str(s.get("id")): s for s in speakers}
    for speaker in plan.speakers:
        if speaker.id in by_id:
            if _merge_speaker(by_id[speaker.id], speaker, plan.texts_in):
                changes.speakers_changed.append(speaker.id)
        else:
            mapping = CommentedMap([("id", speaker.id)])
            _merge_speaker(mapping, speaker, plan.texts_in)
            speakers.append(mapping)
            changes.speakers_added.append(speaker.id)
    # Speakers of withdrawn sessions go with them; speakers listed without a session stay.
    named = {
        str(s)
        for day in document["program"]["days"]
        for m in day["sessions"]
        for s in m.get("speakers") or []
    }
    for mapping in list(speakers):
        ident = str(mapping.get("id"))
        if ident in old_speakers and ident not in named:
            speakers.remove(mapping)
            changes.speakers_removed.append(ident)


def merge(document, plan: Plan, year: int) -> tuple[CommentedMap, Changes]:
    """The document with the plan in it (a new one when `document` is None), and what changed."""
    changes = Changes()
    if document is None:
        document = CommentedMap([("year", year), ("name", scalar(plan.title)), ("status", "planned")])
        changes.edition.append("new file")
    for key, value in (("start", plan.first), ("end", plan.last)):
        if _date(document.get(key)) != value.isoformat():
            _put(document, key, _fresh_date(value), EDITION_KEYS)
            changes.edition.append(key)
    if "new file" in changes.edition and plan.main_language:
        _put(document, "language", plan.main_language, EDITION_KEYS)
    if plan.time_zone and str(document.get("timezone") or "") != plan.time_zone:
        _put(document, "timezone", plan.time_zone, EDITION_KEYS)
        changes.edition.append("timezone")
    _merge_tracks(document, plan, changes)
    old_speakers = _merge_program(document, plan, changes)
    _merge_speakers(document, plan, old_speakers, changes)
    return document, changes
