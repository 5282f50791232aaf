"""A day of the program as a table (sosconf.conference.program_grid): rooms across,
times down, each session as many rows as it lasts, the sessions for
everyone across every column; on the example edition's program page and on
edition files written for the purpose.
"""

from __future__ import annotations

from sosconf.conference.data import load_edition
from sosconf.conference.program import view
from sosconf.conference.program_grid import day_table
from support import read_html

SETTINGS = {"TIMEZONE": "Asia/Shanghai"}


def day_of(tmp_path, sessions: str):
    """The table of the one day of an edition whose sessions are `sessions` (YAML)."""
    folder = tmp_path / "editions"
    folder.mkdir(exist_ok=True)
    (folder / "2031.yml").write_text(
        "year: 2031\nname: Grid\nstatus: planned\nstart: 2031-05-01\n"
        "program:\n  days:\n    - date: 2031-05-01\n      sessions:\n" + sessions,
        encoding="utf-8",
    )
    edition, errors = load_edition(folder / "2031.yml", tmp_path)
    assert errors == []
    [(_, day_slots)] = view(edition, SETTINGS)
    return day_table(day_slots)


def session(id_, start, end, room=None):
    line = f"        - {{id: {id_}, title: {id_}, start: '{start}', end: '{end}'"
    return line + (f", room: {room}}}\n" if room else "}\n")


def placed(table) -> list[tuple[str, str, int, int]]:
    """(start of row, session id, columns, rows) of every session cell."""
    return [
        (row.start.strftime("%H:%M"), cell.slot.session.id, cell.columns, cell.rows)
        for row in table.rows
        for cell in row.cells
        if cell.slot
    ]


def test_parallel_rooms_are_columns_and_a_plenary_room_spans_them(tmp_path):
    table = day_of(
        tmp_path,
        session("keynote", "09:00", "09:45", "Hall")
        + session("talk-a", "10:00", "10:30", "A")
        + session("talk-b", "10:00", "11:00", "B")
        + session("lunch", "12:00", "13:00"),
    )
    assert [str(room) for room in table.rooms] == ["A", "B"]
    assert placed(table) == [
        ("09:00", "keynote", 2, 1),
        ("10:00", "talk-a", 1, 1),
        ("10:00", "talk-b", 1, 2),
        ("12:00", "lunch", 2, 1),
    ]
    # A row from each start or end: 10:30 splits talk-b, 11:00-12:00 is a gap.
    rows = [(row.start.strftime("%H:%M"), row.steps, row.gap) for row in table.rows]
    assert rows == [
        ("09:00", 9, False),
        ("09:45", 3, True),
        ("10:00", 6, False),
        ("10:30", 6, False),
        ("11:00", 4, True),  # an hour with nothing on is drawn short
        ("12:00", 12, False),
    ]
    # Under talk-a, while talk-b goes on, the row keeps an empty cell for room A only.
    assert [cell.slot for cell in table.rows[3].cells] == [None]


def test_a_session_without_a_room_that_runs_beside_others_gets_a_column(tmp_path):
    table = day_of(
        tmp_path,
        session("talk-a", "10:00", "11:00", "A")
        + session("talk-b", "10:00", "11:00", "B")
        + session("talk-x", "10:30", "11:30"),
    )
    assert [None if room is None else str(room) for room in table.rooms] == ["A", "B", None]
    assert placed(table) == [("10:00", "talk-a", 1, 2), ("10:00", "talk-b", 1, 2), ("10:30", "talk-x", 1, 2)]


def test_two_sessions_at_once_in_one_room_sit_in_two_columns_of_it(tmp_path):
    table = day_of(
        tmp_path, session("talk-a", "10:00", "11:00", "A") + session("talk-b", "10:30", "11:00", "A")
    )
    assert [str(room) for room in table.rooms] == ["A", "A"]
    assert placed(table) == [("10:00", "talk-a", 1, 2), ("10:30", "talk-b", 1, 1)]


def test_a_day_without_rooms_is_one_column(tmp_path):
    table = day_of(tmp_path, session("talk-a", "09:00", "09:30") + session("talk-b", "09:30", "10:00"))
    assert table.rooms == [None]
    assert placed(table) == [("09:00", "talk-a", 1, 1), ("09:30", "talk-b", 1, 1)]


def test_the_program_page_is_a_table_with_room_and_time_headers(example_site):
    page = read_html(example_site, "en/2030/program/")
    day = page.select_one("table.schedule[aria-labelledby='day-2030-08-24']")
    assert [th.get_text() for th in day.select("thead th[scope=col]")] == ["Time", "A101", "A102"]
    times = [th.get_text() for th in day.select("tbody th[scope=row]")]
    assert times[:3] == ["09:00", "09:45", "10:00"]
    # The two 10:00 talks share a row, in their rooms' columns.
    row = day.select_one("#session-kernel-in-a-term").find_parent("tr")
    assert [td.get("id") for td in row.select("td")] == ["session-kernel-in-a-term", "session-supply-chain"]
    assert row.th.get_text() == "10:00"
    # The keynote (its hall has nothing beside it) and lunch (no room) span both rooms.
    assert day.select_one("#session-opening-keynote")["colspan"] == "2"
    assert day.select_one("#session-lunch")["colspan"] == "2"
    assert "steps-9" in day.select_one("#session-opening-keynote").find_parent("tr")["class"]
    second = page.select_one("table.schedule[aria-labelledby='day-2030-08-25']")
    assert [th.get_text() for th in second.select("thead th[scope=col]")] == ["Time", "Maker space", "B201"]
    assert second.select_one("#session-hackathon")["rowspan"] == "3"
    # The filters still find every session by its kind and track.
    assert page.select_one("#session-supply-chain")["data-track"] == "security"
    assert page.select_one("#session-lunch")["data-kind"] == "break"


def test_filtered_views_keep_the_table(example_site):
    page = read_html(example_site, "en/2030/program/track/security/")
    ids = [td["id"] for td in page.select("td.session")]
    assert "session-supply-chain" in ids and "session-kernel-in-a-term" not in ids
    assert page.select_one("#session-supply-chain").find_parent("table")["class"] == ["schedule"]
    zh = read_html(example_site, "2030/program/")
    assert [th.get_text() for th in zh.select("thead")[0].select("th")] == ["时间", "A101", "A102"]
