"""``kg serve``: the command line of :func:`kg.serve.serve`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

# not imported from kg.cli, which imports this module (and `python -m kg.cli` would import it twice)
StoreOption = Annotated[
    Optional[str],
    typer.Option(
        "--store",
        "-s",
        help="Store: a folder (embedded Oxigraph), 'memory:' or 'oxigraph:PATH'. Default: $KG_STORE or .kg",
        show_default=False,
    ),
]

__all__ = ["serve"]


def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on (0: any free port).")] = 7878,
    allow_updates: Annotated[
        bool, typer.Option("--allow-updates", help="Accept SPARQL updates and Graph Store writes.")
    ] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run (then HTTP 503).")] = 30.0,
    max_results: Annotated[
        int, typer.Option("--max-results", help="Most rows or triples in one answer (the rest is cut).")
    ] = 10_000,
    max_memory: Annotated[
        int, typer.Option("--max-memory", help="MiB the query engine may use before it is replaced.")
    ] = 2048,
    allow_service: Annotated[
        Optional[list[str]],
        typer.Option(
            "--allow-service",
            help="HOST or HOST:PORT that SERVICE (a federated query) may call; repeat for more. Default: none.",
            show_default=False,
        ),
    ] = None,
    max_query_bytes: Annotated[
        int, typer.Option("--max-query-bytes", help="Largest query request body (then HTTP 413).")
    ] = 1_000_000,
    max_upload_bytes: Annotated[
        int, typer.Option("--max-upload-bytes", help="Largest update or Graph Store write body (then HTTP 413).")
    ] = 256_000_000,
    allow_host: Annotated[
        Optional[list[str]],
        typer.Option(
            "--allow-host",
            help="A name a write's Host header may carry besides IP addresses and localhost; repeat for more.",
            show_default=False,
        ),
    ] = None,
    allow_origin: Annotated[
        Optional[list[str]],
        typer.Option(
            "--allow-origin",
            help="A web origin (https://app.example.org) whose pages may write; repeat for more.",
            show_default=False,
        ),
    ] = None,
    cors: Annotated[
        Optional[list[str]],
        typer.Option(
            "--cors",
            metavar="ORIGIN",
            help="A web origin (https://yasgui.example.org) whose pages may read answers (CORS), or '*' for any; repeat for more.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the graph as a SPARQL 1.1 endpoint (/query), with a query page at /, until Ctrl-C.

    Read-only unless --allow-updates, and then writes from web pages of other sites are refused.
    Pages of other sites (a hosted YASGUI) may read answers only with --cors ORIGIN.
    SERVICE (federated queries) is refused unless --allow-service names the host. Results by content negotiation: SPARQL JSON, XML, CSV or TSV;
    CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML. The prefixes of `kg query` are
    declared and the default graph is the union of all graphs.
    """
    from ..serve import serve as run_serve

    run_serve(
        store,
        host=host,
        port=port,
        allow_updates=allow_updates,
        timeout=timeout,
        max_results=max_results,
        max_memory=max_memory,
        allow_service=allow_service or (),
        max_query_bytes=max_query_bytes,
        max_upload_bytes=max_upload_bytes,
        allow_hosts=allow_host or (),
        allow_origins=allow_origin or (),
        cors=cors or (),
        on_ready=lambda line: typer.echo(line, err=True),
    )
