"""Read a YAML file into plain data plus the line of every key and item.

Dates stay strings here: PyYAML would turn `2022-19-29` into an exception of
its own, while the schema can say what is wrong with it and how to fix it.
"""

from __future__ import annotations

import yaml

from sosconf.errors import ContentError

# Anchors and aliases let a few lines stand for millions of values (the
# "billion laughs"): every later step walks what the aliases expand to.  The
# values written out count once; aliases may add this many more.
ALIAS_EXPANSION_LIMIT = 10_000
# Deeper than any edition needs, shallow enough for every recursive step after.
NESTING_LIMIT = 64


class _TextLoader(yaml.SafeLoader):
    """SafeLoader that leaves timestamps as text."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# libyaml reads the same YAML about ten times faster.  Its messages differ
# from PyYAML's, so a file it refuses is read again by _TextLoader, whose
# messages the error reference documents.
_FastTextLoader = None
if hasattr(yaml, "CSafeLoader"):

    class _FastTextLoader(yaml.CSafeLoader):
        """CSafeLoader that leaves timestamps as text."""

    _FastTextLoader.yaml_implicit_resolvers = _TextLoader.yaml_implicit_resolvers


def _collect_lines(node, path, lines):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[path + (key,)] = key_node.start_mark.line + 1
            _collect_lines(value_node, path + (key,), lines)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, path + (index,), lines)


def _duplicate_keys(node, relpath, errors):
    if isinstance(node, yaml.MappingNode):
        seen = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                errors.append(
                    ContentError(
                        relpath,
                        key_node.start_mark.line + 1,
                        f"`{key}` is given twice (first on line {seen[key]})",
                        "keep one of them",
                    )
                )
            else:
                seen[key] = key_node.start_mark.line + 1
            _duplicate_keys(value_node, relpath, errors)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _duplicate_keys(item, relpath, errors)


class YamlDocument:
    """Parsed YAML with `line_of(path)` for error messages."""

    def __init__(self, data, lines):
        self.data = data
        self._lines = lines

    def line_of(self, path) -> int | None:
        path = tuple(path)
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return self._lines.get((), None)


def _syntax_error(exc: yaml.MarkedYAMLError, relpath: str) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    column = f", column {mark.column + 1}" if mark else ""
    problem = exc.problem or exc.context or "invalid YAML"
    return ContentError(
        relpath,
        line,
        f"YAML syntax error{column}: {problem}",
        "check the indentation and quote any text that contains `: ` or starts with a symbol",
    )


def _odd_keys(node, relpath, errors):
    """Keys must be plain words: `? [a, b]: c` or `{x: 1}: y` have no place in these files."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                errors.append(
                    ContentError(
                        relpath,
                        key_node.start_mark.line + 1,
                        "a key must be a word, not a list or mapping",
                        "write `key: value`",
                    )
                )
            _odd_keys(value_node, relpath, errors)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _odd_keys(item, relpath, errors)


def _expansion_error(text: str, relpath: str, loader_class=None) -> ContentError | None:
    """An error if the aliases of `text` expand past the limit or it nests too deep.

    Walks the parser's events, which come one by one without building
    anything: the count of values an anchored node stands for is known when
    it closes, and each alias adds that count, so a bomb is stopped at the
    alias that crosses the limit, in time proportional to the text.
    """
    loader = (loader_class or _FastTextLoader or _TextLoader)(text)
    sizes: dict[str, int] = {}
    open_nodes: list[tuple[str | None, int]] = []  # (anchor, values before it)
    count = added = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                if any(anchor == event.anchor for anchor, _ in open_nodes):
                    return ContentError(
                        relpath,
                        line,
                        f"the alias *{event.anchor} stands for the list or mapping it is in",
                        "an item cannot contain itself; write the values out",
                    )
                size = sizes.get(event.anchor, 1)
                count += size
                added += size
                if added > ALIAS_EXPANSION_LIMIT:
                    return ContentError(
                        relpath,
                        line,
                        f"the aliases (`*name`) expand to more than {ALIAS_EXPANSION_LIMIT:,} values",
                        "write the values out instead of repeating anchors (`&name`) through aliases",
                    )
            elif isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                count += 1
                if isinstance(event, yaml.ScalarEvent):
                    if event.anchor:
                        sizes[event.anchor] = 1
                    continue
                open_nodes.append((event.anchor, count - 1))
                if len(open_nodes) > NESTING_LIMIT:
                    return ContentError(
                        relpath,
                        line,
                        f"lists and mappings are nested more than {NESTING_LIMIT} deep",
                        "check the indentation and the brackets",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, before = open_nodes.pop()
                if anchor:
                    sizes[anchor] = count - before
    except yaml.YAMLError:
        return None  # a syntax error: the careful reader words it
    finally:
        loader.dispose()
    return None


def _parse_fast(text: str):
    """(data, root node) read by libyaml, or None when it finds anything amiss."""
    if _FastTextLoader is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    loader = _FastTextLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return loader.construct_document(node), node
    except Exception:  # whatever it is, the careful reader below reports it in words
        return None
    finally:
        loader.dispose()


def _checked(node, relpath: str) -> list[ContentError]:
    errors: list[ContentError] = []
    _odd_keys(node, relpath, errors)
    if not errors:
        _duplicate_keys(node, relpath, errors)
    return errors


def _too_deep(relpath: str) -> ContentError:
    return ContentError(
        relpath,
        None,
        "lists and mappings are nested too deep to read",
        "check the indentation and the brackets",
    )


def parse_yaml(text: str, relpath: str) -> tuple[YamlDocument | None, list[ContentError]]:
    """Parse `text`; return the document, or None and the errors found."""
    # Composing recurses once per level of nesting, and the steps after it walk
    # every value aliases stand for: both are bounded before anything is built.
    if "*" in text or "[" * 8 in text or "{" * 8 in text:
        error = _expansion_error(text, relpath)
        if error is not None:
            return None, [error]
    try:
        return _parse_checked(text, relpath)
    except RecursionError:  # nesting the quick look above did not see coming
        return None, [_expansion_error(text, relpath) or _too_deep(relpath)]


def _parse_checked(text: str, relpath: str):
    fast = _parse_fast(text)
    if fast is not None:
        data, node = fast
        if not _checked(node, relpath):
            lines: dict = {}
            _collect_lines(node, (), lines)
            return YamlDocument(data, lines), []
    try:
        node = yaml.compose(text, Loader=_TextLoader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, relpath)]
    except yaml.reader.ReaderError as exc:
        return None, [
            ContentError(
                relpath,
                text.count("\n", 0, exc.position) + 1,
                f"the file contains a character YAML does not allow (#x{exc.character:04x})",
                "delete it; it is invisible in most editors, so retype the line",
            )
        ]
    if node is None:
        return None, [ContentError(relpath, 1, "the file is empty", "fill it in or delete it")]
    errors = _checked(node, relpath)
    if errors:
        return None, errors
    loader = _TextLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:  # e.g. a tag such as !!python/object, which safe loading refuses
        return None, [_syntax_error(exc, relpath)]
    finally:
        loader.dispose()
    lines: dict = {}
    _collect_lines(node, (), lines)
    return YamlDocument(data, lines), []
