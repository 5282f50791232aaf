"""No broken link, fragment, picture, stylesheet or script in any built file."""

from __future__ import annotations

import pytest

from .links import broken_links

pytestmark = pytest.mark.links


def test_checker_finds_missing_pages_anchors_and_files(tmp_path):
    (tmp_path / "news" / "a").mkdir(parents=True)
    (tmp_path / "style.css").write_text("body { background: url(missing.png) }", encoding="utf-8")
    (tmp_path / "news" / "a" / "index.html").write_text('<h2 id="there">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        """<link rel="stylesheet" href="style.css"><script src="/app.js"></script>
        <a href="news/a/">fine</a> <a href="news/a/#there">fine</a> <a href="#top">fine</a>
        <a href="news/a/#nowhere">no anchor</a> <a href="news/b/">no page</a> <a href="news/a">folder</a>
        <a href="https://example.org/x">elsewhere</a> <a href="mailto:hi@example.org">mail</a>
        <img src="pic.png" alt=""> <a href="http://site.invalid/gone/">own host</a> <a href="#main">self</a>""",
        encoding="utf-8",
    )
    found = {(p.source, p.url) for p in broken_links(tmp_path)}
    assert found == {
        ("style.css", "missing.png"),
        ("index.html", "/app.js"),
        ("index.html", "news/a/#nowhere"),
        ("index.html", "news/b/"),
        ("index.html", "news/a"),
        ("index.html", "pic.png"),
        ("index.html", "http://site.invalid/gone/"),
        ("index.html", "#main"),
    }


def test_preview_build_has_no_broken_links(site):
    assert [str(problem) for problem in broken_links(site)] == []


def test_published_build_has_no_broken_links(live_site):
    assert [str(problem) for problem in broken_links(live_site.output, live_site.origin)] == []
