"""Write the test schedule "Offene Netze 2031" as pretalx exports it:
offene-netze-2031.xml (frab XML) and offene-netze-2031.json (frab JSON).

An invented four-day conference in Berlin with German and English talks, four
halls and a tent put up on the third day only, evenings that run past
midnight, two different speakers called Anna Schmidt, speakers without ids,
abstracts in Markdown and HTML, and types this site does not know (Film,
Konzert).  Run it again after changing it: the output is the same each time.

    python tests/data/schedules/make_schedules.py
"""

from __future__ import annotations

import datetime
import json
import random
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
ZONE = ZoneInfo("Europe/Berlin")
ACRONYM = "offenenetze31"
BASE = "https://pretalx.example.org"
EVENT_URL = f"{BASE}/{ACRONYM}"
FIRST_DAY = datetime.date(2031, 8, 7)
ROOMS = ["Saal Ada", "Saal Grace", "Werkstatt", "Bühne Nord"]
TENT = "Zelt am See"  # the third day only
TRACKS = [
    ("Sicherheit", "sicherheit", "#c0392b"),
    ("Freie Software", "freie-software", "#27ae60"),
    ("Netzpolitik", "netzpolitik", "#2980b9"),
    ("Hardware", "hardware", "#8e44ad"),
    ("Community", "community", "#d35400"),
    ("Kunst & Kultur", "kunst-kultur", "#16a085"),
]
FIRST = "Anna Ben Clara David Emil Fatma Greta Hannes Ines Jonas Kemal Lea Mia Noah Olga Paul Rosa Sami Tara Uwe".split()
LAST = "Schmidt Yilmaz Novak Weber Kowalski Okafor Lindqvist Rossi Dubois Hoffmann Petrov Nguyen".split()
DE_TOPICS = [
    "Mesh-Netze im Kiez", "Reproduzierbare Builds", "Barrierefreiheit im Browser", "Der Bundestrojaner",
    "Open Data für Kommunen", "Löten für Anfänger", "Freie Firmware für Router", "Digitale Souveränität",
    "Datenschutz in der Schule", "Rust im Kernel", "Wikidata für alle", "Fediverse statt Plattformen",
]  # fmt: skip
EN_TOPICS = [
    "Fuzzing the unfuzzable", "Supply chains and SBOMs", "Maintainer burnout", "RISC-V from scratch",
    "Encrypted DNS in practice", "Hacking your e-bike", "Funding open source", "Post-quantum TLS",
    "Accessible maps", "Packaging for Debian", "Local-first software", "Satellite ground stations",
]  # fmt: skip
DE_FORMS = ["{t}", "{t}: eine Einführung", "{t} – was wir gelernt haben", "Wie geht eigentlich {t}?"]
EN_FORMS = ["{t}", "{t}: a field report", "{t} for beginners", "What's next for {t}?"]
TYPES_DE = ["Vortrag", "Vortrag", "Vortrag", "Workshop", "Podiumsdiskussion", "Lightning Talks"]
TYPES_EN = ["Talk", "Talk", "Talk", "Workshop", "Lightning Talks"]


def guid(*parts) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{EVENT_URL}/" + "/".join(map(str, parts))))


def code(rng: random.Random) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ3789") for _ in range(6))


def people(rng: random.Random) -> list[dict]:
    names = sorted({f"{first} {last}" for first in FIRST for last in LAST})
    rng.shuffle(names)
    names = [n for n in names if n != "Anna Schmidt"][:118] + ["Anna Schmidt", "Anna Schmidt"]
    found = []
    for index, name in enumerate(names, start=1):
        person = {"name": name, "number": 100 + index, "code": code(rng), "guid": guid("speaker", index)}
        if index % 29 == 0:
            person = {"name": name}  # entered by hand in the schedule system: no ids
        person["bio"] = rng.choice(
            [
                f"{name.split()[0]} studiert Informatik und hackt seit Jahren an **freier Software**.",
                f"{name.split()[0]} works on [open hardware](https://example.org/{index}) and teaches workshops.",
                "<p>Aktiv im Hackspace; mag <em>Mate</em> &amp; Lötkolben.</p>",
                "",
            ]
        )
        found.append(person)
    return found


