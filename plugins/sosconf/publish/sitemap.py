"""sitemap.xml and robots.txt, made from the finished output of both languages.

- Which pages: every HTML page except those whose head says
  `<meta name="robots" content="noindex">` (the 404 page, drafts, hidden
  posts and pages: base.html decides).
- Which pages, still: a page whose `<link rel="canonical">` names another
  page (a program filtered to one track) is left to that page.
- Alternates: the `<link rel="alternate" hreflang>` of each page's head
  (`x-default` included), kept when the other page links back (search
  engines ignore one-way pairs): the sitemap says what the pages say.
- lastmod: the content's own date (a post's `modified` or `date`, the newest
  post of a list or an edition), never the build time.  Each language's
  Pelican run records the dates of the pages it writes (`record_content_date`)
  and, once written, what their heads say, into a file in the output, which
  `write_sitemap` reads and removes: the two runs read their own pages side
  by side, and the post-build step reads only pages no run recorded.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from sosconf.files import files_under
from sosconf.publish.staged_files import staged_files
from sosconf.publish.written import written_pages
from sosconf.run import run_of
from sosconf.urls import absolute_root, relative_to_output, site_path

RUN_FILE = ".sitemap-{lang}.json"


# Output path -> ISO date, for the pages written by this process's current run.
def _newest(posts):
    return max((getattr(post, "modified", None) or post.date for post in posts), default=None)


def content_date(context):
    """The date of what a page shows, or None when it shows no dated content."""
    for key in ("article", "page"):
        entry = context.get(key)
        if entry is not None and hasattr(entry, "status"):
            return getattr(entry, "modified", None) or getattr(entry, "date", None)
    listing = context.get("articles_page")
    if listing is not None:
        return _newest(listing.object_list)
    edition = context.get("edition")
    if edition is not None:
        return _newest(context.get("edition_news", {}).get(edition.year, []))
    return None


def record_content_date(path, context) -> None:
    """A step of `content_written`: remember the date and the head of each page written."""
    run = run_of(context)
    relative = relative_to_output(path, context["OUTPUT_PATH"])
    date = content_date(context)
    if date is not None:
        run.content_dates[relative] = date.isoformat()
    if str(path).endswith(".html"):
        head = run.fact(path, "head")  # a page linked from the render cache: as read when it was rendered
        if head is None:
            text = run.text_of(path)
            end = text.find(b"</head>")
            head = head_of((text if end < 0 else text[:end]).decode("utf-8")).as_record()
            run.remember_fact(path, "head", head)
        run.heads[relative] = head


def save_content_dates(pelican) -> None:
    """A step of `finalized`: hand this run's dates and page heads to the post-build step."""
    output = Path(pelican.output_path)
    settings = pelican.settings
    known = run_of(settings).heads
    heads = {
        relative: known[relative] if relative in known else read_head(output / relative).as_record()
        for relative in written_pages(settings)
    }
    dates = run_of(settings).content_dates
    target = output / RUN_FILE.format(lang=settings["DEFAULT_LANG"])
    target.write_text(json.dumps({"dates": dates, "heads": heads}, sort_keys=True), encoding="utf-8")


def _take_run_records(output: Path) -> tuple[dict[str, str], dict[str, list]]:
    dates: dict[str, str] = {}
    heads: dict[str, list] = {}
    for found in sorted(output.glob(RUN_FILE.format(lang="*"))):
        record = json.loads(found.read_text(encoding="utf-8"))
        dates.update(record["dates"])
        heads.update(record["heads"])
        found.unlink()
    return dates, heads


class _Head:
    """The few things the sitemap needs from a page: its language, robots and alternates."""

    def __init__(self):
        self.lang = None
        self.noindex = False
        self.alternates: dict[str, str] = {}
        self.canonical = None

    def read_tag(self, tag: str) -> None:
        name = tag[1:].split(None, 1)[0].rstrip(">/").lower()
        attributes = {
            key.lower(): html.unescape(value) if "&" in value else value for key, value in _attributes(tag)
        }
        if name == "html":
            self.lang = attributes.get("lang")
        elif name == "meta" and (attributes.get("name") or "").lower() == "robots":
            self.noindex = "noindex" in (attributes.get("content") or "").lower()
        elif name == "link" and attributes.get("rel") == "alternate" and attributes.get("hreflang"):
            self.alternates[attributes["hreflang"]] = attributes.get("href") or ""
        elif name == "link" and attributes.get("rel") == "canonical":
            self.canonical = attributes.get("href")

    def as_record(self) -> list:
        return [self.lang, self.noindex, self.alternates, self.canonical]

    @classmethod
    def from_record(cls, record: list) -> _Head:
        head = cls()
        head.lang, head.noindex, head.alternates, head.canonical = record
        return head


