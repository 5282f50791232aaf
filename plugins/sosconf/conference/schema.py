"""The edition and contact file formats: the one source of truth.

Validation, the organizers' reference (docs/content.md) and the editor schema
(schema/edition.schema.json) all come from these models.  Field descriptions
are written for organizers: they end up in the reference as they are.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from sosconf.conference.schema_event import (
    ATTENDANCE_MODES,
    Call,
    OpenStreetMapUrl,
    Organization,
    Program,
    Speaker,
    SponsorTier,
    Stream,
    Team,
    TimeZoneName,
    cross_reference_errors,
    raise_all,
)
from sosconf.conference.schema_fields import STATUSES, Date, SafeUrl, SiteLanguage, Strict, Text, fail


class Channel(Strict):
    """A way to reach the organizers: a link, a number to look up, or both."""

    name: Text = Field(description="What the channel is, e.g. `Telegram` or `{zh: QQ 群, en: QQ group}`.")
    url: SafeUrl | None = Field(
        None, description="Its address: `https://...` or `mailto:...`. Other schemes are refused."
    )
    value: str | None = Field(
        None,
        description='What to show when there is no link, e.g. a QQ group number (quote it: `"932119765"`).',
    )

    @field_validator("value", mode="before")
    @classmethod
    def _number_as_text(cls, value):
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @model_validator(mode="after")
    def _url_or_value(self):
        if not self.url and not self.value:
            raise fail(
                f'the channel "{self.name}" has neither `url` nor `value`',
                "add `url: https://...` or `value: ...` to it",
                at="name",
            )
        return self


def _no_duplicate_channels(channels: list[Channel]) -> list[Channel]:
    seen: dict[str, int] = {}
    for index, channel in enumerate(channels):
        key = channel.url or channel.value
        if key in seen:
            raise fail(
                f'the channel "{key}" is listed twice (items {seen[key] + 1} and {index + 1})',
                "remove one of them",
                at=index,
            )
        seen[key] = index
    return channels


class Contacts(Strict):
    """`content/contacts.yml`: the channels shown on every page."""

    channels: list[Channel] = Field(
        default_factory=list, description="The site-wide channels, in display order."
    )

    @field_validator("channels")
    @classmethod
    def _unique_channels(cls, channels):
        return _no_duplicate_channels(channels)


class Edition(Strict):
    """`content/editions/YYYY.yml`: one conference, one file named after its year."""

    year: int = Field(description="The year; the file must be named after it (`2022.yml`).", ge=2000, le=2200)
    ordinal: int | None = Field(
        None,
        ge=0,
        description="The edition's number, shown on its page as Edition N. Editions are counted, not years, "
        "from the 2018 forerunner, which is 0 (2019 is 1, 2021 is 3); each edition is one more than "
        "the edition before it, a cancelled one included. `make check` refuses a number used twice or "
        "one not greater than an earlier edition's.",
    )
    series: Text | None = Field(
        None, description="The edition's name in a series of its own, e.g. `SOSCONF.zh 2021`."
    )
    name: Text = Field(description="The conference's full name for this year.")
    status: Literal[STATUSES] = Field(
        description="planned, postponed, cancelled or held. Postponed and cancelled editions carry a banner."
    )
    city: Text | None = Field(None, description="The host city.")
    venue: Text | None = Field(None, description="The host university or building.")
    when: Text | None = Field(
        None, description="Free text while the dates are not fixed, e.g. `{zh: 10 月中旬, en: mid-October}`."
    )
    start: Date | None = Field(None, description="First day, `YYYY-MM-DD`, once it is fixed.")
    end: Date | None = Field(None, description="Last day, `YYYY-MM-DD`; the same as `start` for one day.")
    language: SiteLanguage | None = Field(
        None, description="The event's main language: one of the site's languages, e.g. `zh`."
    )
    summary: Text | None = Field(None, description="One to three sentences about this edition.")
    image: str | None = Field(
        None,
        description="A picture for social previews, a path inside `content/`, e.g. `assets/images/2021.png`.",
    )
    channels: list[Channel] = Field(
        default_factory=list,
        description="This edition's own channels, in the same form as in `contacts.yml`.",
    )
    timezone: TimeZoneName | None = Field(
        None,
        description="The time zone of the venue, e.g. `America/Los_Angeles`; program times are read in it. "
        "Default: the site's (Asia/Shanghai).",
    )
    attendance: Literal[ATTENDANCE_MODES] | None = Field(
        None, description="offline (on site only), online (streamed only) or hybrid (both)."
    )
    address: Text | None = Field(None, description="The venue's postal address, for visitors and maps.")
    openstreetmap: OpenStreetMapUrl | None = Field(
        None, description="A link to the venue on https://www.openstreetmap.org (the site embeds no map)."
    )
    directions: Text | None = Field(
        None, description="How to get there: metro, bus, which gate and building."
    )
    streams: list[Stream] = Field(
        default_factory=list,
        description="Where to watch online: each with a `name` and a `live` and/or `replay` link.",
    )
    format: Text | None = Field(
        None,
        description="How the edition is organized, in a few sentences, e.g. while no program is published.",
    )
    highlights: list[Text] = Field(
        default_factory=list, description="What stands out this year, one short line each."
    )
    topics: list[Text] = Field(
        default_factory=list, description="The fields the talks cover, one short line each."
    )
    calls: list[Call] = Field(
        default_factory=list,
        description="Calls to take part (talks, volunteers, sponsors, partners, sub-venues, registration); "
        "the edition page shows each as open, closing soon or closed.",
    )
    program: Program | None = Field(
        None,
        description="The schedule: `tracks` and `days` with their `sessions`. Gives the program page and the exports.",
    )
    speakers: list[Speaker] = Field(
        default_factory=list, description="The speakers, in display order; gives the speakers page."
    )
    sponsors: list[SponsorTier] = Field(
        default_factory=list, description="The sponsors, grouped by `tier`, highest tier first."
    )
    partners: list[Organization] = Field(default_factory=list, description="The partner communities.")
    teams: list[Team] = Field(default_factory=list, description="The organizers and the volunteers' teams.")

    @field_validator("channels")
    @classmethod
    def _unique_channels(cls, channels):
        return _no_duplicate_channels(channels)

    @model_validator(mode="after")
    def _parts_agree(self):
        raise_all(cross_reference_errors(self), self)
        return self

    @model_validator(mode="after")
    def _end_after_start(self):
        if self.start and self.end and self.end < self.start:
            raise fail(
                f"`end` ({self.end}) is before `start` ({self.start})",
                "swap them, or correct the one that is wrong",
                at="end",
            )
        if self.end and not self.start:
            raise fail("`end` is given without `start`", "add `start: YYYY-MM-DD`", at="end")
        return self
