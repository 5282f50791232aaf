"""Which calls to take part are open, judged on the day the site is built.

The site is rebuilt every day, so "closing soon" and "closed" stay right
without anyone editing the edition file.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

CLOSING_SOON_DAYS = 14

# The order the edition page lists them in: what a visitor can still do first.
STATES = ("closing", "open", "upcoming", "closed")


@dataclass(frozen=True)
class CallState:
    call: object
    state: str  # one of STATES
    closes: datetime.date | None  # the last day, given or implied
    days_left: int | None  # for "closing": days until `closes` (0: today is the last day)


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
