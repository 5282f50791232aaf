"""What calendars, conference apps, search engines and link previews read:
iCalendar files, the frab schedule (XML and JSON), schema.org JSON-LD and the
Open Graph / Twitter tags, checked against their formats' own definitions.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import jsonschema
import pytest
from lxml import etree
from sosconf.conference.exports.history import HISTORY_FILE
from sosconf.urls import session_url
from support import CONTENT, ROOT, build, read_html

EXAMPLE = ROOT / "docs" / "example-edition.yml"
FRAB = Path(__file__).parent / "data" / "frab"
ORIGIN = "https://sosconf.org"

# Held in Los Angeles, in English, online, and postponed, with a picture of
# its own; one session whose title has only a Chinese version.
POSTPONED = """\
year: 2031
name: {en: Example postponed edition, zh: 延期的示例年会}
status: postponed
start: 2031-03-14
end: 2031-03-14
language: en
image: assets/images/blog/post-1.png
timezone: America/Los_Angeles
attendance: online
streams:
  - name: Example stream
    live: https://live.example.org/2031
speakers:
  - id: pat-example
    name: Pat Example
    photo: assets/images/favicon.svg
program:
  days:
    - date: 2031-03-14
      sessions:
        - id: only-talk
          title: {zh: 唯一的演讲}
          start: "09:00"
          end: "09:30"
          speakers: [pat-example]
"""

CANCELLED = """\
year: 2032
name: Example cancelled edition
status: cancelled
city: Example City
start: 2032-05-01
end: 2032-05-02
"""


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exports") / "content"
    shutil.copytree(CONTENT, folder)
    shutil.copy(EXAMPLE, folder / "editions/2030.yml")
    (folder / "editions/2031.yml").write_text(POSTPONED, encoding="utf-8")
    (folder / "editions/2032.yml").write_text(CANCELLED, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def preview(content) -> Path:
    return build(content, content.parent / "preview").output


@pytest.fixture(scope="module")
def published(content) -> Path:
    return build(content, content.parent / "published", SITEURL=ORIGIN, RELATIVE_URLS=False).output


def calendar(output: Path, path: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((output / path).read_bytes())


def events(cal) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


def json_ld(output: Path, url: str) -> dict:
    blocks = read_html(output, url).select('script[type="application/ld+json"]')
    assert len(blocks) == 1
    return json.loads(blocks[0].string)


def session(year: int, session_id: str, lang: str = "zh") -> str:
    """Where the exports should point for a session: the site's one helper says."""
    settings = {"SITEURL": ORIGIN, "SOSCONF_LANGUAGES": {"zh": {"prefix": ""}, "en": {"prefix": "en/"}}}
    kind = "break" if session_id == "lunch" else "talk"
    return session_url(settings, lang, year, type("Session", (), {"id": session_id, "kind": kind})())


# frab schedule

# Conference elements of the FOSDEM (Pentabarf) files that apps read, which
# the c3voc definition leaves out.
PENTABARF_CONFERENCE = ("venue", "city", "day_change")


@pytest.mark.parametrize("path", ["2030/", "en/2030/", "2031/", "en/2031/"])
def test_schedule_xml_is_valid_against_the_frab_xsd(published, preview, path):
    schema = etree.XMLSchema(etree.parse(str(FRAB / "schedule.xml.xsd")))
    for output in (published, preview):
        document = etree.parse(str(output / path / "schedule.xml"))
        conference = document.find("conference")
        assert conference.findtext("day_change") == "09:00:00"
        for name in PENTABARF_CONFERENCE:
            for element in conference.findall(name):
                conference.remove(element)
        assert schema.validate(document), schema.error_log


def test_schedule_xml_says_where_the_edition_is(published):
    conference = etree.parse(str(published / "en/2030/schedule.xml")).find("conference")
    assert conference.findtext("venue") == "Example University"
    assert conference.findtext("city") == "Example City"
    assert etree.parse(str(published / "2030/schedule.xml")).find("conference").findtext("city") == "示例市"


