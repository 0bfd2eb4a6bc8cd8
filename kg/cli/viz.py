"""``kg viz``: write an interactive HTML view of the graph (a thin layer over :mod:`kg.viz`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from ..viz import VIEWS
from .options import StoreOption

__all__ = ["viz"]


def viz(
    view: Annotated[
        Literal[VIEWS],
        typer.Option(
            "--view",
            help="graph (everything), operations, claims grouped by what they count, or disputes (the board of figures).",
        ),
    ] = "graph",
    focus: Annotated[
        Optional[str], typer.Option("--focus", help="Show only the neighbourhood of this entity (name or alias).")
    ] = None,
    depth: Annotated[int, typer.Option("--depth", help="How many edges away from --focus to go.")] = 2,
    since: Annotated[
        Optional[str], typer.Option("--since", help="Only claims dated on or after this (YYYY[-MM[-DD]]).")
    ] = None,
    until: Annotated[
        Optional[str], typer.Option("--until", help="Only claims dated on or before this (YYYY[-MM[-DD]]).")
    ] = None,
    source: Annotated[
        Optional[str], typer.Option("--source", help="Only claims published by this outlet (name or alias: AFP).")
    ] = None,
    max_nodes: Annotated[
        int, typer.Option("--max-nodes", help="Most nodes on the page; the least connected beyond it are left out.")
    ] = 2000,
    output: Annotated[Path, typer.Option("--output", "-o", help="The page to write.")] = Path("out/graph.html"),
    store: StoreOption = None,
) -> None:
    """Write an interactive HTML view of the graph: one self-contained page that works offline.

    Colour and shape show each node's type; red edges are claims another source contradicts, green ones claims two or more outlets corroborate. Click a node or an edge for the quotes behind it.
    """
    from ..viz import build_view

    built = build_view(
        store, view, focus=focus, depth=depth, since=since, until=until, source=source, max_nodes=max_nodes
    )
    path = built.write(output)
    c = built.counts
    if built.kind == "disputes":
        typer.echo(f"wrote {path}: {built.title}: {c['rows']} figures, {c['contested']} contested", err=True)
        if built.note:
            typer.echo(built.note, err=True)
        return
    links = [f"{c[k]} {k}" for k in ("conflict", "agreement", "source") if c[k]]
    what = built.title[:1].lower() + built.title[1:]  # the title names the filters
    typer.echo(
        f"wrote {path}: {what}, {c['nodes']} nodes, {c['relation']} relations"
        + (f" ({', '.join(links)} links)" if links else ""),
        err=True,
    )
    if built.note:
        typer.echo(built.note, err=True)
