"""A page per session: every session of the example edition but the breaks
has one in both languages, linked from the program, the speakers page and
the edition page, and named by the calendars, the schedule exports, the
JSON-LD and the sitemap; each offers a calendar file of its own.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from icalendar import Calendar
from sosconf.conference.data import load_edition
from support import read_html

from pelicanconf import SOSCONF_LANGUAGES

LANGS = list(SOSCONF_LANGUAGES)
PREFIX = {lang: SOSCONF_LANGUAGES[lang]["prefix"] for lang in LANGS}


@pytest.fixture(scope="module")
def example(example_site):
    edition, errors = load_edition(
        example_site.parent / "content/editions/2030.yml", example_site.parent / "content"
    )
    assert errors == []
    return edition


def own_page_sessions(edition) -> list:
    return [s for s in edition.program.sessions if s.kind != "break"]


def target(output, page_url: str, href: str):
    """The file a relative link on the page at `page_url` leads to, and its #fragment."""
    address = urlsplit(urljoin("http://site/" + page_url, href))
    path = address.path.lstrip("/")
    return output / (path + "index.html" if path.endswith("/") or not path else path), address.fragment


@pytest.mark.parametrize("lang", LANGS)
def test_every_session_but_the_breaks_has_a_page_linked_from_the_program(example_site, example, lang):
    program_url = f"{PREFIX[lang]}2030/program/"
    program = read_html(example_site, program_url)
    sessions = own_page_sessions(example)
    assert len(sessions) == 7
    for session in sessions:
        link = program.select_one(f"#session-{session.id} h3 a")
        page_file, _ = target(example_site, program_url, link["href"])
        assert page_file == example_site / f"{PREFIX[lang]}2030/program/{session.id}/index.html"
        page = read_html(example_site, f"{PREFIX[lang]}2030/program/{session.id}/")
        assert page.h1.get_text() == link.get_text()
        assert page.html["lang"].startswith(lang)
    # A break is a line of the program, not a page.
    assert program.select_one("#session-lunch h3 a") is None
    assert not (example_site / f"{PREFIX[lang]}2030/program/lunch").exists()


def test_a_session_page_says_when_where_what_and_who(example_site):
    url = "en/2030/program/kernel-in-a-term/"
    page = read_html(example_site, url)
    facts = {dt.get_text(): dt.find_next_sibling("dd") for dt in page.select("main dl dt")}
    when = facts["When"]
    assert [t["datetime"] for t in when.select("time")] == [
        "2030-08-24",
        "2030-08-24T10:00:00+08:00",
        "2030-08-24T10:40:00+08:00",
    ]
    assert "Asia/Shanghai, UTC+08:00" in when.get_text()
    assert facts["Room"].get_text() == "A101"
    track, _ = target(example_site, url, facts["Track"].a["href"])
    assert (
        facts["Track"].get_text() == "Systems"
        and track == example_site / "en/2030/program/track/systems/index.html"
    )
    assert facts["Kind"].get_text() == "Talk"
    assert facts["Language"].get_text() == "English"
    assert page.select_one(".session-abstract").get_text() == "From the boot loader to the scheduler."
    speaker = page.select_one("#session-speakers").find_parent("section")
    link = speaker.select_one(".person-name a")
    assert link.get_text() == "Ada Example"
    speakers_file, fragment = target(example_site, url, link["href"])
    assert fragment == "speaker-ada-example"
    assert read_html(example_site, "en/2030/speakers/").select_one(f"#{fragment}")
    assert speaker.select_one("img.photo")["src"]
    assert "Example University" in speaker.get_text()


def test_a_session_page_in_chinese_and_its_links(example_site):
    page = read_html(example_site, "2030/program/opening-keynote/")
    assert page.h1.get_text() == "开幕主题演讲：学生与开源"
    facts = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in page.select("main dl dt")}
    assert facts["会场"] == "学术报告厅" and facts["类型"] == "主题演讲"
    links = [a["href"] for a in page.select(".links a")]
    assert links == ["https://example.org/slides/opening.pdf"]
    assert page.select_one(".language-switch a")["href"].endswith("en/2030/program/opening-keynote/")


