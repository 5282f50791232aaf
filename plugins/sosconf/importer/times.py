"""The date and time forms frab schedules use: ISO dates with or without an
offset, `HH:MM` starts and `HH:MM` or `HH:MM:SS` durations."""

from __future__ import annotations

import datetime
import re

_DURATION = re.compile(r"^(\d{1,3}):(\d{2})(?::(\d{2}))?$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def parse_date(text: str) -> datetime.date | None:
    """A `YYYY-MM-DD` date, also taken from the front of a date and time."""
    try:
        return datetime.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def parse_datetime(text: str) -> datetime.datetime | None:
    """An ISO date and time (`2031-08-07T11:00:00+02:00`, `Z` for UTC), or None."""
    text = text.strip()
    if "T" not in text and " " not in text:
        return None
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        return None


def parse_clock(text: str) -> datetime.time | None:
    match = _CLOCK.match(text.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        return None
    return datetime.time(int(match.group(1)), int(match.group(2)))


def parse_duration(text: str) -> datetime.timedelta | None:
    """`00:40`, `1:30` (hours and minutes) or `01:30:00` (with seconds)."""
    match = _DURATION.match(text.strip())
    if not match:
        return None
    hours, minutes, seconds = match.groups()
    return datetime.timedelta(hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0))


def event_start(
    date_text: str,
    start_text: str,
    day_date: datetime.date,
    day_start: datetime.datetime | None,
) -> datetime.datetime | None:
    """When an event starts: its full `date`, else its day and `start` clock time.

    pentabarf wrote only `HH:MM`; a start earlier than the day's own start is
    then the next morning (a day that runs past midnight).
    """
    moment = parse_datetime(date_text)
    if moment is not None:
        return moment
    clock = parse_clock(start_text)
    if clock is None:
        return None
    date = parse_date(date_text) if date_text.strip() else None
    moment = datetime.datetime.combine(date or day_date, clock)
    if day_start is not None:
        moment = moment.replace(tzinfo=day_start.tzinfo)
        if date is None and clock < day_start.timetz().replace(tzinfo=None):
            moment += datetime.timedelta(days=1)
    return moment
