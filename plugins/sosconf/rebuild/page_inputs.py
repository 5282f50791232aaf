"""What a page is made from: the context values its template reads, summed up in a digest.

Two renders of a template give the same HTML when the template, the settings
and every context value the template refers to are the same.  This module
finds which names a template (with everything it extends, includes and
imports) refers to, and sums up their values:

- plain values (text, numbers, dates, lists, mappings) by their contents;
- objects (posts, pages, tags, editions...) by their attributes, each object
  once per build (it is remembered by identity; the objects live for the
  whole run);
- a post's or page's shown `content` by what it is made from: its source
  HTML (`_content`, an attribute) and the addresses its `{filename}` and
  `{static}` links may point to (every post's, page's and static file's,
  summed up once per run), so that summing up a post does not make its
  HTML; its `summary` likewise, unless the post gives its own.  Where making
  the HTML would do more than replace links (an `{attach}` link moves the
  file it names, a reader that makes the HTML itself), the HTML is made and
  summed up;
- objects that refer to each other (a post and its translation) by all of
  them together: each one's digest covers every object of its cycle, so it
  does not matter which of them a page sums up first;
- a paginator by its size, not by the list it pages through: templates read
  the page they show (`articles_page`), whose objects are summed up one by one;
- a tag, category or author by its name and slug (its URL follows from them
  and the settings); a post without its `metadata`, which repeats its
  attributes.

Each digest also knows which posts and pages it reached (their source paths:
`Digester.reached`), so that a page whose posts and pages are unchanged can
be known unchanged without summing it up again (sosconf.rebuild.page_reach).

Settings (and so every URL pattern) are not summed up here: the caller salts
the digest with everything outside the content folder (see sosconf.rebuild.inputs).
A value this module cannot sum up faithfully (an object whose only text is
its memory address) makes the page "unknown": it is rendered every time.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import hashlib
import json
import re
import types
from collections.abc import Mapping
from pathlib import Path

from jinja2 import meta, nodes
from pelican.contents import Content
from pelican.paginator import Paginator
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import URLWrapper

from sosconf.files import write_atomically

# Attributes never summed up: settings are in the salt, `_context` is the
# whole site (every post would depend on every other).
SKIPPED_ATTRIBUTES = frozenset({"settings", "_context"})
# A post's `metadata` repeats what Pelican also sets as its attributes.
SKIPPED_CONTENT_ATTRIBUTES = SKIPPED_ATTRIBUTES | {"metadata"}
# Properties of posts and pages that templates show, computed from the object
# and other posts (a `{filename}` link shows the other post's address).  Their
# `url` and `save_as` follow from their attributes and the settings alone.
CONTENT_PROPERTIES = ("content", "summary")
# The tables of what `{filename}` and `{static}` links point to, in Pelican's context.
LINK_TABLES = ("generated_content", "static_content")
_SIMPLE = (
    str,
    bytes,
    int,
    float,
    bool,
    type(None),
    datetime.date,
    datetime.time,
    datetime.timedelta,
    decimal.Decimal,
)
# Code, named rather than summed up: what it does is in the source files, which the salt covers.
_CODE = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, functools.partial, type)


# How `Digester._feed` sums up a value, by its type: the tests in their order, each
# type's answer kept (trying them all for every value was a fifth of summing up).
_TESTS = (str, _SIMPLE, (list, tuple), (set, frozenset), Mapping, URLWrapper, Paginator, _CODE)
_STR, _SIMPLE_VALUE, _SEQUENCE, _SET, _MAPPING, _URL_WRAPPER, _PAGINATOR, _CODE_VALUE, _OTHER = range(9)
_BRANCHES: dict[type, int] = {}


def _branch_of(kind: type) -> int:
    for branch, tested in enumerate(_TESTS):
        if issubclass(kind, tested):
            return branch
    return _OTHER


class Unknown(Exception):
    """A value whose digest would not tell one state from another."""


def _names_in(env, template_name: str, source: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The names one template file reads, and the templates it pulls in."""
    tree = env.parse(source)
    names = frozenset(node.name for node in tree.find_all(nodes.Name) if node.ctx == "load")
    others = tuple(meta.find_referenced_templates(tree))
    if None in others:
        raise Unknown(f"{template_name} pulls in a template chosen at render time")
    return names, others


