"""``kg viz``: write an interactive HTML view of the graph (a thin layer over :mod:`kg.viz`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from ..viz import FOLD_ABOVE, MAX_NODES, VIEWS
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
        Optional[str],
        typer.Option(
            "--since",
            help="Only claims about this date or later (YYYY[-MM[-DD]]): the dates of the event a claim is about where the graph has them, else when it was said.",
        ),
    ] = None,
    until: Annotated[
        Optional[str],
        typer.Option("--until", help="Only claims about this date or earlier (YYYY[-MM[-DD]]); see --since."),
    ] = None,
    source: Annotated[
        Optional[str], typer.Option("--source", help="Only claims published by this outlet (name or alias: AFP).")
    ] = None,
    max_nodes: Annotated[
        int, typer.Option("--max-nodes", help="Most nodes on the page; the least connected beyond it are left out.")
    ] = MAX_NODES,
    fold_above: Annotated[
        int,
        typer.Option(
            "--fold-above",
            help="A page with more nodes than this folds its numbers: those about one thing counted into one box, then, if still too many, into their event.",
        ),
    ] = FOLD_ABOVE,
    output: Annotated[Path, typer.Option("--output", "-o", help="The page to write.")] = Path("out/graph.html"),
    store: StoreOption = None,
) -> None:
    """Write an interactive HTML view of the graph: one self-contained page that works offline.

    Colour and shape show each node's type; red edges are claims another source contradicts, green ones claims two or more outlets corroborate, dashed ones claims a machine proposed and no one has curated. Click a node or an edge for the quotes behind it.
    """
    from ..io import progress, progress_phases
    from ..viz import build_view

    with progress(sys.stderr.isatty(), bar=False) as shown:
        on_phase = progress_phases(shown)
        built = build_view(
            store,
            view,
            focus=focus,
            depth=depth,
            since=since,
            until=until,
            source=source,
            max_nodes=max_nodes,
            fold_above=fold_above,
            on_phase=on_phase,
        )
        if on_phase is not None:
            on_phase(f"write the page to {output}")
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
