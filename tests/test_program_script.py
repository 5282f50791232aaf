"""program.js in a real Chromium: filtering in place, a filtered address, and
the conference pages checked by axe-core in both languages.

The example edition is built into the bundled content, served locally, and
nothing is requested from another host.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from browser.server import serve
from browser.tools import (
    axe_violations,
    give_axe,
    launch_chromium,
    need_axe,
    need_chromium,
    refuse_other_hosts,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
VISIBLE_SESSIONS = "els => els.filter(e => !e.hidden && e.offsetParent !== null).map(e => e.id.slice(8))"


@pytest.fixture(scope="module")
def origin(example_site):
    with serve(example_site) as address:
        yield address


@pytest.fixture(scope="module")
def in_browser():
    """Run `check(browser)` with a Chromium that lives in a thread of its own.

    Playwright's sync API runs one instance per thread, and the checks in
    tests/browser keep theirs open in the main thread for the whole session.
    """
    need_chromium()
    worker = ThreadPoolExecutor(max_workers=1)

    def launch():
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        return playwright, launch_chromium(playwright)

    playwright, browser = worker.submit(launch).result()
    yield lambda check: worker.submit(check, browser).result()
    worker.submit(lambda: (browser.close(), playwright.stop())).result()
    worker.shutdown()


@contextmanager
def opened(browser, url: str, with_axe: bool = False, **options):
    """A page at `url` that may load nothing from another host and must log no error."""
    context = browser.new_context(viewport=PHONE, **options)
    if with_axe:
        give_axe(context)
    refuse_other_hosts(context, "/".join(url.split("/", 3)[:3]))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url)
    try:
        yield page
    finally:
        context.close()
    assert errors == []


def test_filters_combine_a_track_and_a_kind_without_leaving_the_page(in_browser, origin):
    def check(browser):
        with opened(browser, f"{origin}/en/2030/program/") as page:
            assert len(page.eval_on_selector_all("td.session", VISIBLE_SESSIONS)) == 8
            page.click('a[data-filter="track"][data-value="security"]')
            assert page.url.endswith("/en/2030/program/?track=security")
            shown = page.eval_on_selector_all("td.session", VISIBLE_SESSIONS)
            assert "supply-chain" in shown and "kernel-in-a-term" not in shown and "lunch" in shown
            assert page.inner_text(".program-status") == "Showing 6 of 8 sessions."
            page.click('a[data-filter="kind"][data-value="talk"]')
            assert page.eval_on_selector_all("td.session", VISIBLE_SESSIONS) == ["supply-chain"]
            # The second day has no security talk: it disappears with its heading.
            assert page.eval_on_selector_all(".program-day", "els => els.map(e => e.hidden)") == [False, True]
            assert page.get_attribute('a[data-filter="kind"][data-value="talk"]', "aria-current") == "true"
            page.click('a[data-filter="track"][data-value=""]')
            page.click('a[data-filter="kind"][data-value=""]')
            assert len(page.eval_on_selector_all("td.session", VISIBLE_SESSIONS)) == 8
            assert page.inner_text(".program-status") == ""

    in_browser(check)


def test_a_filtered_address_opens_filtered(in_browser, origin):
    def check(browser):
        with opened(browser, f"{origin}/2030/program/?kind=workshop") as page:
            assert page.eval_on_selector_all("td.session", VISIBLE_SESSIONS) == ["first-patch"]
            assert page.inner_text(".program-status") == "显示 8 个环节中的 1 个。"

    in_browser(check)


def test_without_the_script_a_filter_link_opens_its_own_page(in_browser, origin):
    def check(browser):
        with opened(browser, f"{origin}/en/2030/program/", java_script_enabled=False) as page:
            page.click('a[data-filter="kind"][data-value="workshop"]')
            assert page.url == f"{origin}/en/2030/program/kind/workshop/"
            assert page.eval_on_selector_all("td.session", "els => els.map(e => e.id)") == [
                "session-first-patch"
            ]

    in_browser(check)


@pytest.mark.parametrize(
    "path", ["2030/", "en/2030/", "2030/program/", "en/2030/program/", "en/2030/speakers/"]
)
def test_conference_pages_have_no_accessibility_violations(in_browser, origin, path):
    need_axe()

    def check(browser):
        # axe is injected as a script of its own, which the pages' CSP would refuse.
        with opened(browser, f"{origin}/{path}", with_axe=True, bypass_csp=True) as page:
            return axe_violations(page)

    assert in_browser(check) == []
