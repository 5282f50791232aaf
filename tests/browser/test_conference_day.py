"""On the conference days, in Chromium with its clock fixed: what is on now,
my agenda and its .ics, the pages kept offline and the printed program
(a program of 150 sessions: test_large_program.py).

The bundled 2020 edition is one day, 18 October 2020 in Asia/Shanghai, with a
live stream and no rooms.
"""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

from pelicanconf import SOSCONF_LANGUAGES

from .kinds import prefix_of
from .tools import CONTRAST, axe_violations, need_axe

pytestmark = pytest.mark.browser

LANGS = list(SOSCONF_LANGUAGES)
PROGRAM = "2020/program/"
# 10:30 at the venue: "WebP Server Go" (10:20-10:50) is on, then 10:50 is next.
DURING = "2020-10-18T10:30:00+08:00"
ON_NOW, NEXT = "webp-server-go", "programming-better-life"
DAY_BEFORE = "2020-10-17T10:30:00+08:00"
DAY_AFTER = "2020-10-19T10:30:00+08:00"
# Somewhere else than the venue: the marks follow the venue's clock all the same.
VISITOR_ZONE = "America/New_York"

CURRENT = "els => els.map(e => e.getAttribute('data-session'))"


def _open_at(open_tab, path: str, when: str | None, **options):
    tab = open_tab(timezone_id=VISITOR_ZONE, **options)
    if when:
        tab.page.clock.set_fixed_time(when)
    response = tab.open(path, everything=False)
    assert response.ok
    return tab


