"""The exports as real programs read them, in both languages.

- pyfahrplan (a frab JSON reader, PyPI) and schedule-convert (a frab XML
  reader and converter, PyPI) run in their own virtual environment,
  `.venv-consumers` (`make consumers`), since they pin older packages;
- libical, the library GNOME Calendar and Evolution read calendars with,
  runs through the system Python's GObject bindings (Debian: python3-gi,
  gir1.2-ical-3.0).

What each shows is compared with the edition files, read by the site's own
loader: every session's own speakers, its description, its room (or the
room for everyone), and calendar stamps that are never in the future.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from pelican.settings import read_settings
from sosconf.conference.data import load_editions
from sosconf.conference.exports.texts import all_rooms, text
from sosconf.conference.program import slots
from sosconf.languages import prefix
from support import CONTENT, ROOT, build

CONSUMERS = ROOT / "tests" / "consumers"
CONSUMERS_PYTHON = ROOT / ".venv-consumers" / "bin" / "python"
SYSTEM_PYTHON = Path("/usr/bin/python3")
EXAMPLE = ROOT / "docs" / "example-edition.yml"
TODAY = "2030-06-20"

# A second program: an edition in English whose one session has no room and
# two speakers, the second of whom speaks nowhere else.
PAIR = """\
year: 2031
name: {en: Example pair edition, zh: 双人示例年会}
status: held
start: 2031-03-14
language: en
city: {en: Example Town, zh: 示例镇}
speakers:
  - id: pat-example
    name: Pat Example
  - id: kim-example
    name: {en: Kim Example, zh: 金示例}
program:
  days:
    - date: 2031-03-14
      sessions:
        - id: pair-talk
          title: {zh: 两人的演讲, en: A talk by two}
          abstract: {en: "Two people, one talk."}
          start: "09:00"
          end: "09:30"
          speakers: [pat-example, kim-example]
        - id: solo-talk
          title: Pat alone
          start: "10:00"
          end: "10:30"
          room: Room 1
          speakers: [pat-example]
