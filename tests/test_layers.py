"""The direction of imports between Meetlat's packages (docs/architecture.md, "Layers").

Every import of a Meetlat module is read from the source, also those inside functions,
so an import loop cannot hide there. A package may import its own modules and those of
the packages below it in LAYERS; the front ends (cli, web) are on top and nothing
imports them; reports (HTML and PDF documents) and collect (live collection) lie just below
them, so that the CLI and the web application can both render a report and start a collection.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src"
PACKAGE = SRC / "meetlat"

# lowest first: a package may import only packages of a lower layer (and itself)
LAYERS = (
    ("settings",),
    ("i18n",),
    ("plugins",),
    ("workspace",),
    ("reference", "growthmodel", "privacy"),
    ("archive",),
    ("warehouse",),
    ("platforms",),
    ("synth", "accounts"),
    ("importer",),
    ("indicators",),
    ("ranking",),
    ("survey",),
    ("app",),
    ("collect", "reports"),  # collection, and documents the CLI writes and the web serves
    ("cli", "web"),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) of every import of a meetlat module in ``path``; ``from
    meetlat.x import y`` counts as meetlat.x.y when that is a module, else meetlat.x."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path.parent)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.append((node.lineno, candidate if _exists(candidate) else base))
    return [(line, name) for line, name in found if name.split(".")[0] == "meetlat"]


def _exists(module: str) -> bool:
    path = SRC.joinpath(*module.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _top(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_every_package_has_a_layer():
    tops = {_top(_module_name(path)) for path in _sources()} - {None}
    assert not tops - RANK.keys(), f"packages without a layer: {sorted(tops - RANK.keys())}"


def test_imports_go_down_the_layers_only():
    wrong = []
    for path in _sources():
        own = _top(_module_name(path))
        if own is None:
            continue
        for line, module in _imports(path):
            other = _top(module)
            if other is None or other == own:
                continue
            if RANK[other] >= RANK[own]:
                wrong.append(f"{path.relative_to(SRC)}:{line} imports {module}")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_no_module_outside_the_cli_imports_it():
    outside = [
        f"{path.relative_to(SRC)}:{line}"
        for path in _sources()
        if _top(_module_name(path)) != "cli"
        for line, module in _imports(path)
        if _top(module) == "cli"
    ]
    assert not outside


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in _sources():
        name = _module_name(path)
        targets = graph.setdefault(name, set())
        for _line, module in _imports(path):
            if module != name and _exists(module):
                targets.add(module)
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles_between_modules_not_even_inside_functions():
    # a package's __init__ handing on names of its own modules is not a circle
    graph = {
        name: {t for t in targets if not name.startswith(t + ".")}
        for name, targets in _graph().items()
    }
    circles = _circles(graph)
    assert not circles, "import circles:\n" + "\n".join(" <-> ".join(c) for c in circles)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from meetlat.cli import common\n", "meetlat.cli.common"),
        ("from meetlat import workspace\n", "meetlat.workspace"),
        ("def f():\n    from meetlat.warehouse.schema import POSTS\n", "meetlat.warehouse.schema"),
    ],
)
def test_the_reader_of_imports_sees_every_form(tmp_path, source, expected, monkeypatch):
    path = PACKAGE / "ranking" / "example.py"  # read as if it lived there
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source)
    assert [name for _line, name in _imports(path)] == [expected]
