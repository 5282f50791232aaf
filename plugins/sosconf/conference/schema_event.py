"""The conference details of an edition: program, speakers, partners, calls,
venue and streams.  Every one of them is optional in an edition file.

These models build on the shared types of `schema` (Text, Date, links); the
Edition model there lists them as fields.  Checks that need the whole edition
(a session naming a speaker, a day inside the edition's dates) are in
`cross_reference_errors`, which reports every problem with its exact place so
the organizer gets the line of each.
"""

from __future__ import annotations

import datetime
import functools
import re
import zoneinfo
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, PlainValidator, ValidationError, WithJsonSchema, model_validator
from pydantic_core import InitErrorDetails

from sosconf.conference.schema_fields import Date, Strict, Text, check_link, fail

SESSION_KINDS = ("keynote", "talk", "lightning-talk", "roundtable", "workshop", "hackathon", "break")
CALL_KINDS = ("talks", "volunteers", "sponsors", "partners", "sub-venues", "registration")
ATTENDANCE_MODES = ("offline", "online", "hybrid")

# Ids end up in addresses (#speaker-ada) and in the schedule exports, whose
# slug rules want lowercase letters, digits and inner hyphens.
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*[a-z0-9]$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


def _to_id(value):
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if text is None or not _ID.match(text):
        raise fail(
            f'"{value}" is not a valid id',
            "use two or more lowercase letters, digits and hyphens, e.g. `ada-lovelace`",
        )
    return text


Id = Annotated[
    str,
    PlainValidator(_to_id),
    WithJsonSchema({"type": "string", "pattern": _ID.pattern}),
]


@functools.total_ordering
class ProgramTime:
    """A time on a conference day's clock, in minutes from that day's midnight.

    Programs that run into the night go on counting past 24:00, as railway and
    bus timetables do for a service day: `25:30` is half past one the next
    morning, and the session still belongs to the day it is listed under.
    """

    __slots__ = ("minutes",)

    def __init__(self, minutes: int):
        self.minutes = minutes

    @property
    def hour(self) -> int:
        """Hours from the day's midnight: 25 for 01:00 the next morning."""
        return self.minutes // 60

    @property
    def minute(self) -> int:
        return self.minutes % 60

    def on(self, date: datetime.date, tzinfo) -> datetime.datetime:
        """The true local date and time on the day `date`."""
        days, minutes = divmod(self.minutes, 24 * 60)
        return datetime.datetime.combine(
            date + datetime.timedelta(days=days), datetime.time(*divmod(minutes, 60)), tzinfo=tzinfo
        )

    def strftime(self, pattern: str) -> str:
        """Formatted as the clock shows it (01:30 for 25:30)."""
        return datetime.time(*divmod(self.minutes % (24 * 60), 60)).strftime(pattern)

    def __str__(self) -> str:
        return "%02d:%02d" % divmod(self.minutes, 60)

    def __format__(self, spec: str) -> str:
        # Messages show the time as the organizer wrote it, 25:30 included.
        return str(self) if "%" in spec else format(str(self), spec)

    def __repr__(self) -> str:
        return f"ProgramTime({self})"

    def __eq__(self, other):
        return isinstance(other, ProgramTime) and self.minutes == other.minutes

    def __lt__(self, other):
        if not isinstance(other, ProgramTime):
            return NotImplemented
        return self.minutes < other.minutes

    def __hash__(self):
        return hash(self.minutes)

    def __reduce__(self):
        return (ProgramTime, (self.minutes,))


LATEST_HOUR = 48  # a day's program may run until the second midnight after it


def _to_time(value):
    if isinstance(value, ProgramTime):
        return value
    if isinstance(value, datetime.time):
        return ProgramTime(value.hour * 60 + value.minute)
    # YAML 1.1 reads an unquoted 10:30 as the base-60 number 630; turn it back.
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = "%d:%02d" % divmod(value, 60)
    match = _TIME.match(str(value).strip())
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2))
        if minutes < 60 and hours * 60 + minutes <= LATEST_HOUR * 60:
            return ProgramTime(hours * 60 + minutes)
    raise fail(
        f'"{value}" is not a time of day',
        "write it as HH:MM on a 24-hour clock, e.g. 09:30 or 14:00; "
        "after midnight go on counting, e.g. 25:30 for 01:30 the next morning",
    )


