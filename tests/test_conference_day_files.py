"""What the build gives the conference-day scripts: the data block of an
edition's pages, the web app manifests, the offline lists and the service
worker, and the weight of the theme's JavaScript.

Read from the bundled content with the example edition (2030: two days,
rooms, parallel sessions, speakers with photos, sponsors with logos).  The
browser side is in tests/browser/test_conference_day.py.
"""

from __future__ import annotations

import datetime
import gzip
import json
import re
import shutil

import pytest
from sosconf.publish import offline
from sosconf.publish.offline import PageReferences, cache_name, offline_lists
from support import read_html

from pelicanconf import SOSCONF_LANGUAGES

LANGS = list(SOSCONF_LANGUAGES)
JS_BUDGET = 15 * 1024  # every script of the theme and the service worker, gzipped


def prefix(lang: str) -> str:
    return SOSCONF_LANGUAGES[lang]["prefix"]


def data_block(site, path: str) -> dict | None:
    block = read_html(site, path).find("script", id="conference-data")
    return None if block is None else json.loads(block.string)


@pytest.mark.parametrize("lang", LANGS)
def test_the_program_page_carries_the_sessions_as_instants_at_the_venue(example_site, lang):
    data = data_block(example_site, prefix(lang) + "2030/program/")
    assert read_html(example_site, prefix(lang) + "2030/program/").find("script", id="conference-data")[
        "type"
    ] == ("application/json")
    sessions = {session["id"]: session for session in data["sessions"]}
    assert len(sessions) == 8
    keynote = sessions["opening-keynote"]
    assert (keynote["start"], keynote["end"]) == ("2030-08-24T09:00:00+08:00", "2030-08-24T09:45:00+08:00")
    assert keynote["url"] == prefix(lang) + "2030/program/opening-keynote/"
    assert keynote["room"] == {"zh": "学术报告厅", "en": "Lecture hall"}[lang]
    # A break has no page of its own: it leads to its line of the program.
    assert sessions["lunch"]["url"] == prefix(lang) + "2030/program/#session-lunch"
    assert data["zone"] == "Asia/Shanghai"
    assert [(day["from"], day["to"]) for day in data["days"]] == [
        ("2030-08-24T00:00:00+08:00", "2030-08-25T00:00:00+08:00"),
        ("2030-08-25T00:00:00+08:00", "2030-08-26T00:00:00+08:00"),
    ]
    assert data["streams"] == [
        {
            "name": {"zh": "示例直播平台", "en": "Example streaming site"}[lang],
            "url": "https://live.example.org/sosconf-2030",
        }
    ]
    assert data["uid"].replace("{id}", "lunch") == "session-2030-lunch@sosconf.org"
    # The instants are real: parsed, every session lies within its day.
    for session in data["sessions"]:
        start, end = (datetime.datetime.fromisoformat(session[key]) for key in ("start", "end"))
        assert start < end and start.utcoffset() == datetime.timedelta(hours=8)


def test_labels_are_in_the_page_language(example_site):
    assert data_block(example_site, "2030/program/")["labels"]["now"] == "进行中"
    assert data_block(example_site, "en/2030/program/")["labels"]["now"] == "Now"


def test_only_pages_of_an_edition_with_a_program_carry_the_data_and_the_scripts(example_site):
    with_data = ["2030/", "en/2030/program/", "en/2030/program/opening-keynote/"]
    for path in with_data:
        assert data_block(example_site, path)["edition"] == 2030, path
    # 2021 has no program: its page has no data block, no strip, no worker.
    page = read_html(example_site, "en/2021/")
    assert page.find("script", id="conference-data") is None
    assert page.find(id="now-on") is None
    assert not page.select('script[src*="offline"]')
    # The speakers page is kept offline but shows no session times.
    speakers = read_html(example_site, "en/2030/speakers/")
    assert speakers.find("script", id="conference-data") is None
    assert speakers.select_one('script[src*="offline"]')["data-list"].endswith("/en/2030/offline.json")


