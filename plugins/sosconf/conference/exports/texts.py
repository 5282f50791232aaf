"""What every export (calendar, frab schedule, JSON-LD) says the same way:
texts in the file's language, the room of a session that has none, and who
organizes the conference.
"""

from __future__ import annotations

from sosconf.conference.localized import Localized
from sosconf.urls import page_url


def text(value, lang: str) -> str:
    """`value` in `lang`, else in the other language; "" when there is none."""
    return Localized.of(value).get(lang) if value is not None else ""


def all_rooms(settings, lang: str) -> str:
    """The room of a session held for everyone at once, in `lang` (SOSCONF_ALL_ROOMS).

    Conference apps put every session in a room; a session without one is
    placed here rather than in a room it is not in.
    """
    return text(settings.get("SOSCONF_ALL_ROOMS") or "All rooms", lang)


def organizer(settings, lang: str) -> dict:
    """The organizer named in calendars and JSON-LD: the site's name, its home page and address."""
    return {
        "name": settings.get("SITENAME") or "sosconf",
        "url": page_url(settings, lang),
        "email": settings.get("SOSCONF_ORGANIZER_EMAIL"),
    }
