"""Where the outside tools are, and what happens when one is missing.

On a developer's machine a missing tool skips the tests that need it, with a
line saying how to install it.  With SOSCONF_REQUIRE_BROWSER=1 (CI sets it) a
missing tool is a failure: a check that did not run must not look like a pass.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
CHROMIUM = Path(os.environ.get("SOSCONF_CHROMIUM", "/usr/bin/chromium"))
# What Playwright drives, where installed: Chromium's headless shell (Debian's
# chromium-headless-shell, the build Playwright itself runs headless), the same
# engine without the browser around it.  Opening the bundled site's 68 pages
# took it 8.2 to 8.8 s of CPU against 14.4 to 15.6 s for the full browser.
# Lighthouse audits the full browser, as visitors have it.
HEADLESS_SHELL = Path(os.environ.get("SOSCONF_HEADLESS_SHELL", "/usr/bin/chromium-headless-shell"))
# Chromium runs as root on CI machines, and must not try to reach the network
# on its own (updates, sync, field trials).
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
# The screens the checks open pages on.
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
# axe-core's contrast rules alone, for the pages' dark scheme.
CONTRAST = {"runOnly": {"type": "rule", "values": ["color-contrast", "color-contrast-enhanced"]}}
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The checker runs for a few seconds: the quick compiler alone (C1) has it
# done in half the time the optimizing one takes to warm up, with the same
# messages.  Its code takes more stack, hence the larger thread stacks.
VNU_JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-Xss16m"]
NODE_HINT = (
    "run `make node_modules` (needs Node.js 18.16 or newer and npm; Debian: apt-get install nodejs npm)"
)


def tools_required() -> bool:
    return os.environ.get("SOSCONF_REQUIRE_BROWSER") == "1"


def need(present: bool, what: str, how: str) -> None:
    """Skip (or fail, when tools are required) unless `present`."""
    if present:
        return
    message = f"{what} is missing: {how}"
    if tools_required():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _runs(program: Path) -> bool:
    return program.is_file() and os.access(program, os.X_OK)


def driven_chromium() -> Path:
    """The Chromium Playwright drives: the headless shell, else the full browser."""
    return HEADLESS_SHELL if _runs(HEADLESS_SHELL) else CHROMIUM


def _need_browser(program: Path) -> None:
    need(
        _runs(program),
        f"Chromium ({program})",
        "apt-get install --no-install-recommends chromium fonts-noto-cjk, "
        "or point SOSCONF_CHROMIUM at a Chromium binary",
    )


def need_chromium() -> None:
    need(
        importlib.util.find_spec("playwright") is not None,
        "the Python package playwright",
        "run `make install` (it is pinned in requirements.lock)",
    )
    _need_browser(driven_chromium())


@contextmanager
def chromium_browser() -> Iterator:
    """Chromium driven by Playwright for the checks inside the `with` (skipped, as needed, without it)."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


def launch_chromium(playwright):
    """Start the driven Chromium with the flags every check runs it with."""
    return playwright.chromium.launch(executable_path=str(driven_chromium()), args=CHROMIUM_FLAGS)


def need_axe() -> None:
    need(AXE.is_file(), "axe-core", NODE_HINT)


def need_lighthouse() -> None:
    need(shutil.which("node") is not None, "Node.js", "apt-get install nodejs npm, then `make node_modules`")
    need(LIGHTHOUSE.is_file(), "Lighthouse", NODE_HINT)
    _need_browser(CHROMIUM)


def need_vnu() -> str:
    """The java command that runs the Nu HTML checker."""
    java = shutil.which("java")
    need(
        java is not None, "Java (17 or newer)", "apt-get install --no-install-recommends default-jre-headless"
    )
    need(VNU.is_file(), "the Nu HTML checker (vnu-jar)", NODE_HINT)
    return java


def refuse_other_hosts(context, origin: str) -> None:
    """Abort every request `context` makes to another host than `origin` (`http://127.0.0.1:8000`).

    Only those requests come to this process: a round trip for each of the
    site's own requests made every page several times slower to load.
    """
    context.route(re.compile(rf"^(?!{re.escape(origin)}/|data:|blob:)"), lambda route: route.abort())


def give_axe(context) -> None:
    """Make axe-core part of every page `context` opens, from the page's start.

    Registered once, it is not sent to the browser again for each page:
    injecting it into a loaded page took 0.17 to 0.27 s a page, a fifth of an
    accessibility check.  The context must bypass the pages' CSP.
    """
    context.add_init_script(path=str(AXE))


def axe_violations(page, options: dict | None = None) -> list[str]:
    """axe-core's violations on `page`, which has axe injected, one line each.

    Without options, every rule but contrast's own dark check (see CONTRAST).
    A run that checked nothing fails: an empty list must mean something.
    """
    result = page.evaluate(
        "options => axe.run(document, options)", options or {"resultTypes": ["violations"]}
    )
    assert result["passes"], "axe ran no check"
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(", ".join(node["target"]) for node in violation["nodes"])
        for violation in result["violations"]
    ]


def html_errors(folders: list[Path], scratch: Path, lang: str = "en") -> tuple[dict[str, list[str]], str]:
    """The Nu HTML checker's errors in every HTML file under `folders`, by file, and a canary's path.

    The canary, a page with a known error written under `scratch`, is checked
    beside them: a test that finds its error among the results knows the
    checker really read the files.
    """
    java = need_vnu()
    canary = scratch / "canary"
    canary.mkdir()
    (canary / "broken.html").write_text(
        f'<!DOCTYPE html><html lang="{lang}"><title>x</title><img src="a.png"></html>', encoding="utf-8"
    )
    run = subprocess.run(
        [java, *VNU_JAVA_OPTIONS, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json"]
        + [str(folder) for folder in folders]
        + [str(canary)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors: dict[str, list[str]] = {}
    for message in json.loads(run.stderr)["messages"]:
        path = unquote(urlsplit(message.get("url", "")).path)
        errors.setdefault(path, []).append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return errors, str(canary / "broken.html")
