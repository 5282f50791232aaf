"""Lighthouse (mobile profile) on the home page, an edition, a post, a session and a program.

The scores are written to test-artifacts/lighthouse.json, the full reports
beside it in test-artifacts/lighthouse/.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from .tools import CHROMIUM, CHROMIUM_FLAGS, LIGHTHOUSE, need_lighthouse

pytestmark = pytest.mark.browser

MINIMUM = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
RUNS = 5
FIRST_LANGUAGE_PAGES = {
    "home": r"",
    "edition": r"\d{4}/",
    "post": r"news/[^/]+/",
    "program": r"\d{4}/program/",
    "session": r"\d{4}/program/(?!track/|kind/)[^/]+/",
}


def _embeds_other_hosts(live_site, page) -> bool:
    soup = BeautifulSoup(page.file.read_text(encoding="utf-8"), "lxml")
    return any(
        not live_site.is_own(urljoin(live_site.url(page.path), img["src"])) for img in soup.select("img[src]")
    )


def _target(live_site, name: str) -> str:
    """The path of the page to audit: the largest of its kind in the default language.

    The post is one that embeds no picture from another host: those cannot be
    fetched on a machine without the internet, and Lighthouse would count the
    failed fetches against the site (the browser tests cover such pictures).
    """
    pattern = FIRST_LANGUAGE_PAGES[name]
    pages = [
        page
        for page in live_site.pages()
        if page.lang == "zh" and re.fullmatch(pattern, page.path) and not _embeds_other_hosts(live_site, page)
    ]
    assert pages, f"no {name} page to audit"
    return max(pages, key=lambda page: page.file.stat().st_size).path


@pytest.fixture(scope="module")
def lighthouse_scores(artifacts):
    scores = {}
    yield scores
    (artifacts / "lighthouse.json").write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n")


def _lighthouse(url: str, report) -> dict:
    # Lighthouse starts its own Chromium: in a process group of their own, so
    # that a run that hangs is stopped with the browser it started.
    run = subprocess.Popen(
        [
            str(LIGHTHOUSE),
            url,
            "--chrome-flags=" + " ".join(["--headless", *CHROMIUM_FLAGS]),
            "--only-categories=" + ",".join(MINIMUM),
            "--output=json",
            f"--output-path={report}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _, stderr = run.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        run.communicate()
        raise
    assert run.returncode == 0, stderr[-2000:]
    return json.loads(report.read_text(encoding="utf-8"))


def _below_full_marks(result) -> dict:
    return {
        audit["id"]: audit["title"]
        for audit in result["audits"].values()
        if audit.get("scoreDisplayMode") in ("binary", "numeric") and (audit.get("score") or 0) < 1
    }


@pytest.mark.parametrize("name", list(FIRST_LANGUAGE_PAGES))
def test_lighthouse_scores(live_site, artifacts, lighthouse_scores, name):
    need_lighthouse()
    path = _target(live_site, name)
    report = artifacts / "lighthouse" / f"{name}.json"
    report.parent.mkdir(exist_ok=True)
    # The performance score is measured on this machine: other work on it only
    # ever makes a run slower, so a run below the bar is tried again (at most
    # RUNS in all) and the best run counts.  The other categories do not
    # depend on timing.
    runs = []
    for _ in range(RUNS):
        result = _lighthouse(live_site.url(path), report)
        runs.append(result)
        if result["categories"]["performance"]["score"] >= MINIMUM["performance"]:
            break
    best = max(runs, key=lambda result: result["categories"]["performance"]["score"])
    report.write_text(json.dumps(best), encoding="utf-8")
    scores = {category: best["categories"][category]["score"] for category in MINIMUM}
    lighthouse_scores[name] = {
        "url": "/" + path,
        **scores,
        "performance_runs": [result["categories"]["performance"]["score"] for result in runs],
    }
    below = {
        category: score for category, score in scores.items() if score is None or score < MINIMUM[category]
    }
    assert below == {}, f"/{path}: {below}; audits below full marks: {_below_full_marks(best)}"
