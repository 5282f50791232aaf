"""The plugin's packages import each other in one direction only.

- `conference/` is the conference model and its exports: plain Python, no
  Pelican, nothing from the packages that run it;
- `content/` reads posts and pages; it may ask `site/` which addresses the
  site has, never how the site is built or published;
- `publish/` works over the finished output and never reaches into a run's
  pages or readers;
- `rebuild/` may read what `publish/` wrote, never what a run renders;
- no two modules import each other at load time.
"""

from __future__ import annotations

import ast
from pathlib import Path

PLUGIN = Path(__file__).resolve().parent.parent / "plugins" / "sosconf"

# package -> the packages and libraries it must never import
FORBIDDEN = {
    "conference": {
        "pelican",
        "sosconf.build",
        "sosconf.rebuild",
        "sosconf.content",
        "sosconf.site",
        "sosconf.publish",
    },
    "content": {"sosconf.build", "sosconf.rebuild", "sosconf.publish"},
    "publish": {"pelican", "sosconf.build", "sosconf.content", "sosconf.site"},
    "rebuild": {"sosconf.build", "sosconf.site"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PLUGIN.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, *, load_time_only: bool) -> set[str]:
    """The modules `path` imports, absolute; with load_time_only, only those at its top level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    nodes = tree.body if load_time_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PLUGIN.rglob("*.py"))}


def _is_within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def test_each_package_imports_only_in_its_direction():
    wrong = []
    for name, path in _modules().items():
        package = name.split(".")[1] if name.count(".") else ""
        for imported in _imports(path, load_time_only=False):
            for forbidden in FORBIDDEN.get(package, ()):
                if _is_within(imported, forbidden):
                    wrong.append(f"{name} imports {imported}")
    assert not wrong, "\n".join(sorted(wrong))


def test_the_rules_see_the_imports_they_forbid():
    # Positive control: the same reading finds what the site's own packages do import.
    imported = _imports(PLUGIN / "site" / "generator.py", load_time_only=False)
    assert any(_is_within(name, "pelican") for name in imported)
    assert any(_is_within(name, "sosconf.conference") for name in imported)


def test_no_modules_import_each_other_at_load_time():
    modules = _modules()
    graph = {
        name: {other for other in _imports(path, load_time_only=True) if other in modules and other != name}
        for name, path in modules.items()
    }
    circles = []

    def visit(name, trail):
        for other in graph[name]:
            if other in trail:
                circles.append(" -> ".join([*trail[trail.index(other) :], other]))
            elif other not in done:
                visit(other, [*trail, other])
        done.add(name)

    done: set[str] = set()
    for name in graph:
        if name not in done:
            visit(name, [name])
    assert not circles, "\n".join(sorted(set(circles)))
