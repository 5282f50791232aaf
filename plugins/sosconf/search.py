"""Site search: a Pagefind index of the finished output, one per language.

Pagefind reads every HTML page, keeps those whose `<main>` carries
`data-pagefind-body` (base.html puts it on published posts and pages, the
edition pages and the contact page) and writes its index to `pagefind/`.  It
makes one index per `<html lang>`, so a visitor searching from a Chinese page
gets Chinese results and one on an English page English ones.

Only Pagefind's extended binary splits Chinese text into words (the plain one
finds nothing for 会议), so the build uses that binary and refuses to go on
when another one answers.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

BUNDLE = "pagefind"
# Pagefind's ready-made interfaces: the search page uses its own small script
# with Pagefind's JS API instead, so these would only add weight to a deploy.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
EXTENDED_BANNER = "(Extended)"


def pagefind_binary() -> Path:
    """The extended Pagefind binary shipped in the `pagefind-bin-extended` wheel."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as exc:
        raise RuntimeError(
            "Pagefind's extended binary is missing: install the pinned packages (`make install`), "
            "which include pagefind[extended]"
        ) from exc
    return get_executable()


def run_pagefind(site: Path) -> str:
    """Index `site`; return Pagefind's report.  Raises RuntimeError on failure or a non-extended binary."""
    result = subprocess.run(
        [str(pagefind_binary()), "--site", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = result.stdout + result.stderr
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind could not index the site:\n{report}")
    if EXTENDED_BANNER not in result.stdout:
        raise RuntimeError(
            "Pagefind ran without its extended features, so Chinese would not be searchable; "
            f"install pagefind[extended].\n{report}"
        )
    return report


def _sort_languages(entry_file: Path) -> None:
    """Pagefind lists the languages in a different order at each run; fix it for reproducible output."""
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def index_for_search(output: Path, settings) -> None:
    """Post-build step: write the search index into `pagefind/` (off when SOSCONF_SEARCH is False)."""
    if not settings.get("SOSCONF_SEARCH", True):
        return
    run_pagefind(output)
    bundle = output / BUNDLE
    _sort_languages(bundle / "pagefind-entry.json")
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
