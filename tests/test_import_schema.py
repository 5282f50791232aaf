"""What the edition file learned for imported programs: times past 24:00 for
the night after a conference day, and any BCP 47 code as a session's
language."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from sosconf.conference.data import parse_edition
from sosconf.conference.program import day_bounds, slots

EDITION = """\
year: 2031
name: Nachtprogramm
status: planned
start: 2031-03-29
end: 2031-03-29
timezone: Europe/Berlin
program:
  days:
    - date: 2031-03-29
      start: "20:00"
      end: "{day_end}"
      sessions:
        - id: late-show
          title: Late show
          start: "{start}"
          end: "{end}"
          language: {language}
"""


def edition(start="23:30", end="25:15", day_end="28:00", language="de"):
    text = EDITION.format(start=start, end=end, day_end=day_end, language=language)
    return parse_edition(text, "editions/2031.yml")


def test_a_session_past_midnight_is_at_its_true_time_on_its_conference_day():
    found, errors = edition()
    assert errors == []
    (slot,) = slots(found, {"TIMEZONE": "Asia/Shanghai"})
    assert str(slot.day.date) == "2031-03-29"
    # The clocks go forward at 02:00 that night: 01:15 is still winter time.
    assert slot.start == datetime.datetime(2031, 3, 29, 23, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert slot.end.isoformat() == "2031-03-30T01:15:00+01:00"
    opens, closes = day_bounds(found, found.program.days[0], {})
    assert (opens.isoformat(), closes.isoformat()) == (
        "2031-03-29T20:00:00+01:00",
        "2031-03-30T04:00:00+02:00",
    )


def test_a_session_starting_after_midnight():
    found, errors = edition(start="25:00", end="26:30")
    assert errors == []
    (slot,) = slots(found, {})
    assert slot.start.isoformat() == "2031-03-30T01:00:00+01:00"
    assert slot.start.strftime("%H:%M") == "01:00"


@pytest.mark.parametrize(
    ("times", "message"),
    [
        (("23:30", "00:30"), "`end` (00:30) is not after `start` (23:30)"),
        (("23:30", "49:00"), '"49:00" is not a time of day'),
        (("21:00", "29:00"), "the session ends at 29:00, after the day closes (28:00)"),
    ],
)
def test_times_that_cannot_be(times, message):
    _, errors = edition(*times)
    assert len(errors) == 1 and message in errors[0].message
    if "not after" in message:
        assert "go on counting, e.g. 24:30" in errors[0].fix


@pytest.mark.parametrize(
    ("written", "read"), [("de", "de"), ("pt-br", "pt-BR"), ("zh-hant-tw", "zh-Hant-TW"), ("gsw", "gsw")]
)
def test_a_session_language_is_any_bcp_47_code(written, read):
    found, errors = edition(language=written)
    assert errors == []
    assert found.program.sessions[0].language == read


@pytest.mark.parametrize("written", ["Deutsch", "de_DE!", "d"])
def test_a_language_that_is_no_code_is_refused(written):
    _, errors = edition(language=written)
    assert len(errors) == 1
    assert "is not a language code" in errors[0].message and "BCP 47" in errors[0].fix
