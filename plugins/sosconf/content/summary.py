"""The summary cut: the text before the end marker is the post's summary."""

from __future__ import annotations

import re
from html.parser import HTMLParser

DEFAULT_MARKER = "<!-- PELICAN_END_SUMMARY -->"

_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>.*?</p>", re.DOTALL)


_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _FirstElement(HTMLParser):
    """Finds the position of the tag that closes a fragment's first element."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.end = None

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID:
            self.depth += 1

    def handle_endtag(self, tag):
        self.depth = max(0, self.depth - 1)
        if self.depth == 0 and self.end is None:
            self.end = self.getpos()


def first_block(html: str) -> str:
    """The first paragraph, else the first top-level element of `html`."""
    match = _FIRST_PARAGRAPH.search(html)
    if match:
        return match.group(0)
    html = html.strip()
    parser = _FirstElement()
    parser.feed(html)
    if parser.end is None:
        return html
    line, column = parser.end
    lines = html.split("\n")
    offset = sum(len(text) + 1 for text in lines[: line - 1]) + column
    return html[: html.index(">", offset) + 1]


def cut_summary(html: str, marker: str = DEFAULT_MARKER) -> tuple[str, str]:
    """Return (summary, content without the marker).

    Python-Markdown escapes the marker inside code, so only a real marker
    matches.  Without a marker the summary is the first paragraph.
    """
    if marker and marker in html:
        before, _, after = html.partition(marker)
        return before.strip(), (before.rstrip() + "\n" + after.lstrip()).strip()
    return first_block(html), html


def count_markers(html: str, marker: str = DEFAULT_MARKER) -> int:
    return html.count(marker) if marker else 0
