"""Editions in the build: which edition a post belongs to, which one to feature."""

from __future__ import annotations

import datetime

from .errors import ErrorLog

UPCOMING = ("planned", "postponed")


def edition_of(post, editions_by_year: dict[int, object], log: ErrorLog, content_path: str):
    """The edition a post belongs to: its `edition` metadata, else its date's year."""
    named = post.metadata.get("edition")
    if named:
        try:
            return editions_by_year[int(str(named).strip())]
        except (ValueError, KeyError):
            years = ", ".join(str(year) for year in sorted(editions_by_year)) or "none yet"
            log.add(
                post.relative_source_path,
                None,
                f"`edition: {named}` names no edition",
                f"use the year of a file in editions/ ({years}), or remove the line",
            )
            return None
    date = getattr(post, "date", None)
    return editions_by_year.get(date.year) if date else None


def featured_edition(editions, today: datetime.date):
    """The edition on now, else the next one, else the latest (editions newest first)."""
    if not editions:
        return None
    for edition in editions:
        if edition.start and edition.start <= today <= (edition.end or edition.start):
            return edition
    upcoming = [
        e
        for e in editions
        if e.status in UPCOMING and ((e.start and e.start >= today) or (not e.start and e.year >= today.year))
    ]
    if upcoming:
        return min(upcoming, key=lambda e: e.start or datetime.date(e.year, 12, 31))
    return editions[0]


def build_today(settings) -> datetime.date:
    """The day the build judges 'upcoming' by (SOSCONF_TODAY pins it in tests)."""
    pinned = settings.get("SOSCONF_TODAY")
    if pinned:
        return datetime.date.fromisoformat(str(pinned))
    return datetime.date.today()
