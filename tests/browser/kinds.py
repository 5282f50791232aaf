"""The pages of a built site, grouped by kind, one kind per template.

The kinds this theme writes are known by their URL (without the language
prefix).  Pages of any other URL (a program, speakers, a search page added
later) are still found: those under the same parent URL that share the same
page structure are taken for one kind, so every new template is found, and
fails test_page_kinds.py until it is named in BUNDLED_KINDS.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from pelicanconf import SOSCONF_LANGUAGES

# First match names the kind.
KNOWN_KINDS = (
    ("home", r""),
    ("news", r"news/"),
    ("post", r"news/[^/]+/"),
    ("tags", r"tags/"),
    ("tag", r"tags/[^/]+/"),
    ("categories", r"categories/"),
    ("category", r"categories/[^/]+/"),
    ("editions", r"editions/"),
    ("edition", r"\d{4}/"),
    ("contact", r"contact/"),
    ("404", r"404\.html"),
    ("search", r"search/"),
)
# Every kind of page the bundled content has, in each language.  The checks
# are named from this list, so collecting them builds nothing;
# test_page_kinds.py compares it with the kinds of the built site, so that a
# new kind of page fails there until it is listed here (and so checked).
BUNDLED_KINDS = (
    "404",
    "categories",
    "category",
    "contact",
    "edition",
    "editions",
    "home",
    "news",
    "page",
    "post",
    "search",
    "tag",
    "tags",
    "year-program",
    "year-program-any",
    "year-program-kind-any",
    "year-speakers",
)
KIND_IDS = [f"{lang}-{name}" for lang in SOSCONF_LANGUAGES for name in BUNDLED_KINDS]
# Later pages of a paginated list are written by the template of the first.
LATER_PAGE = re.compile(r"(?:.*/)?page/\d+/")
YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Page:
    lang: str
    path: str  # the URL path without the leading slash: "en/news/x/", "404.html"
    file: Path

    @property
    def rest(self) -> str:
        """The path without the language prefix."""
        return self.path[len(prefix_of(self.lang)) :]


@dataclass(frozen=True)
class Kind:
    lang: str
    name: str
    page: Page  # the largest page of the kind: the most content to check

    @property
    def id(self) -> str:
        return f"{self.lang}-{self.name}"

    @property
    def path(self) -> str:
        return self.page.path


def prefix_of(lang: str) -> str:
    return SOSCONF_LANGUAGES[lang]["prefix"]


def language_of(path: str) -> str:
    prefixed = [lang for lang in SOSCONF_LANGUAGES if prefix_of(lang) and path.startswith(prefix_of(lang))]
    if prefixed:
        return max(prefixed, key=lambda lang: len(prefix_of(lang)))
    return next(lang for lang in SOSCONF_LANGUAGES if not prefix_of(lang))


def html_pages(output: Path) -> list[Page]:
    pages = []
    for file in sorted(output.rglob("*.html")):
        path = file.relative_to(output).as_posix()
        path = path[: -len("index.html")] if path.endswith("index.html") else path
        pages.append(Page(language_of(path), path, file))
    return pages


def _structure(file: Path) -> tuple[str, ...]:
    """What the main element is made of: its children's tags and classes."""
    main = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml").find("main")
    if main is None:
        return ()
    return tuple(".".join([child.name, *child.get("class", [])]) for child in main.find_all(recursive=False))


def _known_kind(page: Page) -> str | None:
    for name, pattern in KNOWN_KINDS:
        if re.fullmatch(pattern, page.rest):
            return name
    if re.fullmatch(r"[^/]+/", page.rest) and _structure(page.file)[:1] == ("article.page",):
        return "page"
    return None


def _name_unknown(members: list[Page]) -> str:
    parts = [[("year" if YEAR.fullmatch(p) else p) for p in m.rest.strip("/").split("/")] for m in members]
    last = {p[-1] for p in parts}
    return "-".join(parts[0][:-1] + [last.pop() if len(last) == 1 else "any"])


def page_kinds(output: Path) -> list[Kind]:
    """One page of every kind in every language, the largest of each."""
    groups: dict[tuple, list[Page]] = defaultdict(list)
    for page in html_pages(output):
        if LATER_PAGE.fullmatch(page.rest):
            continue
        name = _known_kind(page)
        if name is None:
            parent = tuple("year" if YEAR.fullmatch(p) else p for p in page.rest.strip("/").split("/")[:-1])
            groups[(page.lang, "unknown", parent, _structure(page.file))].append(page)
        else:
            groups[(page.lang, name)].append(page)
    kinds = []
    taken = set()
    for key, members in groups.items():
        name = key[1] if key[1] != "unknown" else _name_unknown(members)
        while (key[0], name) in taken:  # same URL shape, another structure
            name += "+"
        taken.add((key[0], name))
        largest = max(members, key=lambda page: (page.file.stat().st_size, page.path))
        kinds.append(Kind(key[0], name, largest))
    return sorted(kinds, key=lambda kind: (kind.lang, kind.name))
