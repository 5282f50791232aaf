"""The program in the frab schedule format (schedule.xml and schedule.json),
which conference apps such as Giggity and EventFahrplan load.

Each language of the site has its own files, texts in that language falling
back to the other one.  Identifiers (guids and the numeric ids of sessions and
speakers) are derived from the year and the ids in the edition file, so they
stay the same from one build to the next and in both languages.
"""

from __future__ import annotations

import hashlib
import json
import math
import uuid
import xml.etree.ElementTree as ET

from sosconf.conference.exports.ical import UID_DOMAIN
from sosconf.conference.exports.paths import schedule_paths
from sosconf.conference.exports.texts import all_rooms
from sosconf.conference.program import (
    day_bounds,
    days_in_order,
    main_language,
    slots,
    speakers_by_id,
    time_zone,
    tracks_by_id,
)
from sosconf.urls import edition_path, file_url, page_url, session_url, speaker_path

JSON_SCHEMA = "https://c3voc.de/schedule/schema.json"
GENERATOR = "sosconf-site"


def _guid(*parts) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://{UID_DOMAIN}/" + "/".join(str(p) for p in parts)))


def _number(*parts) -> int:
    """A positive 31-bit id from the parts (apps store ids as int32); the same in every build."""
    digest = hashlib.sha256("/".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:4], "big") % (2**31 - 1) + 1


def _hhmm(minutes: int) -> str:
    return "%02d:%02d" % divmod(minutes, 60)


def _minutes(time) -> int:
    return time.hour * 60 + time.minute


def _timeslot(edition) -> str:
    """The longest step every start and end falls on (at most an hour), for apps that draw a grid."""
    step = 60
    for session in edition.program.sessions:
        step = math.gcd(step, _minutes(session.start), _minutes(session.end))
    return _hhmm(max(step, 5))


def _acronym(edition) -> str:
    return f"sosconf{edition.year}"


def _day_change(edition, settings) -> str:
    """When one program day turns into the next for apps: the hour the earliest day opens.

    A session after midnight then still counts to the day before.
    """
    opens = [day_bounds(edition, day, settings)[0] for day in days_in_order(edition)]
    return "%02d:00:00" % min((moment.hour for moment in opens), default=0)


class _Texts:
    """Localized texts in one language, falling back to the other."""

    def __init__(self, lang):
        self.lang = lang

    def __call__(self, value) -> str:
        return value.get(self.lang) if value is not None else ""


def _room_name(session, text, settings) -> str:
    """Apps put every session in a room: its own, else one that says it is for all rooms."""
    if session.room:
        return text(session.room)
    return all_rooms(settings, text.lang)


def _person(edition, speaker, text, settings) -> dict:
    lang = text.lang
    name = text(speaker.name)
    person = {
        # Apps and converters tell speakers apart by id: one per speaker, the same in every build.
        "id": _number(edition.year, "speakers", speaker.id),
        "guid": _guid(edition.year, "speakers", speaker.id),
        # frab's key, which pyfahrplan and other frab readers show; the c3voc
        # schema takes a person as frab's (id, public_name) or pretalx's (name), not both.
        "public_name": name,
        "url": page_url(settings, lang, speaker_path(edition.year, speaker.id)),
        "biography": text(speaker.bio) or None,
        "avatar": file_url(settings, speaker.photo) if speaker.photo else None,
    }
    if speaker.links:
        person["links"] = [{"url": link.url, "title": text(link.name)} for link in speaker.links]
    return person


def _event(edition, slot, text, settings) -> dict:
    lang = text.lang
    session = slot.session
    speakers = speakers_by_id(edition)
    tracks = tracks_by_id(edition)
    return {
        "guid": _guid(edition.year, "sessions", session.id),
        "id": _number(edition.year, "sessions", session.id),
        "date": slot.start.isoformat(),
        "start": slot.start.strftime("%H:%M"),
        "end": slot.end.isoformat(),
        "duration": _hhmm(_minutes(session.end) - _minutes(session.start)),
        "room": _room_name(session, text, settings),
        "slug": f"{_acronym(edition)}-{session.id}",
        "url": session_url(settings, lang, edition.year, session),
        "title": text(session.title),
        "subtitle": "",
        "track": text(tracks[session.track].name) if session.track else None,
        "type": session.kind,
        # The language the talk is given in, whatever the language of the file.
        "language": session.language or main_language(edition, settings),
        "abstract": text(session.abstract),
        # Sessions have one text; apps that read only `description` show it too.
        "description": text(session.abstract),
        "persons": [_person(edition, speakers[name], text, settings) for name in session.speakers],
        "links": [{"url": link.url, "title": text(link.name)} for link in session.links],
    }


