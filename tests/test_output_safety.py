"""What the published pages let a browser run: nothing typed into the content.

Texts from YAML are escaped; every page carries a Content-Security-Policy
that forbids inline script, and no page needs one; links from posts to
other sites get rel="noopener".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sosconf.content.html_safety import add_noopener
from support import build, read_html, with_mistakes

HOSTILE = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("safety")
    content = with_mistakes(root / "content")
    (content / "editions" / "2021.yml").write_text(
        "year: 2021\n"
        f"name: '{HOSTILE} sosconf 2021'\n"
        "status: held\n"
        f"venue: {{zh: '{HOSTILE} 南方科技大学', en: '{HOSTILE} SUSTech'}}\n"
        f"summary: '\"quoted\" & {HOSTILE}'\n"
        "channels:\n"
        f"  - name: '{HOSTILE} Telegram'\n"
        "    url: 'https://t.me/example?a=1&b=\"2\"'\n",
        encoding="utf-8",
    )
    (content / "news" / "en" / "2021-09-02-links.md").write_text(
        "Title: Links & <b>tags</b>\nDate: 2021-09-02 10:00\nSlug: links\n\n"
        "Read **the call** on [our site](https://sosconf.org/call/), "
        '<a href="https://example.org/" rel="nofollow">a partner</a>, '
        "the [about page](/en/about/) and [a post]({filename}2021-09-01-hello.md).\n",
        encoding="utf-8",
    )
    return build(content, root / "output").output


def pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), read_html(site, path.relative_to(site).as_posix())


def test_texts_from_yaml_are_shown_as_text(site):
    for url in ("2021/", "en/2021/", "editions/", "en/", "contact/"):
        page = read_html(site, url)
        assert 'alert("xss")' in page.get_text(), url
        assert not page.select("img[onerror]"), url
        for script in page.find_all("script"):
            assert "xss" not in script.get_text() or script.get("type") == "application/ld+json", url
    venue = read_html(site, "en/2021/")
    assert "<script>" in venue.select_one("main").get_text()


def test_links_from_yaml_keep_their_address_escaped(site):
    links = [a["href"] for a in read_html(site, "en/2021/").select("a[href^='https://t.me/']")]
    assert links and set(links) == {'https://t.me/example?a=1&b="2"'}


def test_every_page_forbids_inline_script_and_has_none(site):
    checked = 0
    for url, page in pages(site):
        policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy is not None, url
        directives = dict(part.strip().split(" ", 1) for part in policy["content"].split(";") if part.strip())
        assert "'self'" in directives["script-src"] and "'unsafe-inline'" not in directives["script-src"], url
        assert "'unsafe-inline'" not in directives.get("default-src", ""), url
        for script in page.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", f"{url}: inline script"
        for tag in page.find_all(True):
            handlers = [name for name in tag.attrs if name.lower().startswith("on")]
            assert handlers == [], f"{url}: <{tag.name} {handlers}>"
            for name in ("href", "src", "action"):
                assert not re.match(r"\s*javascript:", str(tag.get(name, "")), re.IGNORECASE), url
        checked += 1
    assert checked > 10


def test_post_html_is_rendered_and_links_elsewhere_get_noopener(site):
    post = read_html(site, "en/news/links/")
    body = post.select_one(".post-body")
    assert body.strong.get_text() == "the call"
    rel = {a.get_text(): a.get("rel", []) for a in body.find_all("a")}
    assert "noopener" in rel["our site"]
    assert set(rel["a partner"]) == {"nofollow", "noopener"}
    assert "noopener" not in rel["about page"] and "noopener" not in rel["a post"]
    assert post.h1.get_text() == "Links & <b>tags</b>"


@pytest.mark.parametrize(
    "html, rel",
    [
        ('<a href="https://example.org/">x</a>', "noopener"),
        ("<a href='//example.org/x' title='t'>x</a>", "noopener"),
        ('<a rel="me" href="https://example.org/">x</a>', "me noopener"),
        ("<a href=\"http://example.org\" rel='noopener nofollow'>x</a>", "noopener nofollow"),
        ('<a href="/en/about/">x</a>', None),
        ('<a href="mailto:hi@example.org">x</a>', None),
        ('<a href="#top">x</a>', None),
    ],
)
def test_noopener_is_added_to_links_to_other_sites_only(html, rel):
    link = BeautifulSoup(add_noopener(html), "html.parser").a
    assert (" ".join(link["rel"]) if link.has_attr("rel") else None) == rel
    assert link.get_text() == "x"
