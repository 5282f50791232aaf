"""Importing again: the same schedule changes no byte, a changed schedule
changes only its lines, and what an organizer added by hand stays."""

from __future__ import annotations

import difflib

import pytest
from schedule_support import (
    SCHEDULE_JSON,
    copy_of,
    edition_file,
    empty_content,
    events_of,
    load_schedule,
    run_import,
    write_schedule,
)
from sosconf.conference.data import load_edition


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Content with the JSON schedule imported, never changed: each test changes a copy."""
    folder = empty_content(tmp_path_factory.mktemp("imported"))
    assert run_import(SCHEDULE_JSON, folder) == 0
    return folder


@pytest.fixture
def content(tmp_path, imported, capsys):
    capsys.readouterr()
    return copy_of(imported, tmp_path / "content")


def _sessions(content):
    edition, errors = load_edition(edition_file(content), content)
    assert errors == []
    return {session.id: session for session in edition.program.sessions}, edition


def test_the_same_schedule_again_changes_no_byte(content, capsys):
    before = edition_file(content).read_bytes()
    stamp = edition_file(content).stat().st_mtime_ns
    assert run_import(SCHEDULE_JSON, content) == 0
    assert edition_file(content).read_bytes() == before
    assert edition_file(content).stat().st_mtime_ns == stamp  # not even rewritten
    out = capsys.readouterr().out
    assert "0 added; 0 changed; 0 removed" in out and "Nothing changed" in out


def test_a_new_title_changes_that_line_only(content, tmp_path, capsys):
    data = load_schedule()
    event = events_of(data)[5]
    old_title, event["title"] = event["title"], "Ein ganz neuer Titel"
    before = edition_file(content).read_text()
    assert run_import(write_schedule(data, tmp_path / "changed.json"), content) == 0
    after = edition_file(content).read_text()
    removed, added = changed_lines(before, after)
    assert removed.startswith("-          title: ") and old_title in removed
    # ruamel.yaml keeps the quotes the line had.
    assert added in ("+          title: Ein ganz neuer Titel", '+          title: "Ein ganz neuer Titel"')
    assert "1 changed" in capsys.readouterr().out


def test_added_withdrawn_and_moved_sessions(content, tmp_path, capsys):
    sessions, _ = _sessions(content)
    data = load_schedule()
    days = data["schedule"]["conference"]["days"]
    withdrawn = days[1]["rooms"]["Werkstatt"].pop(0)
    new = dict(days[0]["rooms"]["Saal Ada"][2], guid="0f8e7a62-1111-4a55-9c2e-5b0d8a3c1f01", id=39999)
    new.update(code="NEWONE", title="A late addition", slug="offenenetze31-39999-a-late-addition", persons=[])
    new.update(url="https://pretalx.example.org/offenenetze31/talk/NEWONE/")
    new.update(date="2031-08-07T18:30:00+02:00", start="18:30", duration="00:20")
    days[0]["rooms"]["Saal Ada"].append(new)
    moved = days[2]["rooms"]["Saal Grace"][0]
    moved.update(date="2031-08-10T09:00:00+02:00", start="09:00")
    days[3]["rooms"]["Saal Grace"].insert(0, days[2]["rooms"]["Saal Grace"].pop(0))
    assert run_import(write_schedule(data, tmp_path / "changed.json"), content) == 0
    out = capsys.readouterr().out
    after, edition = _sessions(content)
    added = set(after) - set(sessions)
    removed = set(sessions) - set(after)
    assert [after[i].title.get("en") for i in added] == ["A late addition"]
    assert [sessions[i].title.get("en") for i in removed] == [withdrawn["title"]]
    assert "1 added" in out and "1 removed" in out
    moved_id = next(i for i, s in after.items() if str(s.title) == moved["title"])
    last_day = {s.id for s in edition.program.days[3].sessions}
    assert moved_id in last_day and moved_id in sessions  # the same session, on another day
    # A speaker who spoke only in the withdrawn session leaves with it.
    speakers = {s.id for s in edition.speakers}
    named = {p for s in after.values() for p in s.speakers}
    assert speakers == named


HAND_MADE = """\
# The organizers' notes stay where they are.
summary:
  zh: 一个虚构的开源大会。
  en: An invented open-source conference.