def abstract(rng: random.Random, lang: str, title: str) -> str:
    if lang == "de":
        return rng.choice(
            [
                f"In diesem Vortrag geht es um **{title}**.\n\nWir zeigen:\n\n* Grundlagen\n* Werkzeuge\n* offene Fragen",
                f"Ein Erfahrungsbericht. Folien und Code gibt es [im Repository](https://git.example.org/{ACRONYM}).",
                "<p>Wir sprechen über <b>Risiken</b> &amp; Nebenwirkungen.</p><script>alert('x')</script>",
            ]
        )
    return rng.choice(
        [
            f"A hands-on look at *{title}*, with `code` and demos.\n\n1. Why\n2. How\n3. What now",
            "We share what went wrong, what went right, and what we would do differently.",
            "<p>Bring a laptop.</p><p>See <a href='https://example.org/prep'>the preparation notes</a>.</p>",
        ]
    )


def programme() -> tuple[list[dict], dict]:
    """Every event: day index, room, start (aware), minutes, and its fields."""
    rng = random.Random(2031)
    persons = people(rng)
    events, number = [], 31000
    used_titles: set[str] = set()

    def add(day, room, start, minutes, kind=None, lang=None, track=None, title=None, speakers=None):
        nonlocal number
        number += 7
        lang = lang or rng.choice(["de", "de", "en"])
        if title is None:
            topic = rng.choice(DE_TOPICS if lang == "de" else EN_TOPICS)
            title = rng.choice(DE_FORMS if lang == "de" else EN_FORMS).format(t=topic)
            part = 2
            while title in used_titles:
                title = f"{title.split(' (')[0]} ({part})"
                part += 1
        used_titles.add(title)
        kind = kind or rng.choice(TYPES_DE if lang == "de" else TYPES_EN)
        chosen = speakers if speakers is not None else rng.sample(persons, rng.choice([1, 1, 1, 2, 3]))
        events.append(
            {
                "day": day,
                "room": room,
                "start": start,
                "minutes": minutes,
                "id": number,
                "code": code(rng),
                "guid": guid("talk", number),
                "title": title,
                "type": kind,
                "language": lang,
                "track": track if track is not None else rng.choice(TRACKS)[0],
                "abstract": abstract(rng, lang, title),
                "persons": chosen,
                "links": [{"url": f"https://media.example.org/{ACRONYM}/{number}", "title": "Video"}]
                if number % 3 == 0
                else (
                    [{"url": f"http://old.example.org/{number}", "title": "Alte Seite"}]
                    if number % 41 == 0
                    else []
                ),
                "attachments": [{"url": f"/media/{ACRONYM}/{number}/slides.pdf", "title": "Folien"}]
                if number % 5 == 0
                else [],
            }
        )

    anna_one, anna_two = [p for p in persons if p["name"] == "Anna Schmidt"]
    for day in range(4):
        date = FIRST_DAY + datetime.timedelta(days=day)

        def at(hour, minute=0, date=date):
            extra, hour = divmod(hour, 24)
            return datetime.datetime.combine(
                date + datetime.timedelta(days=extra), datetime.time(hour, minute), ZONE
            )

        if day == 0:
            add(
                day,
                "Saal Ada",
                at(10),
                45,
                kind="Keynote",
                lang="de",
                track="",
                title="Eröffnung: Offene Netze 2031",
            )
        for index, room in enumerate(ROOMS):
            hour = 11 if day == 0 or index else 10
            while hour < 19:
                length = 60 if room == "Werkstatt" else rng.choice([30, 40, 45])
                add(day, room, at(hour, 15 if room == "Saal Grace" else 0), length)
                hour += 2 if room == "Werkstatt" else 1
        # Evenings on the north stage run into the next morning.
        add(day, "Bühne Nord", at(20), 90, kind="Konzert", lang="de", track="Kunst & Kultur")
        add(
            day, "Bühne Nord", at(23, 30), 60, kind="Film", lang="en", track="Kunst & Kultur"
        )  # crosses midnight
        add(day, "Saal Ada", at(25), 45, kind="Talk", lang="en")  # 01:00 the next morning
        if day == 2:
            for hour in (12, 14, 16):
                add(
                    day, TENT, at(hour), 60, kind="Workshop", lang=rng.choice(["de", "en"]), track="Community"
                )
    add(1, "Saal Grace", events[-1]["start"].replace(day=8, hour=19, minute=30), 30, kind="Talk", lang="en",
        title="Two people, one name", speakers=[anna_one, anna_two])  # fmt: skip
    add(3, "Saal Ada", datetime.datetime(2031, 8, 10, 19, 0, tzinfo=ZONE), 60, kind="Keynote", lang="en",
        track="", title="Closing: see you in 2032", speakers=[anna_one])  # fmt: skip
    add(3, "Werkstatt", datetime.datetime(2031, 8, 10, 19, 0, tzinfo=ZONE), 40, kind="Vortrag", lang="fr",
        title="Les réseaux libres en France")  # fmt: skip
    return events, {p["name"] + str(p.get("number")): p for p in persons}