@pytest.mark.parametrize("path", ["2030/", "en/2030/", "2031/", "en/2031/"])
def test_schedule_json_is_valid_against_the_frab_json_schema(published, preview, path):
    schema = json.loads((FRAB / "schedule.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())
    for output in (published, preview):
        data = json.loads((output / path / "schedule.json").read_text(encoding="utf-8"))
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == []


def test_schedule_json_and_xml_carry_the_same_sessions(published):
    data = json.loads((published / "2030/schedule.json").read_text(encoding="utf-8"))
    conference = data["schedule"]["conference"]
    json_events = [event for day in conference["days"] for room in day["rooms"].values() for event in room]
    xml = etree.parse(str(published / "2030/schedule.xml"))
    xml_guids = xml.xpath("//event/@guid")
    assert len(json_events) == 8
    assert sorted(event["guid"] for event in json_events) == sorted(xml_guids)
    assert len(set(xml_guids)) == 8
    keynote = next(event for event in json_events if event["slug"].endswith("opening-keynote"))
    assert keynote["date"] == "2030-08-24T09:00:00+08:00"
    assert keynote["duration"] == "00:45"
    assert keynote["type"] == "keynote"
    assert keynote["url"] == session(2030, "opening-keynote")
    assert [person["public_name"] for person in keynote["persons"]] == ["Ada Example"]
    assert "description" in keynote
    # One id per speaker, the same in the XML, in every session and in both languages.
    english = json.loads((published / "en/2030/schedule.json").read_text(encoding="utf-8"))
    english_events = [
        event
        for day in english["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for event in room
    ]
    ids = {person["guid"]: person["id"] for event in json_events for person in event["persons"]}
    assert len(set(ids.values())) == len(ids) == 3
    for event in english_events:
        assert all(ids[person["guid"]] == person["id"] for person in event["persons"])
    for person in xml.xpath("//person"):
        assert int(person.get("id")) == ids[person.get("guid")]
    assert sorted(e["id"] for e in json_events) == sorted(e["id"] for e in english_events)
    assert conference["time_zone_name"] == "Asia/Shanghai"
    assert [track["slug"] for track in conference["tracks"]] == ["systems", "security"]


def conference(output: Path, path: str) -> dict:
    return json.loads((output / path).read_text(encoding="utf-8"))["schedule"]["conference"]


def test_each_language_has_its_schedule_with_the_other_as_fallback(published):
    assert conference(published, "2030/schedule.json")["title"] == "2030 学生开源年会（示例）"
    assert (
        conference(published, "en/2030/schedule.json")["title"]
        == "Students Open Source Conference 2030 (example)"
    )
    assert conference(published, "2031/schedule.json")["title"] == "延期的示例年会"
    english = conference(published, "en/2031/schedule.json")
    assert english["title"] == "Example postponed edition"
    assert english["url"] == f"{ORIGIN}/en/2031/"
    (only,) = [e for room in english["days"][0]["rooms"].values() for e in room]
    assert only["title"] == "唯一的演讲"  # no English title: the Chinese one
    assert only["language"] == "en"
    assert only["date"] == "2031-03-14T09:00:00-07:00"
    assert only["url"] == session(2031, "only-talk", "en")


def test_a_session_is_in_the_language_it_is_given_in_whatever_the_files_language(published):
    def languages(path):
        days = conference(published, path)["days"]
        return {e["guid"]: e["language"] for day in days for room in day["rooms"].values() for e in room}

    chinese, english = languages("2030/schedule.json"), languages("en/2030/schedule.json")
    assert chinese == english
    # The example edition is held in Chinese; one session is given in English.
    assert set(english.values()) == {"zh", "en"}


def test_a_session_without_a_room_is_in_no_invented_room(published):
    for path, all_rooms in (("2030/", "全体会场"), ("en/2030/", "All rooms")):
        found = conference(published, path + "schedule.json")
        rooms = {
            e["slug"]: e["room"] for day in found["days"] for room in day["rooms"].values() for e in room
        }
        assert rooms["sosconf2030-lightning-round"] == all_rooms  # no room in the edition file
        assert rooms["sosconf2030-lunch"] == all_rooms
        assert rooms["sosconf2030-kernel-in-a-term"] == "A101"
        assert all_rooms in [room["name"] for room in found["rooms"]]
        assert "Example University" not in rooms.values() and "示例大学" not in rooms.values()


def test_editions_without_sessions_have_no_schedule(published):
    # The example edition has sessions, and its schedules.
    assert (published / "2030/schedule.xml").is_file() and (published / "2030/schedule.json").is_file()
    for year in (2018, 2019, 2021, 2032):
        assert not (published / f"{year}/schedule.xml").exists()
        assert not (published / f"{year}/schedule.json").exists()


# iCalendar


def test_edition_calendar_has_the_event_and_every_session_in_its_time_zone(published):
    cal = calendar(published, "2030/sosconf-2030.ics")
    found = events(cal)
    assert len(found) == 9
    edition = found["edition-2030@sosconf.org"]
    assert edition.decoded("DTSTART").isoformat() == "2030-08-24"
    assert edition.decoded("DTEND").isoformat() == "2030-08-26"  # the day after the last one
    keynote = found["session-2030-opening-keynote@sosconf.org"]
    assert keynote["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert keynote.decoded("DTSTART").astimezone(UTC) == datetime(2030, 8, 24, 1, 0, tzinfo=UTC)
    assert str(keynote["SUMMARY"]) == "开幕主题演讲：学生与开源"
    assert str(keynote["URL"]) == session(2030, "opening-keynote")
    assert str(keynote["ORGANIZER"]) == "mailto:hi@sosconf.org"
    assert keynote["ORGANIZER"].params["CN"] == "sosconf"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]


def test_calendar_uses_the_editions_own_time_zone(published):
    cal = calendar(published, "2031/sosconf-2031.ics")
    talk = events(cal)["session-2031-only-talk@sosconf.org"]
    assert talk["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert talk.decoded("DTSTART").astimezone(UTC) == datetime(2031, 3, 14, 16, 0, tzinfo=UTC)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/Los_Angeles"]


def test_a_one_day_edition_with_known_hours_is_timed(published):
    event = events(calendar(published, "2020/sosconf-2020.ics"))["edition-2020@sosconf.org"]
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert event.decoded("DTSTART").strftime("%Y-%m-%d %H:%M") == "2020-10-18 09:10"
    assert event.decoded("DTEND").strftime("%H:%M") == "18:40"
    assert str(event["STATUS"]) == "CONFIRMED"  # held
    assert "电子科技大学" in str(event["LOCATION"])


def test_status_reaches_the_calendar(published):
    planned = events(calendar(published, "2030/sosconf-2030.ics"))
    assert {str(event["STATUS"]) for event in planned.values()} == {"TENTATIVE"}
    assert (
        str(events(calendar(published, "2031/sosconf-2031.ics"))["edition-2031@sosconf.org"]["STATUS"])
        == "TENTATIVE"
    )
    assert (
        str(events(calendar(published, "2032/sosconf-2032.ics"))["edition-2032@sosconf.org"]["STATUS"])
        == "CANCELLED"
    )


def test_site_calendar_holds_every_dated_edition_and_only_those(published):
    found = events(calendar(published, "sosconf.ics"))
    assert sorted(found) == [f"edition-{year}@sosconf.org" for year in (2020, 2030, 2031, 2032)]
    for year in (2018, 2019, 2021):
        assert not (published / f"{year}/sosconf-{year}.ics").exists()


def test_two_builds_write_byte_identical_exports(preview, content):
    again = build(content, content.parent / "preview-again").output
    exports = sorted(
        p.relative_to(preview) for p in preview.rglob("*") if p.suffix in (".ics", ".json", ".xml")
    )
    exports = [p for p in exports if p.name.startswith(("sosconf", "schedule"))]
    # In each language: the site calendar, four dated editions, three programs (and sessions' own calendars).
    assert len([p for p in exports if "program" not in p.parts]) == 2 * (1 + 4 + 3 * 2)
    for path in exports:
        assert (preview / path).read_bytes() == (again / path).read_bytes(), path
    for path in ("2030/sosconf-2030.ics", "en/2030/sosconf-2030.ics", "sosconf.ics", "en/sosconf.ics"):
        for event in calendar(preview, path).walk("VEVENT"):
            assert event.decoded("DTSTAMP") <= datetime.now(UTC)
            assert event.decoded("DTSTAMP") == event.decoded("LAST-MODIFIED")
            assert event.decoded("SEQUENCE") == 0


def test_a_changed_session_is_a_new_version_for_calendars(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    edition = content / "editions/2030.yml"
    shutil.copy(EXAMPLE, edition)
    written = datetime(2026, 1, 1, 8, 0, tzinfo=UTC).timestamp()
    os.utime(edition, (written, written))
    first = build(content, tmp_path / "first", SOSCONF_TODAY="2030-06-20").output
    before = events(calendar(first, "en/2030/sosconf-2030.ics"))
    # The organizer moves one session an hour later, a day after.
    text = edition.read_text(encoding="utf-8")
    moved = text.replace(
        'start: "10:00"\n          end: "10:40"', 'start: "11:00"\n          end: "11:40"', 1
    )
    assert moved != text
    edition.write_text(moved, encoding="utf-8")
    saved = before["edition-2030@sosconf.org"].decoded("LAST-MODIFIED").timestamp() + 86400
    os.utime(edition, (saved, saved))
    second = build(content, tmp_path / "second", SOSCONF_TODAY="2030-06-20").output
    for path in ("2030/sosconf-2030.ics", "en/2030/sosconf-2030.ics"):
        after = events(calendar(second, path))
        changed = [uid for uid in after if after[uid].decoded("DTSTART") != before[uid].decoded("DTSTART")]
        assert len(changed) == 1
        (uid,) = changed
        assert after[uid].decoded("SEQUENCE") == before[uid].decoded("SEQUENCE") + 1 == 1
        assert after[uid].decoded("LAST-MODIFIED") == datetime.fromtimestamp(saved, UTC)
        assert after[uid].decoded("DTSTAMP") > before[uid].decoded("DTSTAMP")
        for other in set(after) - {uid}:
            assert after[other].decoded("SEQUENCE") == 0
            assert after[other].decoded("DTSTAMP") == before[other].decoded("DTSTAMP")
    # The history now holds the move: building again changes nothing.
    third = build(content, tmp_path / "third", SOSCONF_TODAY="2030-06-20").output
    for path in ("2030/sosconf-2030.ics", "en/2030/sosconf-2030.ics", "2030/schedule.xml", "en/sosconf.ics"):
        assert (third / path).read_bytes() == (second / path).read_bytes()
    history = json.loads((content / HISTORY_FILE).read_text(encoding="utf-8"))["entries"]
    assert len(history[uid]) == 2


def test_each_language_links_its_own_exports(preview):
    for url, lang in (("2030/", ""), ("en/2030/", "en/"), ("en/2030/program/", "en/"), ("2030/program/", "")):
        page = read_html(preview, url)
        links = [a["href"] for a in page.select(".edition-links a")]
        targets = {(preview / url / href).resolve() for href in links if not href.startswith("webcal:")}
        for name in ("sosconf-2030.ics", "schedule.xml", "schedule.json"):
            assert (preview / lang / "2030" / name).resolve() in targets
        assert all(target.exists() for target in targets)
        assert f"webcal://127.0.0.1:8000/{lang}2030/sosconf-2030.ics" in links
    for url, lang in (("editions/", ""), ("en/editions/", "en/")):
        links = [a["href"] for a in read_html(preview, url).select("a")]
        assert f"webcal://127.0.0.1:8000/{lang}sosconf.ics" in links
        assert any(
            (preview / url / href).resolve() == (preview / lang / "sosconf.ics").resolve() for href in links
        )


# schema.org JSON-LD


def test_edition_pages_carry_a_schema_org_event(published):
    for url, name in (("2020/", "2020 学生开源年会"), ("en/2020/", "Students Open Source Conference 2020")):
        event = json_ld(published, url)
        assert event["@context"] == "https://schema.org"
        assert event["@type"] == "Event"
        assert event["name"] == name
        assert event["startDate"] == "2020-10-18T09:10:00+08:00"
        assert event["endDate"] == "2020-10-18T18:40:00+08:00"
        assert event["eventStatus"] == "https://schema.org/EventScheduled"
        assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
        place, online = event["location"]
        assert place["@type"] == "Place" and place["address"]["@type"] == "PostalAddress"
        assert online == {"@type": "VirtualLocation", "url": "https://live.bilibili.com/22566724"}
        assert event["organizer"]["@type"] == "Organization"
        assert event["url"] == f"{ORIGIN}/{url}"
        assert event["image"][0].startswith(ORIGIN + "/")


def test_json_ld_states_postponed_and_cancelled_editions_as_such(published):
    assert json_ld(published, "en/2031/")["eventStatus"] == "https://schema.org/EventPostponed"
    assert (
        json_ld(published, "en/2031/")["eventAttendanceMode"]
        == "https://schema.org/OnlineEventAttendanceMode"
    )
    assert json_ld(published, "en/2032/")["eventStatus"] == "https://schema.org/EventCancelled"
    assert json_ld(published, "en/2020/")["eventStatus"] == "https://schema.org/EventScheduled"


def test_json_ld_lists_the_program_as_sub_events(published):
    event = json_ld(published, "en/2030/")
    sub = event["subEvent"]
    assert len(sub) == 8
    keynote = sub[0]
    assert keynote["name"] == "Opening keynote: students and open source"
    assert keynote["startDate"] == "2030-08-24T09:00:00+08:00"
    assert keynote["performer"] == [{"@type": "Person", "name": "Ada Example"}]
    assert event["startDate"] == "2030-08-24T09:00:00+08:00"
    assert event["endDate"] == "2030-08-25T17:00:00+08:00"
    by_name = {sub_event["name"]: sub_event for sub_event in sub}
    assert by_name["A kernel in one term"]["location"] == {"@type": "Place", "name": "A101"}
    # The lightning talks have no room: they are where the edition is.
    assert by_name["Lightning talks"]["location"] == event["location"]
    assert [place["@type"] for place in event["location"]] == ["Place", "VirtualLocation"]  # hybrid


def test_json_ld_gives_an_online_edition_its_stream_as_place(published):
    event = json_ld(published, "en/2031/")
    assert event["location"] == {"@type": "VirtualLocation", "url": "https://live.example.org/2031"}
    (talk,) = event["subEvent"]
    assert talk["location"] == event["location"]


def test_an_edition_without_dates_has_no_event(published):
    # An edition with dates has one.
    assert read_html(published, "en/2030/").select('script[type="application/ld+json"]')
    for url in ("2021/", "en/2021/", "2018/", "en/2018/"):
        page = read_html(published, url)
        assert page.select('script[type="application/ld+json"]') == []


# Link previews


def meta(page, key: str) -> str | None:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def test_every_page_has_open_graph_and_twitter_tags(preview):
    pages = list(preview.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        page = read_html(preview, str(path.relative_to(preview)))
        for key in ("og:title", "og:description", "og:url", "og:image", "twitter:card", "twitter:image"):
            assert meta(page, key), f"{path}: {key}"


def test_link_previews_are_absolute_in_production_and_relative_in_preview(published, preview):
    post = "en/news/sosconf-2021-will-be-held-at-sustech-in-mid-october/"
    page = read_html(published, post)
    assert meta(page, "og:url") == f"{ORIGIN}/{post}"
    assert meta(page, "og:image") == f"{ORIGIN}/assets/images/blog/post-1.png"  # the post's own picture
    assert meta(page, "og:type") == "article"
    relative = meta(read_html(preview, post), "og:image")
    assert not relative.startswith(("http:", "https:", "/"))
    assert (preview / post / relative).resolve() == (preview / "assets/images/blog/post-1.png")


def test_edition_pages_preview_with_the_editions_picture_else_the_default(published):
    for url in ("en/2030/", "en/2030/program/", "2030/speakers/"):
        assert meta(read_html(published, url), "og:image") == f"{ORIGIN}/assets/images/sosconf-social.png"
    own = f"{ORIGIN}/assets/images/blog/post-1.png"
    assert meta(read_html(published, "en/2031/"), "og:image") == own
    assert meta(read_html(published, "2031/program/"), "og:image") == own
    assert meta(read_html(published, "en/"), "og:image") == f"{ORIGIN}/assets/images/sosconf-social.png"
    assert meta(read_html(published, ""), "og:locale") == "zh_CN"
    assert meta(read_html(published, "en/"), "og:locale") == "en_US"


def test_the_committed_calendar_history_covers_the_bundled_content(tmp_path):
    # Like a lock file: a build of the bundled content records nothing new, so
    # the published calendars number their versions as the committed file says.
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    committed = (CONTENT / HISTORY_FILE).read_text(encoding="utf-8")
    build(content, tmp_path / "output")
    assert (content / HISTORY_FILE).read_text(encoding="utf-8") == committed, (
        f"run `make html` and commit content/{HISTORY_FILE} with the edition files"
    )


def test_a_broken_calendar_history_is_named_like_any_content_mistake(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    history = content / HISTORY_FILE
    lines = history.read_text(encoding="utf-8").splitlines(keepends=True)
    # What a merge conflict leaves behind.
    history.write_text("".join(lines[:2] + ["<<<<<<< HEAD\n"] + lines[2:]), encoding="utf-8")
    raised = build(content, tmp_path / "output", errors_expected=True)
    (error,) = [e for e in raised.errors if e.path == HISTORY_FILE]
    assert error.line == 3
    assert "merge conflict" in error.fix
    assert not (tmp_path / "output").exists()
