"""YAML that would expand without bound or nest without end is refused at once,
with the file and line, by both readers (libyaml's and PyYAML's own)."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from sosconf import yamlsource
from sosconf.conference.data import parse_edition
from sosconf.yamlsource import ALIAS_EXPANSION_LIMIT, parse_yaml

# Not a speed measurement but a guard against a reader that never stops: an
# expansion without bound would take hours, a refusal takes at most 0.2 s on an
# idle machine, and a test run's other workers have slowed one tenfold.
GIVES_UP_AFTER = 10  # seconds

READERS = [yamlsource._TextLoader] + ([yamlsource._FastTextLoader] if yamlsource._FastTextLoader else [])


def laughs(levels: int, width: int = 10) -> str:
    """The "billion laughs": each level lists the one before `width` times."""
    lines = ["year: 2051", "name: sosconf 2051", "status: planned"]
    lines.append("l0: &l0 [" + ", ".join(['"ha"'] * width) + "]")
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("reader", READERS, ids=lambda reader: reader.__name__)
def test_alias_bomb_is_refused_quickly_with_its_line_and_little_memory(reader):
    text = laughs(12)  # 10**12 values once expanded
    tracemalloc.start()
    started = time.perf_counter()
    error = yamlsource._expansion_error(text, "editions/2051.yml", reader)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < GIVES_UP_AFTER
    assert peak < 5_000_000
    assert error.path == "editions/2051.yml"
    # Lines 5 to 7 add 110, 1,110 and 11,110 values: line 7 crosses the limit.
    assert error.line == 7
    assert f"more than {ALIAS_EXPANSION_LIMIT:,} values" in error.message


def test_edition_file_with_an_alias_bomb_gives_one_error_with_little_memory():
    tracemalloc.start()
    started = time.perf_counter()
    edition, errors = parse_edition(laughs(12), "editions/2051.yml")
    assert time.perf_counter() - started < GIVES_UP_AFTER
    assert tracemalloc.get_traced_memory()[1] < 5_000_000
    tracemalloc.stop()
    assert edition is None
    assert [(error.line, error.message.split(" (")[0]) for error in errors] == [(7, "the aliases")]


def test_a_few_aliases_are_read_as_written():
    text = "base: &base {name: Ada, url: 'https://example.org'}\nspeakers: [*base, *base]\n"
    doc, errors = parse_yaml(text, "editions/2051.yml")
    assert errors == []
    assert doc.data["speakers"] == [{"name": "Ada", "url": "https://example.org"}] * 2


@pytest.mark.parametrize("reader", READERS, ids=lambda reader: reader.__name__)
def test_an_alias_inside_its_own_anchor_is_refused(reader):
    error = yamlsource._expansion_error("year: 2051\nloop: &loop [1, *loop]\n", "editions/2051.yml", reader)
    assert (error.line, error.message) == (2, "the alias *loop stands for the list or mapping it is in")


@pytest.mark.parametrize(
    "text",
    [
        "year: " + "[" * 5000 + "]" * 5000 + "\n",
        "year: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
        "year: 2051\nx:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 3000)),
    ],
    ids=["brackets", "braces", "indentation"],
)
def test_nesting_without_end_is_refused_with_its_line(text):
    started = time.perf_counter()
    doc, errors = parse_yaml(text, "editions/2051.yml")
    assert time.perf_counter() - started < GIVES_UP_AFTER
    assert doc is None
    assert len(errors) == 1 and "nested more than 64 deep" in errors[0].message
    assert errors[0].line is not None


def merge_bomb(levels: int) -> str:
    """The same with mappings and merge keys (`<<: *name`), which YAML readers copy."""
    lines = ["year: 2051", "m0: &m0 {" + ", ".join(f"k{i}: ha" for i in range(10)) + "}"]
    for level in range(1, levels):
        values = ", ".join(f"v{i}: *m{level - 1}" for i in range(10))
        lines.append(f"m{level}: &m{level} {{<<: *m{level - 1}, {values}}}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("reader", READERS, ids=lambda reader: reader.__name__)
def test_merge_key_bomb_is_refused_quickly(reader):
    started = time.perf_counter()
    error = yamlsource._expansion_error(merge_bomb(12), "editions/2051.yml", reader)
    assert time.perf_counter() - started < GIVES_UP_AFTER
    assert error is not None and error.line is not None and "more than" in error.message
