"""A day of the program as a table: rooms across, time down, each session as
many rows as it lasts.

The theme shows the table as a grid from about 60rem and as a list on
phones, from the same HTML; real table headers let assistive technology name
a session's room and time.  A row runs from one start or end of a session to
the next, so a session covers exactly the rows of its time.  A session with
no room, or in a room where nothing else ever runs at the same time (a
plenary hall), spans every column.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

# Rows are drawn in steps of five minutes; a row longer than this many steps
# is drawn at this height, so a whole-day session does not stretch the page.
FIVE_MINUTES = datetime.timedelta(minutes=5)
TALLEST_ROW = 36
# A gap between sessions (lunch with nothing on) is drawn no taller than this.
TALLEST_GAP = 4


@dataclass(frozen=True)
class Cell:
    """A table cell: a session starting in its row, or `slot` None for an empty one."""

    slot: object = None
    columns: int = 1
    rows: int = 1


@dataclass
class Row:
    start: datetime.datetime
    end: datetime.datetime
    cells: list[Cell] = field(default_factory=list)
    gap: bool = False  # no session runs in it

    @property
    def steps(self) -> int:
        """The row's height in five-minute steps, at least one."""
        tallest = TALLEST_GAP if self.gap else TALLEST_ROW
        return max(1, min(tallest, round((self.end - self.start) / FIVE_MINUTES)))

    @property
    def starts_sessions(self) -> bool:
        return any(cell.slot is not None for cell in self.cells)


@dataclass
class DayTable:
    rooms: list  # the column headers: room texts, or None for a column without a room
    rows: list[Row]


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def _spanning(day_slots) -> set[int]:
    """Indexes of the slots that span every column.

    Those that nothing overlaps, when they have no room or their room is
    plenary: none of its sessions that day has another room's beside it.
    """
    plenary = {slot.session.room for slot in day_slots if slot.session.room is not None}
    for slot in day_slots:
        for other in day_slots:
            if slot.session.room != other.session.room and _overlap(slot, other):
                plenary.discard(slot.session.room)
    return {
        index
        for index, slot in enumerate(day_slots)
        if (slot.session.room is None or slot.session.room in plenary)
        and not any(other is not slot and _overlap(slot, other) for other in day_slots)
    }


def day_table(day_slots) -> DayTable:
    """The table of one day's slots (as program.view gives them, in time order)."""
    spanning = _spanning(day_slots)
    boundaries = sorted({slot.start for slot in day_slots} | {slot.end for slot in day_slots})
    rows = [Row(start, end) for start, end in zip(boundaries, boundaries[1:], strict=False)]
    row_of = {row.start: number for number, row in enumerate(rows)}
    for row in rows:
        row.gap = not any(slot.start < row.end and row.start < slot.end for slot in day_slots)

    # Columns: one per room that has something beside it, in order of first
    # appearance, and one more for a room each time two of its sessions overlap.
    columns: list = []
    taken: list[set[int]] = []  # per column, the rows it is taken in
    placed: dict[int, tuple[int, int]] = {}  # slot index -> (column, rows)
    for index, slot in enumerate(day_slots):
        first = row_of[slot.start]
        covered = set(range(first, first + sum(1 for b in boundaries if slot.start <= b < slot.end)))
        if index in spanning:
            placed[index] = (-1, len(covered))
            continue
        room = slot.session.room
        for column, key in enumerate(columns):
            if key == room and not taken[column] & covered:
                break
        else:
            columns.append(room)
            taken.append(set())
            column = len(columns) - 1
        taken[column] |= covered
        placed[index] = (column, len(covered))
    width = max(1, len(columns))

    starting: dict[int, list[tuple[int, int, object]]] = {}
    for index, (column, height) in placed.items():
        starting.setdefault(row_of[day_slots[index].start], []).append((column, height, day_slots[index]))
    busy: set[tuple[int, int]] = set()  # (row, column) covered by a session from above
    for number, row in enumerate(rows):
        here = {column: (height, slot) for column, height, slot in starting.get(number, [])}
        if -1 in here:
            height, slot = here[-1]
            row.cells.append(Cell(slot, width, height))
            continue  # nothing overlaps it, so it takes its row alone
        for column in range(width):
            if column in here:
                height, slot = here[column]
                row.cells.append(Cell(slot, 1, height))
                busy.update((later, column) for later in range(number + 1, number + height))
            elif (number, column) not in busy:
                row.cells.append(Cell())
    return DayTable(columns or [None], rows)
