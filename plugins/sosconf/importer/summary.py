"""What an import did, in a few lines for the organizer."""

from __future__ import annotations

from sosconf.importer.merge import Changes
from sosconf.importer.model import Schedule
from sosconf.importer.plan import Plan


def _counted(names) -> str:
    return ", ".join(f"{name or '(none)'} ({count})" for name, count in sorted(names.items()))


def _listed(items: list[str], most: int = 8) -> str:
    shown = ", ".join(items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


def _part(label: str, items: list[str]) -> str:
    return f"{len(items)} {label}" + (f" ({_listed(items)})" if items else "")


def summary(schedule: Schedule, plan: Plan, changes: Changes, edition: str, written: bool) -> str:
    lines = [
        f'{schedule.path}: {schedule.format}, "{schedule.title}", {len(plan.days)} days '
        f"({plan.first} to {plan.last})",
        f"  sessions: {len(plan.sessions)} in the schedule; "
        + "; ".join(
            _part(label, items)
            for label, items in (
                ("added", changes.sessions_added),
                ("changed", changes.sessions_changed),
                ("removed", changes.sessions_removed),
            )
        ),
        f"  speakers: {len(plan.speakers)}; "
        + "; ".join(
            _part(label, items)
            for label, items in (
                ("added", changes.speakers_added),
                ("changed", changes.speakers_changed),
                ("removed", changes.speakers_removed),
            )
        ),
        f"  rooms: {len(plan.rooms)} ({_listed(plan.rooms, 12)})",
        f"  tracks: {len(plan.tracks)}"
        + (f" ({_listed([t.name for t in plan.tracks], 12)})" if plan.tracks else ""),
    ]
    if plan.unknown_types:
        lines.append(
            f"  session types this site does not know, imported as talks: {_counted(plan.unknown_types)}"
        )
    if plan.unknown_languages:
        lines.append(f"  languages that are not language codes, left out: {_counted(plan.unknown_languages)}")
    if plan.dropped_links:
        lines.append(
            f"  links left out (only https: and mailto: links are allowed): {_listed(plan.dropped_links, 4)}"
        )
    if changes.days_added or changes.days_removed:
        lines.append(
            f"  days: {_part('added', changes.days_added)}; {_part('removed', changes.days_removed)}"
        )
    other = [item for item in changes.edition if item != "new file"]
    if other:
        lines.append(f"  also changed: {', '.join(other)}")
    if "new file" in changes.edition:
        lines.append(f"Created {edition}: check its name and status, then `make check`.")
    elif written:
        lines.append(f"Updated {edition}.")
    else:
        lines.append(f"Nothing changed: {edition} is as it was.")
    return "\n".join(lines)
