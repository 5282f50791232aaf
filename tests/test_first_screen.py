"""The first screen of the home and edition pages: the edition to come (or
on, or the latest), when and where, its status first if it moved or was
cancelled, and its actions from the data: open calls, the program, the live
stream while it is on; the editions page's cards.
"""

from __future__ import annotations

import shutil

import pytest
from support import CONTENT, EXAMPLE_EDITION, build, read_html


def actions(page) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"]) for a in page.select(".first-screen-actions a")]


def test_the_home_page_opens_on_the_next_edition(site):
    # The build's day is 2021-09-20: 2021 is still to come, its calls open without an address.
    home = read_html(site, "en/")
    screen = home.select_one("main > .first-screen")
    assert screen.select_one(".first-screen-kicker").get_text(strip=True) == "Next edition · SOSCONF.zh 2021"
    assert screen.h1.get_text(strip=True) == "Students Open Source Conference 2021"
    assert home.select("h1") == [screen.h1]
    facts = [span.get_text(strip=True) for span in screen.select(".first-screen-facts > span")]
    assert facts == [
        "mid-October 2021",
        "Shenzhen",
        "Southern University of Science and Technology (SUSTech)",
    ]
    labels = [label for label, _ in actions(home)]
    assert labels == ["Take part", "About this edition"]
    assert actions(home)[0][1].endswith("en/2021/#take-part")
    assert read_html(site, "en/2021/").select_one("#take-part")
    zh = read_html(site, "").select_one(".first-screen-kicker").get_text(strip=True)
    assert zh.startswith("下一届")


def test_an_edition_page_offers_its_open_calls_and_its_program(example_site):
    page = read_html(example_site, "en/2030/")
    screen = page.select_one(".first-screen")
    assert screen.h1.get_text(strip=True) == "Students Open Source Conference 2030 (example)"
    assert actions(page) == [
        ("Submit a talk", "https://cfp.example.org/sosconf-2030"),  # closing soon: first
        ("Sign up as a volunteer", "mailto:volunteers@example.org"),
        ("Host a sub-venue", "https://example.org/sub-venues"),
        ("Register", "https://example.org/register"),
        ("Program", "../../en/2030/program/"),
    ]
    banner = screen.select_one("img.first-screen-image")
    assert banner["src"].endswith("assets/images/sosconf-social.png")
    assert (banner["width"], banner["height"], banner["alt"]) == ("1200", "630", "")
    # A past edition's screen says what it was and offers its program.
    held = read_html(example_site, "en/2020/").select_one(".first-screen")
    assert held.select_one(".first-screen-kicker").get_text(strip=True) == "Held · SOSCONF.zh 2020"
    assert [a.get_text() for a in held.select(".first-screen-actions a")] == ["Program"]


@pytest.fixture(scope="module")
def on_the_day(tmp_path_factory):
    """The example edition built on its first day, and 2021 marked postponed."""
    folder = tmp_path_factory.mktemp("on-the-day")
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    shutil.copy(EXAMPLE_EDITION, content / "editions/2030.yml")
    path = content / "editions/2021.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: planned", "status: postponed"), "utf-8")
    return build(content, folder / "output", SOSCONF_TODAY="2030-08-24").output


def test_while_the_edition_is_on_the_first_screen_offers_the_live_stream(on_the_day):
    home = read_html(on_the_day, "en/")
    assert home.select_one(".first-screen-kicker").get_text(strip=True).startswith("On now")
    first = home.select_one(".first-screen-actions a")
    assert (first.get_text(strip=True), first["href"]) == (
        "Watch live: Example streaming site",
        "https://live.example.org/sosconf-2030",
    )


def test_a_postponed_edition_says_so_first(on_the_day):
    screen = read_html(on_the_day, "en/2021/").select_one(".first-screen")
    first = screen.find(True)
    assert "banner-postponed" in first["class"] and first["role"] == "status"
    assert "postponed" in first.get_text()


def test_the_editions_page_shows_cards_with_year_place_and_picture(example_site):
    page = read_html(example_site, "en/editions/")
    cards = page.select(".edition-card")
    assert [card.select_one(".edition-card-year").get_text() for card in cards] == [
        "2030",
        "2021",
        "2020",
        "2019",
        "2018",
    ]
    assert cards[0].select_one("img.edition-card-image")["loading"] == "lazy"
    assert "Chengdu" in cards[2].get_text() and "Qingshuihe campus" in cards[2].get_text()
