"""Which calls to take part are open, judged on the day the site is built.

The site is rebuilt every day, so "closing soon" and "closed" stay right
without anyone editing the edition file.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

CLOSING_SOON_DAYS = 14


def N_(message: str) -> str:
    """Marks a message for the theme's catalogs (`make translations`); templates translate it."""
    return message


@dataclass(frozen=True)
class CallLabels:
    title: str  # the heading of the call
    action: str  # the link to apply, which says what the visitor does


# Every kind of call (schema_event.CALL_KINDS) and the words the edition page
# uses for it, in English; the catalogs hold the other languages.
LABELS = {
    "talks": CallLabels(N_("Call for talks"), N_("Submit a talk")),
    "volunteers": CallLabels(N_("Call for volunteers"), N_("Sign up as a volunteer")),
    "sponsors": CallLabels(N_("Call for sponsors"), N_("Become a sponsor")),
    "partners": CallLabels(N_("Call for partner communities"), N_("Join as a partner community")),
    "sub-venues": CallLabels(N_("Call for sub-venues"), N_("Host a sub-venue")),
    "registration": CallLabels(N_("Registration"), N_("Register")),
}


def shown_address(url: str) -> str:
    """Where to apply as a person reads it: the e-mail address, or the link without `https://`."""
    for scheme in ("mailto:", "https://", "http://"):
        if url.startswith(scheme):
            return url[len(scheme) :].rstrip("/")
    return url


# The order the edition page lists them in: what a visitor can still do first.
STATES = ("closing", "open", "upcoming", "closed")


@dataclass(frozen=True)
class CallState:
    call: object
    state: str  # one of STATES
    closes: datetime.date | None  # the last day, given or implied
    days_left: int | None  # for "closing": days until `closes` (0: today is the last day)

    @property
    def labels(self) -> CallLabels:
        return LABELS[self.call.kind]

    @property
    def address(self) -> str:
        return shown_address(self.call.url) if self.call.url else ""


def last_day(call, edition) -> datetime.date | None:
    """The given closing day; else the day before the edition starts; else its year's end."""
    if call.closes:
        return call.closes
    if edition.start:
        return edition.start - datetime.timedelta(days=1)
    return datetime.date(edition.year, 12, 31)


def state_of(call, edition, today: datetime.date) -> CallState:
    closes = last_day(call, edition)
    if edition.status in ("held", "cancelled") or today > closes:
        return CallState(call, "closed", closes, None)
    if call.opens and today < call.opens:
        return CallState(call, "upcoming", closes, None)
    left = (closes - today).days
    # Only a date the organizers wrote down is a deadline worth a warning.
    if call.closes and left <= CLOSING_SOON_DAYS:
        return CallState(call, "closing", closes, left)
    return CallState(call, "open", closes, None)


def call_states(edition, today: datetime.date) -> list[CallState]:
    states = [state_of(call, edition, today) for call in edition.calls]
    return sorted(states, key=lambda s: STATES.index(s.state))
