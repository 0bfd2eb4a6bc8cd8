"""Writing a view as one self-contained HTML page: vis-network, the page's script and the data inlined.

pyvis' own templates are not used: with ``cdn_resources="in_line"`` they still load Bootstrap from a
CDN, and with ``"local"`` the page needs a ``lib/`` folder beside it. Here the page carries the
vis-network build that ships inside the pyvis package, and a Content-Security-Policy that forbids any
request, so a page opened from any folder, offline, works and loads nothing.

The data goes in a ``<script type="application/json">`` element, with ``<``, ``>``, ``&`` and the
line separators escaped as ``\\uXXXX``: no text from an article can close the element or become
markup. The page's script reads it with ``JSON.parse`` and shows every name and quote with
``textContent``.

Examples
--------
>>> safe_json({"label": "</script><script>alert(1)</script>"})
'{"label":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
"""

from __future__ import annotations

import html
import json
import os
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Protocol

from ..errors import KGError
from ..io import atomic_write

__all__ = ["BoardContent", "Page", "PageContent", "board_html", "iframe_html", "page_html", "safe_json", "write_page"]


class PageContent(Protocol):
    """What a page shows: :class:`kg.viz.View` (typed here by its fields, so that this module does not
    import the views, which import it)."""

    kind: str
    title: str
    nodes: list[dict]
    edges: list[dict]
    claims: list[dict]
    outlets: list[str]
    articles: list[str]
    legend: dict
    note: str
    counts: dict[str, int]
    physics: bool
    options: dict
    filters: dict[str, str]


class BoardContent(Protocol):
    """What the disputes board shows: :class:`kg.viz.Board`, typed by its fields."""

    kind: str
    title: str
    rows: list[dict]
    outlets: list[str]
    events: list[str]
    note: str
    counts: dict[str, int]
    filters: dict[str, str]
    page_size: int


VIS_VERSION = "9.1.2"
_HERE = Path(__file__).parent
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def safe_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element of an HTML page."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _ESCAPES[m.group()], text)


def _read(name: str) -> str:
    text = (_HERE / name).read_text(encoding="utf-8")
    # inlined code must not be able to end its own element
    if not name.endswith(".html") and re.search(r"</(script|style)|<!--", text, flags=re.I):
        raise RuntimeError(f"{name} cannot be inlined: it contains an HTML end tag or comment")
    return text


@cache
def _assets() -> dict[str, str]:
    vis = resources.files("pyvis") / "lib" / f"vis-{VIS_VERSION}"
    vis_js = (vis / "vis-network.min.js").read_text(encoding="utf-8")
    if re.search(r"</(script|style)|<!--", vis_js, flags=re.I):
        raise RuntimeError("VIS_JS cannot be inlined: it contains an HTML end tag or comment")
    return {
        "VIS_JS": vis_js,
        "PAGE_JS": _read("page.js"),
        "PAGE_CSS": _read("page.css"),
        "TEMPLATE": _read("page.html"),
    }


@cache
def _board_assets() -> dict[str, str]:
    return {"BOARD_JS": _read("board.js"), "BOARD_CSS": _read("board.css"), "TEMPLATE": _read("board.html")}


def page_html(view: PageContent) -> str:
    """The page of a view, as one HTML document that needs nothing else.

    Parameters
    ----------
    view : View
        What :func:`kg.viz.build_view` returned.

    Returns
    -------
    str
    """
    from .. import __version__

    assets = _assets()
    generator = f"kg {__version__}, vis-network {VIS_VERSION} (via pyvis)"
    data = {
        "title": view.title,
        "view": view.kind,
        "nodes": view.nodes,
        "edges": view.edges,
        "claims": view.claims,
        "outlets": view.outlets,
        "articles": view.articles,
        "legend": view.legend,
        "note": view.note,
        "counts": view.counts,
        "filters": view.filters,
        "physics": view.physics,
        "options": view.options,
        "generator": f"Made with {generator}.",
    }
    title = f"kg · {view.title}"  # the title names the filters the page was built with
    parts = {
        **assets,
        "TITLE": html.escape(title),
        "GENERATOR": html.escape(generator),
        "DATA": safe_json(data),
    }
    # one pass: text substituted in is never scanned for placeholders again
    return re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m.group(1)], assets["TEMPLATE"])


def board_html(board: BoardContent) -> str:
    """The page of the disputes board, as one HTML document that needs nothing else.

    Parameters
    ----------
    board : Board
        What :func:`kg.viz.disputes` returned.

    Returns
    -------
    str
    """
    from .. import __version__

    assets = _board_assets()
    data = {
        "title": board.title,
        "view": board.kind,
        "rows": board.rows,
        "outlets": board.outlets,
        "events": board.events,
        "note": board.note,
        "counts": board.counts,
        "filters": board.filters,
        "pageSize": board.page_size,
        "generator": f"Made with kg {__version__}.",
    }
    parts = {
        **assets,
        "TITLE": html.escape(f"kg · {board.title}"),
        "GENERATOR": html.escape(f"kg {__version__}"),
        "DATA": safe_json(data),
    }
    return re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m.group(1)], assets["TEMPLATE"])


class Page:
    """What every page object shares (View, Board): it writes itself to a file and shows itself inline
    in a notebook; subclasses give :meth:`html`."""

    def html(self) -> str:
        """The page: one self-contained HTML file."""
        raise NotImplementedError

    def write(self, output: str | os.PathLike) -> Path:
        """Write the page to ``output`` (all or nothing) and return its path."""
        return write_page(self, output)

    def _repr_html_(self) -> str:
        return iframe_html(self.html())


def write_page(view: Page, output: str | os.PathLike) -> Path:
    """Write the page of ``view`` (a View or a Board) to ``output``, all or nothing; return the path.

    Raises
    ------
    KGError
        E807 when the file cannot be written.
    """
    path = Path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, view.html())
    except OSError as exc:
        raise KGError("E807", path=path, detail=exc.strerror or str(exc)) from None
    return path


def iframe_html(page: str, height: int = 720) -> str:
    """An ``<iframe>`` holding ``page`` (for notebooks): the page runs sandboxed, as if opened from a file.

    Examples
    --------
    >>> iframe_html("<p>x</p>", height=100)
    '<iframe srcdoc="&lt;p&gt;x&lt;/p&gt;" sandbox="allow-scripts" style="width:100%;height:100px;border:1px solid #ddd" title="kg graph"></iframe>'
    """
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width:100%;height:{height}px;border:1px solid #ddd" title="kg graph"></iframe>'
    )
