"""Every kind of page, in both languages, used in a real Chromium: the language
switch leads to the counterpart, the menu is tappable on a phone, and the
keyboard reaches every link with a visible focus."""

from __future__ import annotations

import pytest

from pelicanconf import SOSCONF_LANGUAGES

from .kinds import prefix_of
from .tools import PHONE

pytestmark = pytest.mark.browser

LANGS = list(SOSCONF_LANGUAGES)
HTML_LANG = {"zh": "zh-Hans"}
# The switch on a tag or category page leads to the other language's list of
# tags or categories: their names differ between the languages.
TAXONOMY_LIST = {"tag": "tags/", "category": "categories/"}


def other(lang: str) -> str:
    return next(code for code in LANGS if code != lang)


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
