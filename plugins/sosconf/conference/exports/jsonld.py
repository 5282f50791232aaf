"""schema.org Event data for an edition page, so search engines can show the
conference with its dates, place and program.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from sosconf.conference.program import edition_hours, slots, speakers_by_id
from sosconf.urls import edition_path, file_url, page_url, session_url

SCHEMA = "https://schema.org/"
EVENT_STATUS = {
    "planned": "EventScheduled",
    "held": "EventScheduled",
    "postponed": "EventPostponed",
    "cancelled": "EventCancelled",
}
ATTENDANCE = {
    "offline": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}


def _place(edition, text) -> dict | None:
    if edition.attendance == "online" or not (edition.venue or edition.city or edition.address):
        return None
    place = {"@type": "Place", "name": text(edition.venue) or text(edition.city)}
    address = {"@type": "PostalAddress"}
    if edition.address:
        address["streetAddress"] = text(edition.address)
    if edition.city:
        address["addressLocality"] = text(edition.city)
    if len(address) > 1:
        place["address"] = address
    if edition.openstreetmap:
        place["hasMap"] = edition.openstreetmap
    return place


def _virtual_location(edition) -> dict | None:
    if edition.attendance not in ("online", "hybrid"):
        return None
    for stream in edition.streams:
        return {"@type": "VirtualLocation", "url": stream.live or stream.replay}
    return None


def _dates(edition, settings) -> dict:
    hours = edition_hours(edition, settings)
    if hours:
        return {"startDate": hours[0].isoformat(), "endDate": hours[1].isoformat()}
    if edition.start:
        return {"startDate": edition.start.isoformat(), "endDate": (edition.end or edition.start).isoformat()}
    return {}


def _sub_event(edition, slot, text, settings, lang) -> dict:
    session = slot.session
    speakers = speakers_by_id(edition)
    event = {
        "@type": "Event",
        "name": text(session.title),
        "startDate": slot.start.isoformat(),
        "endDate": slot.end.isoformat(),
        "url": session_url(settings, lang, edition.year, session),
        "eventStatus": SCHEMA + EVENT_STATUS[edition.status],
    }
    if session.abstract:
        event["description"] = text(session.abstract)
    if session.room:
        event["location"] = {"@type": "Place", "name": text(session.room)}
    else:
        # No room of its own: held where the edition is, for everyone.
        location = _location(edition, text)
        if location:
            event["location"] = location
    if session.speakers:
        event["performer"] = [
            {"@type": "Person", "name": text(speakers[name].name)} for name in session.speakers
        ]
    return event


def _location(edition, text):
    locations = [place for place in (_place(edition, text), _virtual_location(edition)) if place]
    return locations[0] if len(locations) == 1 else locations or None


def edition_event(edition, settings, lang: str) -> dict | None:
    """The Event for `edition`, its texts in `lang` (the other language where one is missing).

    None for an edition without dates: search engines require an Event's startDate.
    """
    if not edition.start:
        return None

    def text(value):
        return value.get(lang) if value is not None else ""

    event = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": text(edition.name),
        "url": page_url(settings, lang, edition_path(edition.year)),
        **_dates(edition, settings),
        "eventStatus": SCHEMA + EVENT_STATUS[edition.status],
    }
    if edition.attendance:
        event["eventAttendanceMode"] = SCHEMA + ATTENDANCE[edition.attendance]
    location = _location(edition, text)
    if location:
        event["location"] = location
    if edition.summary:
        event["description"] = text(edition.summary)
    image = edition.image or settings.get("SOSCONF_DEFAULT_IMAGE")
    if image:
        event["image"] = [file_url(settings, image)]
    if edition.language:
        event["inLanguage"] = edition.language
    event["organizer"] = {
        "@type": "Organization",
        "name": settings.get("SITENAME", "sosconf"),
        "url": page_url(settings, lang),
    }
    sub_events = [_sub_event(edition, slot, text, settings, lang) for slot in slots(edition, settings)]
    if sub_events:
        event["subEvent"] = sub_events
    return event


def script_data(data: dict) -> Markup:
    """JSON for a <script type="application/ld+json"> block.

    `<`, `>` and `&` are escaped, so no text in the data can end the block.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
