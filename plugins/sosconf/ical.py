"""iCalendar files: one per dated edition (the event and its sessions) and
one for the whole site (every dated edition).

Two builds of the same content give the same bytes: UIDs come from years and
ids, DTSTAMP from the edition's dates, and nothing reads the clock.
"""

from __future__ import annotations

import datetime
import functools

from icalendar import Calendar, Event, Timezone

from .program import edition_hours, main_language, slots, speakers_by_id, time_zone
from .urls import page_url, session_url

PRODID = "-//sosconf//sosconf-site//EN"
# UIDs must stay the same between preview and production builds and if the
# site ever moves, so they use this fixed name rather than SITEURL.
UID_DOMAIN = "sosconf.org"
STATUS = {"held": "CONFIRMED", "planned": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}


def _text(value, lang: str) -> str:
    return value.get(lang) if value is not None else ""


def _stamp(edition) -> datetime.datetime:
    """DTSTAMP from the data: the edition's first day, midnight UTC."""
    return datetime.datetime.combine(edition.start, datetime.time(0, 0), tzinfo=datetime.UTC)


def _location(edition, lang: str) -> str:
    if edition.address:
        return _text(edition.address, lang)
    return ", ".join(_text(part, lang) for part in (edition.venue, edition.city) if part)


def _edition_event(edition, settings) -> Event:
    lang = main_language(edition, settings)
    event = Event()
    event.add("uid", f"edition-{edition.year}@{UID_DOMAIN}")
    event.add("dtstamp", _stamp(edition))
    event.add("summary", _text(edition.name, lang))
    hours = edition_hours(edition, settings)
    # A one-day edition with known hours is shown from opening to closing;
    # longer ones as whole days, so calendars do not draw one block across nights.
    if hours and hours[0].date() == hours[1].date():
        event.add("dtstart", hours[0])
        event.add("dtend", hours[1])
    else:
        # Whole days: DTEND is the day after the last one (RFC 5545).
        event.add("dtstart", edition.start)
        event.add("dtend", (edition.end or edition.start) + datetime.timedelta(days=1))
    if edition.summary:
        event.add("description", _text(edition.summary, lang))
    location = _location(edition, lang)
    if location:
        event.add("location", location)
    event.add("url", page_url(settings, lang, f"{edition.year}/"))
    event.add("status", STATUS[edition.status])
    return event


def _session_event(edition, slot, settings) -> Event:
    lang = main_language(edition, settings)
    session = slot.session
    event = Event()
    event.add("uid", f"session-{edition.year}-{session.id}@{UID_DOMAIN}")
    event.add("dtstamp", _stamp(edition))
    event.add("summary", _text(session.title, lang))
    event.add("dtstart", slot.start)
    event.add("dtend", slot.end)
    speakers = speakers_by_id(edition)
    names = ", ".join(_text(speakers[name].name, lang) for name in session.speakers)
    description = "\n\n".join(part for part in (_text(session.abstract, lang), names) if part)
    if description:
        event.add("description", description)
    place = ", ".join(part for part in (_text(session.room, lang), _location(edition, lang)) if part)
    if place:
        event.add("location", place)
    event.add("categories", [session.kind] + ([session.track] if session.track else []))
    event.add("url", session_url(settings, lang, edition.year, session))
    event.add("status", STATUS[edition.status])
    return event


@functools.cache
def _zone_definition(tzid: str, first: datetime.date, last: datetime.date):
    """A VTIMEZONE; working one out walks every transition, so each is made once per run."""
    try:
        return Timezone.from_tzid(tzid, first_date=first, last_date=last)
    except ValueError:  # a zone icalendar does not know goes without a definition
        return None


def _add_zone_definitions(calendar: Calendar, first: datetime.date, last: datetime.date) -> None:
    """Like Calendar.add_missing_timezones, in a fixed order and with the definitions reused."""
    definitions = [_zone_definition(tzid, first, last) for tzid in sorted(calendar.get_missing_tzids())]
    calendar.subcomponents[len(calendar.timezones) : len(calendar.timezones)] = [
        d for d in definitions if d is not None
    ]


def _calendar(name: str, description: str, events: list[Event], zone_name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", zone_name)
    # Programs change until the last day: ask subscribers to look daily.
    calendar.add("refresh-interval", datetime.timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    for event in events:
        calendar.add_component(event)
    years = [event.decoded("dtstart").year for event in events]
    if years:
        # Time zone definitions only as long as the events need, so the file stays small.
        _add_zone_definitions(calendar, datetime.date(min(years), 1, 1), datetime.date(max(years) + 2, 1, 1))
    return calendar.to_ical()


def edition_calendar(edition, settings) -> bytes:
    """The edition and every session of its program."""
    lang = main_language(edition, settings)
    events = [_edition_event(edition, settings)]
    events += [_session_event(edition, slot, settings) for slot in slots(edition, settings)]
    name = _text(edition.name, lang)
    return _calendar(name, _text(edition.summary, lang) or name, events, time_zone(edition, settings).key)


def site_calendar(editions, settings) -> bytes:
    """Every edition that has dates, oldest first."""
    dated = sorted((e for e in editions if e.start), key=lambda e: e.start)
    events = [_edition_event(edition, settings) for edition in dated]
    return _calendar(
        "sosconf",
        "Students Open Source Conference: every edition with dates",
        events,
        settings.get("TIMEZONE") or "UTC",
    )
