"""The output shares files with the caches (hard links), so no step may change a file in place:
a step that changes a file writes a new one and renames it over the old."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sosconf.build.runs import build_site
from sosconf.publish.fingerprint import fingerprint_assets
from sosconf.rebuild import cache_paths

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "bad_content" / "minimal"
PRODUCTION = {
    "SOSCONF_TODAY": "2021-09-20",
    "SITEURL": "https://sosconf.example",
    "FEED_DOMAIN": "https://sosconf.example",
}


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_fingerprinting_replaces_a_page_and_leaves_its_other_links_alone(tmp_path):
    output = tmp_path / "output"
    (output / "theme" / "css").mkdir(parents=True)
    (output / "theme" / "css" / "site.css").write_text("body { color: black }\n", encoding="utf-8")
    page = output / "index.html"
    page.write_text('<link rel="stylesheet" href="/theme/css/site.css">\n', encoding="utf-8")
    cached = tmp_path / "cache" / "index.html"
    cached.parent.mkdir()
    os.link(page, cached)

    fingerprint_assets(output, {"SOSCONF_FINGERPRINT": True})

    assert "/theme/css/site." in page.read_text(encoding="utf-8")
    assert "/theme/css/site.css" not in page.read_text(encoding="utf-8")
    assert cached.read_text(encoding="utf-8") == '<link rel="stylesheet" href="/theme/css/site.css">\n'
    assert not os.path.samefile(page, cached)


def _named_by_digest(caches: Path) -> dict[str, bytes]:
    """The cache files named after what they were made from: rendered pages and files, search bundles."""
    found = {}
    for lang in caches.iterdir():
        for kind, pattern in (
            (cache_paths.RENDERS, "*.html"),
            (cache_paths.RENDERS, "*.pickle"),
            (cache_paths.SEARCH, "**/*"),
        ):
            for path in (lang / kind).glob(pattern):
                if path.is_file():
                    found[path.relative_to(caches).as_posix()] = path.read_bytes()
    return found


def _production_build(content: Path, output: Path) -> None:
    assert build_site(str(ROOT / "publishconf.py"), str(content), str(output), PRODUCTION)


def test_a_rebuild_after_a_production_build_leaves_the_caches_intact(tmp_path, monkeypatch):
    monkeypatch.setenv("SOSCONF_SITEURL", PRODUCTION["SITEURL"])
    monkeypatch.setenv(cache_paths.CACHE_DIR_VARIABLE, str(tmp_path / "caches"))
    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(MINIMAL, content)
    _production_build(content, output)
    caches = cache_paths.site_folder(content)
    before = _named_by_digest(caches)
    assert any(name.endswith(".html") for name in before) and any("/search/" in name for name in before)
    linked = [path for path in output.rglob("*") if path.is_file() and path.stat().st_nlink > 1]
    assert linked, "the output shares no file with the caches, so this test would show nothing"

    post = content / "news" / "zh" / "2021-09-01-hello.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n再加一句。\n", encoding="utf-8")
    _production_build(content, output)

    # A file kept under the same name keeps its bytes (and some are kept: the English run's, say).
    after = _named_by_digest(caches)
    changed = [name for name in before.keys() & after.keys() if before[name] != after[name]]
    assert before.keys() & after.keys()
    assert not changed, changed
    assert any("再加一句" in page.read_text(encoding="utf-8") for page in output.glob("news/*/index.html"))
    # And the rebuild is what a build with empty caches makes of the same content.
    fresh = tmp_path / "fresh"
    shutil.copytree(content, fresh / "content")
    monkeypatch.setenv(cache_paths.CACHE_DIR_VARIABLE, str(tmp_path / "fresh-caches"))
    _production_build(fresh / "content", fresh / "output")
    assert _files(output) == _files(fresh / "output")