def slugify(title: str) -> str:
    words = "".join(c if c.isascii() and c.isalnum() else "-" for c in title.lower())
    return "-".join(part for part in words.split("-") if part)


def hhmm(minutes: int) -> str:
    return "%02d:%02d" % divmod(minutes, 60)


def day_bounds(day: int) -> tuple[datetime.datetime, datetime.datetime]:
    date = FIRST_DAY + datetime.timedelta(days=day)
    start = datetime.datetime.combine(date, datetime.time(4, 0), ZONE)
    return start, start + datetime.timedelta(hours=23, minutes=59)


def json_person(person: dict) -> dict:
    if "guid" not in person:
        return {"name": person["name"], "biography": person["bio"] or None}
    return {
        "code": person["code"],
        "name": person["name"],
        "avatar": None,
        "biography": person["bio"] or None,
        "public_name": person["name"],
        "guid": person["guid"],
        "url": f"{EVENT_URL}/speaker/{person['code']}/",
    }


def json_event(event: dict) -> dict:
    start = event["start"]
    return {
        "guid": event["guid"],
        "code": event["code"],
        "id": event["id"],
        "logo": None,
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "duration": hhmm(event["minutes"]),
        "room": event["room"],
        "slug": f"{ACRONYM}-{event['id']}-{slugify(event['title'])}",
        "url": f"{EVENT_URL}/talk/{event['code']}/",
        "title": event["title"],
        "subtitle": "",
        "track": event["track"] or None,
        "type": event["type"],
        "language": event["language"],
        "abstract": event["abstract"],
        "description": "",
        "recording_license": "",
        "do_not_record": False,
        "persons": [json_person(p) for p in event["persons"]],
        "links": event["links"],
        "feedback_url": f"{EVENT_URL}/talk/{event['code']}/feedback/",
        "origin_url": f"{EVENT_URL}/talk/{event['code']}/",
        "attachments": event["attachments"],
    }


def by_day_and_room(events):
    days = []
    for day in range(4):
        rooms: dict[str, list] = {}
        for room in ROOMS + [TENT]:
            found = sorted(
                (e for e in events if e["day"] == day and e["room"] == room), key=lambda e: e["start"]
            )
            if found:
                rooms[room] = found
        days.append(rooms)
    return days


