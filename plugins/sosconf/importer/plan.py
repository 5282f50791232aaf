"""What the edition file should say after an import: the schedule's days,
sessions, tracks and speakers in the edition's terms.

Times become minutes on the conference day's clock in the edition's time
zone (past 24:00 for the night after), texts become plain text, types become
kinds, and everything gets an id.  Ids already in the edition file win, so a
re-import keeps them: a session is recognized by this site's own address or
slug in it, or by the schedule's event id at the end of its id; a speaker by
this site's address or by the name.
"""

from __future__ import annotations

import datetime
import urllib.parse
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field

from babel import Locale

from sosconf.conference.localized import Localized
from sosconf.conference.schema_event import LATEST_HOUR, _to_language_tag
from sosconf.importer.errors import ScheduleError
from sosconf.importer.ids import fragment_id, is_id, short_key, slugify, text_key
from sosconf.importer.kinds import kind_of
from sosconf.importer.model import Event, Link, Person, Schedule
from sosconf.importer.plain_text import plain_text

DAY = 24 * 60


@dataclass
class PlannedSession:
    id: str
    title: str
    start: int  # minutes from the conference day's midnight
    end: int
    kind: str
    kind_known: bool
    track: str | None
    room: str | None
    speakers: list[str]
    language: str | None
    abstract: str
    links: list[Link]


@dataclass
class PlannedDay:
    date: datetime.date
    sessions: list[PlannedSession] = field(default_factory=list)


@dataclass
class PlannedSpeaker:
    id: str
    name: str
    bio: str
    links: list[Link]


@dataclass
class PlannedTrack:
    id: str
    name: str


@dataclass
class Plan:
    title: str
    first: datetime.date
    last: datetime.date
    time_zone: str | None  # what `timezone:` should say, None to leave it as it is
    main_language: str  # the edition's language (for a new file)
    texts_in: str  # the language the schedule's texts are in
    days: list[PlannedDay]
    tracks: list[PlannedTrack]
    speakers: list[PlannedSpeaker]
    rooms: list[str]
    unknown_types: Counter = field(default_factory=Counter)
    unknown_languages: Counter = field(default_factory=Counter)
    dropped_links: list[str] = field(default_factory=list)

    @property
    def sessions(self) -> list[PlannedSession]:
        return [session for day in self.days for session in day.sessions]


class Existing:
    """What the edition file says now (empty for a new file), as plain values."""

    def __init__(self, document):
        self.document = document or {}
        program = self.document.get("program") or {}
        self.sessions = [s for day in program.get("days") or [] for s in day.get("sessions") or []]
        self.session_ids = {str(s.get("id")) for s in self.sessions}
        self.speakers = list(self.document.get("speakers") or [])
        self.tracks = list(program.get("tracks") or [])

    @staticmethod
    def names(value) -> set[str]:
        """Every text of a field: `Ada` or {zh: 李示例, en: Li Shili}."""
        if isinstance(value, dict):
            return {str(text).strip().casefold() for text in value.values()}
        return {str(value).strip().casefold()} if value else set()


