"""Which format a schedule file is in, and reading it."""

from __future__ import annotations

from pathlib import Path

from sosconf.importer.errors import ScheduleError
from sosconf.importer.frab_json import read_json
from sosconf.importer.frab_xml import read_xml
from sosconf.importer.model import Schedule

EXPORT_HINT = (
    "export the schedule from pretalx (Schedule → Exports: frab XML or frab JSON) "
    "or from frab (schedule.xml or schedule.json)"
)


def read_schedule(path: Path, shown: str | None = None) -> Schedule:
    """The schedule in `path`, frab XML or frab JSON, whatever its name says."""
    shown = shown or str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ScheduleError(shown, f"the file cannot be read ({error.strerror})", "check the path") from None
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if not start:
        raise ScheduleError(shown, "the file is empty", EXPORT_HINT)
    if start == b"<":
        schedule = read_xml(data, shown)
    elif start in (b"{", b"["):
        schedule = read_json(data, shown)
    else:
        raise ScheduleError(shown, "the file is neither frab XML nor frab JSON", EXPORT_HINT, 1)
    if not schedule.events:
        raise ScheduleError(
            shown, "the schedule has no events", "publish a schedule with sessions first, then export it"
        )
    return schedule
