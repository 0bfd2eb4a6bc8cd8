"""The shape of the package: no import circles, no private names shared across modules.

Every ``import`` in ``kg/`` counts, module-level or inside a function: an import moved into a function to
dodge a circle is still a circle. The graph is read from the source with ``ast``, so nothing is imported.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kg"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute dotted name an ``ImportFrom`` refers to."""
    if node.level == 0:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _imports(modules: dict[str, Path]) -> list[tuple[str, str, str, int]]:
    """``(importer, imported module, imported name or "", line)`` for every import of a kg module."""
    found = []
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in modules:
                        found.append((module, alias.name, "", node.lineno))
            elif isinstance(node, ast.ImportFrom):
                target = _absolute(module, path, node)
                for alias in node.names:
                    submodule = f"{target}.{alias.name}"
                    if submodule in modules:  # ``from . import remote``: the module itself
                        found.append((module, submodule, "", node.lineno))
                    elif target in modules:
                        found.append((module, target, alias.name, node.lineno))
    return found


def _graph() -> nx.DiGraph:
    modules = _modules()
    G = nx.DiGraph()
    G.add_nodes_from(modules)
    for importer, imported, _name, line in _imports(modules):
        if importer != imported:
            G.add_edge(importer, imported, line=line)
    return G


def test_the_checker_sees_the_package_imports():
    G = _graph()
    assert G.has_edge("kg.build", "kg.errors")
    assert len(G) > 40


def test_no_import_circle_in_kg():
    G = _graph()
    circles = [sorted(c) for c in nx.strongly_connected_components(G) if len(c) > 1]
    assert circles == []


def test_no_private_name_imported_across_modules():
    modules = _modules()
    private = [
        f"{importer} imports {imported}.{name} (line {line})"
        for importer, imported, name, line in _imports(modules)
        if name.startswith("_") and not name.startswith("__") and importer != imported
    ]
    assert private == []


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from .b import x\n", [("pkg.a", "pkg.b", "x")]),
        ("def f():\n    from . import b\n", [("pkg.a", "pkg.b", "")]),
        ("from .b import _y\n", [("pkg.a", "pkg.b", "_y")]),
    ],
)
def test_imports_inside_functions_and_relative_imports_count(tmp_path, monkeypatch, source, expected):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text(source)
    (package / "b.py").write_text("x = _y = 1\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", package)
    found = [(a, b, n) for a, b, n, _ in _imports(_modules())]
    assert found == expected
