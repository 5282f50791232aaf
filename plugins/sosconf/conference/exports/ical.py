"""iCalendar files: one per dated edition (the event and its sessions) and
one for the whole site (every dated edition), in each language of the site.

Two builds of the same content give the same bytes: UIDs come from years and
ids, and DTSTAMP, LAST-MODIFIED and SEQUENCE from the calendar history (see
sosconf.conference.exports.history), never from the clock.
"""

from __future__ import annotations

import datetime
import functools
from typing import TYPE_CHECKING

from sosconf.conference.exports.texts import organizer, text
from sosconf.conference.program import edition_hours, slots, speakers_by_id, time_zone
from sosconf.urls import edition_path, page_url, session_url

if TYPE_CHECKING:
    from icalendar import Calendar, Event

# icalendar is imported where a calendar is made: a rebuild that reuses every
# calendar (the exports are kept in the render cache) never needs it, and
# importing it took 30 ms of every build's start.

PRODID = "-//sosconf//sosconf-site//EN"
# UIDs must stay the same between preview and production builds and if the
# site ever moves, so they use this fixed name rather than SITEURL.
UID_DOMAIN = "sosconf.org"
# A planned edition may still move; a postponed one has no firm date yet.
STATUS = {"held": "CONFIRMED", "planned": "TENTATIVE", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}


def edition_uid(edition) -> str:
    return f"edition-{edition.year}@{UID_DOMAIN}"


def session_uid(edition, session) -> str:
    return f"session-{edition.year}-{session.id}@{UID_DOMAIN}"


def _location(edition, lang: str) -> str:
    if edition.address:
        return text(edition.address, lang)
    return ", ".join(text(part, lang) for part in (edition.venue, edition.city) if part)


def _organizer(settings, lang: str, address: str | None):
    """ORGANIZER: libical (GNOME Calendar, Evolution) refuses METHOD:PUBLISH events without one."""
    from icalendar import vCalAddress

    who = organizer(settings, lang)
    value = vCalAddress(address or who["url"])
    value.params["CN"] = who["name"]
    return value


def _edition_event(edition, settings, lang: str, address: str | None) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", edition_uid(edition))
    event.add("summary", text(edition.name, lang))
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
        event.add("description", text(edition.summary, lang))
    location = _location(edition, lang)
    if location:
        event.add("location", location)
    event.add("organizer", _organizer(settings, lang, address))
    event.add("url", page_url(settings, lang, edition_path(edition.year)))
    event.add("status", STATUS[edition.status])
    return event


def _session_event(edition, slot, settings, lang: str, address: str | None) -> Event:
    from icalendar import Event

    session = slot.session
    event = Event()
    event.add("uid", session_uid(edition, session))
    event.add("summary", text(session.title, lang))
    event.add("dtstart", slot.start)
    event.add("dtend", slot.end)
    speakers = speakers_by_id(edition)
    names = ", ".join(text(speakers[name].name, lang) for name in session.speakers)
    description = "\n\n".join(part for part in (text(session.abstract, lang), names) if part)
    if description:
        event.add("description", description)
    # A session without a room is held at the edition's place, in no room in particular.
    place = ", ".join(part for part in (text(session.room, lang), _location(edition, lang)) if part)
    if place:
        event.add("location", place)
    event.add("organizer", _organizer(settings, lang, address))
    event.add("categories", [session.kind] + ([session.track] if session.track else []))
    event.add("url", session_url(settings, lang, edition.year, session))
    event.add("status", STATUS[edition.status])
    return event


def edition_events(edition, settings, lang: str, address: str | None = None) -> list[Event]:
    """The edition and every session of its program, in `lang`, not yet stamped."""
    events = [_edition_event(edition, settings, lang, address)]
    events += [_session_event(edition, slot, settings, lang, address) for slot in slots(edition, settings)]
    return events


# Left out of the calendar history's digest: the address depends on where the
# site is published, and a preview build must not count as a change.
NOT_DIGESTED = ("URL",)


def content_of(event: Event) -> bytes:
    """What a calendar shows of `event`, for the calendar history's digest."""
    return b"".join(
        name.encode() + b":" + value.to_ical() + b"\n"
        for name, value in event.property_items(recursive=False)
        if name not in NOT_DIGESTED and name not in ("BEGIN", "END")
    )


def stamp(event: Event, sequence: int, modified: datetime.datetime) -> Event:
    """DTSTAMP and LAST-MODIFIED: when this version first appeared; SEQUENCE: how many came before."""
    event.add("dtstamp", modified)
    event.add("last-modified", modified)
    event.add("sequence", sequence)
    return event


@functools.cache
def _zone_definition(tzid: str, first: datetime.date, last: datetime.date):
    """A VTIMEZONE; working one out walks every transition, so each is made once per run."""
    from icalendar import Timezone

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


def calendar_file(name: str, description: str, events: list[Event], zone_name: str) -> bytes:
    from icalendar import Calendar

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


def edition_calendar(edition, events: list[Event], settings, lang: str) -> bytes:
    """An edition's calendar from its stamped `events`."""
    name = text(edition.name, lang)
    return calendar_file(name, text(edition.summary, lang) or name, events, time_zone(edition, settings).key)


def site_calendar(events: list[Event], settings, description: str) -> bytes:
    """Every dated edition's own event, oldest first."""
    return calendar_file("sosconf", description, events, settings.get("TIMEZONE") or "UTC")