Time = Annotated[
    ProgramTime,
    PlainValidator(_to_time),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}$"}),
]


# BCP 47 (RFC 5646) language tags as programs use them: de, en-GB, zh-Hant,
# sr-Latn-RS, es-419, with variants and extensions; private-use tags too.
# The longer language subtags RFC 5646 reserves are left out, so that a
# language's name (`Deutsch`) is not taken for a code.
_LANGUAGE_TAG = re.compile(
    r"^(?:(?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3})"
    r"(?:-(?P<script>[a-z]{4}))?(?:-(?P<region>[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wyz](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?"
    r"|x(?:-[a-z\d]{1,8})+)$"
)


def _to_language_tag(value):
    text = str(value).strip().replace("_", "-") if isinstance(value, str) else ""
    match = _LANGUAGE_TAG.match(text.lower())
    if not match:
        raise fail(
            f'"{value}" is not a language code',
            "use a BCP 47 code such as `zh`, `en`, `de`, `pt-BR` or `zh-Hant`",
        )
    # The tag's usual spelling: language lowercase, Script titled, REGION upper.
    parts = text.lower().split("-")
    if match.group("script"):
        index = parts.index(match.group("script"))
        parts[index] = parts[index].title()
    if match.group("region"):
        index = parts.index(match.group("region"), 1)
        parts[index] = parts[index].upper()
    return "-".join(parts)


LanguageTag = Annotated[
    str,
    PlainValidator(_to_language_tag),
    WithJsonSchema({"type": "string", "pattern": r"^([A-Za-z]{2,3}|[xX])([-_][A-Za-z0-9]{1,8})*$"}),
]


def _to_local_file(value):
    text = str(value).strip() if isinstance(value, str) else ""
    if not text or ":" in text or "\\" in text or ".." in text.split("/"):
        raise fail(
            f'"{value}" is not a path inside content/',
            "give the file's path from the content folder, e.g. assets/images/speakers/ada.png",
        )
    return text.lstrip("/")


LocalFile = Annotated[
    str,
    PlainValidator(_to_local_file),
    WithJsonSchema({"type": "string", "pattern": r"^/?[^:\\]+$"}),
]

# Editors flag other schemes as they are typed, as for channels.
Url = Annotated[
    str, AfterValidator(check_link), WithJsonSchema({"type": "string", "pattern": r"^(https://|mailto:)\S+$"})
]

OPENSTREETMAP_HOSTS = ("https://www.openstreetmap.org/", "https://openstreetmap.org/", "https://osm.org/")


def _openstreetmap(url: str) -> str:
    if not url.startswith(OPENSTREETMAP_HOSTS):
        raise fail(
            f'"{url}" is not an OpenStreetMap link',
            "open the place on https://www.openstreetmap.org, then copy the address bar or the Share link",
        )
    return url


OpenStreetMapUrl = Annotated[
    str,
    AfterValidator(check_link),
    AfterValidator(_openstreetmap),
    WithJsonSchema(
        {"type": "string", "pattern": r"^https://(www\.openstreetmap\.org|openstreetmap\.org|osm\.org)/\S*$"}
    ),
]


def _to_timezone(value):
    text = str(value).strip()
    try:
        zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise fail(
            f'"{text}" is not a time zone',
            "use an IANA name such as Asia/Shanghai or America/Los_Angeles",
        ) from None
    return text


TimeZoneName = Annotated[
    str,
    PlainValidator(_to_timezone),
    WithJsonSchema({"type": "string", "examples": ["Asia/Shanghai", "America/Los_Angeles"]}),
]


class Link(Strict):
    """A named link, e.g. a speaker's homepage or a session's slides."""

    name: Text = Field(description="What the link leads to, e.g. `GitHub` or `{zh: 幻灯片, en: Slides}`.")
    url: Url = Field(description="The address, `https://...` or `mailto:...`.")