def _marked(page) -> dict:
    return {
        "current": page.eval_on_selector_all('[aria-current="time"]', CURRENT),
        "labels": page.eval_on_selector_all(".now-label", "els => els.map(e => e.textContent)"),
        "strip": page.is_visible("#now-on"),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_during_a_session_it_alone_is_marked_as_on_now(open_tab, lang):
    tab = _open_at(open_tab, prefix_of(lang) + PROGRAM, DURING)
    page = tab.page
    assert page.eval_on_selector_all('[aria-current="time"]', CURRENT) == [ON_NOW]
    now_cell = page.locator(f'[data-session="{ON_NOW}"]')
    assert now_cell.locator(".now-label-now").is_visible()
    assert page.locator(f'[data-session="{NEXT}"] .now-label-next').is_visible()
    # The strip says what is on and what is next, with the live stream.
    strip = page.locator("#now-on")
    assert strip.is_visible()
    assert strip.locator(".now-item-now a").get_attribute("href").endswith(f"/2020/program/{ON_NOW}/")
    assert strip.locator(".now-item-next a").get_attribute("href").endswith(f"/2020/program/{NEXT}/")
    assert "10:20" in strip.locator(".now-item-now").inner_text()  # the venue's clock
    assert strip.locator('a[href="https://live.bilibili.com/22566724"]').is_visible()
    assert tab.console_errors == [] and tab.failed == []


def test_the_marks_follow_the_clock(open_tab):
    tab = open_tab(timezone_id=VISITOR_ZONE)
    page = tab.page
    page.clock.install(time="2020-10-18T10:45:00+08:00")
    tab.open(PROGRAM, everything=False)
    assert page.eval_on_selector_all('[aria-current="time"]', CURRENT) == [ON_NOW]
    link = page.locator("#now-on .now-item-now a")
    link.focus()
    page.clock.run_for("01:00")  # a minute on, the same session: the strip is left as it is
    assert page.evaluate("() => document.activeElement.closest('#now-on') !== null")
    page.clock.run_for("10:00")  # 10:56: the next talk has begun
    assert page.eval_on_selector_all('[aria-current="time"]', CURRENT) == [NEXT]
    # "Now" on one session, "next" on the one after; nothing left on the one before.
    assert page.locator("[data-session] .now-label").count() == 2
    assert page.locator(f'[data-session="{ON_NOW}"] .now-label').count() == 0


@pytest.mark.parametrize("path", ["2020/", "en/2020/", f"2020/program/{ON_NOW}/"])
def test_the_edition_and_session_pages_show_what_is_on(open_tab, path):
    page = _open_at(open_tab, path, DURING).page
    strip = page.locator("#now-on")
    assert strip.is_visible()
    assert strip.locator(".now-item-now a").get_attribute("href").endswith(f"/2020/program/{ON_NOW}/")
    assert page.eval_on_selector_all('[aria-current="time"]', CURRENT) == [ON_NOW]


@pytest.mark.parametrize("path", [PROGRAM, "en/" + PROGRAM, f"en/2020/program/{ON_NOW}/", "2020/"])
def test_what_the_scripts_show_has_no_accessibility_violations(open_tab, path):
    """axe-core with the strip, the labels, pressed stars and my agenda on show, light and dark."""
    need_axe()
    # The pages forbid inline script: the injected axe runs with the policy bypassed.
    page = _open_at(open_tab, path, DURING, bypass_csp=True, with_axe=True).page
    for star in page.locator("button[data-star]").all()[:2]:
        star.click()
    assert page.is_visible("#now-on")
    found = {}
    for scheme, options in (("light", {"resultTypes": ["violations"]}), ("dark", CONTRAST)):
        page.emulate_media(color_scheme=scheme)
        found[scheme] = axe_violations(page, options)
    assert found == {"light": [], "dark": []}


@pytest.mark.parametrize("when", [DAY_BEFORE, DAY_AFTER], ids=["day-before", "day-after"])
@pytest.mark.parametrize("path", [PROGRAM, "en/2020/"])
def test_before_and_after_the_event_nothing_is_marked(open_tab, path, when):
    tab = _open_at(open_tab, path, when)
    assert _marked(tab.page) == {"current": [], "labels": [], "strip": False}
    # The page is otherwise the same: the program is there, the stars too.
    assert tab.page.locator("[data-session]").count() > 5
    assert tab.console_errors == []


def test_without_javascript_nothing_is_shown_that_could_be_false(open_tab):
    tab = open_tab(java_script_enabled=False)
    tab.open(PROGRAM, everything=False)
    page = tab.page
    assert page.locator("[data-session]").count() > 5
    assert page.locator("button[data-star]").count() > 5
    visible_stars = page.eval_on_selector_all(
        "button[data-star]", "els => els.filter(e => e.offsetParent).length"
    )
    assert visible_stars == 0
    assert _marked(page) == {"current": [], "labels": [], "strip": False}
    assert not page.is_visible("#my-agenda")


def test_a_starred_session_stays_starred_and_is_in_my_agenda(open_tab, live_site):
    tab = _open_at(open_tab, "en/" + PROGRAM, DAY_BEFORE)
    page = tab.page
    assert not page.is_visible("#my-agenda")
    for session in (NEXT, ON_NOW):
        star = page.locator(f'button[data-star="{session}"]')
        assert star.get_attribute("aria-pressed") == "false"
        star.focus()
        page.keyboard.press("Enter")  # reachable and usable by keyboard
        assert star.get_attribute("aria-pressed") == "true"
    page.reload()
    pressed = page.eval_on_selector_all(
        'button[data-star][aria-pressed="true"]', "els => els.map(e => e.dataset.star)"
    )
    assert sorted(pressed) == sorted([ON_NOW, NEXT])
    agenda = page.locator("#my-agenda")
    assert agenda.is_visible()
    # In time order, whatever order they were starred in.
    links = agenda.locator(".agenda-item a").evaluate_all("els => els.map(e => e.href)")
    assert links == [live_site.url(f"en/2020/program/{ON_NOW}/"), live_site.url(f"en/2020/program/{NEXT}/")]
    assert agenda.locator(".agenda-clash").count() == 0
    # The same edition in the other language and on a session page: the same stars.
    tab.open(f"2020/program/{NEXT}/", everything=False)
    assert page.get_attribute(f'button[data-star="{NEXT}"]', "aria-pressed") == "true"
    page.click(f'button[data-star="{NEXT}"]')
    tab.open(PROGRAM, everything=False)
    pressed = page.eval_on_selector_all(
        'button[data-star][aria-pressed="true"]', "els => els.map(e => e.dataset.star)"
    )
    assert pressed == [ON_NOW]
    assert tab.console_errors == []


def _site_calendar(live_site, page) -> dict:
    """The edition's own calendar file, linked from the program: UID -> event."""
    href = page.get_attribute('a[type="text/calendar"]', "href")
    path = href.removeprefix(live_site.origin + "/")
    calendar = icalendar.Calendar.from_ical((live_site.output / path).read_bytes())
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


@pytest.mark.parametrize("lang", LANGS)
def test_my_agenda_downloads_as_an_ics_that_calendars_read(open_tab, live_site, lang):
    tab = _open_at(open_tab, prefix_of(lang) + PROGRAM, DAY_BEFORE)
    page = tab.page
    for session in (ON_NOW, "opening"):
        page.click(f'button[data-star="{session}"]')
    with page.expect_download() as download:
        page.click("#my-agenda .agenda-download")
    assert download.value.suggested_filename == "sosconf-2020-my-agenda.ics"
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    events = calendar.walk("VEVENT")
    site = _site_calendar(live_site, page)
    assert [str(event["uid"]) for event in events] == [
        "session-2020-opening@sosconf.org",
        f"session-2020-{ON_NOW}@sosconf.org",
    ]
    for event in events:
        # The same session as in the site's own calendar file, at the same instants.
        same = site[str(event["uid"])]
        assert event.decoded("dtstart") == same.decoded("dtstart")
        assert event.decoded("dtend") == same.decoded("dtend")
        assert (
            str(event["summary"])
            == page.locator(f'[data-session="{str(event["uid"]).split("-", 2)[2].split("@")[0]}"] h3')
            .inner_text()
            .strip()
        )
        assert str(event["url"]).startswith(live_site.url(prefix_of(lang) + "2020/program/"))


def test_after_one_visit_the_program_and_a_session_page_open_offline(open_tab, live_site):
    tab = open_tab()
    page = tab.page
    tab.open("en/" + PROGRAM, everything=False)
    session_page = live_site.url(f"en/2020/program/{ON_NOW}/")
    # The worker keeps the edition's files in the background.
    for _ in range(600):
        if page.evaluate("url => caches.match(url).then(Boolean)", session_page):
            break
        page.wait_for_timeout(50)
    else:
        pytest.fail("the service worker did not keep the session page within 30 s")
    page.context.set_offline(True)
    try:
        response = page.reload()
        assert response.from_service_worker
        assert page.locator("h1").inner_text()
        assert page.locator("[data-session]").count() > 5
        # The theme's files came from the cache too: the page is styled.
        assert page.evaluate("() => getComputedStyle(document.body).margin") == "0px"
        response = page.goto(session_page)
        assert response.from_service_worker and response.ok
        assert page.locator("[data-session]").get_attribute("data-session") == ON_NOW
        response = page.goto(live_site.url("en/2020/speakers/"))
        assert response.from_service_worker and response.ok
    finally:
        page.context.set_offline(False)
    # Nothing else was kept: no other page, not the search index.
    kept = page.evaluate(
        "() => caches.keys().then(names => Promise.all(names.map(name => caches.open(name)"
        ".then(cache => cache.keys())))).then(lists => lists.flat().map(request => request.url))"
    )
    paths = {url.removeprefix(live_site.origin + "/") for url in kept}
    assert {"en/2020/program/", f"en/2020/program/{ON_NOW}/", "en/2020/speakers/", "en/"} <= paths
    assert not [path for path in paths if path.startswith(("pagefind/", "news/", "en/news/", "en/search"))]
    assert not [path for path in paths if path.startswith("2020/")]  # only the language opened


def test_the_printed_program_is_black_on_white_without_navigation(open_tab):
    tab = open_tab()
    tab.open(PROGRAM, everything=False)
    page = tab.page
    assert page.is_visible("header nav")
    page.emulate_media(media="print")
    for hidden in ("header nav", ".site-search", ".site-footer", ".program-filters", "button[data-star]"):
        assert not page.is_visible(hidden), hidden
    assert page.is_visible(".program-day")
    colours = page.evaluate(
        "() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    assert page.pdf()[:4] == b"%PDF"
