"""Helpers for the import tests: the test schedules, a content folder to
import into, and `python -m sosconf import` run as an organizer runs it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sosconf.__main__ import main
from support import ROOT, SETTINGS, caches_in

SCHEDULES = ROOT / "tests" / "data" / "schedules"
SCHEDULE_JSON = SCHEDULES / "offene-netze-2031.json"
SCHEDULE_XML = SCHEDULES / "offene-netze-2031.xml"
FRAB_SCHEMAS = ROOT / "tests" / "data" / "frab"
YEAR = 2031


def run_import(schedule: Path, content: Path, year: int = YEAR, *extra: str) -> int:
    """`python -m sosconf import`; its exit status (output goes to capsys)."""
    with caches_in():
        return _main_import(schedule, content, year, *extra)


def _main_import(schedule: Path, content: Path, year: int, *extra: str) -> int:
    return main(
        [
            "import",
            "--schedule",
            str(schedule),
            "--year",
            str(year),
            "--content",
            str(content),
            "--settings",
            str(SETTINGS),
            *extra,
        ]
    )


def empty_content(folder: Path) -> Path:
    """A content folder with only the bundled contacts and no editions."""
    content = folder / "content"
    (content / "editions").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "contacts.yml", content / "contacts.yml")
    return content


def copy_of(content: Path, target: Path) -> Path:
    """A copy of `content` at `target`, file times included, for a test that changes it.

    Importing takes a second or two; tests that each start from the same import
    copy one made for their whole module instead.
    """
    shutil.copytree(content, target)
    return target


def edition_file(content: Path, year: int = YEAR) -> Path:
    return content / "editions" / f"{year}.yml"


def load_schedule(path: Path = SCHEDULE_JSON) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def write_schedule(data: dict, path: Path) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=4) + "\n", encoding="utf-8")
    return path


def events_of(data: dict) -> list[dict]:
    """Every event of a frab JSON schedule, in file order."""
    days = data["schedule"]["conference"]["days"]
    return [event for day in days for events in day["rooms"].values() for event in events]