class Speaker(Strict):
    """Someone who speaks at this edition; sessions name speakers by `id`."""

    id: Id = Field(
        description="A short name used by sessions' `speakers` lists and in the page address, "
        "e.g. `ada-lovelace`."
    )
    name: Text = Field(description="The name as the speaker wants it shown.")
    affiliation: Text | None = Field(
        None, description="School, university or project, e.g. `{zh: 南方科技大学, en: SUSTech}`."
    )
    bio: Text | None = Field(None, description="A few sentences about the speaker.")
    photo: LocalFile | None = Field(
        None,
        description="A square photo, a path inside `content/` under `assets/`, "
        "e.g. `assets/images/speakers/ada.jpg`. The file must exist.",
    )
    links: list[Link] = Field(
        default_factory=list, description="The speaker's pages: homepage, GitHub, blog…"
    )


class Track(Strict):
    """A thread of the program that visitors can filter by."""

    id: Id = Field(description="A short name that sessions' `track` refers to, e.g. `security`.")
    name: Text = Field(description="The track's name as shown.")
    description: Text | None = Field(None, description="One sentence about what the track covers.")


class Session(Strict):
    """One item of a day's program: a talk, a keynote, a break…"""

    id: Id = Field(
        description="A short name, unique in the edition; it is the address of the session's page, "
        "e.g. `/2030/program/opening-keynote/`, and of its line in the program."
    )
    title: Text = Field(description="The title as shown in the program.")
    start: Time = Field(
        description="Start time, `HH:MM` in the edition's time zone; after midnight go on counting "
        "(`25:00` is 01:00 the next morning, still on this day's program)."
    )
    end: Time = Field(
        description="End time, `HH:MM`, later than `start`; a session that ends after midnight "
        "ends at e.g. `24:30` or `26:00`."
    )
    kind: Literal[SESSION_KINDS] = Field(
        "talk",
        description="keynote, talk, lightning-talk, roundtable, workshop, hackathon or break "
        "(default: talk).",
    )
    track: Id | None = Field(
        None, description="The `id` of one of the program's `tracks`. Leave it out for sessions for everyone."
    )
    room: Text | None = Field(
        None,
        description="Where it happens, e.g. `{zh: 报告厅, en: Lecture hall}` or `Online`. On a wide "
        "screen each room that has sessions side by side is a column of the program; a session "
        "without a room, or in a room where nothing runs beside it, spans them all.",
    )
    speakers: list[Id] = Field(
        default_factory=list, description="The `id`s of its speakers, from the edition's `speakers`."
    )
    language: LanguageTag | None = Field(
        None,
        description="The language it is given in, when not the edition's: a BCP 47 code such as "
        "`en`, `zh` or `de`; the program shows its name.",
    )
    abstract: Text | None = Field(None, description="What the session is about, a short paragraph.")
    links: list[Link] = Field(default_factory=list, description="Slides, recording, repository…")

    @model_validator(mode="after")
    def _end_after_start(self):
        if self.end <= self.start:
            raise fail(
                f"`end` ({self.end:%H:%M}) is not after `start` ({self.start:%H:%M})",
                "correct the times; for a session that ends after midnight go on counting, e.g. 24:30",
                at="end",
            )
        return self


