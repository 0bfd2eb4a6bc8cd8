"""The ``kg`` command: a thin layer over the library; each command calls one function."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import KGError

app = typer.Typer(
    name="kg",
    help="Turn news articles into a knowledge graph of actors, operations and claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

from .cli_options import StoreOption  # noqa: E402


def _err(message: str) -> None:
    typer.echo(f"error: {message}", err=True)


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class TableFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


class GraphFormat(StrEnum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    ntriples = "ntriples"
    jsonld = "jsonld"


class ExportWhat(StrEnum):
    claims = "claims"
    actors = "actors"
    graph = "graph"


@app.command()
def build(
    seeds: Annotated[Path, typer.Option("--seeds", help="Corpus folder laid out like seeds/.")] = Path("seeds"),
    store: StoreOption = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for kg.trig.")] = Path("out"),
    no_trig: Annotated[bool, typer.Option("--no-trig", help="Do not write OUT/kg.trig.")] = False,
) -> None:
    """Build the graph from a corpus folder into the store, and write OUT/kg.trig.

    The previous store is replaced only once the new graph is complete.
    """
    from .build import build as run_build

    report = run_build(seeds, store, None if no_trig else out, show_progress=sys.stderr.isatty())
    typer.echo(report.summary(), err=True)


@app.command()
def query(
    sparql: Annotated[Optional[str], typer.Argument(help="SPARQL query text.", show_default=False)] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Read the query from a file.")] = None,
    name: Annotated[Optional[str], typer.Option("--name", "-n", help="Run a named query (see --list).")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    format: Annotated[QueryFormat, typer.Option("--format", help="Output format.")] = QueryFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to a file.")] = None,
    limit: Annotated[
        Optional[int],
        typer.Option("--limit", help="Rows in a page of a named query. [default: 100]", show_default=False),
    ] = None,
    offset: Annotated[Optional[int], typer.Option("--offset", help="Skip this many rows of a named query.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every row of a named query, not one page.")] = False,
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query (argument, --file or --name) on the store.

    Prefixes kg:, id:, rdf:, rdfs:, owl:, xsd:, skos:, prov:, schema:, oa: and sem: are predeclared;
    the default graph is the union of all graphs. A named query gives a page of 100 rows: --offset
    and --limit page on, --all gives every row (for all claims as a table, see kg export claims).
    """
    from .query import PAGE_SIZE, named_queries, write_results
    from .query import query as run_query

    if list_:
        for q in named_queries().values():
            typer.echo(f"{q.name:22} {q.description}")
        return
    paging = {}
    if limit is not None or offset is not None or all_:
        if name is None:
            raise KGError("E306")
        paging = {"limit": None if all_ else (PAGE_SIZE if limit is None else limit), "offset": offset or 0}
    results = run_query(sparql, file=file, name=name, store=store, **paging)
    text = write_results(results, format.value, output)
    if output is None:
        typer.echo(text, nl=False)
    page = paging.get("limit", PAGE_SIZE)
    if name is not None and page and results.kind == "select" and len(results.rows) == page:
        after = paging.get("offset", 0) + page
        typer.echo(f"(a page of {page} rows: --offset {after} for the next, --all for every row)", err=True)


@app.command()
def export(
    what: Annotated[ExportWhat, typer.Argument(help="claims, actors or graph.")],
    format: Annotated[
        Optional[str],
        typer.Option("--format", help="claims/actors: csv or jsonl; graph: turtle, trig, nquads, ntriples or jsonld."),
    ] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to a file.")] = None,
    store: StoreOption = None,
) -> None:
    """Export claims or actors as CSV/JSONL, or the whole graph as RDF.

    Claim columns: id, subject, subject_label, predicate, object, object_label, value, lower, upper,
    counted, speaker, speaker_label, article, outlet, date, quote, start, end, status.
    Actor columns: id, label, type, aliases, mentions.
    """
    from . import export as ex

    if what is ExportWhat.graph:
        text = ex.export_graph(store, format or "turtle", output)
    elif what is ExportWhat.claims:
        text = ex.export_claims(store, format or "csv", output)
    else:
        text = ex.export_actors(store, format or "csv", output)
    if output is None and text is not None:
        sys.stdout.write(text)


@app.command()
def validate(
    store: StoreOption = None,
    file: Annotated[
        Optional[Path], typer.Option("--file", "-f", help="Validate an RDF file instead of the store.")
    ] = None,
) -> None:
    """Check the graph against the SHACL shapes in ontology/shapes.ttl; exit 1 if it does not conform."""
    from .validate import validate as run_validate

    report = run_validate(store, file=file)
    for v in report.violations:
        typer.echo(f"{v.severity}: {v.focus} {v.path}: {v.message}" + (f" (value: {v.value})" if v.value else ""))
    typer.echo(report.summary(), err=True)
    if not report.conforms:
        raise typer.Exit(1)


# --- commands from other modules: each registers itself here with one block ---------------------
# (annotate/eval: kg/cli_annotate.py; analyze: kg/cli_analyze.py; viz: kg/cli_viz.py; serve: kg/cli_serve.py)
from .cli_viz import viz as _viz  # noqa: E402

app.command("viz")(_viz)
from .cli_analyze import app as _analyze_app  # noqa: E402

app.add_typer(_analyze_app, name="analyze")
from .cli_serve import serve as _serve  # noqa: E402

app.command("serve")(_serve)
from .cli_annotate import annotate as _annotate_command  # noqa: E402
from .cli_annotate import eval as _eval_command  # noqa: E402

app.command("annotate")(_annotate_command)
app.command("eval")(_eval_command)
# @@ registrations @@


def main() -> None:
    """Entry point: run the app, turning errors into one line on stderr and a non-zero exit."""
    try:
        app()
    except KGError as exc:
        _err(exc.message)
        sys.exit(1)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug: still one line, with a way to see more
        if os.environ.get("KG_DEBUG"):
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set KG_DEBUG=1 for the traceback)")
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
