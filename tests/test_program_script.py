"""program.js in a real Chromium: filtering in place, a filtered address, and
the conference pages checked by axe-core in both languages.

The example edition is built into the bundled content, served locally, and
nothing is requested from another host.
"""

from __future__ import annotations

import shutil

import pytest
from browser.server import serve
from browser.tools import AXE, CHROMIUM, CHROMIUM_FLAGS, need_axe, need_chromium
from conftest import CONTENT, ROOT, build

pytestmark = pytest.mark.browser

EXAMPLE = ROOT / "docs" / "example-edition.yml"
PHONE = {"width": 375, "height": 812}
VISIBLE_SESSIONS = "els => els.filter(e => !e.hidden && e.offsetParent !== null).map(e => e.id.slice(8))"


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    folder = tmp_path_factory.mktemp("program-script")
    shutil.copytree(CONTENT, folder / "content")
    shutil.copy(EXAMPLE, folder / "content/editions/2030.yml")
    output = build(folder / "content", folder / "output", SOSCONF_TODAY="2030-06-20")
    with serve(output) as address:
        yield address


@pytest.fixture(scope="module")
def chromium():
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, origin):
    context = chromium.new_context(viewport=PHONE)
    context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort()
    )
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.origin = origin
    yield tab
    context.close()
    assert errors == []


def test_filters_combine_a_track_and_a_kind_without_leaving_the_page(page):
    page.goto(f"{page.origin}/en/2030/program/")
    assert len(page.eval_on_selector_all("li.session", VISIBLE_SESSIONS)) == 8
    page.click('a[data-filter="track"][data-value="security"]')
    assert page.url.endswith("/en/2030/program/?track=security")
    shown = page.eval_on_selector_all("li.session", VISIBLE_SESSIONS)
    assert "supply-chain" in shown and "kernel-in-a-term" not in shown and "lunch" in shown
    assert page.inner_text(".program-status") == "Showing 6 of 8 sessions."
    page.click('a[data-filter="kind"][data-value="talk"]')
    assert page.eval_on_selector_all("li.session", VISIBLE_SESSIONS) == ["supply-chain"]
    # The second day has no security talk: it disappears with its heading.
    assert page.eval_on_selector_all(".program-day", "els => els.map(e => e.hidden)") == [False, True]
    assert page.get_attribute('a[data-filter="kind"][data-value="talk"]', "aria-current") == "true"
    page.click('a[data-filter="track"][data-value=""]')
    page.click('a[data-filter="kind"][data-value=""]')
    assert len(page.eval_on_selector_all("li.session", VISIBLE_SESSIONS)) == 8
    assert page.inner_text(".program-status") == ""


def test_a_filtered_address_opens_filtered(page):
    page.goto(f"{page.origin}/2030/program/?kind=workshop")
    assert page.eval_on_selector_all("li.session", VISIBLE_SESSIONS) == ["first-patch"]
    assert page.inner_text(".program-status") == "显示 8 个环节中的 1 个。"


def test_without_the_script_a_filter_link_opens_its_own_page(chromium, origin):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{origin}/en/2030/program/")
    tab.click('a[data-filter="kind"][data-value="workshop"]')
    assert tab.url == f"{origin}/en/2030/program/kind/workshop/"
    assert tab.eval_on_selector_all("li.session", "els => els.map(e => e.id)") == ["session-first-patch"]
    context.close()


@pytest.mark.parametrize(
    "path", ["2030/", "en/2030/", "2030/program/", "en/2030/program/", "en/2030/speakers/"]
)
def test_conference_pages_have_no_accessibility_violations(chromium, origin, path):
    need_axe()
    # axe is injected as a script of its own, which the pages' CSP would refuse.
    context = chromium.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{origin}/{path}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    context.close()
    assert result["passes"]
    problems = [
        f"{v['id']}: {', '.join(', '.join(n['target']) for n in v['nodes'])}" for v in result["violations"]
    ]
    assert problems == []
