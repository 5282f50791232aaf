"""Every kind of page, in both languages, in a real Chromium."""

from __future__ import annotations

import json
import re
import struct

import pytest

from pelicanconf import SOSCONF_LANGUAGES

from .kinds import prefix_of
from .tools import DESKTOP, PHONE

pytestmark = pytest.mark.browser

LANGS = list(SOSCONF_LANGUAGES)
HTML_LANG = {"zh": "zh-Hans"}
# The switch on a tag or category page leads to the other language's list of
# tags or categories: their names differ between the languages.
TAXONOMY_LIST = {"tag": "tags/", "category": "categories/"}
HOME_BUDGET = 60 * 1024  # bytes, images excluded
POST_URL = re.compile(r"/news/(?!page/)[^/]+/(#.*)?$")
SEARCH_WORDS = {"zh": "年会", "en": "conference"}


def other(lang: str) -> str:
    return next(code for code in LANGS if code != lang)


def kind_named(site_kinds, lang: str, name: str):
    return next(kind for kind in site_kinds.values() if kind.lang == lang and kind.name == name)


@pytest.fixture(scope="session")
def page_weights(artifacts):
    """Bytes each page kind transfers, written to test-artifacts/page-weights.json."""
    weights = {}
    yield weights
    (artifacts / "page-weights.json").write_text(json.dumps(weights, indent=2, sort_keys=True) + "\n")


def test_page_loads_without_console_errors_or_failed_requests(desktop_tab, kind, page_weights):
    tab = desktop_tab
    response = tab.open(kind.path)
    assert response.ok, f"{kind.path}: HTTP {response.status}"
    assert tab.console_errors == []
    assert tab.failed == []
    page_weights[kind.id] = {
        "path": "/" + kind.path,
        "total": sum(tab.transferred.values()),
        "without_images": sum(size for type_, size in tab.transferred.items() if type_ != "image"),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_stays_within_its_weight_budget(desktop_tab, lang):
    tab = desktop_tab
    tab.open(prefix_of(lang))
    without_images = {type_: size for type_, size in tab.transferred.items() if type_ != "image"}
    assert "document" in without_images and "stylesheet" in without_images
    assert sum(without_images.values()) <= HOME_BUDGET, without_images


def test_no_page_requests_another_host_but_pictures_in_post_bodies(desktop_tab, live_site):
    """Only what authors embed in a post may come from another host.

    The theme itself loads nothing from other hosts (fonts, scripts, styles,
    pictures are all the site's own).  A post's author may embed pictures from
    another site, as the 2019 announcement does; those are kept as written,
    lazy and sized so they cost nothing until read and never shift the page.
    Here no request leaves the machine: each is recorded and answered with a
    placeholder picture (anything but a picture is refused), then traced back
    to the element that asked for it.
    """
    tab = desktop_tab
    wrong = []
    embedded_seen = 0
    for page in live_site.pages():
        tab.open(page.path)
        requested = [url for url, _ in tab.external]
        wrong += [f"/{page.path}: {type_} {url}" for url, type_ in tab.external if type_ != "image"]
        askers = tab.page.evaluate(
            """urls => urls.map(url => [...document.images]
                .filter(image => image.currentSrc === url || image.src === url)
                .map(image => ({
                    inPostBody: image.closest('.post-body') !== null,
                    lazy: image.loading === 'lazy',
                    sized: image.hasAttribute('width') && image.hasAttribute('height'),
                })))""",
            requested,
        )
        for url, elements in zip(requested, askers):
            if not elements or not all(e["inPostBody"] and e["lazy"] and e["sized"] for e in elements):
                wrong.append(f"/{page.path}: {url} is not a lazy, sized picture in a post body")
        embedded = tab.page.evaluate(
            "() => [...document.querySelectorAll('.post-body img')].map(image => image.src)"
        )
        embedded = [url for url in embedded if not live_site.is_own(url)]
        assert set(embedded) <= set(requested), f"/{page.path}: embedded pictures were not seen"
        embedded_seen += len(embedded)
    assert wrong == []
    # The bundled 2019 announcement embeds pictures from another host: the
    # rule above was really exercised.
    assert embedded_seen > 0


def expected_counterpart(kind, output) -> str:
    """The page the switch leads to: the same page in the other language, where it exists.

    A tag or category page's counterpart is the other language's page of the
    same tag, which exists only when a post in that language has it; without
    one the switch leads to the list of them.
    """
    target = other(kind.lang)
    same = prefix_of(target) + kind.page.rest
    file = output / (same + "index.html" if same.endswith("/") or not same else same)
    if kind.name != "404" and file.is_file():
        return same
    if kind.name in TAXONOMY_LIST:
        return prefix_of(target) + TAXONOMY_LIST[kind.name]
    return prefix_of(target)


def test_language_switch_leads_to_the_counterpart(desktop_tab, live_site, kind):
    target = other(kind.lang)
    tab = desktop_tab
    tab.open(kind.path, everything=False)
    switch = tab.page.locator(f'header a[hreflang="{target}"]')
    assert switch.count() == 1
    with tab.page.expect_navigation():
        switch.click()
    assert tab.page.url == live_site.url(expected_counterpart(kind, live_site.output))
    assert tab.page.locator("html").get_attribute("lang") == HTML_LANG.get(target, target)


@pytest.mark.parametrize("lang", LANGS)
def test_menu_links_are_visible_and_tappable_on_a_phone(phone_tab, lang):
    tab = phone_tab
    tab.open(prefix_of(lang), everything=False)
    links = tab.page.locator("header nav a")
    hrefs = [links.nth(i).evaluate("a => a.href") for i in range(links.count())]
    assert len(hrefs) >= 4
    for i, href in enumerate(hrefs):
        link = links.nth(i)
        assert link.is_visible(), href
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"{href} sticks out: {box}"
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (
            f"{href} is below the fold: {box}"
        )
        assert box["width"] >= 24 and box["height"] >= 24, f"{href} is too small to tap: {box}"
        on_top = tab.page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y)?.closest('a')?.href",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert on_top == href, f"{href} is covered by {on_top}"
    for i, href in enumerate(hrefs):
        tab.open(prefix_of(lang), everything=False)
        with tab.page.expect_navigation():
            tab.page.locator("header nav a").nth(i).tap()
        assert tab.page.url == href


