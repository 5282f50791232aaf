"""The small rules of an import: plain text from HTML and Markdown, ids,
kinds, and older exports (pentabarf's times without dates, offsets without a
time zone name)."""

from __future__ import annotations

import pytest
from schedule_support import edition_file, empty_content, events_of, load_schedule, run_import, write_schedule
from sosconf.conference.data import load_edition
from sosconf.importer.ids import short_key, slugify
from sosconf.importer.kinds import kind_of
from sosconf.importer.plain_text import plain_text


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Wir zeigen **Rust** im _Browser_.", "Wir zeigen Rust im Browser."),
        ("Eins\n\nZwei", "Eins\n\nZwei"),
        ("<p>A &amp; B</p><p>C &lt;D&gt;</p>", "A & B\n\nC <D>"),
        ("<script>alert(1)</script><style>p{}</style>Text", "Text"),
        ("[the notes](https://example.org/n)", "the notes (https://example.org/n)"),
        ("<a href='javascript:alert(1)'>click</a>", "click"),
        ("* one\n* two", "– one\n\n– two"),
        ("snake_case and 2 * 3", "snake_case and 2 * 3"),
        ("line\u2028break\x00", "linebreak"),
        ("", ""),
    ],
)
def test_plain_text(source, text):
    assert plain_text(source) == text


def test_ids():
    assert slugify("Eröffnung: Offene Netze 2031!") == "eroffnung-offene-netze-2031"
    assert slugify("开幕主题演讲") == ""
    assert short_key("0f8e7a62-1111-4a55-9c2e-5b0d8a3c1f01") == "0f8e7a62"
    assert short_key("K3XQ7P") == "k3xq7p"
    assert short_key("4711") == "4711"


@pytest.mark.parametrize(
    ("frab_type", "kind"),
    [
        ("lecture", "talk"),
        ("Vortrag", "talk"),
        ("Lightning Talks", "lightning-talk"),
        ("lightning_talk", "lightning-talk"),
        ("podium", "roundtable"),
        ("Workshop", "workshop"),
        ("Keynote", "keynote"),
        ("", "talk"),
        ("film", None),
    ],
)
def test_kinds(frab_type, kind):
    assert kind_of(frab_type) == kind


PENTABARF = """\
<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference>
    <title>Nachtcamp</title>
    <acronym>nachtcamp</acronym>
  </conference>
  <day date="2031-05-02" index="1" start="2031-05-02T18:00:00+02:00" end="2031-05-03T04:00:00+02:00">
    <room name="Halle">
      <event id="11">
        <start>22:30</start>
        <duration>01:00</duration>
        <room>Halle</room>
        <title>Spätes Kino</title>
        <type>film</type>
        <language>German</language>
        <persons><person id="7">Kim Berg</person></persons>
      </event>
      <event id="12">
        <start>01:30</start>
        <duration>0:45</duration>
        <room>Halle</room>
        <title>After hours</title>
        <type>lecture</type>
        <language>Klingonisch</language>
        <persons><person id="7">Kim Berg</person><person>Kim Berg</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""


def test_a_pentabarf_export_with_times_only_and_offsets_but_no_zone(tmp_path, capsys):
    path = tmp_path / "schedule.xml"
    path.write_text(PENTABARF)
    content = empty_content(tmp_path)
    assert run_import(path, content) == 0
    out = capsys.readouterr().out
    assert "imported as talks: film (1)" in out
    assert "languages that are not language codes, left out: Klingonisch (1)" in out
    edition, errors = load_edition(edition_file(content), content)
    assert errors == []
    # +02:00 in May without a zone name: a fixed zone two hours ahead of UTC.
    assert edition.timezone == "Etc/GMT-2"
    film, late = edition.program.days[0].sessions
    assert (str(film.start), str(film.end), film.language) == ("22:30", "23:30", "de")
    assert (str(late.start), str(late.end), late.language) == ("25:30", "26:15", None)
    # One person with an id, one without: two speakers, two ids, one name.
    assert len(late.speakers) == 2 and late.speakers[0] != late.speakers[1]
    assert {str(s.name) for s in edition.speakers} == {"Kim Berg"}


def test_slugs_with_a_code_and_no_numeric_id_still_give_ids_that_survive_a_new_title(tmp_path, capsys):
    data = load_schedule()
    for event in events_of(data):
        del event["id"]
        event["slug"] = f"offenenetze31-{event['code'].lower()}-{event['slug'].split('-', 2)[2]}"
    content = empty_content(tmp_path)
    assert run_import(write_schedule(data, tmp_path / "a.json"), content) == 0
    first = events_of(data)[0]
    edition, _ = load_edition(edition_file(content), content)
    old_id = next(s.id for s in edition.program.sessions if str(s.title) == first["title"])
    assert old_id.endswith("-" + first["code"].lower())
    first["title"] = "Renamed"
    capsys.readouterr()
    assert run_import(write_schedule(data, tmp_path / "b.json"), content) == 0
    assert f"0 added; 1 changed ({old_id}); 0 removed" in capsys.readouterr().out
    edition, _ = load_edition(edition_file(content), content)
    assert {s.id: str(s.title) for s in edition.program.sessions}[old_id] == "Renamed"
