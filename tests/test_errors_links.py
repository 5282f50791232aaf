"""Every link field of every data file takes only https: and mailto: (http:
where the settings allow it); openstreetmap only an openstreetmap.org address.
The fields are found in docs/example-edition.yml, which uses every key."""

from __future__ import annotations

import copy

import pytest
import yaml
from sosconf.conference.data import parse_contacts, parse_edition
from support import EXAMPLE_EDITION

LINK_KEYS = ("url", "live", "replay", "openstreetmap")
EXAMPLE = yaml.safe_load(EXAMPLE_EDITION.read_text(encoding="utf-8"))
REFUSED = [
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "ftp://files.example.org/",
    "//example.org/no-scheme",
    "https:/example.org",
    "https://sosconf.org@attacker.example/",
]


def link_places(data, place=()):
    """The place of every link in `data`, e.g. ("speakers", 0, "links", 0, "url")."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in LINK_KEYS and isinstance(value, str):
                yield place + (key,)
            yield from link_places(value, place + (key,))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from link_places(item, place + (index,))


PLACES = sorted(set(link_places(EXAMPLE)), key=str)


def with_link(place, url) -> str:
    data = copy.deepcopy(EXAMPLE)
    target = data
    for part in place[:-1]:
        target = target[part]
    target[place[-1]] = url
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_the_example_has_every_kind_of_link_field():
    kinds = {tuple(part for part in place if isinstance(part, str)) for place in PLACES}
    assert kinds >= {
        ("openstreetmap",),
        ("streams", "live"),
        ("streams", "replay"),
        ("calls", "url"),
        ("speakers", "links", "url"),
        ("program", "days", "sessions", "links", "url"),
        ("sponsors", "members", "url"),
        ("partners", "url"),
        ("teams", "members", "url"),
        ("channels", "url"),
    }


def test_the_example_edition_is_valid():
    edition, errors = parse_edition(EXAMPLE_EDITION.read_text(encoding="utf-8"), "editions/2030.yml")
    assert errors == [] and edition is not None


@pytest.mark.parametrize("url", REFUSED)
@pytest.mark.parametrize("place", PLACES, ids=lambda place: ".".join(map(str, place)))
def test_every_link_field_refuses_other_schemes(place, url):
    edition, errors = parse_edition(with_link(place, url), "editions/2030.yml")
    assert edition is None
    assert len(errors) == 1, errors
    assert errors[0].line is not None
    shown = ", ".join(f"item {part + 1}" if isinstance(part, int) else part for part in place)
    assert errors[0].message.startswith(shown + ": ")


@pytest.mark.parametrize("place", [p for p in PLACES if p[-1] != "openstreetmap"], ids=str)
def test_http_passes_only_where_the_settings_allow_it(place):
    text = with_link(place, "http://example.org/page")
    assert parse_edition(text, "editions/2030.yml")[0] is None
    edition, errors = parse_edition(text, "editions/2030.yml", allow_http=True)
    assert errors == [] and edition is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://maps.example.org/venue",
        "https://www.openstreetmap.org.example.org/",
        "http://www.openstreetmap.org/",
    ],
)
def test_openstreetmap_must_be_an_openstreetmap_address(url):
    for allow_http in (False, True):
        edition, errors = parse_edition(with_link(("openstreetmap",), url), "editions/2030.yml", allow_http)
        assert edition is None and len(errors) == 1


def test_contact_channels_refuse_other_schemes():
    for url in REFUSED:
        text = yaml.safe_dump({"channels": [{"name": "Somewhere", "url": url}]}, sort_keys=False)
        contacts, errors = parse_contacts(text, "contacts.yml")
        assert contacts is None and len(errors) == 1 and errors[0].line == 3, (url, errors)