@pytest.mark.parametrize("lang", LANGS)
def test_each_session_page_offers_its_own_calendar(example_site, lang):
    url = f"{PREFIX[lang]}2030/program/first-patch/"
    page = read_html(example_site, url)
    link = page.select_one('a[type="text/calendar"]')
    file, _ = target(example_site, url, link["href"])
    calendar = Calendar.from_ical(file.read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == "session-2030-first-patch@sosconf.org"
    assert event.decoded("dtstart").isoformat() == "2030-08-25T09:30:00+08:00"
    assert str(event["URL"]).endswith("/" + url)
    # The same event as in the edition's calendar, so a calendar holding both counts it once.
    edition_calendar = next(example_site.glob(f"{PREFIX[lang]}2030/sosconf-2030.ics"), None) or (
        example_site / "2030/sosconf-2030.ics"
    )
    same = [
        e
        for e in Calendar.from_ical(edition_calendar.read_bytes()).walk("VEVENT")
        if e["UID"] == event["UID"]
    ]
    assert len(same) == 1 and same[0].to_ical() == event.to_ical()


def test_previous_and_next_are_in_the_same_room_and_skip_breaks(site):
    # 2020's talks had no room: one line of sessions, breaks aside.
    page = read_html(site, "en/2020/program/webp-server-go/")
    neighbours = page.select(".session-neighbours li a")
    assert [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in neighbours] == [
        "language-nobody-uses",
        "programming-better-life",
    ]
    first = read_html(site, "en/2020/program/opening/").select(".session-neighbours li")
    assert len(first) == 1 and "After" in first[0].get_text()


def test_the_link_preview_names_the_session_and_its_speakers(example_site):
    page = read_html(example_site, "en/2030/program/lightning-round/")
    assert page.select_one('meta[property="og:title"]')["content"].startswith("Lightning talks")
    description = page.select_one('meta[property="og:description"]')["content"]
    assert description.startswith("Sam Sample, Li Shili at Students Open Source Conference 2030 (example)")
    assert page.select_one('meta[property="og:image"]')["content"]


def test_session_pages_go_into_the_site_search_in_their_language(example_site):
    for lang in LANGS:
        page = read_html(example_site, f"{PREFIX[lang]}2030/program/supply-chain/")
        main = page.select_one("main")
        assert main.has_attr("data-pagefind-body") and main["data-search-group"] == "2030"
        assert not page.select_one('meta[name="robots"]')


def test_speakers_and_edition_pages_link_to_the_sessions(example_site):
    speakers = read_html(example_site, "en/2030/speakers/")
    hrefs = [a["href"] for a in speakers.select("#speaker-li-shili .speaker-sessions a")]
    assert [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs] == ["supply-chain", "lightning-round"]
    edition = read_html(example_site, "en/2030/")
    listed = [a["href"] for a in edition.select(".session-index a")]
    assert len(listed) == 7
    for href in listed:
        assert target(example_site, "en/2030/", href)[0].is_file(), href


def test_exports_json_ld_and_sitemap_point_at_the_session_pages(example_site):
    schedule = json.loads((example_site / "2030/schedule.json").read_text(encoding="utf-8"))
    events = [
        event
        for day in schedule["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for event in room
    ]
    urls = {event["slug"].removeprefix("sosconf2030-"): event["url"] for event in events}
    assert urls["kernel-in-a-term"].endswith("/2030/program/kernel-in-a-term/")
    assert urls["lunch"].endswith("/2030/program/#session-lunch")  # a break: its line in the program
    calendar = Calendar.from_ical((example_site / "2030/sosconf-2030.ics").read_bytes())
    session_urls = [str(e["URL"]) for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("session-")]
    assert any(u.endswith("/2030/program/first-patch/") for u in session_urls)
    script = read_html(example_site, "en/2030/").select_one('script[type="application/ld+json"]')
    sub_events = {e["name"]: e["url"] for e in json.loads(script.string)["subEvent"]}
    assert sub_events["A kernel in one term"].endswith("/en/2030/program/kernel-in-a-term/")
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>[^<]*?/((?:en/)?2030/program/[^<#]+)</loc>", sitemap))
    for session in ("kernel-in-a-term", "opening-keynote"):
        assert f"2030/program/{session}/" in listed and f"en/2030/program/{session}/" in listed
