"""``kg analyze``: network analysis of actors, operations and claims (a thin layer over kg.analysis)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from ..analysis import EXPORT_FORMATS, MEASURES, TABLE_FORMATS, VIEWS
from .options import StoreOption, WideOption

__all__ = ["app"]

app = typer.Typer(
    help="Network analysis: who is central, who acts together, how actors connect, which claims are contested.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# every view but the claims one, whose nodes are claim groups, outlets and speakers, not actors
ACTOR_VIEWS = tuple(v for v in VIEWS if v != "claims")
FormatOption = Annotated[
    Literal[TABLE_FORMATS],
    typer.Option(
        "--format",
        help="table; csv, tsv (plain values, for spreadsheets); json (a list of records), jsonl (a record a line).",
    ),
]
WriteOption = Annotated[
    bool, typer.Option("--write", help="Also store the results as RDF in graph:analysis (replacing earlier ones).")
]
BackendOption = Annotated[
    Optional[str],
    typer.Option(
        "--backend",
        help="networkx backend to run on (e.g. parallel, cugraph; must be installed). "
        "Default: NETWORKX_BACKEND_PRIORITY, else networkx.",
        show_default=False,
    ),
]


@contextlib.contextmanager
def _phases() -> Iterator[Callable[[str], None] | None]:
    """The ``on_phase`` callback of the analysis functions: each step on stderr when it is a terminal."""
    from ..io import progress, progress_phases

    with progress(sys.stderr.isatty(), bar=False) as shown:
        yield progress_phases(shown)


def _print(table, format: str, wide: bool) -> None:
    from ..analysis import format_table

    sys.stdout.write(format_table(table, format, wide=wide))
    if table.note:
        typer.echo(table.note, err=True)


@app.command()
def centrality(
    top: Annotated[int, typer.Option("--top", "-n", min=0, help="How many actors to show (0: all).")] = 10,
    by: Annotated[Literal[MEASURES], typer.Option("--by", help="The measure to rank by.")] = "pagerank",
    view: Annotated[
        Literal[ACTOR_VIEWS], typer.Option("--view", help="actors, or network/bipartite with operations.")
    ] = "actors",
    backend: BackendOption = None,
    write: WriteOption = False,
    format: FormatOption = "table",
    wide: WideOption = False,
    store: StoreOption = None,
) -> None:
    """Who matters: degree, betweenness and PageRank in the actor network, the most central first.

    Two actors are linked when they take part in the same claim (subject, object, named speaker) or in
    claims about the same operation or event; a link weighs the number of articles behind it.
    """
    from ..analysis import analyze_centrality

    with _phases() as on_phase:
        table = analyze_centrality(
            store, top=top or None, by=by, view=view, backend=backend, write=write, on_phase=on_phase
        )
    _print(table, format, wide)


@app.command()
def communities(
    resolution: Annotated[
        float, typer.Option("--resolution", min=0.0, help="Above 1: smaller groups; below 1: larger ones.")
    ] = 1.0,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the Louvain method.")] = 0,
    view: Annotated[
        Literal[ACTOR_VIEWS], typer.Option("--view", help="actors, or network/bipartite with operations.")
    ] = "actors",
    backend: BackendOption = None,
    write: WriteOption = False,
    format: FormatOption = "table",
    wide: WideOption = False,
    store: StoreOption = None,
) -> None:
    """Groups of actors that act or are reported together (Louvain communities), the largest first."""
    from ..analysis import analyze_communities

    with _phases() as on_phase:
        table = analyze_communities(
            store, view=view, resolution=resolution, seed=seed, backend=backend, write=write, on_phase=on_phase
        )
    _print(table, format, wide)


@app.command()
def path(
    source: Annotated[str, typer.Argument(help="An actor's name, alias or id (any case).")],
    target: Annotated[str, typer.Argument(help="Another actor's name, alias or id.")],
    view: Annotated[
        Literal[ACTOR_VIEWS],
        typer.Option("--view", help="network: through operations and events; actors: actors only."),
    ] = "network",
    k: Annotated[int, typer.Option("--k", "-k", min=1, help="How many paths, shortest first.")] = 1,
    in_time: Annotated[
        bool, typer.Option("--in-time", help="Only paths whose links never go back in time (hop dates in order).")
    ] = False,
    since: Annotated[
        Optional[str], typer.Option("--since", help="Only links dated on or after YYYY[-MM[-DD]].", show_default=False)
    ] = None,
    until: Annotated[
        Optional[str], typer.Option("--until", help="Only links dated on or before YYYY[-MM[-DD]].", show_default=False)
    ] = None,
    format: FormatOption = "table",
    wide: WideOption = False,
    store: StoreOption = None,
) -> None:
    """How two actors connect: the shortest paths, each link with its date, the claims behind it and a quote.

    A link's date is that of the operation or event its claims are about, else when they were said.
    """
    from ..analysis import analyze_path

    with _phases() as on_phase:
        table = analyze_path(
            store, source, target, view=view, k=k, in_time=in_time, since=since, until=until, on_phase=on_phase
        )
    _print(table, format, wide)


@app.command()
def ego(
    centre: Annotated[str, typer.Argument(help="An actor's name, alias or id (any case).")],
    depth: Annotated[int, typer.Option("--depth", "-d", min=1, help="How many links away.")] = 1,
    view: Annotated[Literal[ACTOR_VIEWS], typer.Option("--view", help="actors, or network with operations.")] = (
        "actors"
    ),
    format: FormatOption = "table",
    wide: WideOption = False,
    store: StoreOption = None,
) -> None:
    """Who surrounds an actor: everyone within --depth links, with the link that reaches them."""
    from ..analysis import analyze_ego

    with _phases() as on_phase:
        table = analyze_ego(store, centre, depth=depth, view=view, on_phase=on_phase)
    _print(table, format, wide)


@app.command()
def claims(
    contested: Annotated[bool, typer.Option("--contested", help="Only groups where sources disagree.")] = False,
    single_source: Annotated[
        bool, typer.Option("--single-source", help="Only groups whose claims all come from one outlet.")
    ] = False,
    topic: Annotated[
        Optional[str], typer.Option("--topic", help="Only topics whose name contains this text.", show_default=False)
    ] = None,
    format: FormatOption = "table",
    wide: WideOption = False,
    store: StoreOption = None,
) -> None:
    """Per claim group and value: distinct outlets backing it, conflicts, single-source groups.

    outlets_stating: distinct outlets stating the value; outlets_agreeing: outlets whose claims agree
    with it (overlapping values included); verdict: the group's (contested, corroborated, single-source).
    """
    from ..analysis import analyze_claims

    with _phases() as on_phase:
        table = analyze_claims(store, contested=contested, single_source=single_source, topic=topic, on_phase=on_phase)
    _print(table, format, wide)


@app.command()
def timeline(
    format: FormatOption = "table",
    wide: WideOption = False,
    store: StoreOption = None,
) -> None:
    """Operations, events and named speakers' statements in date order, with the outlets for each."""
    from ..analysis import analyze_timeline

    with _phases() as on_phase:
        table = analyze_timeline(store, on_phase=on_phase)
    _print(table, format, wide)


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    format: Annotated[Literal[EXPORT_FORMATS], typer.Option("--format", help="graphml or gexf.")] = "graphml",
    view: Annotated[Literal[VIEWS], typer.Option("--view", help="actors, network, bipartite or claims.")] = "actors",
    backend: BackendOption = None,
    store: StoreOption = None,
) -> None:
    """Write a view as GraphML or GEXF for Gephi, with labels, types, centralities and communities.

    The file opens drawn: colours by type (a claim by its status), sizes by number of links, positions
    from a seeded layout (GEXF viz: elements; GraphML r, g, b, size, x, y). Edges give their number of
    claims, one claim and its quote; claim nodes their quote, speaker, outlet, date and status.
    """
    from ..analysis import export_network

    with _phases() as on_phase:
        written = export_network(store, view=view, format=format, output=output, backend=backend, on_phase=on_phase)
    typer.echo(f"wrote {written}", err=True)
