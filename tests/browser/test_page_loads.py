"""Every kind of page, in both languages, loading in a real Chromium: no error,
no failed request, nothing from another host but pictures in posts, the home
page within its weight, and the site search finding posts."""

from __future__ import annotations

import json
import re

import pytest

from pelicanconf import SOSCONF_LANGUAGES

from .kinds import prefix_of

pytestmark = pytest.mark.browser

LANGS = list(SOSCONF_LANGUAGES)
HOME_BUDGET = 60 * 1024  # bytes, images excluded
POST_URL = re.compile(r"/news/(?!page/)[^/]+/(#.*)?$")
SEARCH_WORDS = {"zh": "年会", "en": "conference"}


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


def test_requests_to_other_hosts_are_caught_and_the_sites_own_are_not(desktop_tab, live_site):
    """The control for the check above: the browser hands this process every other host's request.

    A picture, since the site's content security policy lets nothing else leave for another host.
    """
    tab = desktop_tab
    tab.open("")
    own = tab.page.evaluate("() => document.querySelector('link[rel~=\"icon\"]').href")
    assert live_site.is_own(own)
    loaded = tab.page.evaluate(
        """async urls => Promise.all(urls.map(url => new Promise(done => {
            const image = new Image();
            image.onload = () => done(image.naturalWidth);
            image.onerror = () => done('failed');
            image.src = url;
        })))""",
        ["https://elsewhere.example/picture.png", own],
    )
    assert tab.external == [("https://elsewhere.example/picture.png", "image")]
    assert loaded[0] == 1, "the placeholder answered for the other host"
    assert loaded[1] != "failed"


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