"""


def required() -> bool:
    return os.environ.get("SOSCONF_REQUIRE_BROWSER") == "1" or os.environ.get("CI") == "true"


def need(present: bool, message: str) -> None:
    if not present:
        (pytest.fail if required() else pytest.skip)(message)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("consumers")
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    shutil.copy(EXAMPLE, content / "editions/2030.yml")
    (content / "editions/2031.yml").write_text(PAIR, encoding="utf-8")
    output = build(content, folder / "output", SOSCONF_TODAY=TODAY).output
    editions, errors = load_editions(content, "editions")
    assert errors == []
    return output, {edition.year: edition for edition in editions}


@functools.cache
def pelican_settings() -> dict:
    return read_settings(str(ROOT / "pelicanconf.py"))


def settings_for(lang: str) -> dict:
    return {**pelican_settings(), "DEFAULT_LANG": lang}


def expected_sessions(edition, lang: str) -> dict[str, dict]:
    """Title -> what a reader should show of that session, from the edition file."""
    settings = settings_for(lang)
    speakers = {speaker.id: speaker for speaker in edition.speakers}
    found = {}
    for slot in slots(edition, settings):
        session = slot.session
        found[text(session.title, lang)] = {
            "speakers": [text(speakers[name].name, lang) for name in session.speakers],
            "description": text(session.abstract, lang),
            "room": text(session.room, lang) if session.room else all_rooms(settings, lang),
            "start": slot.start,
        }
    return found


def schedule_folders(lang: str) -> list[str]:
    return [f"{prefix(settings_for(lang), lang)}{year}/" for year in (2030, 2031)]


def run(python: Path, script: str, *arguments) -> str:
    done = subprocess.run(
        [str(python), str(CONSUMERS / script), *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=CONSUMERS,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# pyfahrplan: schedule.json


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pyfahrplan_shows_every_session_with_its_own_speakers_and_text(site, lang):
    need(CONSUMERS_PYTHON.exists(), "pyfahrplan is missing: run `make consumers`")
    output, editions = site
    for year, folder in zip((2030, 2031), schedule_folders(lang), strict=True):
        shown = json.loads(run(CONSUMERS_PYTHON, "pyfahrplan_read.py", output / folder / "schedule.json"))
        expected = expected_sessions(editions[year], lang)
        assert sorted(talk["title"] for talk in shown["talks"]) == sorted(expected)
        for talk in shown["talks"]:
            session = expected[talk["title"]]
            assert talk["speakers"] == ", ".join(session["speakers"]), talk["title"]
            assert talk["talk_description"] == session["description"]
            assert talk["talk_abstract"] == session["description"]
            assert talk["room"] == session["room"]
            assert datetime.datetime.fromisoformat(talk["talk_date"]) == session["start"]
        # Its table printed (a schedule that crashes it would not be), headed by the edition's name.
        assert text(editions[year].name, lang) in shown["table"]


# schedule-convert: schedule.xml


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_schedule_convert_keeps_every_sessions_own_speakers(site, lang, tmp_path):
    need(CONSUMERS_PYTHON.exists(), "schedule-convert is missing: run `make consumers`")
    output, editions = site
    for year, folder in zip((2030, 2031), schedule_folders(lang), strict=True):
        converted = tmp_path / f"{year}.xml"
        done = subprocess.run(
            [str(CONSUMERS_PYTHON), "-m", "schedule_convert.run", str(output / folder / "schedule.xml")]
            + ["-f", "xml", "-o", str(converted)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        expected = expected_sessions(editions[year], lang)
        events = etree.parse(str(converted)).iter("event")
        shown = {event.findtext("title"): event for event in events}
        assert sorted(shown) == sorted(expected)
        for title, event in shown.items():
            names = [person.text for person in event.iter("person")]
            assert names == expected[title]["speakers"], title
            assert event.findtext("room") == expected[title]["room"]
            assert (event.findtext("description") or "") == expected[title]["description"]
        # Its own calendar export carries each session's speakers in the summary.
        ical = subprocess.run(
            [str(CONSUMERS_PYTHON), "-m", "schedule_convert.run", str(output / folder / "schedule.xml")]
            + ["-f", "ical"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert ical.returncode == 0, ical.stderr
        for title, session in expected.items():
            if session["speakers"]:
                assert f"SUMMARY:{title} — {', '.join(session['speakers'])}" in ical.stdout.replace(
                    "\\,", ","
                )


# libical: every .ics file


def libical_present() -> bool:
    if not SYSTEM_PYTHON.exists():
        return False
    probe = "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"
    return subprocess.run([str(SYSTEM_PYTHON), "-c", probe], capture_output=True).returncode == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libical_reads_every_calendar_without_an_error(site, lang):
    need(
        libical_present(),
        "libical is missing: apt-get install --no-install-recommends python3-gi gir1.2-ical-3.0",
    )
    output, editions = site
    folder = output / prefix(settings_for(lang), lang)
    files = [folder / "sosconf.ics"] + sorted(folder.glob("[0-9]*/sosconf-*.ics"))
    assert len(files) == 1 + len([e for e in editions.values() if e.start])
    found = json.loads(run(SYSTEM_PYTHON, "libical_read.py", *files))
    now = datetime.datetime.now(datetime.UTC)
    for path, calendar in found.items():
        assert calendar["errors"] == [], path
        for event in calendar["events"]:
            assert event["organizer"].startswith("mailto:")
            stamp = datetime.datetime.strptime(event["dtstamp"], "%Y%m%dT%H%M%SZ").replace(
                tzinfo=datetime.UTC
            )
            assert stamp <= now
            assert event["last-modified"] == event["dtstamp"]
    for year in (2030, 2031):
        calendar = found[str(folder / f"{year}/sosconf-{year}.ics")]
        by_summary = {event["summary"]: event for event in calendar["events"]}
        edition = editions[year]
        assert (
            by_summary[text(edition.name, lang)]["status"]
            == {"planned": "TENTATIVE", "held": "CONFIRMED"}[edition.status]
        )
        for title, session in expected_sessions(edition, lang).items():
            event = by_summary[title]
            for name in session["speakers"]:
                assert name in event["description"]
            if session["description"]:
                assert event["description"].startswith(session["description"])
            # A session without a room is at the edition's place, never in an invented room.
            first_part = event["location"].split(", ")[0]
            if session["room"] == all_rooms(settings_for(lang), lang):
                assert (
                    first_part == text(edition.address or edition.venue or edition.city, lang).split(", ")[0]
                )
            else:
                assert first_part == session["room"]
