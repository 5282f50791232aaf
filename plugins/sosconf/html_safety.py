"""HTML that is safe to publish.

- Templates escape every value (Jinja autoescape), so a `<script>` typed into
  an edition file shows as text.  The only HTML let through is what the
  Markdown reader produced: the `content` and `summary` of posts and pages.
- Every page carries a Content-Security-Policy that forbids inline script
  (see the theme's base.html).  A post that relies on something the policy
  blocks would silently not work, so the reader refuses it with an error.
- Links from posts to other sites get rel="noopener": the opened page cannot
  reach back into ours through `window.opener`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markupsafe import Markup
from pelican.contents import Content

from .errors import ContentError

# Attributes of Pelican's content objects that hold HTML from the reader.
TRUSTED_HTML = frozenset({"content", "summary"})

_A_TAG = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_EXTERNAL = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data")


def secure_environment(env) -> None:
    """Escape every value in templates except the HTML Markdown produced.

    Autoescape is forced on here rather than trusted to the settings: Pelican
    leaves it off unless JINJA_ENVIRONMENT asks, and a settings file that
    replaced JINJA_ENVIRONMENT would silently drop it.
    """
    env.autoescape = True
    plain_getattr = env.getattr

    def getattr_marking_content(obj, attribute):
        value = plain_getattr(obj, attribute)
        if attribute in TRUSTED_HTML and isinstance(obj, Content) and isinstance(value, str):
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
        if tag == "script":
            self.problems.append(
                (
                    "<script",
                    "a post cannot run scripts: the site's Content-Security-Policy blocks them",
                    "remove the <script> element",
                )
            )
        elif tag in ("iframe", "object", "embed", "frame"):
            self.problems.append(
                (
                    f"<{tag}",
                    f"<{tag}> is blocked by the site's Content-Security-Policy and would show nothing",
                    "link to the video or document instead of embedding it",
                )
            )
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on"):
                self.problems.append(
                    (
                        f"{name}=",
                        f"the `{name}` attribute runs a script, which the site's Content-Security-Policy blocks",
                        "remove the attribute",
                    )
                )
            elif name in _URL_ATTRIBUTES and re.match(
                r"(?i)\s*(javascript|vbscript|data\s*:\s*text/html)", value
            ):
                self.problems.append(
                    (
                        value[:40],
                        f'the link "{value[:40]}" runs a script, which is never allowed',
                        "link to a page instead",
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


def blocked_html(html: str, source: str, relpath: str) -> list[ContentError]:
    """An error for everything in a post's HTML that the site's policy would block.

    The line is where the offending text first appears in the source file.
    """
    finder = _BlockedFinder()
    finder.feed(html)
    finder.close()
    return [
        ContentError(relpath, line_of(source, written), message, fix)
        for written, message, fix in finder.problems
    ]


def line_of(source: str, written: str) -> int | None:
    """The line where `written` first appears in `source` (case-insensitive), if it does."""
    index = source.lower().find(written.lower())
    return source.count("\n", 0, index) + 1 if index >= 0 else None
