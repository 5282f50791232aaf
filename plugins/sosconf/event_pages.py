"""The pages an edition's conference details add (program, its filtered
views, speakers) and what the edition page shows of them.
"""

from __future__ import annotations

from .calls import call_states
from .editions import build_today
from .exports import calendar_path, schedule_paths
from .jsonld import edition_event, script_data
from .program import (
    filters,
    has_program,
    sessions_by_speaker,
    slots,
    speakers_by_id,
    time_zone,
    tracks_by_id,
    view,
)


def _zone_label(edition, settings) -> str:
    """`Asia/Shanghai, UTC+08:00`: the zone's name and its offset during the edition."""
    zone = time_zone(edition, settings)
    found = slots(edition, settings)
    if not found:
        return zone.key
    offset = found[0].start.strftime("%z")
    return f"{zone.key}, UTC{offset[:3]}:{offset[3:]}"


def _shared(edition, settings) -> dict:
    return {
        "edition": edition,
        "calendar_file": calendar_path(edition),
        "schedule_files": schedule_paths(edition),
        "has_program": has_program(edition),
        "tracks": tracks_by_id(edition),
        "speakers": speakers_by_id(edition),
    }


def edition_context(edition, settings) -> dict:
    """What edition.html needs beyond the edition itself."""
    return {
        **_shared(edition, settings),
        "calls": call_states(edition, build_today(settings)),
        "event_jsonld": script_data(edition_event(edition, settings, settings["DEFAULT_LANG"])),
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
            f"{edition.year}/program/",
            # The whole program goes into the site search; the filtered views repeat it.
            {**program, "selected": None, "days": view(edition, settings), "searchable": True},
        )
        for options in program["filters"].values():
            for selected in options:
                yield (
                    "program",
                    f"{edition.year}/program/{selected.path}",
                    {**program, "selected": selected, "days": view(edition, settings, selected)},
                )
    if edition.speakers:
        yield (
            "speakers",
            f"{edition.year}/speakers/",
            {**shared, "speaker_sessions": sessions_by_speaker(edition, settings)},
        )
