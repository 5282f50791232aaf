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
not exist is an error, found by `make check` too.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .addresses import site_addresses
from .languages import prefix

# The metadata key the reader stores a post's site links under.
SITE_LINKS = "sosconf_site_links"
# Where the stand-ins live among Pelican's generated content: no content file has this path.
_STAND_IN_ROOT = "sosconf-site-page"
_SITE_LINK = re.compile(r"""(?P<attribute>\shref\s*=\s*)(?P<quote>["'])\{site\}(?P<path>[^"'#?]*)""")


@dataclass(frozen=True)
class SiteLink:
    path: str  # after the language prefix: "", "2027/", "2027/program/"
    written: str
    line: int | None


class _StandIn:
    """What Pelican's `{filename}` replacement reads of a linked content: its URL."""

    def __init__(self, url: str):
        self.url = url
        self.metadata: dict = {}


def page_address(path: str) -> str:
    """The file a page address is written to: `2027/` → `2027/index.html`."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def hand_to_pelican(html: str, source: str) -> tuple[str, list[SiteLink]]:
    """`html` with each `{site}` link turned into a `{filename}` link to its stand-in, and the links found."""
    links = []

    def replace(match) -> str:
        path = match.group("path").lstrip("/")
        written = "{site}" + match.group("path")
        index = source.find(written)
        line = source.count("\n", 0, index) + 1 if index >= 0 else None
        links.append(SiteLink(path, written, line))
        return f"{match.group('attribute')}{match.group('quote')}{{filename}}/{_STAND_IN_ROOT}/{path}"

    return _SITE_LINK.sub(replace, html), links


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
    wanted = {own + page_address(link.path) for content in contents for link in content.metadata[SITE_LINKS]}
    addresses = site_addresses(generators, settings, wanted)
    log = settings["SOSCONF_ERROR_LOG"]
    generated = generators[0].context["generated_content"]
    for content in contents:
        for link in content.metadata[SITE_LINKS]:
            if own + page_address(link.path) in addresses:
                generated[f"{_STAND_IN_ROOT}/{link.path}"] = _StandIn(own + link.path)
                continue
            log.add(
                content.relative_source_path,
                link.line,
                f'"{link.written}" is not a page of the site',
                _suggestion(link.path, addresses, own),
            )
