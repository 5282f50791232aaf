"""Editions in the build: which edition a post belongs to, which one to feature."""

from __future__ import annotations

import datetime
from pathlib import Path, PurePosixPath

from sosconf.content.post_metadata import metadata_lines
from sosconf.errors import ErrorLog

UPCOMING = ("planned", "postponed")


def edition_of(post, editions_by_year: dict[int, object], log: ErrorLog, content_path: str):
    """The edition a post belongs to: its `edition` metadata, else its date's year."""
    named = post.metadata.get("edition")
    if named:
        try:
            return editions_by_year[int(str(named).strip())]
        except (ValueError, KeyError):
            if not _edition_file_refused(str(named).strip(), log):
                log.add(
                    post.relative_source_path,
                    _line_of_edition_key(post, content_path),
                    f"`edition: {named}` names no edition",
                    f"use the year of a file in editions/ (there is no editions/{str(named).strip()}.yml), "
                    "or remove the line",
                )
            return None
    date = getattr(post, "date", None)
    return editions_by_year.get(date.year) if date else None


def _edition_file_refused(year: str, log: ErrorLog) -> bool:
    """Whether the file of this edition exists but was refused: its own errors say what to fix.

    Blaming the posts that name it too would turn one mistake into many, with
    the wrong advice.
    """
    return any(
        PurePosixPath(error.path).stem == year and error.path.endswith((".yml", ".yaml"))
        for error in log.errors
    )


def _line_of_edition_key(post, content_path: str) -> int | None:
    try:
        text = (Path(content_path) / post.relative_source_path).read_text(encoding="utf-8-sig")
    except (OSError, ValueError):
        return None
    return metadata_lines(text).get("edition")


def is_on(edition, today: datetime.date) -> bool:
    """Whether `today` is one of the edition's days."""
    return bool(edition.start) and edition.start <= today <= (edition.end or edition.start)


def is_upcoming(edition, today: datetime.date) -> bool:
    """Still to come: planned or postponed, from a later day (or, undated, a later year) than `today`."""
    if edition.status not in UPCOMING:
        return False
    return edition.start >= today if edition.start else edition.year >= today.year


def featured_edition(editions, today: datetime.date):
    """The edition on now, else the next one, else the latest (editions newest first)."""
    if not editions:
        return None
    for edition in editions:
        if is_on(edition, today):
            return edition
    upcoming = [e for e in editions if is_upcoming(e, today)]
    if upcoming:
        return min(upcoming, key=lambda e: e.start or datetime.date(e.year, 12, 31))
    return editions[0]


def build_today(settings) -> datetime.date:
    """The day the build judges 'upcoming' by (SOSCONF_TODAY pins it in tests)."""
    pinned = settings.get("SOSCONF_TODAY")
    if pinned:
        return datetime.date.fromisoformat(str(pinned))
    return datetime.date.today()
