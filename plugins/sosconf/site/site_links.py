"""Links from a post or page to any page of the site: `{site}2027/program/`.

`{filename}` reaches posts and pages and `{static}` files, but the site's own
pages (an edition, its program, the contact page) come from no content file.
`{site}` followed by a page's address in the post's language, as it appears
after the language's prefix, links to it: `{site}2027/`, `{site}contact/`,
`{site}` alone for the home page.  Like every link Pelican resolves, it
works in the preview, in production and under a sub-path.

The reader notes each such link with its line and hands it on to Pelican as
a `{filename}` link to a stand-in content object; once everything is read,
each address is checked against the pages the run will write, and the
stand-ins are put where Pelican looks them up.  A link to a page that does
not exist is an error, found by `make check` too.  Links and pictures
written from the site's root (`/en/2027/`, `/assets/images/x.png`) are
handed on the same way, so that they too survive a sub-path.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass

from sosconf.languages import prefix
from sosconf.site.addresses import site_addresses

# The metadata key the reader stores a post's site links under.
SITE_LINKS = "sosconf_site_links"
# Where the stand-ins live among Pelican's generated content: no content file has these paths.
_STAND_IN_ROOT = "sosconf-site-page"
_ROOT_STAND_IN_ROOT = "sosconf-site-root"
_SITE_LINK = re.compile(r"""(?P<attribute>\shref\s*=\s*)(?P<quote>["'])\{site\}(?P<path>[^"'#?]*)""")
# A link or picture written from the site's root, `/2027/` or `/assets/images/x.png`.
_ROOT_RELATIVE = re.compile(
    r"""(?P<attribute>\s(?P<name>href|src|poster)\s*=\s*)(?P<quote>["'])/(?![/{])(?P<path>[^"'#?]*)"""
)


@dataclass(frozen=True)
class SiteLink:
    path: str  # "2027/program/": after the language prefix, or after the site's root when `from_root`
    written: str
    line: int | None
    from_root: bool = False


class _StandIn:
    """What Pelican's `{filename}` replacement reads of a linked content: its URL."""

    def __init__(self, url: str):
        self.url = url
        self.metadata: dict = {}


def page_address(path: str) -> str:
    """The file a page address is written to: `2027/` → `2027/index.html`."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def _line(source: str, written: str) -> int | None:
    index = source.find(written)
    return source.count("\n", 0, index) + 1 if index >= 0 else None


def hand_to_pelican(html: str, source: str, content_root: str) -> tuple[str, list[SiteLink]]:
    """`html` with its links to the site's pages handed to Pelican, and those links.

    A `{site}` link and a page address written from the root (`/2027/`)
    become `{filename}` links to stand-ins; a file of the content folder
    written from the root (`/assets/images/x.png`) becomes a `{static}` link.
    Pelican then writes each relative to the page it is on, or after SITEURL,
    so none breaks under a sub-path.
    """
    links = []

    def site(match) -> str:
        path = match.group("path").lstrip("/")
        written = "{site}" + match.group("path")
        links.append(SiteLink(path, written, _line(source, written)))
        return f"{match.group('attribute')}{match.group('quote')}{{filename}}/{_STAND_IN_ROOT}/{path}"

    def from_root(match) -> str:
        path = match.group("path")
        start = match.group("attribute") + match.group("quote")
        if match.group("name") != "href" or os.path.isfile(os.path.join(content_root, path)):
            return f"{start}{{static}}/{path}"  # sosconf.content.links checks that the file is there
        links.append(SiteLink(path, "/" + path, _line(source, "/" + path), from_root=True))
        return f"{start}{{filename}}/{_ROOT_STAND_IN_ROOT}/{path}"

    html = _SITE_LINK.sub(site, html)
    return _ROOT_RELATIVE.sub(from_root, html), links


def _suggestion(path: str, addresses: set[str], own: str) -> str:
    near = sorted(address[len(own) :] for address in addresses if address.startswith(own))
    pages = [address[: -len("index.html")] for address in near if address.endswith("index.html")]
    close = difflib.get_close_matches(path, pages, n=1, cutoff=0.6)
    if close:
        return f"did you mean {{site}}{close[0]}?"
    return "write the page's address after {site}, e.g. {site}2027/ or {site}contact/ (see docs/content.md)"


def check_site_links(generators) -> None:
    """`all_generators_finalized` receiver: every `{site}` link leads to a page this run writes."""
    settings = generators[0].settings
    own = prefix(settings, settings["DEFAULT_LANG"])
    contents = [
        content
        for generator in generators
        for kind in ("articles", "hidden_articles", "drafts", "pages", "hidden_pages", "draft_pages")
        for content in getattr(generator, kind, None) or ()
        if content is not None and content.metadata.get(SITE_LINKS)
    ]
    if not contents:
        return
    links = [(content, link) for content in contents for link in content.metadata[SITE_LINKS]]
    addresses = site_addresses(generators, settings, {_address(link, own) for _content, link in links})
    others = tuple(
        prefix(settings, lang) for lang in settings["SOSCONF_LANGUAGES"] if prefix(settings, lang) != own
    )
    log = settings["SOSCONF_ERROR_LOG"]
    generated = generators[0].context["generated_content"]
    for content, link in links:
        address = _address(link, own)
        # The other language's pages are written by its own run, which this one cannot see.
        elsewhere = link.from_root and (
            not address.startswith(own)
            or any(len(other) > len(own) and address.startswith(other) for other in others)
        )
        if address in addresses or elsewhere or (link.from_root and not _is_page(link.path)):
            stand_in = _ROOT_STAND_IN_ROOT if link.from_root else _STAND_IN_ROOT
            generated[f"{stand_in}/{link.path}"] = _StandIn(address.removesuffix("index.html"))
            continue
        log.add(
            content.relative_source_path,
            link.line,
            f'"{link.written}" is not a page of the site',
            _suggestion(link.path, addresses, own),
        )


def _address(link: SiteLink, own: str) -> str:
    return ("" if link.from_root else own) + page_address(link.path)


def _is_page(path: str) -> bool:
    """A page's address (`2027/`, `404.html`), not a file such as a calendar (`2027/sosconf-2027.ics`)."""
    return path == "" or path.endswith(("/", ".html"))
