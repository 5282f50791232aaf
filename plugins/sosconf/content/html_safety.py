"""HTML that is safe to publish.

- Templates escape every value (Jinja autoescape), so a `<script>` typed into
  an edition file shows as text.  The only HTML let through is what the
  Markdown reader produced: the `content` and `summary` of posts and pages.
- Every page carries a Content-Security-Policy that forbids inline script
  (see the theme's base.html).  A post that relies on something the policy
  blocks would silently not work, so the reader refuses it with an error;
  so it does HTML that would deceive or take over the page (`<base>`,
  `<meta http-equiv>`, a `javascript:` address however it is spelt).
- Links from posts to other sites get rel="noopener": the opened page cannot
  reach back into ours through `window.opener`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markupsafe import Markup
from pelican.contents import Content

from sosconf.errors import ContentError

# Attributes of Pelican's content objects that hold HTML from the reader.
TRUSTED_HTML = frozenset({"content", "summary"})

_A_TAG = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_EXTERNAL = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
# Browsers drop ASCII whitespace and control characters inside a URL's scheme
# (`java\tscript:` runs), so they are dropped before the scheme is read.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_SCRIPT_SCHEME = re.compile(r"(?i)(javascript|vbscript|data):")
# Attributes whose value is text for people, never a URL a browser follows.
_TEXT_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "aria-description", "placeholder"})
# Elements a post must not contain, and why: each is blocked by the site's
# policy, or would change how the whole page behaves.
_REFUSED_ELEMENTS = {
    "iframe": "is blocked by the site's Content-Security-Policy and would show nothing",
    "frame": "is blocked by the site's Content-Security-Policy and would show nothing",
    "object": "is blocked by the site's Content-Security-Policy and would show nothing",
    "embed": "is blocked by the site's Content-Security-Policy and would show nothing",
}
_EMBED_FIX = "link to the video or document instead of embedding it"
# Styles a post brings along: the policy allows only the site's own stylesheet.
_REFUSED_STYLES = {
    "style": "<style> is blocked by the site's Content-Security-Policy and would change nothing",
    "link": "<link> is blocked by the site's Content-Security-Policy and would load nothing",
}


def _script_url(value: str) -> str | None:
    """The scheme if `value` is (or, in srcset or style, holds) a javascript:, vbscript: or data: URL."""
    squeezed = _IGNORED_IN_SCHEME.sub("", value)
    found = _SCRIPT_SCHEME.match(squeezed)
    if found is None:
        # srcset lists URLs after commas; style puts them in url(...).
        found = re.search(r"(?i)(?:,|url\(['\"]?)(javascript|vbscript|data):", squeezed)
    return found.group(1).lower() if found else None


def secure_environment(env) -> None:
    """Escape every value in templates except the HTML Markdown produced.

    Autoescape is forced on here rather than trusted to the settings: Pelican
    leaves it off unless JINJA_ENVIRONMENT asks, and a settings file that
    replaced JINJA_ENVIRONMENT would silently drop it.
    """
    env.autoescape = True

    def getattr_marking_content(obj, attribute):
        # Jinja's own lookup (an attribute, else an item, else undefined), written
        # out: templates look up some seventy attributes per page.
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            try:
                return obj[attribute]
            except (TypeError, LookupError, AttributeError):
                return env.undefined(obj=obj, name=attribute)
        if attribute in TRUSTED_HTML and isinstance(value, str) and isinstance(obj, Content):
            return Markup(value)
        return value

    env.getattr = getattr_marking_content


def _attributes(tag: str) -> dict[str, str]:
    found = {}
    for name, value in _ATTRIBUTE.findall(tag[2:]):
        found.setdefault(name.lower(), value.strip("\"'") if value else "")
    return found


def add_noopener(html: str) -> str:
    """Give every link to another site rel="noopener" (keeping any rel it has)."""

    def mark(match):
        tag = match.group(0)
        attributes = _attributes(tag)
        if not _EXTERNAL.match(attributes.get("href", "").strip()):
            return tag
        rel = attributes.get("rel")
        if rel is None:
            return tag[:-1].rstrip("/").rstrip() + ' rel="noopener">'
        if "noopener" in rel.split():
            return tag
        return re.sub(
            r"""(\srel\s*=\s*)(["']?)([^"'>]*)\2""",
            lambda m: f'{m.group(1)}"{(m.group(3) + " noopener").strip()}"',
            tag,
            count=1,
            flags=re.IGNORECASE,
        )

    return _A_TAG.sub(mark, html)


class _BlockedFinder(HTMLParser):
    """Collects what the site's Content-Security-Policy would block in a post."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[str, str, str]] = []  # (what was written, message, fix)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.problems.append(
                (
                    "<script",
                    "a post cannot run scripts: the site's Content-Security-Policy blocks them",
                    "remove the <script> element",
                )
            )
        elif tag in _REFUSED_ELEMENTS:
            self.problems.append((f"<{tag}", f"<{tag}> {_REFUSED_ELEMENTS[tag]}", _EMBED_FIX))
        elif tag in _REFUSED_STYLES:
            self.problems.append(
                (f"<{tag}", _REFUSED_STYLES[tag], "remove it; the site's own stylesheet styles every post")
            )
        elif tag == "form":
            self.problems.append(
                (
                    "<form",
                    "a post cannot hold a form: the site's Content-Security-Policy stops it sending "
                    "anywhere but this site, which has nothing to receive it",
                    "link to the form on the site that collects the answers",
                )
            )
        elif tag == "base":
            self.problems.append(
                (
                    "<base",
                    "<base> would change where every link of the page leads",
                    "remove it; write each link in full instead",
                )
            )
        elif tag == "meta" and "http-equiv" in attributes:
            self.problems.append(
                (
                    "http-equiv",
                    f'<meta http-equiv="{(attributes["http-equiv"] or "")[:30]}"> would change how the '
                    "whole page behaves (a redirect, another policy)",
                    "remove it; a post's settings go in its metadata at the top of the file",
                )
            )
        for name, value in attrs:
            value = (value or "").strip()
            shown = re.sub(r"[\x00-\x1f\x7f]", " ", value)[:40]
            scheme = None if name in _TEXT_ATTRIBUTES else _script_url(value)
            if name.startswith("on"):
                self.problems.append(
                    (
                        f"{name}=",
                        f"the `{name}` attribute runs a script, which the site's Content-Security-Policy blocks",
                        "remove the attribute",
                    )
                )
            elif tag == "img" and name == "src" and re.match(r"(?i)(http|data):", value):
                self.problems.append(
                    (
                        value[:60],
                        f'the picture "{value[:60]}" is blocked by the site\'s Content-Security-Policy '
                        "(only https: pictures and the site's own are shown)",
                        "use its https:// address, or put the file under assets/images/",
                    )
                )
            elif scheme == "data":
                self.problems.append(
                    (
                        value[:40],
                        f'"{shown}" is a data: URL, which can carry a page or a script of its own',
                        "put the file under assets/ and link to it, or link to a page",
                    )
                )
            elif scheme:
                self.problems.append(
                    (
                        value[:40],
                        f'the link "{shown}" runs a script, which is never allowed',
                        "link to a page instead",
                    )
                )


def blocked_html(html: str, source: str, relpath: str) -> list[ContentError]:
    """An error for everything in a post's HTML that the site's policy would block.

    The line is where the offending text first appears in the source file.
    """
    finder = _BlockedFinder()
    finder.feed(html)
    finder.close()
    # Problems come in the order they are written: each is looked for after
    # the one before, so a mistake made twice gets each its own line.
    errors, after = [], 0
    for written, message, fix in finder.problems:
        index = _find(source, written, after)
        if index is None:
            index = _find(source, written, 0)
        if index is not None:
            after = index + 1
        line = source.count("\n", 0, index) + 1 if index is not None else None
        errors.append(ContentError(relpath, line, message, fix))
    return errors


def _find(source: str, written: str, start: int) -> int | None:
    """Where `written` is in `source` from `start`: as written, or a URL by its scheme's letters,
    however spelt (`&#106;avascript:`, `java&Tab;script:`)."""
    index = source.lower().find(written.lower(), start)
    scheme = _SCRIPT_SCHEME.match(_IGNORED_IN_SCHEME.sub("", written))
    if scheme is None:
        return index if index >= 0 else None
    letters = r"(?:[\s\x00-\x1f]|&[A-Za-z]+;|&#x?[0-9a-fA-F]+;?)*".join(
        rf"(?:{letter}|&#0*{ord(letter)};?|&#x0*{ord(letter):x};?)"
        for letter in scheme.group(1).lower() + ":"
    )
    found = re.compile(letters, re.IGNORECASE).search(source, start)
    places = [place for place in (index, found.start() if found else -1) if place >= 0]
    return min(places) if places else None


def line_of(source: str, written: str) -> int | None:
    """The line where `written` first appears in `source` (case-insensitive), if it does."""
    index = source.lower().find(written.lower())
    return source.count("\n", 0, index) + 1 if index >= 0 else None
