"""Read calendar files the way GNOME Calendar and Evolution do, through libical.

Run with the system Python (Debian: python3-gi, gir1.2-ical-3.0): prints, as
JSON, for each file given, the errors libical finds (its restriction checks
for the file's METHOD) and the events as it read them.
"""

import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402

# Texts as libical decodes them; the other properties in their iCalendar form.
TEXTS = ("uid", "summary", "description", "location")
PROPERTIES = {
    "organizer": ICalGLib.PropertyKind.ORGANIZER_PROPERTY,
    "status": ICalGLib.PropertyKind.STATUS_PROPERTY,
    "sequence": ICalGLib.PropertyKind.SEQUENCE_PROPERTY,
    "dtstamp": ICalGLib.PropertyKind.DTSTAMP_PROPERTY,
    "last-modified": ICalGLib.PropertyKind.LASTMODIFIED_PROPERTY,
    "dtstart": ICalGLib.PropertyKind.DTSTART_PROPERTY,
    "url": ICalGLib.PropertyKind.URL_PROPERTY,
}


def errors_of(component) -> list[str]:
    """Every X-LIC-ERROR libical attached anywhere in `component`."""
    found = []
    prop = component.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        found.append(prop.get_xlicerror())
        prop = component.get_next_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    child = component.get_first_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    while child is not None:
        found.extend(errors_of(child))
        child = component.get_next_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    return found


def read(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        calendar = ICalGLib.Component.new_from_string(handle.read())
    if calendar is None:
        return {"errors": ["libical could not parse the file"], "events": []}
    calendar.check_restrictions()
    events = []
    event = calendar.get_first_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    while event is not None:
        values = {name: getattr(event, f"get_{name}")() for name in TEXTS}
        for name, kind in PROPERTIES.items():
            prop = event.get_first_property(kind)
            if prop is not None:
                values[name] = prop.get_value_as_string()
        events.append(values)
        event = calendar.get_next_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    return {"errors": errors_of(calendar), "events": events}


if __name__ == "__main__":
    json.dump({path: read(path) for path in sys.argv[1:]}, sys.stdout, ensure_ascii=False, indent=1)
