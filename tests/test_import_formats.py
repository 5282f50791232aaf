"""Reading pretalx's frab XML and frab JSON: the test schedule is what
pretalx writes, both formats give the same program, and the program has what
real exports contain (nights past midnight, rooms of one day, languages,
unknown types, HTML and Markdown, people without ids)."""

from __future__ import annotations

import json

import jsonschema
import pytest
from lxml import etree
from schedule_support import (
    FRAB_SCHEMAS,
    SCHEDULE_JSON,
    SCHEDULE_XML,
    YEAR,
    edition_file,
    empty_content,
    events_of,
    load_schedule,
    run_import,
)
from sosconf.conference.data import load_edition
from sosconf.importer.reading import read_schedule
from support import build, check, read_html


def test_the_test_schedules_are_valid_frab_xml_and_json():
    schema = etree.XMLSchema(etree.parse(str(FRAB_SCHEMAS / "schedule.xml.xsd")))
    assert schema.validate(etree.parse(str(SCHEDULE_XML))), schema.error_log
    validator = jsonschema.Draft6Validator(json.loads((FRAB_SCHEMAS / "schedule.schema.json").read_text()))
    assert [error.message for error in validator.iter_errors(load_schedule())] == []


def test_the_test_schedule_is_as_big_and_varied_as_a_real_one():
    events = events_of(load_schedule())
    days = load_schedule()["schedule"]["conference"]["days"]
    assert len(events) >= 100 and len(days) == 4
    assert len({event["room"] for event in events}) >= 4
    assert {event["language"] for event in events} >= {"de", "en"}
    assert any(
        event["date"] > day["date"] + "T23:59" for day in days for r in day["rooms"].values() for event in r
    )


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The JSON schedule imported into content without a 2031 edition."""
    content = empty_content(tmp_path_factory.mktemp("formats"))
    assert run_import(SCHEDULE_JSON, content) == 0
    edition, errors = load_edition(edition_file(content), content)
    assert errors == []
    return content, edition


def test_both_formats_read_to_the_same_events():
    from_xml, from_json = read_schedule(SCHEDULE_XML), read_schedule(SCHEDULE_JSON)
    assert [(e.guid, e.title, e.start, e.duration, e.room) for e in from_xml.events] == [
        (e.guid, e.title, e.start, e.duration, e.room) for e in from_json.events
    ]
    assert from_xml.time_zone_name == from_json.time_zone_name == "Europe/Berlin"


def test_importing_the_xml_after_the_json_changes_nothing(imported, tmp_path, capsys):
    content, _ = imported
    before = edition_file(content).read_bytes()
    assert run_import(SCHEDULE_XML, content) == 0
    assert edition_file(content).read_bytes() == before
    assert "Nothing changed" in capsys.readouterr().out


def test_a_new_edition_file_is_minimal_and_passes_the_check(imported):
    content, edition = imported
    assert (edition.year, str(edition.name), edition.status) == (YEAR, "Offene Netze 2031", "planned")
    assert (str(edition.start), str(edition.end), edition.timezone) == (
        "2031-08-07",
        "2031-08-10",
        "Europe/Berlin",
    )
    assert len(edition.program.sessions) == len(events_of(load_schedule()))
    assert check(content) == []


def _session(edition, title):
    return next(s for s in edition.program.sessions if str(s.title) == title)


def test_a_night_past_midnight_stays_on_its_conference_day(imported):
    _, edition = imported
    first = edition.program.days[0]
    late = [s for s in first.sessions if s.end.hour >= 24]
    assert late, "the first evening runs past midnight"
    crossing = [s for s in late if s.start.hour < 24]
    after = [s for s in late if s.start.hour >= 24]
    assert crossing and after
    assert (str(crossing[0].start), str(crossing[0].end)) == ("23:30", "24:30")
    assert str(after[0].start) == "25:00"  # 01:00 on 8 August, listed on 7 August


def test_rooms_tracks_kinds_and_languages(imported):
    _, edition = imported
    rooms = {str(s.room) for s in edition.program.sessions}
    assert rooms == {"Saal Ada", "Saal Grace", "Werkstatt", "Bühne Nord", "Zelt am See"}
    tent_days = {d.date for d in edition.program.days for s in d.sessions if str(s.room) == "Zelt am See"}
    assert [str(day) for day in tent_days] == ["2031-08-09"]
    assert {t.id for t in edition.program.tracks} >= {"sicherheit", "kunst-kultur"}
    kinds = {s.kind for s in edition.program.sessions}
    assert kinds == {"keynote", "talk", "workshop", "roundtable", "lightning-talk"}
    # The edition is held in English (its site language most used); German and French are said.
    assert edition.language == "en"
    assert {s.language for s in edition.program.sessions} == {None, "de", "fr"}


def test_unknown_types_are_talks_and_the_summary_says_so(tmp_path, capsys):
    content = empty_content(tmp_path)
    assert run_import(SCHEDULE_JSON, content) == 0
    out = capsys.readouterr().out
    assert "imported as talks: Film (4), Konzert (4)" in out
    assert "sessions: 134 in the schedule; 134 added" in out
    assert "rooms: 5 (Saal Ada, Saal Grace, Werkstatt, Bühne Nord, Zelt am See)" in out
    assert "links left out" in out and "http://old.example.org/" in out
    edition, _ = load_edition(edition_file(content), content)
    film = [s for s in edition.program.sessions if str(s.start) == "23:30"]
    assert film and {s.kind for s in film} == {"talk"}


def test_html_and_markdown_become_plain_text(imported):
    _, edition = imported
    texts = [str(s.abstract) for s in edition.program.sessions if s.abstract]
    texts += [str(s.bio) for s in edition.speakers if s.bio]
    assert texts
    assert not [t for t in texts if "<" in t or "**" in t or "alert(" in t or "&amp;" in t]
    assert any("Risiken & Nebenwirkungen" in t for t in texts)
    assert any("the preparation notes (https://example.org/prep)" in t for t in texts)


def test_people_with_one_name_and_people_without_ids_get_stable_ids(imported):
    _, edition = imported
    both = _session(edition, "Two people, one name")
    assert len(both.speakers) == 2 and both.speakers[0] != both.speakers[1]
    assert all(name.startswith("anna-schmidt") for name in both.speakers)
    names = {s.id: str(s.name) for s in edition.speakers}
    assert names[both.speakers[0]] == names[both.speakers[1]] == "Anna Schmidt"
    raw = {p["name"] for e in events_of(load_schedule()) for p in e["persons"] if "guid" not in p}
    assert raw and raw <= set(names.values())


def test_relative_attachments_become_links_on_the_schedule_system(imported):
    _, edition = imported
    urls = [link.url for s in edition.program.sessions for link in s.links]
    assert any(url.startswith("https://pretalx.example.org/media/offenenetze31/") for url in urls)
    assert all(url.startswith("https://") for url in urls)


def test_the_site_shows_and_exports_sessions_after_midnight_at_their_true_time(imported, tmp_path):
    content, edition = imported
    output = build(content, tmp_path / "output").output
    late = next(s for s in edition.program.days[0].sessions if str(s.start) == "25:00")
    page = read_html(output, f"en/{YEAR}/program/")
    item = page.select_one(f"#session-{late.id}")
    assert item.find_parent("section")["aria-labelledby"] == "day-2031-08-07"
    times = [t["datetime"] for t in item.select(".session-time time")]
    assert times[0] == "2031-08-08T01:00:00+02:00"
    assert item.select_one(".session-time time").get_text() == "01:00"
    events = [
        e
        for e in events_of(json.loads((output / f"{YEAR}/schedule.json").read_text()))
        if e["title"] == str(late.title)
    ]
    assert events[0]["date"] == "2031-08-08T01:00:00+02:00"
    calendar = (output / f"{YEAR}/sosconf-{YEAR}.ics").read_text()
    assert "DTSTART;TZID=Europe/Berlin:20310808T010000" in calendar
    french = next(s for s in edition.program.sessions if s.language == "fr")
    assert "French" in page.select_one(f"#session-{french.id} .session-meta").get_text()
    assert (
        "法语"
        in read_html(output, f"{YEAR}/program/").select_one(f"#session-{french.id} .session-meta").get_text()
    )
