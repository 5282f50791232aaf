"""Read a schedule in the frab XML format, as frab, pentabarf and pretalx
write it (`schedule.xml`): <schedule>, <conference>, then <day>, <room> and
<event> elements."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

from sosconf.importer.errors import ScheduleError
from sosconf.importer.frab_fields import EXPORT_AGAIN, event_from
from sosconf.importer.model import Day, Link, Person, Place, Schedule, Track
from sosconf.importer.times import parse_date, parse_datetime

FORMAT = "frab XML"
EVENT_FIELDS = (
    "title",
    "subtitle",
    "date",
    "start",
    "end",
    "duration",
    "room",
    "slug",
    "url",
    "track",
    "type",
    "language",
    "abstract",
    "description",
)


class _Tree:
    """The parsed document and the line each element starts on (ElementTree keeps no lines)."""

    def __init__(self, data: bytes, path: str):
        self.path = path
        self.lines: dict[ET.Element, int] = {}
        self.root = self._parse(data)

    def _parse(self, data: bytes) -> ET.Element:
        parser = expat.ParserCreate()
        stack: list[ET.Element] = []
        found: list[ET.Element] = []

        def start(tag, attributes):
            element = ET.Element(tag, attributes)
            self.lines[element] = parser.CurrentLineNumber
            (stack[-1].append(element) if stack else found.append(element))
            stack.append(element)

        def text(chunk):
            # Only the text before an element's first child: frab elements hold text or children.
            if stack and not len(stack[-1]):
                stack[-1].text = (stack[-1].text or "") + chunk

        def refuse_entities(name, *_):
            # Entity definitions are how XML bombs are made; no schedule needs one.
            raise ScheduleError(
                self.path,
                f"the XML defines the entity `{name}`",
                "schedules need no entity definitions: " + EXPORT_AGAIN,
                parser.CurrentLineNumber,
            )

        parser.StartElementHandler = start
        parser.EndElementHandler = lambda tag: stack.pop()
        parser.CharacterDataHandler = text
        parser.EntityDeclHandler = refuse_entities
        try:
            parser.Parse(data, True)
        except expat.ExpatError as error:
            cut_off = error.code in (expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS],) or (
                error.lineno >= data.count(b"\n") and stack
            )
            raise ScheduleError(
                self.path,
                f"the XML is malformed: {expat.errors.messages[error.code]} (column {error.offset + 1})",
                (
                    "the file looks cut off: download or export it again"
                    if cut_off
                    else "export the schedule again rather than editing the file by hand"
                ),
                error.lineno,
            ) from None
        return found[0]

    def place(self, element: ET.Element, name: str) -> Place:
        return Place(self.path, self.lines.get(element), name)


def _text(element: ET.Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _links(event: ET.Element) -> list[Link]:
    found = []
    for holder, tag in (("links", "link"), ("attachments", "attachment")):
        for link in event.findall(f"{holder}/{tag}"):
            url = link.get("href", "").strip()
            if url:
                found.append(Link(url, _text(link)))
    return found


def _persons(tree: _Tree, event: ET.Element) -> list[Person]:
    persons = []
    for element in event.findall("persons/person"):
        name = _text(element)
        if name:
            persons.append(
                Person(
                    name=name,
                    place=tree.place(element, f'person "{name}"'),
                    guid=element.get("guid") or None,
                    code=element.get("code") or None,
                    number=element.get("id") or None,
                )
            )
    return persons


def _event(tree: _Tree, element: ET.Element, room: str, day: Day, day_start) -> None:
    fields = {tag: _text(element.find(tag)) for tag in EVENT_FIELDS}
    fields["room"] = fields["room"] or room
    for attribute in ("guid", "id", "code"):
        fields[attribute] = element.get(attribute, "").strip()
    label = fields["guid"] or fields["id"] or "without an id"
    place = tree.place(element, f"<event> {label}")
    event = event_from(fields, place, day.date, day_start)
    event.persons = _persons(tree, element)
    event.links = _links(element)
    day.events.append(event)


def read_xml(data: bytes, path: str) -> Schedule:
    tree = _Tree(data, path)
    root = tree.root
    if root.tag != "schedule":
        raise ScheduleError(
            path,
            f"the XML's root element is <{root.tag}>, not <schedule>: this is not a frab schedule",
            "export the schedule as frab XML (pretalx: schedule.xml)",
            tree.lines.get(root),
        )
    conference = root.find("conference")
    if conference is None:
        raise ScheduleError(path, "the schedule has no <conference>", EXPORT_AGAIN, tree.lines.get(root))
    schedule = Schedule(
        path=path,
        format=FORMAT,
        title=_text(conference.find("title")),
        acronym=_text(conference.find("acronym")),
        base_url=_text(conference.find("base_url")),
        time_zone_name=_text(conference.find("time_zone_name")),
        tracks=[
            Track(track.get("name") or _text(track), track.get("slug", ""))
            for track in conference.findall("track")
            if track.get("name") or _text(track)
        ],
    )
    for element in root.findall("day"):
        date = parse_date(element.get("date", "")) or parse_date(element.get("start", ""))
        place = tree.place(element, f"<day> {element.get('date') or element.get('index') or ''}".strip())
        if date is None:
            raise ScheduleError(path, "the day has no `date`", EXPORT_AGAIN, place.line, place.element)
        day = Day(date, place)
        day_start = parse_datetime(element.get("start", ""))
        for room in element.findall("room"):
            name = room.get("name", "").strip()
            if name and name not in schedule.rooms:
                schedule.rooms.append(name)
            for event in room.findall("event"):
                _event(tree, event, name, day, day_start)
        schedule.days.append(day)
    return schedule