def test_every_session_but_a_break_has_a_hidden_star_and_an_element_to_mark(example_site):
    page = read_html(example_site, "en/2030/program/")
    marked = [element["data-session"] for element in page.select("[data-session]")]
    starred = [button["data-star"] for button in page.select("button[data-star]")]
    assert len(marked) == 8 and "lunch" in marked
    assert sorted(starred) == sorted(set(marked) - {"lunch"})
    for button in page.select("button[data-star]"):
        # Shown by agenda.js; without it nothing is there to press.
        assert button.has_attr("hidden") and button["aria-pressed"] == "false"
        assert button.get_text(strip=True).startswith("In my agenda: ")
    for hidden in ("now-on", "my-agenda"):
        assert page.find(id=hidden).has_attr("hidden")
    session_page = read_html(example_site, "en/2030/program/kernel-in-a-term/")
    assert session_page.select_one("[data-session]")["data-session"] == "kernel-in-a-term"
    assert session_page.select_one("button[data-star]")["data-star"] == "kernel-in-a-term"


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_a_web_app_manifest(example_site, lang):
    page = read_html(example_site, prefix(lang))
    link = page.find("link", rel="manifest")
    manifest_path = prefix(lang) + "manifest.webmanifest"
    assert link["href"].endswith(manifest_path)
    manifest = json.loads((example_site / manifest_path).read_text(encoding="utf-8"))
    assert manifest["name"] == page.find("title").get_text()
    assert manifest["short_name"] == "sosconf" and manifest["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["background_color"])
    # Addresses relative to the manifest: the language's home page, within the site.
    base = example_site / prefix(lang)
    assert (base / manifest["start_url"] / "index.html").resolve() == (
        example_site / prefix(lang) / "index.html"
    )
    assert (base / manifest["scope"]).resolve() == example_site.resolve()
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert (base / icon["src"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "maskable" in {icon["purpose"] for icon in manifest["icons"]}


@pytest.mark.parametrize("lang", LANGS)
def test_an_edition_lists_what_its_pages_need_offline_and_nothing_else(example_site, lang):
    listed = json.loads((example_site / prefix(lang) / "2030/offline.json").read_text(encoding="utf-8"))
    base = prefix(lang) + "2030/"
    pages = [path for path in listed if path.endswith("/") or not path]
    sessions = sorted(path.parent.name for path in (example_site / base / "program").glob("*/index.html"))
    assert pages == [
        prefix(lang),  # the web app's start page
        base,
        base + "program/",
        *(f"{base}program/{session}/" for session in sessions),
        base + "speakers/",
    ]
    assert "kernel-in-a-term" in sessions
    files = set(listed) - set(pages)
    assert {"theme/css/site.css", "theme/js/now.js", "theme/js/agenda.js", "theme/js/program.js"} <= files
    assert "assets/images/favicon.svg" in files  # speakers' photos and sponsors' logos
    assert prefix(lang) + "manifest.webmanifest" in files
    assert "theme/icons/icon-512.png" in files
    for path in listed:
        assert (example_site / (path + "index.html" if path.endswith("/") or not path else path)).is_file(), (
            path
        )
    # Not the filtered views, the search index or other pages, which the site has.
    assert list((example_site / base / "program").glob("track/*/index.html"))
    assert (example_site / "pagefind").is_dir() and (
        example_site / prefix(lang) / "news/index.html"
    ).is_file()
    assert not [path for path in listed if "/track/" in path or "/kind/" in path]
    assert not [path for path in listed if path.startswith(("pagefind/", "search/", "news/", "en/news/"))]
    assert not [path for path in listed if "2021/" in path]


def test_the_worker_is_named_after_the_listed_files_and_answers_for_the_editions(example_site, tmp_path):
    source = (example_site / "sw.js").read_text(encoding="utf-8")
    build = json.loads(re.search(r"^var BUILD = (.*);$", source, re.MULTILINE).group(1))
    # The editions with a program (the bundled 2020 and the example), in each language.
    assert build["folders"] == sorted(f"{prefix(lang)}{year}/" for lang in LANGS for year in (2020, 2030))
    assert sorted(build["files"]) == build["files"]
    assert not [path for path in build["files"] if path.startswith(("pagefind/", "search/", "news/"))]
    # The name follows what is listed: a change to a listed page is a new
    # cache, a change to a page nobody keeps offline is not.
    copy = tmp_path / "output"
    shutil.copytree(example_site, copy)
    settings = {"SOSCONF_LANGUAGES": SOSCONF_LANGUAGES, "SITEURL": "", "FEED_DOMAIN": "http://127.0.0.1:8000"}
    lists = offline_lists(copy, settings)
    worker = b"worker"
    name = cache_name(copy, lists, worker)
    assert build["cache"].startswith("sosconf-offline-") and name.startswith("sosconf-offline-")
    news = copy / "news" / "index.html"
    news.write_text(news.read_text(encoding="utf-8") + "<!-- changed -->", encoding="utf-8")
    assert cache_name(copy, offline_lists(copy, settings), worker) == name
    program = copy / "en/2030/program/index.html"
    program.write_text(program.read_text(encoding="utf-8") + "<!-- changed -->", encoding="utf-8")
    assert cache_name(copy, offline_lists(copy, settings), worker) != name


def test_the_offline_lists_read_again_only_the_pages_whose_bytes_changed(example_site, tmp_path, monkeypatch):
    copy = tmp_path / "output"
    shutil.copytree(example_site, copy)
    settings = {"SOSCONF_LANGUAGES": SOSCONF_LANGUAGES, "SITEURL": "", "FEED_DOMAIN": "http://127.0.0.1:8000"}
    record = tmp_path / "offline-pages.json"
    first = offline_lists(copy, settings, PageReferences(record))
    assert not record.exists()  # kept only when asked to
    references = PageReferences(record)
    assert offline_lists(copy, settings, references) == first
    references.save()
    parsed = []
    real = offline._references_in
    monkeypatch.setattr(offline, "_references_in", lambda text: parsed.append(text) or real(text))
    # The record read back: nothing parsed, the same lists.
    assert offline_lists(copy, settings, PageReferences(record)) == first
    assert parsed == []
    # A page that now loads one more picture is parsed again, and the list has it.
    program = copy / "en/2030/program/index.html"
    html = program.read_text(encoding="utf-8")
    assert "</main>" in html
    shutil.copy(copy / "theme" / "icons" / "icon-192.png", copy / "theme" / "added.png")
    program.write_text(
        html.replace("</main>", '<img src="/theme/added.png" alt=""></main>', 1), encoding="utf-8"
    )
    again = offline_lists(copy, settings, PageReferences(record))
    assert len(parsed) == 1 and "theme/added.png" in again["en/2030/offline.json"]
    assert "theme/added.png" not in first["en/2030/offline.json"]
    # A damaged record is read as none.
    record.write_text("{not json", encoding="utf-8")
    assert offline_lists(copy, settings, PageReferences(record)) == again


def test_the_theme_javascript_stays_within_its_budget(example_site):
    scripts = sorted((example_site / "theme" / "js").glob("*.js")) + [example_site / "sw.js"]
    sizes = {path.name: len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in scripts}
    assert {"now.js", "agenda.js", "offline.js", "program.js", "search.js", "sw.js"} <= set(sizes)
    assert sum(sizes.values()) <= JS_BUDGET, sizes