def _zone(
    schedule: Schedule, existing: Existing, settings, fresh: bool
) -> tuple[zoneinfo.ZoneInfo, str | None]:
    """The edition's zone for the schedule's times, and what `timezone:` should say (None: leave it)."""
    current = existing.document.get("timezone")
    site = settings.get("TIMEZONE") or "UTC"
    if schedule.time_zone_name:
        try:
            zone = zoneinfo.ZoneInfo(schedule.time_zone_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ScheduleError(
                schedule.path,
                f'`time_zone_name` "{schedule.time_zone_name}" is not a time zone',
                "set the conference's time zone in the schedule system to an IANA name such as Europe/Berlin",
            ) from None
        wanted = schedule.time_zone_name
        return zone, (wanted if fresh or current or wanted != site else None)
    zone = zoneinfo.ZoneInfo(str(current or site))
    offsets = {e.start.utcoffset() for e in schedule.events if e.start.tzinfo is not None}
    if all(
        e.start.utcoffset() == e.start.astimezone(zone).utcoffset() for e in schedule.events if e.start.tzinfo
    ):
        return zone, (zone.key if fresh else None)
    # Offsets but no zone name, and not the edition's: a fixed-offset zone keeps the true times.
    if len(offsets) == 1:
        (offset,) = offsets
        hours, rest = divmod(int(offset.total_seconds()), 3600)
        if not rest:
            name = "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
            return zoneinfo.ZoneInfo(name), name
    raise ScheduleError(
        schedule.path,
        "the schedule gives no `time_zone_name` and its times are not in the edition's time zone",
        "add `timezone:` with the venue's time zone (e.g. Europe/Berlin) to the edition file, then import again",
    )


def _clock(moment: datetime.datetime, day: datetime.date) -> int:
    return (moment.date() - day).days * DAY + moment.hour * 60 + moment.minute


def _times(event: Event, day: datetime.date, zone) -> tuple[int, int]:
    start = event.start.astimezone(zone) if event.start.tzinfo else event.start.replace(tzinfo=zone)
    # Add the length in real time, so a night with a clock change still ends when it does.
    end = (start.astimezone(datetime.UTC) + event.duration).astimezone(zone)
    first, last = _clock(start, day), _clock(end, day)
    if first < 0 or last > LATEST_HOUR * 60:
        raise ScheduleError(
            event.place.path,
            f'the event "{event.title}" is at {start:%Y-%m-%d %H:%M}, not on its day {day} or the night after',
            "check the day it is listed under in the schedule system",
            event.place.line,
            event.place.element,
        )
    return first, max(last, first + 1)


def _site_languages(settings) -> list[str]:
    return list(settings["SOSCONF_LANGUAGES"])


def _language(code: str, plan: Plan) -> str | None:
    """A BCP 47 code for the event's `language`, which some exports give as a name (`German`)."""
    if not code:
        return None
    try:
        return _to_language_tag(code)
    except Exception:  # noqa: BLE001 - a name, not a code: look it up below
        pass
    wanted = code.strip().casefold()
    for tag, name in Locale("en").languages.items():
        if name.casefold() == wanted:
            return tag
    plan.unknown_languages[code] += 1
    return None


def _links(links: list[Link], base_url: str, plan: Plan, allow_http: bool) -> list[Link]:
    schemes = ("https://", "mailto:") + (("http://",) if allow_http else ())
    found: dict[str, Link] = {}
    for link in links:
        url = link.url.strip()
        if url.startswith("/") and base_url:
            url = urllib.parse.urljoin(base_url, url)
        if not url.lower().startswith(schemes) or len(url) < 10:
            plan.dropped_links.append(url)
            continue
        found.setdefault(url, Link(url, plain_text(link.title) or url))
    return list(found.values())


def _track_ids(schedule: Schedule, existing: Existing) -> dict[str, str]:
    names = [track.name for track in schedule.tracks]
    names += [e.track for e in schedule.events if e.track and e.track not in names]
    slugs = {track.name: track.slug for track in schedule.tracks}
    taken: set[str] = set()
    ids = {}
    for name in names:
        found = [t.get("id") for t in existing.tracks if name.casefold() in Existing.names(t.get("name"))]
        candidates = found[:1] + [slugify(name, 4), slugs.get(name, ""), f"track-{text_key(name)}"]
        chosen = next(c for c in candidates if c and is_id(str(c)) and str(c) not in taken)
        taken.add(str(chosen))
        ids[name] = str(chosen)
    return ids


def _people(schedule: Schedule) -> list[tuple[str, Person]]:
    """Each person once, by their guid, code or id, else their name; the first mention with most detail."""
    people: dict[str, Person] = {}
    for event in schedule.events:
        for person in event.persons:
            key = person.key or "name:" + person.name.casefold()
            known = people.get(key)
            if known is None:
                people[key] = person
            else:
                known.biography = known.biography or person.biography
                known.url = known.url or person.url
                known.links = known.links or person.links
    return list(people.items())


def _speaker_ids(people, existing: Existing) -> dict[str, str]:
    """Ids for people: from this site's address, an edition speaker with the name, else from the name.

    Two people with one name share the plain id in the order of their keys:
    the first keeps it, the others add their key (`anna-schmidt-5f0c2a9e`).
    """
    by_name = Counter(person.name.casefold() for _, person in people)
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for key, person in people:
        from_url = fragment_id(person.url or "", "speaker")
        same_name = [
            str(s.get("id"))
            for s in existing.speakers
            if person.name.casefold() in Existing.names(s.get("name"))
        ]
        if from_url:
            ids[key] = from_url
        elif len(same_name) == 1 and by_name[person.name.casefold()] == 1:
            ids[key] = same_name[0]
    taken.update(ids.values())
    for key, person in sorted(people, key=lambda item: item[0]):
        if key in ids:
            continue
        base = slugify(person.name, 4)
        # The guid first: frab XML and JSON of one schedule both carry it, not always the code.
        suffix = short_key(person.key) if person.key else text_key(person.name)
        chosen = base if base and base not in taken else f"{base or 'speaker'}-{suffix}"
        while chosen in taken:
            chosen += "-" + text_key(chosen)[:4]
        ids[key] = chosen
        taken.add(chosen)
    return ids


def _session_id(event: Event, schedule: Schedule, existing: Existing, taken: set[str]) -> str:
    key = event.number or event.code or event.guid or text_key(f"{event.title} {event.start.isoformat()}")
    suffix = short_key(key)
    choices = [fragment_id(event.url, "session")]
    prefix = f"{schedule.acronym}-" if schedule.acronym else None
    if prefix and event.slug.startswith(prefix):
        # This site's own exports: `sosconf2030-opening-keynote`.  frab's and
        # pretalx's `acronym-1043-title` (id or code, then the title) go on to the event id below.
        rest = event.slug[len(prefix) :]
        own = [str(key).lower() for key in (event.number, event.code) if key]
        if not any(rest.startswith(f"{key}-") for key in own):
            choices.append(rest)
    choices += [i for i in sorted(existing.session_ids) if i == suffix or i.endswith(f"-{suffix}")][:1]
    base = slugify(event.title)
    choices.append(f"{base}-{suffix}" if base else f"session-{suffix}")
    chosen = next(str(c) for c in choices if c and is_id(str(c)))
    while chosen in taken:  # one submission in two slots
        chosen = f"{chosen}-{text_key(event.guid or event.start.isoformat())[:4]}"
    taken.add(chosen)
    return chosen


def _all_rooms(settings) -> set[str]:
    """The names the site's exports give the room of a session that has none."""
    value = Localized.of(settings.get("SOSCONF_ALL_ROOMS") or "All rooms")
    return {text for _, text in value.values}


def _main_language(schedule: Schedule, existing: Existing, settings) -> str:
    if existing.document.get("language"):
        return str(existing.document["language"])
    site = _site_languages(settings)
    spoken = Counter(e.language.split("-")[0].lower() for e in schedule.events if e.language)
    common = [code for code, _ in spoken.most_common() if code in site]
    return common[0] if common and not existing.document else settings.get("DEFAULT_LANG") or site[0]


def plan_import(schedule: Schedule, year: int, document, settings, texts_in: str | None = None) -> Plan:
    existing = Existing(document)
    fresh = document is None
    for day in schedule.days:
        if day.date.year != year and day.events:
            raise ScheduleError(
                schedule.path,
                f"the schedule's day {day.date} is not in {year}",
                f"import it with YEAR={day.date.year}, or export the schedule of the {year} edition",
                day.place.line,
                day.place.element,
            )
    zone, zone_name = _zone(schedule, existing, settings, fresh)
    main = _main_language(schedule, existing, settings)
    days = [day for day in schedule.days if day.events]
    plan = Plan(
        title=schedule.title or schedule.acronym or f"{year}",
        first=min(day.date for day in days),
        last=max(day.date for day in days),
        time_zone=zone_name,
        main_language=main,
        texts_in=texts_in or main,
        days=[],
        tracks=[],
        speakers=[],
        rooms=[],
    )
    track_ids = _track_ids(schedule, existing)
    people = _people(schedule)
    speaker_ids = _speaker_ids(people, existing)
    all_rooms = _all_rooms(settings)
    allow_http = bool(settings.get("SOSCONF_ALLOW_HTTP"))
    taken: set[str] = set()
    used_tracks: list[str] = []
    for day in sorted(days, key=lambda d: d.date):
        planned = next((p for p in plan.days if p.date == day.date), None)
        if planned is None:
            planned = PlannedDay(day.date)
            plan.days.append(planned)
        for event in day.events:
            start, end = _times(event, day.date, zone)
            kind = kind_of(event.type)
            if kind is None:
                plan.unknown_types[event.type] += 1
            room = event.room if event.room and event.room not in all_rooms else None
            if room and room not in plan.rooms:
                plan.rooms.append(room)
            if event.track and event.track not in used_tracks:
                used_tracks.append(event.track)
            speakers = []
            for person in event.persons:
                speaker = speaker_ids[person.key or "name:" + person.name.casefold()]
                if speaker not in speakers:
                    speakers.append(speaker)
            planned.sessions.append(
                PlannedSession(
                    id=_session_id(event, schedule, existing, taken),
                    title=" ".join(event.title.split()),
                    start=start,
                    end=end,
                    kind=kind or "talk",
                    kind_known=kind is not None,
                    track=track_ids[event.track] if event.track else None,
                    room=room,
                    speakers=speakers,
                    language=_language(event.language, plan),
                    abstract=plain_text(event.abstract) or plain_text(event.description),
                    links=_links(event.links, schedule.base_url, plan, allow_http),
                )
            )
        planned.sessions.sort(key=lambda s: (s.start, s.end))
    plan.tracks = [PlannedTrack(track_ids[name], name) for name in used_tracks]
    speakers_used = {s for session in plan.sessions for s in session.speakers}
    for key, person in people:
        if speaker_ids[key] in speakers_used:
            plan.speakers.append(
                PlannedSpeaker(
                    speaker_ids[key],
                    " ".join(person.name.split()),
                    plain_text(person.biography),
                    _links(person.links, schedule.base_url, plan, allow_http),
                )
            )
    return plan
