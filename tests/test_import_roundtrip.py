"""Importing the site's own schedule.xml and schedule.json gives back the
program they were made from: into the example edition without a byte
changed, and into an empty folder as the same days, sessions and speakers."""

from __future__ import annotations

import shutil

import pytest
from schedule_support import edition_file, empty_content, run_import
from sosconf.conference.data import load_edition
from support import EXAMPLE_EDITION

FORMATS = ("schedule.json", "schedule.xml")


@pytest.mark.parametrize("name", FORMATS)
def test_the_example_editions_own_schedule_changes_no_byte_of_it(example_site, tmp_path, capsys, name):
    content = empty_content(tmp_path)
    shutil.copy(EXAMPLE_EDITION, edition_file(content, 2030))
    assert run_import(example_site / "2030" / name, content, 2030) == 0
    assert edition_file(content, 2030).read_bytes() == EXAMPLE_EDITION.read_bytes()
    out = capsys.readouterr().out
    assert "sessions: 8 in the schedule; 0 added; 0 changed; 0 removed" in out


def _program(edition):
    """The program as plain values, texts in the edition's main language."""
    lang = edition.language
    days = [
        (
            str(day.date),
            [
                (
                    s.id,
                    s.title.get(lang),
                    str(s.start),
                    str(s.end),
                    s.kind,
                    s.track,
                    s.room.get(lang) if s.room else None,
                    s.speakers,
                    s.language or lang,  # the language it is held in
                    s.abstract.get(lang) if s.abstract else None,
                    [(link.url, link.name.get(lang)) for link in s.links],
                )
                for s in sorted(day.sessions, key=lambda s: (s.start, s.end, s.id))
            ],
        )
        for day in edition.program.days
    ]
    tracks = [(t.id, t.name.get(lang)) for t in edition.program.tracks]
    speakers = [(p.id, p.name.get(lang), p.bio.get(lang) if p.bio else None) for p in edition.speakers]
    return days, tracks, speakers


def test_the_schedule_json_into_an_empty_folder_gives_the_same_program(example_site, tmp_path):
    content = empty_content(tmp_path)
    assert run_import(example_site / "2030" / "schedule.json", content, 2030) == 0
    imported, errors = load_edition(edition_file(content, 2030), content)
    assert errors == []
    folder = tmp_path / "original"
    (folder / "editions").mkdir(parents=True)
    shutil.copy(EXAMPLE_EDITION, folder / "editions" / "2030.yml")
    original, _ = load_edition(folder / "editions" / "2030.yml", folder)
    assert (imported.start, imported.end, imported.timezone) == (
        original.start,
        original.end,
        original.timezone,
    )
    assert _program(imported) == _program(original)
