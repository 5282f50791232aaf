"""What the XML and the JSON reader share: turning one event's fields into an
Event, with the errors that stop an import."""

from __future__ import annotations

import datetime

from sosconf.importer.errors import ScheduleError
from sosconf.importer.model import Event, Place
from sosconf.importer.times import event_start, parse_datetime, parse_duration

EXPORT_AGAIN = "correct it in the schedule system (pretalx, frab) and export the schedule again"


def event_from(fields: dict, place: Place, day_date: datetime.date, day_start) -> Event:
    """An Event from the text of its fields (`title`, `date`, `start`, `duration`, `end`...)."""
    title = fields.get("title", "").strip()
    if not title:
        raise ScheduleError(place.path, "the event has no title", EXPORT_AGAIN, place.line, place.element)
    start = event_start(fields.get("date", ""), fields.get("start", ""), day_date, day_start)
    if start is None:
        raise ScheduleError(
            place.path,
            f'the event "{title}" has no start (neither a `date` with its time nor a `start`)',
            EXPORT_AGAIN,
            place.line,
            place.element,
        )
    end = parse_datetime(fields.get("end", ""))
    duration = parse_duration(fields.get("duration", ""))
    if end is not None and (end.tzinfo is None) == (start.tzinfo is None):
        duration = end - start
    if duration is None or duration <= datetime.timedelta(0):
        shown = fields.get("duration") or fields.get("end") or "nothing"
        raise ScheduleError(
            place.path,
            f'the event "{title}" has no length (`duration` is {shown!r})',
            "give it a duration such as 00:30; " + EXPORT_AGAIN,
            place.line,
            place.element,
        )
    return Event(
        place=place,
        title=title,
        start=start,
        duration=duration,
        room=fields.get("room", "").strip(),
        guid=fields.get("guid") or None,
        number=fields.get("id") or None,
        code=fields.get("code") or None,
        slug=fields.get("slug", "").strip(),
        url=fields.get("url", "").strip(),
        subtitle=fields.get("subtitle", "").strip(),
        track=fields.get("track", "").strip(),
        type=fields.get("type", "").strip(),
        language=fields.get("language", "").strip(),
        abstract=fields.get("abstract", ""),
        description=fields.get("description", ""),
    )
