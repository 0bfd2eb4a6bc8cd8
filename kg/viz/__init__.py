"""Interactive HTML views of the graph: one self-contained page per view, or inline in a notebook.

Examples
--------
From Python (in a notebook, the returned ``View`` displays itself)::

    import kg.viz
    kg.viz.render(store=".kg", output="out/graph.html")               # the whole graph
    kg.viz.render(store=".kg", focus="Tokayev", depth=2, output="out/tokayev.html")
    kg.viz.build_view(".kg", view="claims", source="AFP")            # a View; shows inline in Jupyter
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..store import Store
from .data import ClaimGroupRecord, ClaimRecord, GraphData, NodeRecord, read_graph
from .layout import layout
from .names import resolve_name
from .page import iframe_html, page_html, safe_json, write_page
from .views import MAX_NODES, PHYSICS_LIMIT, VIEWS, View, build_view

__all__ = [
    "MAX_NODES",
    "PHYSICS_LIMIT",
    "VIEWS",
    "ClaimGroupRecord",
    "ClaimRecord",
    "GraphData",
    "NodeRecord",
    "View",
    "build_view",
    "iframe_html",
    "layout",
    "page_html",
    "read_graph",
    "render",
    "resolve_name",
    "safe_json",
    "write_page",
]


def render(
    store: str | os.PathLike | Store | None = None,
    view: str = "graph",
    *,
    focus: str | None = None,
    depth: int = 2,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    source: str | None = None,
    max_nodes: int = MAX_NODES,
    output: str | os.PathLike = "out/graph.html",
) -> Path:
    """Write one view of the graph as a self-contained HTML page (what ``kg viz`` does).

    Parameters
    ----------
    store : str or Store, optional
        A store URL or an open store; default ``$KG_STORE`` or ``.kg``.
    view : {"graph", "operations", "claims"}
        See :func:`build_view`; ``focus``, ``depth``, ``since``, ``until``, ``source`` and ``max_nodes`` too.
    output : str or path
        The page to write (its folder is created).

    Returns
    -------
    Path
        The page written.

    Examples
    --------
    >>> import kg, kg.viz, tempfile, pathlib
    >>> _ = kg.build("tests/data/tiny", store="memory:viz-render", out=None)
    >>> page = kg.viz.render("memory:viz-render", output=pathlib.Path(tempfile.mkdtemp()) / "g.html")
    >>> page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    built = build_view(
        store, view, focus=focus, depth=depth, since=since, until=until, source=source, max_nodes=max_nodes
    )
    return built.write(output)
