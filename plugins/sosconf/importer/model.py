"""A schedule as frab, pentabarf and pretalx describe it, read from either
format into the same plain values.

Nothing here knows the edition file: texts are as the schedule has them
(HTML or Markdown included), times are as it gives them.  `Place` says where
in the file each part was read, for errors.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Place:
    """Where something was read: the file, its line (XML) and a name for the element."""

    path: str
    line: int | None
    element: str


@dataclass
class Link:
    url: str
    title: str


@dataclass
class Person:
    name: str
    place: Place
    # What tells two people apart when the names are the same: guid, code or id.
    guid: str | None = None
    code: str | None = None
    number: str | None = None
    url: str | None = None
    biography: str = ""
    links: list[Link] = field(default_factory=list)

    @property
    def key(self) -> str | None:
        return self.guid or self.code or self.number


@dataclass
class Event:
    place: Place
    title: str
    # Aware when the schedule gives an offset, else naive (local to the schedule's zone).
    start: datetime.datetime
    duration: datetime.timedelta
    room: str = ""
    guid: str | None = None
    number: str | None = None  # frab's numeric `id`
    code: str | None = None  # pretalx's submission code
    slug: str = ""
    url: str = ""
    subtitle: str = ""
    track: str = ""
    type: str = ""
    language: str = ""
    abstract: str = ""
    description: str = ""
    persons: list[Person] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


@dataclass
class Day:
    date: datetime.date
    place: Place
    events: list[Event] = field(default_factory=list)


@dataclass
class Track:
    name: str
    slug: str = ""


@dataclass
class Schedule:
    path: str
    format: str  # "frab XML" or "frab JSON"
    title: str
    acronym: str = ""
    base_url: str = ""
    time_zone_name: str = ""
    tracks: list[Track] = field(default_factory=list)
    rooms: list[str] = field(default_factory=list)
    days: list[Day] = field(default_factory=list)

    @property
    def events(self) -> list[Event]:
        return [event for day in self.days for event in day.events]
