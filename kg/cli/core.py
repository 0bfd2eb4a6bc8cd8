"""The core commands: ``kg build``, ``kg query``, ``kg export`` and ``kg validate``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from ..errors import KGError
from ..query import FORMATS
from .options import StoreOption, WideOption

__all__ = ["build", "export", "query", "validate"]

EXPORTS = ("claims", "actors", "entities", "graph")


def build(
    seeds: Annotated[Path, typer.Option("--seeds", help="Corpus folder laid out like seeds/.")] = Path("seeds"),
    store: StoreOption = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for kg.trig.")] = Path("out"),
    no_trig: Annotated[bool, typer.Option("--no-trig", help="Do not write OUT/kg.trig.")] = False,
) -> None:
    """Build the graph from a corpus folder into the store, and write OUT/kg.trig.

    The previous store is replaced only once the new graph is complete. A store built from this
    folder is brought up to date in place when few articles changed; when none did, it says
    "nothing changed" and only reads the store (another writer holding it is not waited for).
    """
    from ..build import build as run_build

    report = run_build(seeds, store, None if no_trig else out, show_progress=sys.stderr.isatty())
    typer.echo(report.summary(), err=True)


def query(
    sparql: Annotated[Optional[str], typer.Argument(help="SPARQL query text.", show_default=False)] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the query from a file.")] = None,
    name: Annotated[Optional[str], typer.Option("--name", "-n", help="Run a named query (see --list).")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    format: Annotated[
        Literal[FORMATS],
        typer.Option(
            "--format",
            help="table; csv, tsv (plain values, for spreadsheets); json (a list of records), jsonl; "
            "sparql-json, sparql-tsv (SPARQL's result formats).",
        ),
    ] = "table",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to a file.")] = None,
    limit: Annotated[
        Optional[int],
        typer.Option(
            "--limit", help="Rows in a page of a named query. [default: 100 on a terminal]", show_default=False
        ),
    ] = None,
    offset: Annotated[Optional[int], typer.Option("--offset", help="Skip this many rows of a named query.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every row of a named query, not one page.")] = False,
    wide: WideOption = False,
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query (argument, --file or --name) on the store.

    Prefixes kg:, id:, rdf:, rdfs:, owl:, xsd:, skos:, prov:, schema:, oa: and sem: are predeclared;
    the default graph is the union of all graphs. On a terminal a named query shows a page of 100
    rows: --offset and --limit page on, --all gives every row. Into a file or a pipe (--output, or
    standard output not a terminal) it writes every row unless --limit says otherwise.
    CONSTRUCT and DESCRIBE give Turtle as a table, and a table of triples (s, p, o) in the other formats.
    """
    from ..query import PAGE_SIZE, named_queries, write_results
    from ..query import query as run_query

    if list_:
        for q in named_queries().values():
            typer.echo(f"{q.name:22} {q.description}")
        return
    paging = {}
    if limit is not None or offset is not None or all_:
        if name is None:
            raise KGError("E306")
    interactive = output is None and sys.stdout.isatty()
    if name is not None:
        # a page is for reading on a terminal: a file or a pipe gets every row, never a silent first page
        every = all_ or (limit is None and not interactive)
        paging = {"limit": None if every else (PAGE_SIZE if limit is None else limit), "offset": offset or 0}
    from ..io import progress, progress_phases

    with progress(sys.stderr.isatty(), bar=False) as shown:
        on_phase = progress_phases(shown)
        if on_phase is not None:
            on_phase(f"run the {name} query" if name is not None else "run the query")
        results = run_query(sparql, file=file, name=name, store=store, **paging)
        if on_phase is not None:
            counted = {"select": f"{len(results):,} rows", "graph": f"{len(results):,} triples"}
            on_phase(f"format {counted.get(results.kind, 'the answer')} as {format}")
        text = write_results(results, format, output, wide=wide)
    if output is None:
        typer.echo(text, nl=False)
    page = paging.get("limit")
    if page and results.kind == "select" and len(results.rows) == page:
        after = paging["offset"] + page
        typer.echo(f"(a page of {page} rows: --offset {after} for the next, --all for every row)", err=True)


def export(
    what: Annotated[Literal[EXPORTS], typer.Argument(help="claims, actors, entities or graph.")],
    format: Annotated[
        Optional[str],
        typer.Option(
            "--format",
            help="claims/actors/entities: csv, tsv (plain values), json (a list of records) or jsonl; "
            "graph: turtle, trig, nquads, ntriples or jsonld (compacted with kg's prefixes).",
        ),
    ] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to a file.")] = None,
    type: Annotated[
        Optional[str],
        typer.Option("--type", help="entities: only this type or superclass (Place, Actor, Event, Country ...)."),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Export claims, actors or entities as CSV/JSONL, or the whole graph as RDF.

    Claim columns: id, subject, subject_label, predicate, object, object_label, value, lower, upper,
    counted, speaker, speaker_label, article, outlet, date, quote, start, end, status.
    Actor columns: id, label, type, aliases, mentions.
    Entity columns (actors, places, operations, events): id, label, type, superclasses, aliases,
    mentions, begin, end, date (the last three for operations and events).
    """
    from .. import export as ex
    from ..io import progress, progress_phases

    if type is not None and what != "entities":
        raise KGError("E309")
    with progress(sys.stderr.isatty(), bar=False) as shown:
        on_phase = progress_phases(shown)
        if what == "graph":
            text = ex.export_graph(store, format or "turtle", output, on_phase=on_phase)
        elif what == "claims":
            text = ex.export_claims(store, format or "csv", output, on_phase=on_phase)
        elif what == "entities":
            text = ex.export_entities(store, format or "csv", output, type=type, on_phase=on_phase)
        else:
            text = ex.export_actors(store, format or "csv", output, on_phase=on_phase)
    if output is None and text is not None:
        sys.stdout.write(text)


def validate(
    store: StoreOption = None,
    file: Annotated[
        Optional[Path], typer.Option("--file", "-f", help="Validate an RDF file instead of the store.")
    ] = None,
) -> None:
    """Check the graph against the SHACL shapes in ontology/shapes.ttl; exit 1 if it does not conform.

    Each result is printed on standard output; the phases (on a terminal) and a summary on standard error.
    """
    from ..validate import validate as run_validate

    report = run_validate(store, file=file, show_progress=sys.stderr.isatty())
    for v in report.violations:
        where = f"{v.focus} {v.path}" if v.path else v.focus
        typer.echo(f"{v.severity}: {where}: {v.message}" + (f" (value: {v.value})" if v.value else ""))
    typer.echo(report.summary(), err=True)
    if not report.conforms:
        raise typer.Exit(1)
