"""The pages an edition's conference details add (program, its filtered
views, speakers) and what the edition page shows of them.
"""

from __future__ import annotations

from sosconf.conference.calls import call_states
from sosconf.conference.exports.jsonld import edition_event, script_data
from sosconf.conference.exports.paths import calendar_path, schedule_paths, subscribe_url
from sosconf.conference.exports.session_calendars import session_calendar_path
from sosconf.conference.program import (
    filters,
    has_program,
    sessions_by_speaker,
    slots,
    speakers_by_id,
    time_zone,
    tracks_by_id,
    view,
)
from sosconf.conference.program_grid import day_table
from sosconf.site.editions import build_today, is_on, is_upcoming
from sosconf.urls import has_own_page, program_path, session_path, speakers_path


def _zone_label(edition, settings) -> str:
    """`Asia/Shanghai, UTC+08:00`: the zone's name and its offset during the edition."""
    zone = time_zone(edition, settings)
    found = slots(edition, settings)
    if not found:
        return zone.key
    offset = found[0].start.strftime("%z")
    return f"{zone.key}, UTC{offset[:3]}:{offset[3:]}"


def _shared(edition, settings) -> dict:
    calendar = calendar_path(edition, settings)
    return {
        "edition": edition,
        # This language's files: an English page links the English calendar and schedules.
        "calendar_file": calendar,
        "calendar_subscribe": subscribe_url(settings, calendar) if calendar else None,
        "schedule_files": schedule_paths(edition, settings),
        "has_program": has_program(edition),
        "tracks": tracks_by_id(edition),
        "speakers": speakers_by_id(edition),
        "session_path": session_path,
        "has_own_page": has_own_page,
    }


def _program_days(edition, settings, selected=None) -> list:
    """(day, its slots, its table) for the program page or one of its filtered views."""
    return [(day, day_slots, day_table(day_slots)) for day, day_slots in view(edition, settings, selected)]


def _neighbours(found: list, slot) -> tuple:
    """The sessions before and after `slot` in its room (no room counts as one), breaks aside."""
    same_room = [other for other in found if other.session.room == slot.session.room]
    here = same_room.index(slot)
    return (same_room[here - 1] if here else None, same_room[here + 1] if here + 1 < len(same_room) else None)


def session_pages(edition, settings):
    """(template, path, context) for the page of every session but the breaks."""
    shared = _shared(edition, settings)
    found = [slot for slot in slots(edition, settings) if has_own_page(slot.session)]
    zone_label = _zone_label(edition, settings)
    for slot in found:
        previous, following = _neighbours(found, slot)
        yield (
            "session",
            session_path(edition.year, slot.session),
            {
                **shared,
                "slot": slot,
                "previous": previous,
                "following": following,
                "zone_label": zone_label,
                "session_calendar": session_calendar_path(edition, slot.session, settings),
                "searchable": True,
            },
        )


def first_screen(edition, settings) -> dict:
    """What the first screen of the home and edition pages offers for `edition`.

    `moment`: "now" (on today), "next" (still to come), else "past"; `calls`:
    the open calls with an address to apply at; `take_part`: open calls
    without one, explained on the edition page; `live`: the live streams
    while the edition is on.
    """
    if edition is None:
        return {}
    today = build_today(settings)
    on_now = is_on(edition, today)
    upcoming = not on_now and is_upcoming(edition, today)
    still_open = [item for item in call_states(edition, today) if item.state in ("open", "closing")]
    return {
        "moment": "now" if on_now else "next" if upcoming else "past",
        "calls": [item for item in still_open if item.call.url],
        "take_part": any(not item.call.url for item in still_open),
        "live": [stream for stream in edition.streams if stream.live] if on_now else [],
        "program": has_program(edition),
    }


def _event_data(edition, settings):
    """The edition's schema.org Event for its page, or None (an edition without dates has none)."""
    event = edition_event(edition, settings, settings["DEFAULT_LANG"])
    return script_data(event) if event else None


def edition_context(edition, settings) -> dict:
    """What edition.html needs beyond the edition itself."""
    return {
        **_shared(edition, settings),
        "first_screen": first_screen(edition, settings),
        # Every session but the breaks, each linking to its page.
        "program_slots": [slot for slot in slots(edition, settings) if has_own_page(slot.session)],
        "program_days": len(edition.program.days) if edition.program else 0,
        "calls": call_states(edition, build_today(settings)),
        "event_jsonld": _event_data(edition, settings),
    }


def edition_pages(edition, settings):
    """(template, path, context) for every page an edition's details add.

    The program has one page with every session and, so that filtering works
    without JavaScript, one page per track and per kind.
    """
    shared = _shared(edition, settings)
    if has_program(edition):
        program = {
            **shared,
            "filters": filters(edition),
            "zone_label": _zone_label(edition, settings),
            "total_sessions": len(edition.program.sessions),
        }
        yield (
            "program",
            program_path(edition.year),
            # Each session is found in the site search by its own page, so the
            # program, which repeats them all, stays out of it like its filtered views.
            {**program, "selected": None, "days": _program_days(edition, settings)},
        )
        for options in program["filters"].values():
            for selected in options:
                yield (
                    "program",
                    program_path(edition.year, selected.path),
                    {
                        **program,
                        "selected": selected,
                        "days": _program_days(edition, settings, selected),
                        # A view of the full program: search engines should list that one.
                        "canonical_path": program_path(edition.year),
                    },
                )
        yield from session_pages(edition, settings)
    if edition.speakers:
        yield (
            "speakers",
            speakers_path(edition.year),
            {**shared, "speaker_sessions": sessions_by_speaker(edition, settings)},
        )
