"""Every kind of page, in both languages, as laid out in a real Chromium: no
sideways scrolling on a phone, dark colours when the system asks for them, and
screenshots at both widths (test-artifacts/screenshots/)."""

from __future__ import annotations

import re
import struct

import pytest

from pelicanconf import SOSCONF_LANGUAGES

from .kinds import prefix_of
from .tools import DESKTOP, PHONE

pytestmark = pytest.mark.browser

LANGS = list(SOSCONF_LANGUAGES)


def kind_named(site_kinds, lang: str, name: str):
    return next(kind for kind in site_kinds.values() if kind.lang == lang and kind.name == name)


def test_page_does_not_scroll_sideways_on_a_phone(phone_tab, kind):
    tab = phone_tab
    tab.open(kind.path)
    widths = tab.page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"/{kind.path} is {widths[0]} px wide on a {widths[1]} px screen"


def _luminance(css_colour: str) -> float:
    red, green, blue = (int(v) / 255 for v in re.findall(r"\d+", css_colour)[:3])
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("lang", LANGS)
def test_dark_mode_follows_the_system_setting(open_tab, lang):
    colours = {}
    for scheme in ("light", "dark"):
        tab = open_tab(color_scheme=scheme)
        tab.open(prefix_of(lang), everything=False)
        colours[scheme] = tab.page.evaluate(
            "() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
        )
    (light_bg, light_fg), (dark_bg, dark_fg) = colours["light"], colours["dark"]
    assert _luminance(dark_bg) < _luminance(light_bg), colours
    assert _luminance(dark_fg) > _luminance(dark_bg), colours
    assert _luminance(light_fg) < _luminance(light_bg), colours


def _png_width(data: bytes) -> int:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", data[16:20])[0]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", ["home", "edition", "post"])
@pytest.mark.parametrize("lang", LANGS)
def test_screenshots_are_saved(desktop_tab, phone_tab, artifacts, site_kinds, lang, name, viewport):
    kind = kind_named(site_kinds, lang, name)
    phone = viewport is PHONE
    tab = phone_tab if phone else desktop_tab
    tab.open(kind.path)
    target = artifacts / "screenshots" / f"{kind.id}-{'phone' if phone else 'desktop'}.png"
    target.parent.mkdir(exist_ok=True)
    data = tab.page.screenshot(path=str(target), full_page=True)
    assert target.read_bytes() == data
    # A full-page picture as wide as the screen: nothing sticks out sideways.
    assert _png_width(data) == viewport["width"]