def schedule(edition, settings, lang: str) -> dict:
    """The schedule as the frab JSON format has it, its texts in `lang`."""
    text = _Texts(lang)
    everything = slots(edition, settings)
    days = []
    rooms: dict[str, str] = {}
    for index, day in enumerate(days_in_order(edition), start=1):
        by_room: dict[str, list] = {}
        for slot in everything:
            if slot.day is day:
                event = _event(edition, slot, text, settings)
                by_room.setdefault(event["room"], []).append(event)
                rooms.setdefault(event["room"], _guid(edition.year, "rooms", event["room"]))
        opens, closes = day_bounds(edition, day, settings)
        days.append(
            {
                "index": index,
                "date": day.date.isoformat(),
                "day_start": opens.isoformat(),
                "day_end": closes.isoformat(),
                "rooms": by_room,
            }
        )
    conference = {
        "acronym": _acronym(edition),
        "title": text(edition.name),
        "start": edition.start.isoformat(),
        "end": (edition.end or edition.start).isoformat(),
        "daysCount": len(days),
        "timeslot_duration": _timeslot(edition),
        "time_zone_name": time_zone(edition, settings).key,
        "url": page_url(settings, lang, edition_path(edition.year)),
    }
    if edition.summary:
        conference["description"] = text(edition.summary)
    if edition.image:
        conference["logo"] = file_url(settings, edition.image)
    conference["tracks"] = [{"name": text(track.name), "slug": track.id} for track in edition.program.tracks]
    conference["rooms"] = [{"name": name, "guid": guid} for name, guid in rooms.items()]
    conference["days"] = days
    body = {"base_url": page_url(settings, lang, edition_path(edition.year)), "conference": conference}
    # The version changes exactly when the schedule does: apps compare it to decide to reload.
    version = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]
    return {
        "$schema": JSON_SCHEMA,
        "generator": {"name": GENERATOR},
        "schedule": {"version": version, **body},
    }


def schedule_json(edition, settings, lang: str) -> bytes:
    return (json.dumps(schedule(edition, settings, lang), ensure_ascii=False, indent=2) + "\n").encode(
        "utf-8"
    )


def _sub(parent, tag, text=None, **attributes):
    element = ET.SubElement(parent, tag, {key: str(value) for key, value in attributes.items()})
    if text is not None:
        element.text = str(text)
    return element


def schedule_xml(edition, settings, lang: str) -> bytes:
    """The same schedule in the XML form of the frab format."""
    data = schedule(edition, settings, lang)["schedule"]
    conference = data["conference"]
    root = ET.Element("schedule")
    _sub(root, "generator", name=GENERATOR)
    _sub(root, "url", page_url(settings, lang, schedule_paths(edition)["xml"]))
    _sub(root, "version", data["version"])
    head = _sub(root, "conference")
    for key in ("title", "acronym", "start", "end"):
        _sub(head, key, conference[key])
    # Where and when a day ends, as the FOSDEM (Pentabarf) files that apps grew up on say.
    text = _Texts(lang)
    if edition.venue:
        _sub(head, "venue", text(edition.venue))
    if edition.city:
        _sub(head, "city", text(edition.city))
    _sub(head, "days", conference["daysCount"])
    _sub(head, "day_change", _day_change(edition, settings))
    _sub(head, "timeslot_duration", conference["timeslot_duration"])
    _sub(head, "base_url", data["base_url"])
    if "logo" in conference:
        _sub(head, "logo", conference["logo"])
    _sub(head, "url", conference["url"])
    _sub(head, "time_zone_name", conference["time_zone_name"])
    for track in conference["tracks"]:
        _sub(head, "track", track["name"], name=track["name"])
    guids = {room["name"]: room["guid"] for room in conference["rooms"]}
    for day in conference["days"]:
        day_element = _sub(
            root, "day", date=day["date"], start=day["day_start"], end=day["day_end"], index=day["index"]
        )
        for room_name, events in day["rooms"].items():
            room = _sub(day_element, "room", name=room_name, guid=guids[room_name])
            for event in events:
                _event_xml(room, event)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _event_xml(room, event) -> None:
    element = _sub(room, "event", id=event["id"], guid=event["guid"])
    for key in (
        "room",
        "title",
        "subtitle",
        "type",
        "date",
        "start",
        "duration",
        "abstract",
        "description",
        "slug",
    ):
        _sub(element, key, event[key])
    _sub(element, "track", event["track"] or "")
    persons = _sub(element, "persons")
    for person in event["persons"]:
        _sub(persons, "person", person["public_name"], id=person["id"], guid=person["guid"])
    _sub(element, "language", event["language"])
    links = _sub(element, "links")
    for link in event["links"]:
        _sub(links, "link", link["title"], href=link["url"])
    _sub(element, "url", event["url"])
