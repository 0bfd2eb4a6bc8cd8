"""Interactive HTML views of the graph: one self-contained page per view, or inline in a notebook.

Examples
--------
From Python (in a notebook, the returned ``View`` displays itself)::

    import kg.viz
    kg.viz.render(store=".kg", output="out/graph.html")               # the whole graph
    kg.viz.render(store=".kg", focus="Tokayev", depth=2, output="out/tokayev.html")
    kg.viz.build_view(".kg", view="claims", source="AFP")            # a View; shows inline in Jupyter
    kg.viz.disputes(".kg")                                            # the disputes board, a Board
"""

from __future__ import annotations

from ..lazy import lazy_exports

_EXPORTS = {
    "Board": "board",
    "disputes": "board",
    "ClaimGroupRecord": "data",
    "ClaimRecord": "data",
    "GraphData": "data",
    "NodeRecord": "data",
    "event_periods": "data",
    "read_graph": "data",
    "unstated_zero": "data",
    "layout": "layout",
    "FOLD_ABOVE": "options",
    "MAX_NODES": "options",
    "PHYSICS_LIMIT": "options",
    "VIEWS": "options",
    "iframe_html": "page",
    "page_html": "page",
    "safe_json": "page",
    "write_page": "page",
    "View": "views",
    "build_view": "views",
    "render": "views",
}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
