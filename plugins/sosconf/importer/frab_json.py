"""Read a schedule in the frab JSON format, as pretalx writes it
(`schedule.json`, described by the c3voc schedule schema):
`schedule.conference.days[].rooms{name: [event, ...]}`."""

from __future__ import annotations

import json

from sosconf.importer.errors import ScheduleError
from sosconf.importer.frab_fields import EXPORT_AGAIN, event_from
from sosconf.importer.frab_xml import EVENT_FIELDS
from sosconf.importer.model import Day, Link, Person, Place, Schedule, Track
from sosconf.importer.times import parse_date, parse_datetime

FORMAT = "frab JSON"


def _string(mapping: dict, key: str) -> str:
    value = mapping.get(key)
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return str(value).strip()


class _Source:
    """The text, to point errors at the line an event starts on (json keeps no lines)."""

    def __init__(self, text: str, path: str):
        self.text = text
        self.path = path

    def line_of(self, guid: str) -> int | None:
        at = self.text.find(f'"{guid}"') if guid else -1
        return self.text.count("\n", 0, at) + 1 if at >= 0 else None

    def place(self, element: str, guid: str = "") -> Place:
        return Place(self.path, self.line_of(guid), element)


def _links(event: dict) -> list[Link]:
    found = []
    for key in ("links", "attachments"):
        for link in event.get(key) or []:
            if isinstance(link, dict) and _string(link, "url"):
                found.append(Link(_string(link, "url"), _string(link, "title")))
    return found


def _persons(source: _Source, event: dict, element: str) -> list[Person]:
    persons = []
    for index, person in enumerate(event.get("persons") or []):
        if not isinstance(person, dict):
            continue
        name = _string(person, "name") or _string(person, "public_name")
        if not name:
            continue
        links = [
            Link(_string(link, "url"), _string(link, "title"))
            for link in person.get("links") or []
            if isinstance(link, dict) and _string(link, "url")
        ]
        persons.append(
            Person(
                name=name,
                place=source.place(f"{element}.persons[{index}]", _string(person, "guid")),
                guid=_string(person, "guid") or None,
                code=_string(person, "code") or None,
                number=_string(person, "id") or None,
                url=_string(person, "url") or None,
                biography=person.get("biography") or "" if isinstance(person.get("biography"), str) else "",
                links=links,
            )
        )
    return persons


def _not_a_schedule(path: str, what: str) -> ScheduleError:
    return ScheduleError(
        path,
        f"this JSON is not a frab schedule: {what}",
        "export the schedule as frab JSON (pretalx: schedule.json), not another JSON export",
        1,
    )


def read_json(data: bytes, path: str) -> Schedule:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ScheduleError(
            path, "the file is not UTF-8", "export it again; JSON files are UTF-8", line
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        cut_off = not text[error.pos :].strip()
        raise ScheduleError(
            path,
            f"the JSON is malformed: {error.msg} (column {error.colno})",
            "the file looks cut off: download or export it again"
            if cut_off
            else "export the schedule again rather than editing the file by hand",
            error.lineno,
        ) from None
    source = _Source(text, path)
    if not isinstance(document, dict):
        raise _not_a_schedule(path, "it is not an object")
    body = document.get("schedule", document)
    conference = body.get("conference") if isinstance(body, dict) else None
    if not isinstance(conference, dict):
        raise _not_a_schedule(path, "it has no `schedule.conference`")
    days = conference.get("days")
    if not isinstance(days, list):
        raise _not_a_schedule(path, "`schedule.conference.days` is not a list")
    schedule = Schedule(
        path=path,
        format=FORMAT,
        title=_string(conference, "title"),
        acronym=_string(conference, "acronym"),
        base_url=_string(body, "base_url"),
        time_zone_name=_string(conference, "time_zone_name"),
        tracks=[
            Track(_string(track, "name"), _string(track, "slug"))
            for track in conference.get("tracks") or []
            if isinstance(track, dict) and _string(track, "name")
        ],
    )
    for room in conference.get("rooms") or []:
        if isinstance(room, dict) and _string(room, "name"):
            schedule.rooms.append(_string(room, "name"))
    for d, entry in enumerate(days):
        element = f"schedule.conference.days[{d}]"
        if not isinstance(entry, dict):
            raise ScheduleError(path, "a day must be an object", EXPORT_AGAIN, element=element)
        date = parse_date(_string(entry, "date"))
        if date is None:
            raise ScheduleError(path, "the day has no `date`", EXPORT_AGAIN, element=element)
        day = Day(date, Place(path, None, element))
        day_start = parse_datetime(_string(entry, "day_start"))
        rooms = entry.get("rooms") or {}
        if not isinstance(rooms, dict):
            raise ScheduleError(path, "`rooms` must map room names to events", EXPORT_AGAIN, element=element)
        for name, events in rooms.items():
            if name not in schedule.rooms:
                schedule.rooms.append(name)
            for e, event in enumerate(events if isinstance(events, list) else []):
                at = f'{element}.rooms["{name}"][{e}]'
                if not isinstance(event, dict):
                    raise ScheduleError(path, "an event must be an object", EXPORT_AGAIN, element=at)
                fields = {key: _string(event, key) for key in EVENT_FIELDS + ("guid", "id", "code")}
                fields["room"] = fields["room"] or name
                parsed = event_from(fields, source.place(at, fields["guid"]), day.date, day_start)
                parsed.persons = _persons(source, event, at)
                parsed.links = _links(event)
                day.events.append(parsed)
        schedule.days.append(day)
    return schedule
