"""The site these checks look at, the server that serves it and the browser.

The browser checks read a build made with the production settings
(publishconf.py: absolute links, as published), its address being the local
server's, so that what is checked is what is published, run on this machine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support import CONTENT, ROOT, build_once, build_published

from .kinds import KIND_IDS, Kind, Page, html_pages, page_kinds
from .server import serve
from .tools import DESKTOP, PHONE, chromium_browser, give_axe

ARTIFACTS = ROOT / "test-artifacts"
# A 1x1 transparent PNG: the answer to a picture requested from another host,
# so a page lays out as it would online without anything leaving the machine.
PLACEHOLDER_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def pytest_generate_tests(metafunc):
    # Named from the static list, so that collecting (or deselecting) these
    # checks builds nothing; the `kind` fixture finds each page in the site.
    if "kind" in metafunc.fixturenames:
        metafunc.parametrize("kind", KIND_IDS, indirect=True)


@pytest.fixture(scope="session")
def site_kinds(live_site) -> dict[str, Kind]:
    """The page kinds of the published site, by id, the largest page of each."""
    return {kind.id: kind for kind in page_kinds(live_site.output)}


@pytest.fixture
def kind(request, site_kinds) -> Kind:
    assert request.param in site_kinds, (
        f"the site has no page of kind {request.param}: take it out of BUNDLED_KINDS"
    )
    return site_kinds[request.param]


@dataclass(frozen=True)
class LiveSite:
    origin: str
    output: Path

    def url(self, path: str) -> str:
        return f"{self.origin}/{path}"

    def pages(self) -> list[Page]:
        return html_pages(self.output)

    @property
    def elsewhere(self) -> re.Pattern:
        """The addresses not on this site, for the browser to match before it asks this process."""
        return re.compile(rf"^(?!{re.escape(self.origin)}/|data:|blob:)")

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("data", "blob") or f"{parts.scheme}://{parts.netloc}" == self.origin


@pytest.fixture(scope="session")
def live_site(tmp_path_factory) -> Iterator[LiveSite]:
    """The published build, served on 127.0.0.1 for the whole session.

    Built once for all the workers of a test run: the first to get here serves
    the folder on a free port and builds the site for that address; the others
    serve the same folder on the same port, each in its own process (the port
    is shared: see `serve`).  Should the port be taken in between, a worker
    builds a site of its own.
    """
    with ExitStack() as servers:
        made_here = []

        def make(folder: Path) -> None:
            origin = servers.enter_context(serve(folder / "output", shared=True))
            build_published(folder / "output", origin)
            (folder / "origin").write_text(origin, encoding="utf-8")
            made_here.append(origin)

        folder = build_once(tmp_path_factory, "published", make, CONTENT)
        origin = (folder / "origin").read_text(encoding="utf-8")
        if not made_here:
            try:
                servers.enter_context(serve(folder / "output", shared=True, port=urlsplit(origin).port))
            except OSError:
                output = tmp_path_factory.mktemp("published") / "output"
                origin = servers.enter_context(serve(output))
                build_published(output, origin)
                folder = output.parent
        yield LiveSite(origin, folder / "output")


# Package scope: the browser closes when these checks are done, so that other
# test modules may start Playwright themselves (two cannot run at once).
@pytest.fixture(scope="package")
def browser():
    with chromium_browser() as chromium:
        yield chromium


# One screen at a time, each shown for a frame: every part of the page is in
# view once, so every lazy picture starts loading.
SCROLL_THROUGH = """async () => {
  for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
    window.scrollTo(0, y);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  window.scrollTo(0, document.documentElement.scrollHeight);
}"""

HAS_LAZY_PARTS = "() => document.querySelector('[loading=\"lazy\"]') !== null"


@dataclass
class Tab:
    """A page in its own browser context, with what happened while it loaded."""

    page: object
    site: LiveSite
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    # Requests to other hosts, (URL, resource type): never sent, answered here.
    external: list[tuple[str, str]] = field(default_factory=list)
    # The site's own requests that finished, in order.
    finished: list = field(default_factory=list)

    @property
    def transferred(self) -> dict[str, int]:
        """Bytes transferred per resource type, headers included.

        Asked of the browser here, not as each request finishes: that would be
        one more round trip per request for every check, and few checks read it.
        """
        totals: dict[str, int] = {}
        for request in self.finished:
            sizes = request.sizes()
            resource = request.resource_type
            totals[resource] = (
                totals.get(resource, 0) + sizes["responseBodySize"] + sizes["responseHeadersSize"]
            )
        return totals

    def open(self, path: str, *, everything: bool = True):
        """Load `path`; with `everything`, scroll to the end so lazy pictures load too."""
        # Leave the previous page first, so that nothing it still had under
        # way is counted against this one.
        self.page.goto("about:blank")
        self.console_errors.clear()
        self.failed.clear()
        self.external.clear()
        self.finished.clear()
        response = self.page.goto(self.site.url(path), wait_until="load")
        # Only what is lazy waits to be in view: a page without it has loaded
        # everything already (1 of the bundled site's 68 pages has lazy pictures).
        if everything and self.page.evaluate(HAS_LAZY_PARTS):
            # Step down the page: a jump to the end would pass over lazy
            # pictures in the middle, which then never load.
            self.page.evaluate(SCROLL_THROUGH)
            self.page.wait_for_function("() => [...document.images].every(image => image.complete)")
            self.page.wait_for_load_state("load")
        return response


def _route(tab: Tab):
    """What answers another host's request: the route names only those (`LiveSite.elsewhere`)."""

    def handle(route):
        request = route.request
        tab.external.append((request.url, request.resource_type))
        if request.resource_type == "image":
            route.fulfill(status=200, content_type="image/png", body=PLACEHOLDER_PNG)
        else:
            route.abort("blockedbyclient")

    return handle


