"""Import a conference's program from pretalx or frab into its edition file.

The steps, in order: read the schedule (frab XML or frab JSON, whatever the
file's name), plan what the edition should say (ids, times on the conference
day's clock, kinds, plain texts), merge that into the edition file's YAML,
check the result as the build would, and only then replace the file, in
one step.  Any problem stops the import before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sosconf.conference.data import parse_edition
from sosconf.files import write_atomically
from sosconf.importer.errors import ScheduleError
from sosconf.importer.merge import Changes, merge
from sosconf.importer.model import Schedule
from sosconf.importer.plan import Plan, plan_import
from sosconf.importer.reading import read_schedule
from sosconf.importer.summary import summary
from sosconf.importer.yaml_file import dump, load

__all__ = ["ImportResult", "ScheduleError", "import_schedule"]


@dataclass
class ImportResult:
    schedule: Schedule
    plan: Plan
    changes: Changes
    edition: str  # the edition file, as shown to the organizer
    written: bool

    def summary(self) -> str:
        return summary(self.schedule, self.plan, self.changes, self.edition, self.written)


def _check(text: str, relpath: str, shown: str, settings, before: bool = False) -> None:
    """The file must pass the same checks as the build's: before the import, and after it."""
    _, errors = parse_edition(
        text,
        relpath,
        bool(settings.get("SOSCONF_ALLOW_HTTP")),
        {code: entry["name"] for code, entry in (settings.get("SOSCONF_LANGUAGES") or {}).items()} or None,
    )
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        if before:
            message = f"the edition file has a mistake to fix first: {first.message}{more}"
            fix = first.fix + "; then import again (`make check` lists every mistake)"
        else:
            message = f"after the import the file would not pass the check: {first.message}{more}"
            fix = first.fix + "; the file was left as it was"
        raise ScheduleError(shown, message, fix, first.line)


def import_schedule(
    schedule_file: str, year: int, content: str, settings, texts_in: str | None = None
) -> ImportResult:
    """Import `schedule_file` into `content`'s edition of `year`; raises ScheduleError."""
    schedule = read_schedule(Path(schedule_file), schedule_file)
    relpath = f"{settings.get('SOSCONF_EDITIONS_DIR') or 'editions'}/{year}.yml"
    path = Path(content) / relpath
    shown = f"{content.rstrip('/')}/{relpath}"
    original = path.read_bytes() if path.exists() else None
    document = None
    if original is not None:
        try:
            text = original.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ScheduleError(
                shown, "the edition file is not UTF-8", "save it as UTF-8, then import again"
            ) from None
        _check(text, relpath, shown, settings, before=True)
        document = load(text, shown)
    if texts_in and texts_in not in (settings.get("SOSCONF_LANGUAGES") or {}):
        languages = ", ".join(settings.get("SOSCONF_LANGUAGES") or {})
        raise ScheduleError(
            schedule_file, f"`{texts_in}` is not a language of this site", f"use one of: {languages}"
        )
    plan = plan_import(schedule, year, document, settings, texts_in)
    document, changes = merge(document, plan, year)
    written = False
    if changes:
        merged = dump(document)
        _check(merged, relpath, shown, settings)
        data = merged.encode("utf-8")
        if data != original:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, data)
            written = True
    return ImportResult(schedule, plan, changes, shown, written)
