"""A schedule that cannot be imported: one error naming the file (and the
line or element), exit status 1, and the edition file exactly as it was."""

from __future__ import annotations

import pytest
from schedule_support import (
    SCHEDULE_JSON,
    SCHEDULE_XML,
    copy_of,
    edition_file,
    empty_content,
    events_of,
    load_schedule,
    run_import,
    write_schedule,
)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Content with the JSON schedule imported, never changed: each test changes a copy."""
    folder = empty_content(tmp_path_factory.mktemp("imported"))
    assert run_import(SCHEDULE_JSON, folder) == 0
    return folder


@pytest.fixture
def content(tmp_path, imported, capsys):
    capsys.readouterr()
    return copy_of(imported, tmp_path / "site" / "content")


def refused(path, content, capsys, year=2031) -> str:
    """The one error line of an import that must fail; the edition file must not change."""
    before = edition_file(content).read_bytes()
    assert run_import(path, content, year) == 1
    assert edition_file(content).read_bytes() == before
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[-1] == "Nothing was imported; the edition file is as it was."
    assert len(lines) == 2 and lines[0].startswith(str(path))
    return lines[0]


def test_a_file_in_neither_format(tmp_path, content, capsys):
    path = tmp_path / "schedule.csv"
    path.write_text("title,start\nHello,10:00\n")
    assert "neither frab XML nor frab JSON" in refused(path, content, capsys)


def test_an_empty_file(tmp_path, content, capsys):
    path = tmp_path / "schedule.json"
    path.write_text("\n")
    assert "the file is empty" in refused(path, content, capsys)


def test_json_that_is_no_schedule(tmp_path, content, capsys):
    path = write_schedule({"talks": []}, tmp_path / "talks.json")
    assert "not a frab schedule: it has no `schedule.conference`" in refused(path, content, capsys)


def test_xml_that_is_no_schedule(tmp_path, content, capsys):
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?>\n<rss><channel/></rss>\n')
    error = refused(path, content, capsys)
    assert error.startswith(f"{path}:2: ") and "<rss>, not <schedule>" in error


def test_truncated_xml_names_the_line(tmp_path, content, capsys):
    text = SCHEDULE_XML.read_text(encoding="utf-8")
    path = tmp_path / "cut.xml"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    error = refused(path, content, capsys)
    line = int(error[len(str(path)) + 1 :].split(":")[0])
    assert line >= text[: len(text) // 2].count("\n")
    assert "the XML is malformed" in error and "cut off" in error


def test_malformed_xml_names_line_and_column(tmp_path, content, capsys):
    text = SCHEDULE_XML.read_text(encoding="utf-8").replace("<title>", "<title><b>", 1)
    path = tmp_path / "broken.xml"
    path.write_text(text, encoding="utf-8")
    error = refused(path, content, capsys)
    assert "the XML is malformed: mismatched tag (column" in error
    assert error.startswith(f"{path}:")


def test_xml_entities_are_refused(tmp_path, content, capsys):
    path = tmp_path / "bomb.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE s [<!ENTITY a "aaaa">]>\n<schedule>&a;</schedule>\n')
    assert "defines the entity `a`" in refused(path, content, capsys)


def test_truncated_json_names_the_line(tmp_path, content, capsys):
    text = SCHEDULE_JSON.read_text(encoding="utf-8")
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) // 3], encoding="utf-8")
    error = refused(path, content, capsys)
    assert "the JSON is malformed" in error and "cut off" in error
    assert error.startswith(f"{path}:{text[: len(text) // 3].count(chr(10)) + 1}: ")


def test_dates_outside_the_year(tmp_path, content, capsys):
    error = refused(SCHEDULE_JSON, content, capsys, year=2032)
    assert "the schedule's day 2031-08-07 is not in 2032" in error
    assert "import it with YEAR=2031" in error
    assert not edition_file(content, 2032).exists()


def test_an_event_without_a_title(tmp_path, content, capsys):
    data = load_schedule()
    event = events_of(data)[7]
    event["title"] = ""
    error = refused(write_schedule(data, tmp_path / "untitled.json"), content, capsys)
    assert "the event has no title" in error
    assert 'schedule.conference.days[0].rooms["' in error
    assert error.startswith(f"{tmp_path / 'untitled.json'}:")  # the line of its guid


def test_an_event_without_a_start_in_xml(tmp_path, content, capsys):
    text = SCHEDULE_XML.read_text(encoding="utf-8")
    at = text.index("<date>2031-08-08")
    end = text.index("</start>", at) + len("</start>")
    path = tmp_path / "no-start.xml"
    path.write_text(text[:at] + text[end:], encoding="utf-8")
    error = refused(path, content, capsys)
    assert "has no start" in error and "<event> " in error
    line = text[:at].count("\n")
    assert error.startswith(f"{path}:") and abs(int(error.split(":")[1]) - line) < 25


def test_a_new_edition_is_not_created_from_a_broken_schedule(tmp_path, capsys):
    content = empty_content(tmp_path / "empty")
    path = tmp_path / "cut.json"
    path.write_text(SCHEDULE_JSON.read_text(encoding="utf-8")[:1000], encoding="utf-8")
    assert run_import(path, content) == 1
    assert not edition_file(content).exists()
    assert list((content / "editions").iterdir()) == []
    assert "the JSON is malformed" in capsys.readouterr().err


def test_an_edition_file_with_a_mistake_is_left_alone(tmp_path, content, capsys):
    path = edition_file(content)
    path.write_text(path.read_text() + "speakers: [\n")
    before = path.read_bytes()
    assert run_import(SCHEDULE_JSON, content) == 1
    assert path.read_bytes() == before
    err = capsys.readouterr().err
    assert (
        err.startswith(f"{content}/editions/2031.yml:")
        and "has a mistake to fix first: YAML syntax error" in err
    )


def test_an_edition_file_that_does_not_pass_the_check_is_left_alone(tmp_path, content, capsys):
    path = edition_file(content)
    path.write_text(path.read_text().replace("status: planned", "status: maybe", 1))
    before = path.read_bytes()
    assert run_import(SCHEDULE_JSON, content) == 1
    assert path.read_bytes() == before
    err = capsys.readouterr().err
    assert err.startswith(f"{content}/editions/2031.yml:3: ") and '"maybe" is not allowed' in err
