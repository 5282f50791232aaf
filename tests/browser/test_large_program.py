"""A program of 150 sessions (tools/large_program.py: three days of five rooms
in parallel) in Chromium: what its page weighs, clashes in my agenda, and the
pages kept offline after a new build.  The site is published and served
with the compressed copies of its files, as a host sends them."""

from __future__ import annotations

import json
import shutil

import pytest
from sosconf.publish.compress import write_compressed_copies
from sosconf.publish.offline import write_offline_files
from support import CONTENT, ROOT, build_published

from pelicanconf import SOSCONF_LANGUAGES
from tools.large_program import edition_yaml

from .server import serve

pytestmark = pytest.mark.browser

PROGRAM_BUDGET = 120 * 1024  # a program page of 150 sessions, transferred, without images
LARGE_YEAR = 2031
LARGE_SESSIONS = 150

CURRENT = "els => els.map(e => e.getAttribute('data-session'))"


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    """The bundled content with an edition of 150 sessions, published, served with its compressed copies."""
    folder = tmp_path_factory.mktemp("large")
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    (content / "editions" / f"{LARGE_YEAR}.yml").write_text(
        edition_yaml(LARGE_YEAR, LARGE_SESSIONS), encoding="utf-8"
    )
    output = folder / "output"
    with serve(output, precompressed=True) as origin:
        # No check here opens the search page, nor asks for most of the files
        # the build would compress: the server compresses what is asked for.
        build_published(output, origin, content, search=False, SOSCONF_PRECOMPRESS=False)
        yield origin, output


def test_a_program_of_150_sessions_stays_within_its_weight(browser, large_site, artifacts):
    origin, output = large_site
    context = browser.new_context()
    page = context.new_page()
    sizes = {}

    def on_finished(request):
        if request.resource_type != "image":
            measured = request.sizes()
            sizes[request.url] = measured["responseBodySize"] + measured["responseHeadersSize"]

    page.on("requestfinished", on_finished)
    try:
        page.goto(f"{origin}/{LARGE_YEAR}/program/", wait_until="networkidle")
        assert page.locator("[data-session]").count() == LARGE_SESSIONS
        assert page.locator("button[data-star]").count() >= LARGE_SESSIONS - 3  # not the breaks
    finally:
        context.close()
    raw = (output / f"{LARGE_YEAR}/program/index.html").stat().st_size
    total = sum(sizes.values())
    (artifacts / "program-weight.json").write_text(
        json.dumps(
            {"sessions": LARGE_SESSIONS, "html_bytes": raw, "transferred": sizes, "total": total}, indent=2
        )
        + "\n"
    )
    assert total <= PROGRAM_BUDGET, sizes


def test_clashes_in_my_agenda_are_marked_and_each_room_shows_its_next(browser, large_site):
    origin, _ = large_site
    context = browser.new_context()
    page = context.new_page()
    try:
        # 10:05 on the first day: the keynote is over, five rooms start at 10:00.
        page.clock.set_fixed_time("2031-08-24T10:05:00+08:00")
        page.goto(f"{origin}/en/{LARGE_YEAR}/program/")
        assert len(page.eval_on_selector_all('[aria-current="time"]', CURRENT)) == 5
        # Next in each of the five rooms, and lunch, which is for everyone.
        rooms = page.evaluate(
            """() => {
                const data = JSON.parse(document.getElementById('conference-data').textContent);
                const room = Object.fromEntries(data.sessions.map(s => [new URL(s.url, new URL(data.root, location.href)).href, s.room]));
                return [...document.querySelectorAll('#now-on .now-item-next a')].map(a => room[a.href]);
            }"""
        )
        assert sorted(rooms) == sorted(["", "Lecture hall", "A101", "A102", "B201", "B202"])
        on_now = page.eval_on_selector_all('[aria-current="time"]', CURRENT)
        page.click(f'button[data-star="{on_now[0]}"]')
        page.click(f'button[data-star="{on_now[1]}"]')
        page.click("button[data-star] >> nth=-1")  # the last talk of the last day
        items = page.locator("#my-agenda .agenda-item")
        assert items.count() == 3
        assert page.locator("#my-agenda .agenda-clash").count() == 2
        assert page.locator("#my-agenda h3").count() == 2  # two days
        # One day per printed page.
        page.emulate_media(media="print")
        breaks = page.eval_on_selector_all(
            ".program-day", "els => els.map(e => getComputedStyle(e).breakBefore)"
        )
        assert breaks == ["auto", "page", "page"]
    finally:
        context.close()


def test_a_new_build_replaces_the_kept_files_and_removes_the_old_cache(browser, large_site):
    origin, output = large_site
    program = f"{origin}/en/{LARGE_YEAR}/program/"
    context = browser.new_context()
    page = context.new_page()

    def kept(url):
        return page.evaluate(
            """url => caches.keys().then(names => Promise.all(names.map(name =>
                caches.open(name).then(cache => cache.match(url)).then(found => found ? found.text() : null)
                .then(text => [name, text]))))""",
            url,
        )

    def wait_for(condition, what):
        for _ in range(600):
            if condition():
                return
            page.wait_for_timeout(50)
        pytest.fail(f"within 30 s: {what}")

    try:
        page.goto(program)
        wait_for(lambda: any(text for _, text in kept(program)), "the program is kept")
        (old_cache,) = [name for name, _ in kept(program)]
        # The next build changes the program page: a new worker, with a new cache.
        page_file = output / f"en/{LARGE_YEAR}/program/index.html"
        page_file.write_text(page_file.read_text(encoding="utf-8") + "<!-- rebuilt -->\n", encoding="utf-8")
        write_offline_files(
            output,
            {
                "THEME": str(ROOT / "themes" / "sosconf"),
                "SOSCONF_LANGUAGES": SOSCONF_LANGUAGES,
                "SITEURL": origin,
            },
        )
        # The server sends the compressed copies, as a host does: make them again too.
        for changed in [page_file, output / "sw.js", *output.rglob("offline.json")]:
            write_compressed_copies(changed)
        response = page.reload()
        assert "<!-- rebuilt -->" in response.text()  # online: the fresh page
        wait_for(
            lambda: (
                [(name == old_cache, "<!-- rebuilt -->" in (text or "")) for name, text in kept(program)]
                == [(False, True)]
            ),
            "the new build's cache alone keeps the new program",
        )
        context.set_offline(True)
        response = page.reload()
        assert response.from_service_worker and "<!-- rebuilt -->" in response.text()
    finally:
        context.close()