def write_json(events) -> None:
    days = []
    for index, rooms in enumerate(by_day_and_room(events)):
        start, end = day_bounds(index)
        days.append(
            {
                "index": index + 1,
                "date": (FIRST_DAY + datetime.timedelta(days=index)).isoformat(),
                "day_start": start.isoformat(),
                "day_end": end.isoformat(),
                "rooms": {room: [json_event(e) for e in found] for room, found in rooms.items()},
            }
        )
    data = {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "pretalx", "version": "2025.1.0"},
        "schedule": {
            "url": f"{EVENT_URL}/schedule/",
            "version": "1.4",
            "base_url": BASE,
            "conference": {
                "acronym": ACRONYM,
                "title": "Offene Netze 2031",
                "start": FIRST_DAY.isoformat(),
                "end": (FIRST_DAY + datetime.timedelta(days=3)).isoformat(),
                "daysCount": 4,
                "timeslot_duration": "00:05",
                "time_zone_name": "Europe/Berlin",
                "colors": {"primary": "#1d6f42"},
                "rooms": [
                    {"name": room, "guid": guid("room", room), "description": None, "capacity": None}
                    for room in ROOMS + [TENT]
                ],  # fmt: skip
                "tracks": [{"name": name, "slug": slug, "color": color} for name, slug, color in TRACKS],
                "days": days,
            },
        },
    }
    (HERE / "offene-netze-2031.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=4) + "\n", "utf-8"
    )


def sub(parent, tag, text=None, **attributes):
    element = ET.SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    if text is not None:
        element.text = str(text)
    return element


def write_xml(events) -> None:
    root = ET.Element("schedule")
    sub(root, "generator", name="pretalx", version="2025.1.0")
    sub(root, "version", "1.4")
    conference = sub(root, "conference")
    sub(conference, "title", "Offene Netze 2031")
    sub(conference, "acronym", ACRONYM)
    sub(conference, "start", FIRST_DAY.isoformat())
    sub(conference, "end", (FIRST_DAY + datetime.timedelta(days=3)).isoformat())
    sub(conference, "days", 4)
    sub(conference, "timeslot_duration", "00:05")
    sub(conference, "base_url", BASE)
    sub(conference, "time_zone_name", "Europe/Berlin")
    for name, slug, color in TRACKS:
        sub(conference, "track", name=name, slug=slug, color=color)
    for index, rooms in enumerate(by_day_and_room(events)):
        start, end = day_bounds(index)
        day = sub(root, "day", index=index + 1, date=(FIRST_DAY + datetime.timedelta(days=index)).isoformat(),
                  start=start.isoformat(), end=end.isoformat())  # fmt: skip
        for room, found in rooms.items():
            room_element = sub(day, "room", name=room, guid=guid("room", room))
            for event in found:
                data = json_event(event)
                element = sub(room_element, "event", guid=event["guid"], id=event["id"], code=event["code"])
                for key in (
                    "room",
                    "title",
                    "subtitle",
                    "type",
                    "date",
                    "start",
                    "duration",
                    "abstract",
                    "slug",
                ):
                    sub(element, key, data[key])
                sub(element, "track", event["track"])
                sub(element, "logo", "")
                persons = sub(element, "persons")
                for person in event["persons"]:
                    ids = {"id": person["number"], "guid": person["guid"]} if "guid" in person else {}
                    sub(persons, "person", person["name"], **ids)
                sub(element, "language", event["language"])
                sub(element, "description", "")
                recording = sub(element, "recording")
                sub(recording, "license", "")
                sub(recording, "optout", "false")
                links = sub(element, "links")
                for link in event["links"]:
                    sub(links, "link", link["title"], href=link["url"])
                attachments = sub(element, "attachments")
                for attachment in event["attachments"]:
                    sub(attachments, "attachment", attachment["title"], href=attachment["url"])
                sub(element, "url", data["url"])
                sub(element, "feedback_url", data["feedback_url"])
    ET.indent(root, space="    ")
    text = ET.tostring(root, encoding="unicode")
    (HERE / "offene-netze-2031.xml").write_text(
        "<?xml version='1.0' encoding='utf-8' ?>\n<!-- Made with pretalx v2025.1.0. -->\n" + text + "\n",
        "utf-8",
    )


if __name__ == "__main__":
    events, _ = programme()
    write_json(events)
    write_xml(events)
    print(f"{len(events)} events written")