class TemplateFiles:
    """What each template file reads, found once per source and kept in `path` between builds.

    A template's entry is used only while its source is the one it was found
    in (its checksum is kept with it), so one file serves every content folder
    and version of the theme.  Each process adds what it found to what the file
    holds when it saves; of two processes saving at once the last one wins, and
    what it lacks is found again next time.
    """

    def __init__(self, path: Path | None = None):
        self.path = path
        self._kept: dict[str, list] = self._load()
        self._found: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}
        self._new: dict[str, list] = {}

    def _load(self) -> dict:
        if self.path is None:
            return {}
        try:
            kept = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return kept if isinstance(kept, dict) else {}

    def of(self, env, template_name: str) -> tuple[frozenset[str], tuple[str, ...]]:
        found = self._found.get(template_name)
        if found is None:
            source, _, _ = env.loader.get_source(env, template_name)
            checksum = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
            kept = self._kept.get(template_name)
            if isinstance(kept, list) and len(kept) == 3 and kept[0] == checksum:
                found = (frozenset(kept[1]), tuple(kept[2]))
            else:
                found = _names_in(env, template_name, source)
                self._new[template_name] = [checksum, sorted(found[0]), list(found[1])]
            self._found[template_name] = found
        return found

    def save(self) -> None:
        if self._new and self.path is not None:
            kept = {**self._load(), **self._new}
            write_atomically(self.path, json.dumps(kept, sort_keys=True).encode())
            self._new = {}


def referenced_names(env, template_name: str, files: TemplateFiles | None = None) -> frozenset[str]:
    """Every name `template_name` and the templates it pulls in read from the context.

    Local names (loop variables, `set`) are included too: a superset is safe,
    as a name missing from the context adds nothing to the digest.  `files`
    keeps what each template file reads, so that it is parsed once.
    """
    files = TemplateFiles() if files is None else files
    found: set[str] = set()
    pending, seen = [template_name], set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        names, others = files.of(env, name)
        found |= names
        pending.extend(others)
    return frozenset(found)


class _Visit:
    """An object being summed up: its place in the walk and the earliest place it leads back to."""

    __slots__ = ("index", "lowest", "own")

    def __init__(self, index: int):
        self.index = self.lowest = index
        self.own = b""


def _placeholder(obj) -> bytes:
    """How an object stands in the digest of another object of its cycle (its own digest is added once for all)."""
    return f"cycle:{type(obj).__qualname__}:{getattr(obj, 'source_path', '')};".encode()


# Context values summed up once per run when a page's context holds them directly:
# most are the same objects on every page (the menu's pages, the settings' texts).
_SHARED_CONTAINERS = frozenset({list, tuple, dict, str, int, bool, type(None)})


