"""A link checker over the files of a built site.

Every HTML file is read, not only the pages reachable from the home page:
links, fragments, pictures, stylesheets, scripts and the url()s of every
stylesheet must point at files of the output.  Links to other hosts are not
fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

# Attributes that hold one URL, by element.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "source": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "form": ("action",),
}
SRCSET_ELEMENTS = ("img", "source")
# Social cards name pictures and pages by absolute URL.
URL_METAS = ("og:image", "og:url", "twitter:image")
NOT_FETCHED = ("mailto", "tel", "sms", "data", "javascript", "geo")
CSS_URL = re.compile(r"""url\(\s*(?P<quote>['"]?)(?P<url>.*?)(?P=quote)\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(?P<quote>['"])(?P<url>.*?)(?P=quote)""")
# A placeholder origin for the pages of a build with relative links.
PREVIEW_ORIGIN = "http://site.invalid"


@dataclass(frozen=True)
class Problem:
    source: str  # the file, relative to the output
    url: str  # as written
    reason: str

    def __str__(self):
        return f"{self.source}: {self.url}: {self.reason}"


def _page_url(origin: str, relative: str) -> str:
    return f"{origin}/{relative}"


def _urls_in_html(soup: BeautifulSoup):
    for name, attributes in URL_ATTRIBUTES.items():
        for element in soup.find_all(name):
            for attribute in attributes:
                value = element.get(attribute)
                if value is not None:
                    yield value.strip()
    for name in SRCSET_ELEMENTS:
        for element in soup.find_all(name, srcset=True):
            for candidate in element["srcset"].split(","):
                if candidate.strip():
                    yield candidate.split()[0]
    for meta in soup.find_all("meta", content=True):
        if (meta.get("property") or meta.get("name")) in URL_METAS:
            yield meta["content"].strip()
    for element in soup.find_all(style=True):
        yield from (match["url"] for match in CSS_URL.finditer(element["style"]))
    for style in soup.find_all("style"):
        yield from _urls_in_css(style.get_text())


def _urls_in_css(text: str):
    for pattern in (CSS_URL, CSS_IMPORT):
        yield from (match["url"].strip() for match in pattern.finditer(text))


@cache
def _anchors(file: Path) -> frozenset[str]:
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
    names = {element["id"] for element in soup.find_all(id=True)}
    names |= {element["name"] for element in soup.find_all("a", attrs={"name": True})}
    return frozenset(names)


def _target_file(output: Path, path: str) -> Path:
    relative = unquote(path).lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return output / relative


def _check(output: Path, page_url: str, url: str, origins: tuple[str, ...]) -> str | None:
    """Why `url`, written in `source`, is broken; None when it is fine or not ours to fetch."""
    if url == "":
        return "empty URL"
    if url.split(":", 1)[0].lower() in NOT_FETCHED:
        return None
    resolved = urlsplit(urljoin(page_url, url))
    origin = f"{resolved.scheme}://{resolved.netloc}"
    if origin not in origins:
        return None
    target = _target_file(output, resolved.path)
    if target.is_dir():
        return "points at a folder: end the URL with /"
    if not target.is_file():
        return f"no file {target.relative_to(output).as_posix()} in the output"
    if resolved.fragment and target.suffix == ".html":
        fragment = unquote(resolved.fragment)
        if fragment != "top" and fragment not in _anchors(target):
            return f"no element with id {fragment!r} in {target.relative_to(output).as_posix()}"
    return None


def broken_links(output: Path, origin: str = PREVIEW_ORIGIN) -> list[Problem]:
    """Every broken reference in the HTML and CSS files of `output`.

    `origin` is the site's own address when its links are absolute; links to
    any other host are not checked.
    """
    _anchors.cache_clear()
    origins = (origin.rstrip("/"),)
    problems = []
    for file in sorted(output.rglob("*")):
        if file.suffix not in (".html", ".css"):
            continue
        relative = file.relative_to(output).as_posix()
        page_url = _page_url(origins[0], relative)
        text = file.read_text(encoding="utf-8")
        if file.suffix == ".html":
            soup = BeautifulSoup(text, "lxml")
            base = soup.find("base", href=True)
            if base is not None:
                page_url = urljoin(page_url, base["href"])
            urls = list(_urls_in_html(soup))
        else:
            urls = list(_urls_in_css(text))
        for url in urls:
            reason = _check(output, page_url, url, origins)
            if reason:
                problems.append(Problem(relative, url, reason))
    return problems