"""


def test_hand_made_fields_comments_and_breaks_survive(content, tmp_path, capsys):
    path = edition_file(content)
    text = path.read_text()
    sessions, edition = _sessions(content)
    target = next(s for s in sessions.values() if str(s.title).startswith("Encrypted DNS"))
    title = str(target.title)
    speaker = target.speakers[0]
    text = text.replace("status: planned\n", "status: planned\n" + HAND_MADE, 1)
    # The organizer gives the talk a Chinese title beside the imported one.
    lines = text.splitlines(keepends=True)
    at = lines.index(f"        - id: {target.id}\n") + 1
    assert lines[at].startswith("          title: ")
    lines[at] = f'          title:\n            zh: 加密 DNS 实践\n            en: "{title}"\n'
    text = "".join(lines)
    text = text.replace(
        f"  - id: {speaker}\n", f"  - id: {speaker}\n    affiliation: TU Example  # asked by mail\n", 1
    )
    lunch = '        - id: lunch\n          title: {zh: 午餐, en: Lunch}\n          start: "13:00"\n          end: "14:00"\n          kind: break\n'
    text = text.replace("      sessions:\n", "      sessions:\n" + lunch, 1)
    path.write_text(text)
    hand_made = path.read_bytes()
    assert run_import(SCHEDULE_JSON, content) == 0
    assert path.read_bytes() == hand_made  # nothing the schedule says differs

    data = load_schedule()
    event = next(e for e in events_of(data) if e["title"] == title)
    event["title"] = title + " (updated)"
    assert run_import(write_schedule(data, tmp_path / "changed.json"), content) == 0
    after = path.read_text()
    assert changed_lines(hand_made.decode(), after) == [
        f'-            en: "{title}"',
        f'+            en: "{title} (updated)"',
    ]
    sessions, edition = _sessions(content)
    assert sessions[target.id].title.get("zh") == "加密 DNS 实践"
    assert sessions["lunch"].kind == "break"
    assert str(next(s for s in edition.speakers if s.id == speaker).affiliation) == "TU Example"
    assert after.startswith("year: 2031\nname: Offene Netze 2031\nstatus: planned\n# The organizers' notes")
    assert "affiliation: TU Example  # asked by mail\n" in after


def test_the_texts_go_into_the_language_they_are_in(content, tmp_path, capsys):
    """An edition held in Chinese, its schedule in English: `--language en` keeps the Chinese texts."""
    path = edition_file(content)
    sessions, _ = _sessions(content)
    target = next(s for s in sessions.values() if str(s.title).startswith("Packaging for Debian"))
    lines = path.read_text().replace("language: en\n", "language: zh\n", 1).splitlines(keepends=True)
    at = lines.index(f"        - id: {target.id}\n") + 1
    lines[at] = f'          title:\n            zh: 为 Debian 打包\n            en: "{target.title}"\n'
    path.write_text("".join(lines))
    data = load_schedule()
    next(e for e in events_of(data) if e["title"] == str(target.title))["title"] = "Packaging, revisited"
    changed = write_schedule(data, tmp_path / "changed.json")
    assert run_import(changed, content, 2031, "--language", "en") == 0
    after, _ = _sessions(content)
    assert after[target.id].title.get("zh") == "为 Debian 打包"
    assert after[target.id].title.get("en") == "Packaging, revisited"
    capsys.readouterr()
    assert run_import(changed, content, 2031, "--language", "fr") == 1
    assert "`fr` is not a language of this site; use one of: zh, en" in capsys.readouterr().err