class Digester:
    """Sums up context values; one per run, so that each object is summed up once.

    Objects are walked depth first and grouped by the cycles they form
    (Tarjan's strongly connected components): inside a cycle an object refers
    to another by a placeholder, and each member's digest then adds the
    digests of every member, so a change to any of them changes them all
    whichever was reached first.
    """

    def __init__(self):
        # By id: (the object, its digest, the source paths of the posts and pages it reaches).
        self._objects: dict[int, tuple[object, bytes, frozenset[str]]] = {}
        self._containers: dict[int, tuple[object, bytes, frozenset[str]]] = {}
        self._open: dict[int, _Visit] = {}  # visited, their cycle not complete yet
        self._path: list[_Visit] = []  # the objects being summed up, outermost first
        self._stack: list[object] = []  # Tarjan's stack
        self._count = 0
        self._depth = 0
        self._link_targets: dict[int, tuple[object, bytes | None]] = {}
        # The source paths reached by what is being summed up, innermost last;
        # the first gathers everything summed up since `start_page`.
        self.reached: set[str] = set()
        self._reaching: list[set[str]] = [self.reached]
        # Posts and pages whose digest an earlier run found, taken as they are (see `trust`).
        self._trusted: dict[tuple[str, str], tuple[bytes, frozenset[str]]] = {}

    def trust(self, digests: dict[tuple[str, str], tuple[bytes, frozenset[str]]]) -> None:
        """Take these digests of posts and pages (by type and source path) instead of summing them up.

        For posts and pages that reach nothing that changed since the run that
        found them (sosconf.rebuild.page_reach decides which).
        """
        self._trusted = digests

    def content_digests(self) -> dict[tuple[str, str], tuple[bytes, frozenset[str]]]:
        """The digest and reach of every post and page summed up or trusted in this run."""
        return {
            (type(obj).__qualname__, obj.source_path): (digest, reached)
            for obj, digest, reached in self._objects.values()
            if isinstance(obj, Content) and getattr(obj, "source_path", None)
        }

    def start_page(self) -> None:
        """Gather afresh, in `reached`, the posts and pages the next digests reach."""
        self.reached = set()
        self._reaching = [self.reached]

    def digest(self, value) -> bytes:
        shared = self._depth == 0 and type(value) in _SHARED_CONTAINERS
        if shared:
            # A value every page's context holds (the pages of the menu, the channels):
            # summed up once, like an object, and kept so that its id is not reused.
            known = self._containers.get(id(value))
            if known is not None:
                self._reaching[-1].update(known[2])
                return known[1]
            self._reaching.append(set())
        hasher = hashlib.sha256()
        self._depth += 1
        try:
            self._feed(hasher, value)
        except BaseException:
            if self._depth == 1:  # a half-walked cycle must not be remembered
                self._open.clear()
                self._path.clear()
                self._stack.clear()
                self._reaching = [self.reached]
            raise
        finally:
            self._depth -= 1
        if shared:
            reached = frozenset(self._reaching.pop())
            self._reaching[-1].update(reached)
            self._containers[id(value)] = (value, hasher.digest(), reached)
        return hasher.digest()

    def _feed(self, hasher, value) -> None:
        kind = type(value)
        branch = _BRANCHES.get(kind)
        if branch is None:
            branch = _BRANCHES[kind] = _branch_of(kind)
        if branch == _STR:  # the most common value, and the longest (a post's HTML)
            data = value.encode("utf-8", "surrogatepass")
            hasher.update(b"%s:%d:" % (type(value).__name__.encode(), len(data)))
            hasher.update(data)
        elif branch == _SIMPLE_VALUE:
            hasher.update(f"{type(value).__name__}:{value!r};".encode("utf-8", "surrogatepass"))
        elif branch == _SEQUENCE:
            hasher.update(f"[{len(value)}".encode())
            for item in value:
                self._feed(hasher, item)
            hasher.update(b"]")
        elif branch == _SET:
            hasher.update(b"{")
            for item in sorted(self.digest(item) for item in value):
                hasher.update(item)
            hasher.update(b"}")
        elif branch == _MAPPING:
            hasher.update(f"({len(value)}".encode())
            for key in sorted(value, key=repr):
                self._feed(hasher, key)
                self._feed(hasher, value[key])
            hasher.update(b")")
        elif branch == _URL_WRAPPER:  # a tag, category or author: its name and slug make its URL
            hasher.update(
                f"{type(value).__name__}:{value.name!r}:{value.slug!r};".encode("utf-8", "surrogatepass")
            )
        elif branch == _PAGINATOR:
            hasher.update(
                f"paginator:{value.name!r}:{value.url!r}:{value.count}:{value.per_page}:{value.orphans};".encode()
            )
        elif branch == _CODE_VALUE:
            name = getattr(value, "__qualname__", None) or getattr(
                getattr(value, "func", None), "__qualname__", ""
            )
            hasher.update(f"code:{getattr(value, '__module__', '')}.{name};".encode())
        elif hasattr(value, "__dict__") or hasattr(value, "__slots__"):
            hasher.update(self._object_digest(value))
        else:
            text = repr(value)
            if " at 0x" in text:
                raise Unknown(f"cannot tell one {type(value).__name__} from another")
            hasher.update(f"{type(value).__qualname__}:{text};".encode())

    def _object_digest(self, obj) -> bytes:
        key = id(obj)
        known = self._objects.get(key)
        if known is not None:
            self._reaching[-1].update(known[2])
            return known[1]
        visit = self._open.get(key)
        if visit is not None:  # reached again from an object of its cycle
            self._path[-1].lowest = min(self._path[-1].lowest, visit.index)
            return _placeholder(obj)
        if self._trusted and isinstance(obj, Content):
            trusted = self._trusted.get((type(obj).__qualname__, getattr(obj, "source_path", None)))
            if trusted is not None:
                self._objects[key] = (obj, *trusted)
                self._reaching[-1].update(trusted[1])
                return trusted[0]
        visit = _Visit(self._count)
        self._count += 1
        self._open[key] = visit
        self._stack.append(obj)
        self._path.append(visit)
        # Everything this object's walk reaches; it goes to the object that reached it
        # too, so that the first object of a cycle ends up with what the whole cycle reaches.
        source = getattr(obj, "source_path", None) if isinstance(obj, Content) else None
        reached = {source} if source else set()
        self._reaching.append(reached)
        try:
            visit.own = self._own_digest(obj)
        finally:
            self._path.pop()
            self._reaching.pop()
        self._reaching[-1].update(reached)
        if visit.lowest < visit.index:  # part of a cycle through an object still being summed up
            self._path[-1].lowest = min(self._path[-1].lowest, visit.lowest)
            return _placeholder(obj)
        return self._close_cycle(obj, frozenset(reached))

    def _close_cycle(self, root, reached: frozenset[str]) -> bytes:
        """`root` and the objects above it on the stack form a cycle: give each its digest.

        Each member reaches what `root` reaches: they all lead back to it.
        """
        members = []
        while True:
            member = self._stack.pop()
            members.append((member, self._open.pop(id(member)).own))
            if member is root:
                break
        if len(members) == 1:
            self._objects[id(root)] = (root, members[0][1], reached)
            return members[0][1]
        together = hashlib.sha256(b"".join(sorted(own for _, own in members))).digest()
        for member, own in members:
            # Keeping `member` keeps its id from being reused.
            self._objects[id(member)] = (member, hashlib.sha256(own + together).digest(), reached)
        return self._objects[id(root)][1]

    def _own_digest(self, obj) -> bytes:
        """`obj`'s attributes, the objects of its cycle by their placeholders."""
        hasher = hashlib.sha256(f"object:{type(obj).__module__}.{type(obj).__qualname__}".encode())
        attributes = dict(vars(obj)) if hasattr(obj, "__dict__") else {}
        for name in getattr(type(obj), "__slots__", ()):
            if hasattr(obj, name):
                attributes[name] = getattr(obj, name)
        skipped = SKIPPED_ATTRIBUTES
        if isinstance(obj, Content):
            attributes.update(self._shown_content(obj))
            skipped = SKIPPED_CONTENT_ATTRIBUTES
        for name in sorted(attributes):
            if name in skipped:
                continue
            hasher.update(name.encode() + b"=")
            self._feed(hasher, attributes[name])
        return hasher.digest()

    def _shown_content(self, obj: Content) -> dict[str, object]:
        """What stands for the `content` and `summary` a post or page shows (see the module's description)."""
        targets = None if hasattr(obj, "_get_content") else self._targets_of(getattr(obj, "_context", None))
        if targets is None:
            return {"@" + name: getattr(obj, name) for name in CONTENT_PROPERTIES}
        # Pelican makes the HTML from `_content` (summed up with the other attributes) and the links' targets.
        shown = {"@content": targets}
        shown["@summary"] = obj.summary if "summary" in obj.metadata else targets
        return shown

    def _targets_of(self, context) -> bytes | None:
        """The addresses every intrasite link of a run may point to; None where making HTML moves files."""
        if not isinstance(context, Mapping):
            return None
        known = self._link_targets.get(id(context))
        if known is None:
            known = self._link_targets[id(context)] = (context, link_targets(context))
        return known[1]


# An `{attach}` link as Pelican's own intrasite link expression writes it; with another
# expression in the settings, any "attach" in a post counts as one.
_ATTACH_LINK = re.compile(r"[{|]attach[|}]")


def link_targets(context: Mapping) -> bytes | None:
    """A digest of the addresses every intrasite link of a run may point to; None where making HTML moves files."""
    default_links = context.get("INTRASITE_LINK_REGEX") == DEFAULT_CONFIG["INTRASITE_LINK_REGEX"]
    hasher = hashlib.sha256(b"link targets")
    for table_name in LINK_TABLES:
        table = context.get(table_name) or {}
        for path in sorted(table):
            linked = table[path]
            html = getattr(linked, "_content", None) or ""
            # The word is looked for first: the expression alone took longer on a blog's posts.
            if "attach" in html and (_ATTACH_LINK.search(html) if default_links else True):
                return None  # an `{attach}` link moves the file it names when the HTML is made
            hasher.update(f"{table_name}:{path}\0{linked.url}\0".encode("utf-8", "surrogatepass"))
    return hasher.digest()