def _record(tab: Tab):
    page = tab.page

    def on_console(message):
        if message.type == "error":
            tab.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def on_response(response):
        if response.status >= 400:
            tab.failed.append(f"{response.status} {response.url}")

    def on_finished(request):
        if tab.site.is_own(request.url) and not request.url.startswith("data:"):
            tab.finished.append(request)

    page.on("console", on_console)
    page.on("pageerror", lambda error: tab.console_errors.append(f"uncaught: {error}"))
    page.on("requestfailed", lambda request: tab.failed.append(f"{request.failure} {request.url}"))
    page.on("response", on_response)
    page.on("requestfinished", on_finished)


def _tab_opener(browser, live_site, contexts: list):
    def open_tab(viewport=DESKTOP, with_axe: bool = False, **options) -> Tab:
        """A tab in a context of its own; `with_axe` gives every page it opens axe-core (see `give_axe`)."""
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        if with_axe:
            give_axe(context)
        tab = Tab(context.new_page(), live_site)
        # Only other hosts' requests come to this process: a round trip for
        # each of the site's own requests would slow every page down.
        context.route(live_site.elsewhere, _route(tab))
        _record(tab)
        return tab

    return open_tab


@pytest.fixture
def open_tab(browser, live_site):
    """Open tabs for one test, each in its own context: `open_tab(viewport=PHONE, color_scheme="dark")`."""
    contexts = []
    yield _tab_opener(browser, live_site, contexts)
    for context in contexts:
        context.close()


@pytest.fixture(scope="package")
def _package_tabs(browser, live_site):
    contexts = []
    yield _tab_opener(browser, live_site, contexts)
    for context in contexts:
        context.close()


# Most checks share a tab: opening a page resets what the tab records, and a
# new context per check would cost more than the check.
@pytest.fixture(scope="package")
def desktop_tab(_package_tabs) -> Tab:
    # Without a service worker: one that an earlier page installed would answer
    # later pages from its cache, and what they transfer would weigh nothing.
    return _package_tabs(service_workers="block")


@pytest.fixture(scope="package")
def phone_tab(_package_tabs) -> Tab:
    return _package_tabs(viewport=PHONE, has_touch=True, is_mobile=True)


@pytest.fixture(scope="package")
def axe_tab(_package_tabs) -> Tab:
    # The pages forbid inline scripts; this context lets the injected axe run
    # (bypass_csp) without changing the pages.
    return _package_tabs(bypass_csp=True, with_axe=True)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/: screenshots and reports kept after the run."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