class ProgramDay(Strict):
    """One day of the program."""

    date: Date = Field(description="The day, `YYYY-MM-DD`, between the edition's `start` and `end`.")
    name: Text | None = Field(
        None, description="A name for the day, e.g. `{zh: 黑客马拉松日, en: Hackathon day}`."
    )
    start: Time | None = Field(None, description="When the day's program opens, `HH:MM`.")
    end: Time | None = Field(
        None, description="When the day's program closes, `HH:MM`; e.g. `27:00` for 03:00 the next morning."
    )
    sessions: list[Session] = Field(
        default_factory=list, description="The day's sessions; listed in time order on the page."
    )

    @model_validator(mode="after")
    def _sessions_within_the_day(self):
        if self.start and self.end and self.end <= self.start:
            raise fail(
                f"`end` ({self.end:%H:%M}) is not after `start` ({self.start:%H:%M})",
                "correct the day's hours",
                at="end",
            )
        problems = []
        for index, session in enumerate(self.sessions):
            if self.start and session.start < self.start:
                problems.append(
                    (
                        ("sessions", index, "start"),
                        f"the session starts at {session.start:%H:%M}, "
                        f"before the day opens ({self.start:%H:%M})",
                        "correct the session's `start` or the day's `start`",
                    )
                )
            if self.end and session.end > self.end:
                problems.append(
                    (
                        ("sessions", index, "end"),
                        f"the session ends at {session.end:%H:%M}, after the day closes ({self.end:%H:%M})",
                        "correct the session's `end` or the day's `end`",
                    )
                )
        raise_all(problems, self)
        return self


class Program(Strict):
    """The schedule: tracks and days with their sessions."""

    tracks: list[Track] = Field(
        default_factory=list, description="The tracks, in the order the filters show them."
    )
    days: list[ProgramDay] = Field(default_factory=list, description="The days, each with its sessions.")

    @property
    def sessions(self) -> list[Session]:
        return [session for day in self.days for session in day.sessions]


class Stream(Strict):
    """Where to watch: a live room, a replay, or both."""

    name: Text = Field(description="The platform or channel, e.g. `{zh: 哔哩哔哩, en: Bilibili}`.")
    live: Url | None = Field(None, description="The live room's address.")
    replay: Url | None = Field(None, description="Where the recording can be watched afterwards.")

    @model_validator(mode="after")
    def _somewhere_to_watch(self):
        if not self.live and not self.replay:
            raise fail(
                f'the stream "{self.name}" has neither `live` nor `replay`',
                "add the live room's or the replay's address",
                at="name",
            )
        return self


class Organization(Strict):
    """A sponsor or a partner community."""

    name: Text = Field(description="Its name as it writes it.")
    url: Url | None = Field(None, description="Its website.")
    logo: LocalFile | None = Field(
        None,
        description="Its logo, a path inside `content/` under `assets/`, "
        "e.g. `assets/images/partners/lug.svg`. The file must exist.",
    )
    description: Text | None = Field(
        None, description="One sentence about it, or its role, e.g. `{zh: 联合主办, en: Co-organizer}`."
    )


class SponsorTier(Strict):
    """One level of sponsorship and its sponsors."""

    tier: Text = Field(
        description="The tier's name, e.g. `{zh: 金牌赞助, en: Gold}`. List tiers from the highest down."
    )
    members: list[Organization] = Field(min_length=1, description="The sponsors of this tier.")


class Member(Strict):
    """A person on an organizing or volunteer team."""

    name: Text = Field(description="The name as the person wants it shown.")
    role: Text | None = Field(None, description="What they do, e.g. `{zh: 总协调, en: Coordinator}`.")
    affiliation: Text | None = Field(None, description="School or university.")
    photo: LocalFile | None = Field(
        None, description="A square photo, a path inside `content/` under `assets/`. The file must exist."
    )
    url: Url | None = Field(None, description="A page of theirs.")


class Team(Strict):
    """The organizers, or a team of volunteers."""

    name: Text = Field(description="The team's name, e.g. `{zh: 组委会, en: Organizing committee}`.")
    description: Text | None = Field(None, description="What the team does.")
    members: list[Member] = Field(default_factory=list, description="Its members, in display order.")