# The tags `_Head` may read: the expression only finds `<html>`, `<meta>` and `<link>` tags
# (trying a keyword inside every tag took longer than the rest), `head_of` keeps those it reads.
_HEAD_TAG = re.compile(r"<(html|meta|link)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_HEAD_START = 16384  # bytes: the head of any page of this theme fits


def _attributes(tag: str):
    found = _ATTRIBUTE.finditer(tag[1:-1].rstrip("/"))
    next(found, None)  # the tag's name
    for match in found:
        name, double, single, bare = match.groups()
        yield name, double if double is not None else single if single is not None else bare or ""


def _head_text(html_file: Path) -> str:
    with html_file.open("rb") as handle:
        data = handle.read(_HEAD_START)
        if b"</head>" not in data:
            data += handle.read()
    end = data.find(b"</head>")
    return (data if end < 0 else data[:end]).decode("utf-8")


def read_head(html_file: Path) -> _Head:
    return head_of(_head_text(html_file))


def head_of(text: str) -> _Head:
    """What the sitemap needs from a page's head (`text`: the page up to `</head>`)."""
    head = _Head()
    for name, rest in _HEAD_TAG.findall(text):
        name = name.lower()
        if name == "meta" and "robots" not in rest.lower():
            continue
        if name == "link" and "alternate" not in rest.lower() and "canonical" not in rest.lower():
            continue
        head.read_tag(f"<{name}{rest}>")
    return head


def page_url(relative_path: str) -> str:
    """`news/x/index.html` -> `news/x/`: the address a visitor uses."""
    if relative_path == "index.html":
        return ""
    if relative_path.endswith("/index.html"):
        return relative_path[: -len("index.html")]
    return relative_path


def collect_pages(
    output: Path, root: str, heads: dict[str, list] | None = None, files: list[str] | None = None
) -> dict[str, dict]:
    """url -> {"file", "lang", "alternates": {hreflang: url}} for every page the sitemap lists.

    `heads` holds what the language runs read from the heads of their pages;
    any other page is read here.  `files` lists the output (listed here when not given).
    """
    heads = heads or {}
    pages = {}
    for relative in files_under(output) if files is None else files:
        if not relative.endswith(".html"):
            continue
        head = _Head.from_record(heads[relative]) if relative in heads else read_head(output / relative)
        url = page_url(relative)
        if head.noindex or (head.canonical and site_path(root, url, head.canonical) not in (None, url)):
            continue
        alternates = {}
        for hreflang, href in head.alternates.items():
            target = site_path(root, url, href)
            if target is not None:
                alternates[hreflang] = target
        pages[url] = {"file": relative, "lang": head.lang, "alternates": alternates}
    return pages


def language_versions(url: str, pages: dict[str, dict]) -> dict[str, str]:
    """hreflang -> url of every version of `url` that links back to it, itself included."""
    page = pages[url]
    others = {}
    for hreflang, target in page["alternates"].items():
        other = pages.get(target)
        if target != url and other and url in other["alternates"].values():
            others[hreflang] = target
    if not others:
        return {}
    # The page itself under each name it gives itself (its language, maybe x-default).
    versions = {hreflang: url for hreflang, target in page["alternates"].items() if target == url}
    if page["lang"]:
        versions.setdefault(page["lang"], url)
    return dict(sorted({**versions, **others}.items()))


def render_sitemap(pages: dict[str, dict], dates: dict[str, str], root: str) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for url in sorted(pages):
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(root + url)}</loc>")
        lastmod = dates.get(pages[url]["file"])
        if lastmod:
            lines.append(f"    <lastmod>{lastmod}</lastmod>")
        for hreflang, target in language_versions(url, pages).items():
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} href={quoteattr(root + target)}/>'
            )
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def render_robots(root: str) -> str:
    # Nothing is disallowed: pages that must stay out of search engines say
    # `noindex` themselves, which a crawler can only read if it may fetch them.
    return f"User-agent: *\nDisallow:\n\nSitemap: {root}sitemap.xml\n"


def write_sitemap(output: Path, settings) -> None:
    """Post-build step: sitemap.xml and robots.txt at the root of the output."""
    root = absolute_root(settings) + "/"
    dates, heads = _take_run_records(output)
    listing = staged_files(output, settings)
    pages = collect_pages(output, root, heads, listing.files())
    (output / "sitemap.xml").write_text(render_sitemap(pages, dates, root), encoding="utf-8")
    (output / "robots.txt").write_text(render_robots(root), encoding="utf-8")
    listing.wrote("sitemap.xml", "robots.txt")