def test_page_does_not_scroll_sideways_on_a_phone(phone_tab, kind):
    tab = phone_tab
    tab.open(kind.path)
    widths = tab.page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"/{kind.path} is {widths[0]} px wide on a {widths[1]} px screen"


KEYBOARD_STEP = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
        index: element.dataset.keyboardIndex ?? null,
        what: element.outerHTML.slice(0, 80),
        ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
            || style.boxShadow !== 'none',
        inView: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
            && box.top < innerHeight && box.left < innerWidth,
    };
}"""


def test_keyboard_reaches_every_link_with_a_visible_focus(desktop_tab, kind):
    tab = desktop_tab
    tab.open(kind.path, everything=False)
    count, focusable = tab.page.evaluate(
        """() => {
            const links = [...document.querySelectorAll('a[href]')]
                .filter(a => a.getClientRects().length > 0 && getComputedStyle(a).visibility !== 'hidden');
            links.forEach((a, i) => { a.dataset.keyboardIndex = String(i); });
            const others = document.querySelectorAll(
                'button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]');
            return [links.length, links.length + others.length];
        }"""
    )
    reached, unseen = [], []
    for _ in range(focusable + 2):
        tab.page.keyboard.press("Tab")
        step = tab.page.evaluate(KEYBOARD_STEP)
        if step is None or (reached and step["index"] == reached[0]):
            break
        if step["index"] is not None:
            reached.append(step["index"])
        if not (step["ring"] and step["inView"]):
            unseen.append(step)
    assert reached == [str(i) for i in range(count)], "Tab skips links or goes out of order"
    assert unseen == [], "focused but not visibly so"


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


def _search_pages(live_site, lang):
    """The search page first, then any other page with a search field."""
    pages = [
        page
        for page in live_site.pages()
        if page.lang == lang
        and re.search(r"<input[^>]+type=\"?search", page.file.read_text(encoding="utf-8"))
    ]
    return sorted(pages, key=lambda page: page.rest != "search/")


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_posts(open_tab, live_site, lang):
    pages = _search_pages(live_site, lang)
    if not pages:
        pytest.skip("this build has no search page")
    tab = open_tab()
    tab.open(pages[0].path, everything=False)
    # What the page still loads after its `load` event (its icon) comes in
    # first: a search that leaves the page would abort it, and a request the
    # check aborted is not one the site failed.
    tab.page.wait_for_load_state("networkidle")
    pattern = json.dumps(POST_URL.pattern)
    count_posts = f"() => [...document.querySelectorAll('a[href]')].filter(a => new RegExp({pattern}).test(a.href)).length"
    before = tab.page.evaluate(count_posts)
    field = tab.page.locator('input[type="search"]').first
    field.fill(SEARCH_WORDS[lang])
    field.press("Enter")
    tab.page.wait_for_load_state("load")
    tab.page.wait_for_function(f"() => ({count_posts})() > {before}")
    assert tab.console_errors == []
    assert tab.failed == []


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