class Call(Strict):
    """A call to take part; the edition page says whether it is open, closing soon or closed."""

    kind: Literal[CALL_KINDS] = Field(
        description="What is called for: talks, volunteers, sponsors, partners (partner communities), "
        "sub-venues or registration."
    )
    opens: Date | None = Field(
        None, description="The day it opens, `YYYY-MM-DD`. Leave it out if it is open from the start."
    )
    closes: Date | None = Field(
        None,
        description="The last day to apply, `YYYY-MM-DD`. Without it, the call closes when the "
        "edition starts (or at the end of its year while the dates are not fixed).",
    )
    url: Url | None = Field(None, description="Where to apply: a form, or a `mailto:` address.")
    note: Text | None = Field(
        None, description="Who may apply and anything else to know, one or two sentences."
    )

    @model_validator(mode="after")
    def _closes_after_opens(self):
        if self.opens and self.closes and self.closes < self.opens:
            raise fail(
                f"`closes` ({self.closes}) is before `opens` ({self.opens})",
                "swap them, or correct the one that is wrong",
                at="closes",
            )
        return self


def raise_all(problems, model) -> None:
    """Raise every (place, message, fix) in `problems` as one validation error, each at its own place."""
    if not problems:
        return
    details = [
        InitErrorDetails(type=fail(message, fix), loc=tuple(place), input=None)
        for place, message, fix in problems
    ]
    raise ValidationError.from_exception_data(type(model).__name__, details)


def _duplicates(items, place_of):
    seen = {}
    for index, item in enumerate(items):
        if item.id in seen:
            yield (
                place_of(index),
                f'the id "{item.id}" is used twice (first by entry {seen[item.id] + 1})',
                "give each one its own id",
            )
        else:
            seen[item.id] = index


def cross_reference_errors(edition) -> list:
    """Problems between the parts of one edition, each as (place, message, fix)."""
    problems = list(_duplicates(edition.speakers, lambda i: ("speakers", i, "id")))
    program = edition.program
    if program is None:
        return problems
    problems += _duplicates(program.tracks, lambda i: ("program", "tracks", i, "id"))
    speakers = {speaker.id for speaker in edition.speakers}
    tracks = {track.id for track in program.tracks}
    first, last = edition.start, edition.end or edition.start
    seen_days, seen_sessions = {}, {}
    for d, day in enumerate(program.days):
        at_day = ("program", "days", d)
        if first is None:
            problems.append(
                (
                    at_day + ("date",),
                    "the program has days but the edition has no `start`",
                    "add `start:` and `end:` dates to the edition",
                )
            )
        elif not first <= day.date <= last:
            problems.append(
                (
                    at_day + ("date",),
                    f"{day.date} is outside the edition ({first} to {last})",
                    "correct the day, or the edition's `start`/`end`",
                )
            )
        if day.date in seen_days:
            problems.append(
                (
                    at_day + ("date",),
                    f"the day {day.date} is listed twice",
                    "put all of that day's sessions under one entry",
                )
            )
        seen_days.setdefault(day.date, d)
        for s, session in enumerate(day.sessions):
            at = at_day + ("sessions", s)
            if session.id in seen_sessions:
                problems.append(
                    (
                        at + ("id",),
                        f'the session id "{session.id}" is used twice',
                        "give each session its own id",
                    )
                )
            seen_sessions.setdefault(session.id, at)
            if session.track and session.track not in tracks:
                known = ", ".join(sorted(tracks)) or "none yet: add `program.tracks`"
                problems.append(
                    (at + ("track",), f'unknown track "{session.track}"', f"use the id of a track ({known})")
                )
            for p, name in enumerate(session.speakers):
                if name not in speakers:
                    known = ", ".join(sorted(speakers)) or "none yet: add them under `speakers`"
                    problems.append(
                        (
                            at + ("speakers", p),
                            f'unknown speaker id "{name}"',
                            f"use an id from `speakers` ({known})",
                        )
                    )
    return problems


__all__ = [
    "ATTENDANCE_MODES",
    "CALL_KINDS",
    "SESSION_KINDS",
    "Call",
    "LanguageTag",
    "Link",
    "LocalFile",
    "Member",
    "OpenStreetMapUrl",
    "Organization",
    "Program",
    "ProgramDay",
    "ProgramTime",
    "Session",
    "Speaker",
    "SponsorTier",
    "Stream",
    "Team",
    "TimeZoneName",
    "Track",
    "cross_reference_errors",
    "raise_all",
]
