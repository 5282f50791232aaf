"""Abstracts and biographies as plain text.

pretalx keeps them as Markdown, frab and pentabarf as text or HTML.  The
edition file holds plain text, which the templates escape: so the text is
read as Markdown (which lets HTML through), and only the words are kept,
a paragraph per block, a link as its words and its address.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "tr", "hr", "dl", "dt", "dd", "section", "article",
}  # fmt: skip
_UNSEEN = {"script", "style", "template", "head", "title", "iframe", "object"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")


class _Words(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[str]] = [[]]
        self.hidden = 0
        self.links: list[tuple[str, int]] = []

    def _break(self):
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def handle_starttag(self, tag, attrs):
        if tag in _UNSEEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self._break()
            if tag == "li":
                self.paragraphs[-1].append("– ")
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.paragraphs[-1])))
        elif tag == "img":
            self.paragraphs[-1].append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag):
        if tag in _UNSEEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self._break()
        elif tag == "a" and self.links:
            href, _ = self.links.pop()
            words = "".join(self.paragraphs[-1]).strip()
            if href.startswith(("https://", "http://")) and href not in words:
                self.paragraphs[-1].append(f" ({href})")

    def handle_data(self, data):
        if not self.hidden:
            self.paragraphs[-1].append(data)

    def text(self) -> str:
        lines = (re.sub(r"\s+", " ", "".join(words)).strip() for words in self.paragraphs)
        return "\n\n".join(line for line in lines if line)


def plain_text(source: str) -> str:
    """`source` (Markdown, HTML or text) as plain text; paragraphs separated by a blank line."""
    if not source or not source.strip():
        return ""
    source = _CONTROL.sub("", source.replace("\r\n", "\n").replace("\r", "\n"))
    parser = _Words()
    parser.feed(markdown.markdown(source))
    parser.close()
    return parser.text()
