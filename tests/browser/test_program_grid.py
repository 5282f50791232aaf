"""The program's table in a real Chromium: a grid of rooms and times at
1280 px, a list at 375 px, from the same HTML; its headers, its filters, and
screenshots of it, a session page, the home page and an edition page at both
widths (test-artifacts/).

The site is the bundled content plus the example edition (two rooms at
once on its first day), served locally; nothing is requested from another host.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from .server import serve
from .tools import DESKTOP, PHONE, axe_violations, give_axe, need_axe, refuse_other_hosts

pytestmark = pytest.mark.browser

PROGRAM = "en/2030/program/"
SCREENSHOTS = {
    "program-grid": PROGRAM,
    "session-page": "en/2030/program/kernel-in-a-term/",
    "home": "",
    "edition": "2030/",
}


@pytest.fixture(scope="module")
def origin(example_site):
    with serve(example_site) as address:
        yield address


@contextmanager
def opened(browser, origin, path, viewport, with_axe: bool = False, **options):
    context = browser.new_context(viewport=viewport, **options)
    if with_axe:
        give_axe(context)
    refuse_other_hosts(context, origin)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{origin}/{path}")
    try:
        yield page
    finally:
        context.close()
    assert errors == []


def box(page, session_id: str) -> dict:
    return page.locator(f"#session-{session_id}").bounding_box()


def test_parallel_sessions_sit_side_by_side_on_a_laptop(browser, origin):
    with opened(browser, origin, PROGRAM, DESKTOP) as page:
        kernel, supply = box(page, "kernel-in-a-term"), box(page, "supply-chain")
        assert abs(kernel["y"] - supply["y"]) < 1
        assert supply["x"] >= kernel["x"] + kernel["width"] - 1
        # The plenary keynote spans both rooms' columns; a longer session is taller.
        keynote = box(page, "opening-keynote")
        assert (
            keynote["x"] <= kernel["x"] + 1
            and keynote["x"] + keynote["width"] >= supply["x"] + supply["width"] - 1
        )
        assert keynote["y"] + keynote["height"] <= kernel["y"]
        lunch = box(page, "lunch")  # 90 minutes against the talks' 40
        assert lunch["height"] > kernel["height"] * 1.5
        # Room names head the columns, above their sessions.
        a102 = page.get_by_role("columnheader", name="A102").bounding_box()
        assert a102["x"] <= supply["x"] + 1 < a102["x"] + a102["width"]


def test_parallel_sessions_sit_one_above_the_other_on_a_phone(browser, origin):
    with opened(browser, origin, PROGRAM, PHONE, is_mobile=True, has_touch=True) as page:
        kernel, supply = box(page, "kernel-in-a-term"), box(page, "supply-chain")
        assert supply["y"] >= kernel["y"] + kernel["height"] - 1
        assert abs(kernel["x"] - supply["x"]) < 1
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_rooms_and_times_are_headers_to_assistive_technology(browser, origin, viewport):
    need_axe()
    with opened(browser, origin, PROGRAM, viewport, with_axe=True, bypass_csp=True) as page:
        for room in ("A101", "A102", "Maker space", "B201"):
            assert page.get_by_role("columnheader", name=room).count() == 1
        row = page.get_by_role("row").filter(has=page.locator("#session-kernel-in-a-term"))
        assert row.get_by_role("rowheader").inner_text() == "10:00"
        assert row.get_by_role("cell").count() == 2
        assert axe_violations(page) == []


def test_a_filter_leaves_the_other_sessions_in_their_rooms(browser, origin):
    with opened(browser, origin, PROGRAM, DESKTOP) as page:

        def where() -> tuple:
            supply, keynote = box(page, "supply-chain"), box(page, "opening-keynote")
            return supply["x"], supply["width"], supply["y"] - keynote["y"]

        before = where()
        page.click('a[data-filter="track"][data-value="security"]')
        assert page.locator("#session-kernel-in-a-term").is_hidden()
        assert page.locator("#session-supply-chain").is_visible()
        # The status line above the program may push it down, not aside.
        assert where() == before


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_at_phone_and_desktop_widths(browser, origin, artifacts, scheme):
    folder = artifacts / "screenshots"
    folder.mkdir(exist_ok=True)
    for name, path in SCREENSHOTS.items():
        for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            with opened(browser, origin, path, viewport, color_scheme=scheme) as page:
                assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], (
                    name,
                    width,
                )
                target = folder / f"{name}-{width}-{scheme}.png"
                page.screenshot(path=str(target), full_page=True)
                assert target.stat().st_size > 0
