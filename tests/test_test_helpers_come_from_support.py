"""Test modules share helpers through support modules, never through each other.

A helper imported from a test module (or a conftest) runs that module's
imports and fixtures wherever it is used, and moves with the tests it was
written for; support.py (and the browser checks' own modules) are where
shared helpers live.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
    return names


def _is_test_module(name: str) -> bool:
    last = name.lstrip(".").rsplit(".", 1)[-1]
    return last.startswith("test_") or last == "conftest"


def test_no_test_module_imports_another_or_a_conftest():
    found = {
        path.relative_to(TESTS).as_posix(): [
            name for name in _imported_modules(path) if _is_test_module(name)
        ]
        for path in sorted(TESTS.rglob("*.py"))
        if "bad_content" not in path.parts
    }
    # What the check looks for is there to be found: support.py is imported by many.
    assert sum("support" in _imported_modules(TESTS / name) for name in found) > 20
    assert {name: modules for name, modules in found.items() if modules} == {}


def test_the_check_finds_an_import_from_a_test_module(tmp_path):
    module = tmp_path / "test_example.py"
    module.write_text("from test_errors_corpus import with_mistakes\nfrom .conftest import PHONE\n")
    assert [name for name in _imported_modules(module) if _is_test_module(name)] == [
        "test_errors_corpus",
        ".conftest",
    ]
