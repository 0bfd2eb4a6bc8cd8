"""Remote stores: any SPARQL 1.1 endpoint as a kg store, chosen by an ``http://`` or ``https://`` URL.

``kg build``, ``kg query``, ``kg export`` ... take ``--store http://host:port/...`` and go through the
same library calls as with the embedded store. The URL names the endpoints and how the server shows
the union of the named graphs (kg's queries read the union as their default graph)::

    http[s]://[user:password@]host[:port][/path][?params][#options]

A URL whose path is empty or ``/`` is an Oxigraph server (``oxigraph serve``) or ``kg serve``: queries
go to ``/query``, updates to ``/update``, the Graph Store Protocol to ``/store``, and every query asks
for the union with Oxigraph's ``union-default-graph`` parameter. Any other URL is the SPARQL endpoint
for queries, updates and the Graph Store Protocol alike, and the server's default graph is taken to be
the union already (Fuseki with ``unionDefaultGraph``, GraphDB, Virtuoso). The fragment (never sent to
the server) changes any of it; see ``docs/remote-stores.md``:

==============  =====================================================================================
``query=U``     the query endpoint (relative to the URL)
``update=U``    the update endpoint (relative to the query endpoint)
``store=U``     the Graph Store Protocol endpoint (relative to the query endpoint)
``union=M``     ``oxigraph`` (the parameter), ``server`` (nothing to do), ``graphs`` (name every named
                graph in ``default-graph-uri``: any SPARQL 1.1 server), or an IRI sent as
                ``default-graph-uri`` (Fuseki: ``urn:x-arq:UnionGraph``)
``write=W``     ``update`` (SPARQL Update requests of whole graphs, the default) or ``gsp`` (one HTTP PUT
                per graph)
``batch=N``     quads per update request (default 50000; a larger graph goes alone)
``timeout=S``   seconds to wait for an answer (default 300)
``auth=A``      ``basic`` (the default, with ``user:password@`` in the URL) or ``digest``
``server=S``    the defaults of one server (see below): ``oxigraph``, ``fuseki``, ``virtuoso``, ``sparql``
==============  =====================================================================================

A server's name before the scheme does the same as ``#server=``: ``fuseki+http://host:3030/ds``
is Fuseki's dataset ``/ds`` (queries to ``/ds/query``, updates to ``/ds/update``, the Graph Store
Protocol at ``/ds/data``; the dataset's default graph must be the union, ``tdb2:unionDefaultGraph``);
``virtuoso+http://user:password@host:8890/`` is a Virtuoso server (queries to ``/sparql``; with a
user, updates to ``/sparql-auth`` and graphs written with ``PUT`` to ``/sparql-graph-crud-auth``,
digest authentication). Options after ``#`` still change any of it.

Writes replace whole named graphs, each in one request, so a failed batch never leaves part of an
article in the store (but Virtuoso's loader commits as it reads a PUT: a Virtuoso that dies while
loading a graph may leave that graph part-written; see ``docs/remote-stores.md``); the error names
the graphs written and those not. The graphs of a previous
build that the new one no longer has are removed last. kg owns the graphs under
``https://kg.example.org/graph/`` and leaves others alone.

Oxigraph's server (written with SPARQL Update, the default) can also be changed in place (``kg add``,
``kg remove``, ``kg build`` of a few changed articles): each change is one update request, which the
server applies as one transaction. What ``kg-store.json`` records for an embedded store is kept in the
server, in the graph ``https://kg.example.org/store`` (outside kg's graphs: exports leave it out),
with a revision that every request of a change checks and moves on, so that of two writers at once
the later one is refused (E908) rather than mixing two changes. Other servers are only ever rebuilt
whole (E209): Virtuoso is written with PUT, one graph a request; Fuseki and plain SPARQL endpoints
are not tested for it yet.

Examples
--------
>>> e = parse_store_url("http://127.0.0.1:7878/")
>>> e.query, e.update, e.store, e.union
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store', 'oxigraph')
>>> e = parse_store_url("fuseki+http://localhost:3030/kg")
>>> e.query, e.update, e.store, e.union, e.server
('http://localhost:3030/kg/query', 'http://localhost:3030/kg/update', 'http://localhost:3030/kg/data', 'server', 'fuseki')
>>> e = parse_store_url("virtuoso+http://dba:dba@localhost:8890/")
>>> e.query, e.update, e.store, e.write, e.auth_scheme
('http://localhost:8890/sparql', 'http://localhost:8890/sparql-auth', 'http://localhost:8890/sparql-graph-crud-auth', 'gsp', 'digest')
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import socket
import tempfile
import urllib.parse
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib.term import Node

from .errors import KGError
from .namespace import BASE, GRAPH, short_iri
from .query import declare_prefixes, query_form, shift_columns
from .store import (
    OxigraphStore,
    OxigraphTerms,
    Results,
    Store,
    StoreBackend,
    StoreEdit,
    local_cache_path,
    results_of,
)

__all__ = [
    "Endpoint",
    "RemoteBackend",
    "RemoteEdit",
    "RemoteStore",
    "parse_store_url",
]

UNION_MODES = ("oxigraph", "server", "graphs")
WRITE_MODES = ("update", "gsp")
OPTIONS = ("query", "update", "store", "union", "write", "batch", "timeout", "auth", "server")
SERVERS = ("oxigraph", "fuseki", "virtuoso", "sparql")
"""What ``#server=`` (or ``NAME+http://``) accepts; ``sparql`` is a plain SPARQL 1.1 endpoint."""


@dataclass(frozen=True)
class _Dialect:
    """A server's defaults: endpoint paths relative to the URL (a directory), how it shows the union, how to write."""

    query: str
    update: str
    store: str
    union: str = "server"
    write: str = "update"
    auth: str = "basic"
    rebuild_only: str = ""
    """Why the server's store cannot be changed in place (E209), or ``""`` when it can."""


UNTESTED = "kg changes in place only the servers its tests do that on (Oxigraph's)"
"""Why a server but Oxigraph's is rebuilt whole: an in-place change relies on its update requests' semantics."""


def _dialect(server: str, user: bool) -> _Dialect:
    """The defaults of ``server`` (with or without a user in the URL)."""
    if server == "oxigraph":  # also kg serve
        return _Dialect("query", "update", "store", union="oxigraph")
    if server == "fuseki":  # a dataset URL; its default graph is the union (tdb2:unionDefaultGraph)
        return _Dialect("query", "update", "data", rebuild_only=f"{UNTESTED}; Fuseki is rebuilt whole")
    # Virtuoso: the default graph of a query that names none is every graph. It refuses blank nodes
    # in INSERT DATA and compiles an update of a few thousand triples past its SQL size limit, so
    # graphs are written with PUT; updates and PUT need a user (digest) on the -auth endpoints.
    auth = "-auth" if user else ""
    # A change in place would need one update request, so Virtuoso is rebuilt whole.
    return _Dialect(
        "sparql",
        f"sparql{auth}",
        f"sparql-graph-crud{auth}",
        write="gsp",
        auth="digest",
        rebuild_only="Virtuoso is written with PUT, one graph a request: its SPARQL Update cannot take a change "
        "in one request",
    )


DEFAULT_BATCH = 50_000
DEFAULT_TIMEOUT = 300.0
KG_GRAPHS = str(GRAPH)
RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.8"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
RECORD = f"{BASE}store"
"""The graph (and its subject) where a server keeps what ``kg-store.json`` records for an embedded store."""
_META, _REVISION, _APPLIED = (f"<{RECORD}#{name}>" for name in ("meta", "revision", "applied"))


def _names(graphs: list[str], limit: int = 4) -> str:
    if not graphs:
        return ""
    shown = ", ".join(short_iri(g) for g in graphs[:limit])
    more = f" and {len(graphs) - limit} more" if len(graphs) > limit else ""
    return f" ({shown}{more})"


def _cap(response) -> int | None:
    """The endpoint's result cap if it cut this answer (``kg serve``'s header, or Virtuoso's), else None."""
    headers = response.headers
    if headers.get("x-result-truncated") == "true":
        return int(headers.get("x-result-cap", "0")) or None
    if "x-sparql-maxrows" in headers:  # Virtuoso sends it when it cut the answer at ResultSetMaxRows
        return int(headers["x-sparql-maxrows"]) or None
    return None


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Virtuoso's ways with SPARQL results, undone (see docs/remote-stores.md)

VIRTUOSO_BNODE = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*"|<bnode>)nodeID://')


def _virtuoso_ask(results: Results) -> Results:
    """An ASK answer; Virtuoso 7 answers ASK with a row binding ``__ASK_RETVAL`` to 1 (yes) or no row."""
    if results.kind == "select" and results.variables == ["__ASK_RETVAL"]:
        return Results("ask", boolean=any(str(row[0]) == "1" for row in results.rows))
    return results


def _virtuoso_bnodes(content: bytes) -> bytes:
    """Blank nodes as SPARQL results may name them: Virtuoso sends ``nodeID://b1``, which is no blank node label."""
    return VIRTUOSO_BNODE.sub(rb"\1", content)


# --- URLs --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    """Where and how to talk to a remote store (see the module docs for the URL)."""

    url: str
    query: str
    update: str
    store: str
    union: str = "server"
    write: str = "update"
    batch: int = DEFAULT_BATCH
    timeout: float = DEFAULT_TIMEOUT
    auth: tuple[str, str] | None = field(default=None, repr=False)
    auth_scheme: str = "basic"
    server: str = "sparql"
    rebuild_only: str = ""
    """Why the store cannot be changed in place (``kg add``, ``kg remove``: E209), or ``""`` when it can."""


def parse_store_url(url: str) -> Endpoint:
    """The :class:`Endpoint` an ``http(s)://`` store URL names.

    Parameters
    ----------
    url : str
        ``http[s]://[user:password@]host[:port][/path][?params][#options]``.

    Returns
    -------
    Endpoint
        ``url`` is the URL without its password, for messages.

    Examples
    --------
    >>> e = parse_store_url("https://me:secret@db.example.org/repositories/kg#store=kg/rdf-graphs/service&write=gsp")
    >>> e.url, e.store, e.write, e.auth
    ('https://me@db.example.org/repositories/kg#store=kg/rdf-graphs/service&write=gsp', 'https://db.example.org/repositories/kg/rdf-graphs/service', 'gsp', ('me', 'secret'))
    """
    parts = urllib.parse.urlsplit(url)
    named, plus, scheme = parts.scheme.rpartition("+")
    if scheme not in ("http", "https") or not parts.hostname or (plus and named not in SERVERS):
        raise KGError(
            "E904", url=url, detail="use http://host[:port]/path, https://..., fuseki+http://... or virtuoso+http://..."
        )
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    safe = url.replace(parts.netloc, f"{user}@{hostport}" if user else hostport, 1)
    try:
        options = dict(urllib.parse.parse_qsl(parts.fragment, keep_blank_values=True, strict_parsing=True))
    except ValueError:
        raise KGError("E904", url=safe, detail=f"cannot read the options after #: {parts.fragment!r}") from None
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise KGError("E904", url=safe, detail=f"unknown option {unknown[0]!r} after #; use {', '.join(OPTIONS)}")
    root = parts.path in ("", "/")
    server = options.get("server", named or ("oxigraph" if root else "sparql"))
    if server not in SERVERS:
        raise KGError("E904", url=safe, detail=f"server={server!r}: use {', '.join(SERVERS)}")
    base = urllib.parse.urlunsplit((scheme, hostport, parts.path, parts.query, ""))
    if server == "sparql":  # the URL is the endpoint for everything
        dialect, folder = _Dialect("", "", "", rebuild_only=f"{UNTESTED}; name one with #server="), base
    else:  # the URL is a folder (Oxigraph's or Virtuoso's root, Fuseki's dataset)
        dialect = _dialect(server, bool(user))
        folder = urllib.parse.urlunsplit((scheme, hostport, parts.path.rstrip("/") + "/", "", ""))
    query = urllib.parse.urljoin(folder, options.get("query", dialect.query))

    def endpoint(name: str) -> str:
        if name in options:
            return urllib.parse.urljoin(query, options[name])
        return urllib.parse.urljoin(folder, getattr(dialect, name)) if dialect.query else query

    union = options.get("union", dialect.union)
    if union not in UNION_MODES and not re.match(r"[A-Za-z][\w+.-]*:\S+$", union):
        raise KGError("E904", url=safe, detail=f"union={union!r}: use {', '.join(UNION_MODES)} or an IRI")
    write = options.get("write", dialect.write)
    if write not in WRITE_MODES:
        raise KGError("E904", url=safe, detail=f"write={write!r}: use {' or '.join(WRITE_MODES)}")
    auth_scheme = options.get("auth", dialect.auth)
    if auth_scheme not in ("basic", "digest"):
        raise KGError("E904", url=safe, detail=f"auth={auth_scheme!r}: use basic or digest")
    try:
        batch = int(options.get("batch", DEFAULT_BATCH))
        timeout = float(options.get("timeout", DEFAULT_TIMEOUT))
    except ValueError as exc:
        raise KGError("E904", url=safe, detail=str(exc)) from None
    if batch < 1 or not timeout > 0:
        raise KGError("E904", url=safe, detail="batch and timeout must be positive")
    return Endpoint(
        url=safe,
        query=query,
        update=endpoint("update"),
        store=endpoint("store"),
        union=union,
        write=write,
        batch=batch,
        timeout=timeout,
        auth=(urllib.parse.unquote(user), urllib.parse.unquote(password)) if user else None,
        auth_scheme=auth_scheme,
        server=server,
        rebuild_only=dialect.rebuild_only
        or (
            ""
            if write == "update"
            else "it is written with #write=gsp, one graph a request: a change would not be one transaction"
        ),
    )


# --- the store -----------------------------------------------------------------------------------


class RemoteStore(Store):
    """A store behind a SPARQL 1.1 endpoint: query, update and Graph Store Protocol over HTTP."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.url = endpoint.url
        self._client: Any = None
        self._graphs: list[str] | None = None

    # HTTP

    def _http(self):
        if self._client is None:
            import httpx

            e = self.endpoint
            auth = None
            if e.auth is not None:
                auth = httpx.DigestAuth(*e.auth) if e.auth_scheme == "digest" else httpx.BasicAuth(*e.auth)
            self._client = httpx.Client(
                timeout=httpx.Timeout(e.timeout, connect=min(e.timeout, 10.0)),
                auth=auth,
                follow_redirects=True,
                headers={"User-Agent": "kg (SPARQL 1.1 client)"},
            )
        return self._client

    def _send(self, method: str, url: str, **kwargs: Any):
        import httpx

        try:
            return self._http().request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise KGError("E900", url=self.url, detail=f"no answer within {self.endpoint.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise KGError("E900", url=self.url, detail=_one_line(str(exc) or type(exc).__name__)) from None

    def _checked(self, response, *, syntax: bool = False):
        if response.status_code < 300:
            return response
        detail = _one_line(response.text or response.reason_phrase)
        if syntax and response.status_code == 400:
            raise KGError("E300", where="", detail=detail)
        raise KGError("E901", url=self.url, status=response.status_code, detail=detail)

    def _union(self) -> tuple[list[tuple[str, str]], dict[str, str]]:
        """Form fields and URL parameters that make the default graph the union of the named graphs."""
        union = self.endpoint.union
        if union == "oxigraph":
            return [], {"union-default-graph": ""}
        if union == "server":
            return [], {}
        if union == "graphs":
            graphs = self.graphs() if self._graphs is None else self._graphs
            self._graphs = graphs
            return [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs], {}
        return [("default-graph-uri", union)], {}

    def _post_query(self, sparql: str, accept: str, *, union: bool = True, syntax: bool = False):
        fields, params = self._union() if union else ([], {})
        response = self._send(
            "POST",
            self.endpoint.query,
            content=urllib.parse.urlencode([("query", sparql), *fields]).encode("ascii"),
            params=params,
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )
        return self._checked(response, syntax=syntax)

    def _parse(self, response) -> Any:
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            results_format = ox.QueryResultsFormat.from_media_type(media)
        except ValueError:
            results_format = None
        try:
            if results_format is not None:
                content = response.content
                if self.endpoint.server == "virtuoso":
                    content = _virtuoso_bnodes(content)
                return ox.parse_query_results(content, format=results_format)
            try:
                rdf_format = ox.RdfFormat.from_media_type(media)
            except ValueError:
                raise KGError("E902", url=self.url, detail=f"unexpected content type {media or 'none'!r}") from None
            return [q.triple for q in ox.parse(response.content, format=rdf_format)]
        except SyntaxError as exc:
            raise KGError("E902", url=self.url, detail=_one_line(str(exc))) from None

    # the Store interface

    def query(self, sparql: str) -> Results:
        """Run a query on the endpoint, kg's prefixes predeclared, the default graph the union of all graphs."""
        text = declare_prefixes(sparql)
        form = query_form(text)
        accept = GRAPH_ACCEPT if form in ("construct", "describe") else RESULTS_ACCEPT
        if form is None:
            accept = f"{RESULTS_ACCEPT}, {GRAPH_ACCEPT}"
        try:
            response = self._post_query(text, accept, syntax=True)
        except KGError as exc:
            if exc.code == "E300":
                offset = len(text) - len(sparql)
                raise KGError("E300", where="", detail=shift_columns(str(exc.fields["detail"]), offset)) from None
            raise
        cap = _cap(response)
        if cap is not None:
            raise KGError("E907", url=self.url, cap=cap)
        result = self._parse(response)
        try:
            return _virtuoso_ask(results_of(result)) if form == "ask" else results_of(result)
        except SyntaxError as exc:
            raise KGError("E902", url=self.url, detail=_one_line(str(exc))) from None

    def _select_all(self, sparql: str, order: str) -> Iterator[ox.QuerySolution]:
        """Every solution of a SELECT over the store's own dataset, in pages if the endpoint caps answers."""
        response = self._post_query(sparql, RESULTS_ACCEPT, union=False)
        cap = _cap(response)
        if cap is None:
            yield from self._solutions(response)
            return
        for page in range(1_000_000):
            paged = f"{sparql} ORDER BY {order} LIMIT {cap} OFFSET {page * cap}"
            response = self._post_query(paged, RESULTS_ACCEPT, union=False)
            rows = list(self._solutions(response))
            yield from rows
            if len(rows) < cap:
                return

    def _solutions(self, response) -> Iterator[ox.QuerySolution]:
        result = self._parse(response)
        if not isinstance(result, ox.QuerySolutions):
            raise KGError("E902", url=self.url, detail="a SELECT query did not return solutions")
        try:
            yield from result
        except SyntaxError as exc:
            raise KGError("E902", url=self.url, detail=_one_line(str(exc))) from None

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of kg's named graphs (graph by graph, with the Graph Store Protocol, if answers are capped).

        Other graphs on the server (Virtuoso's own, a user's) are not part of kg's graph.
        """
        mine = f'FILTER(STRSTARTS(STR(?g), "{KG_GRAPHS}"))'
        response = self._post_query(
            f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {mine} }}", RESULTS_ACCEPT, union=False
        )
        if _cap(response) is None:
            for row in self._solutions(response):
                yield ox.Quad(row["s"], row["p"], row["o"], row["g"])
            return
        for graph in (g for g in self.graphs() if g.startswith(KG_GRAPHS)):
            name = ox.NamedNode(graph)
            for quad in self.get_graph(graph):
                yield ox.Quad(quad.subject, quad.predicate, quad.object, name)

    def get_graph(self, graph: str) -> list[ox.Triple]:
        """One named graph's triples, with the Graph Store Protocol (HTTP GET)."""
        response = self._checked(
            self._send("GET", self.endpoint.store, params={"graph": graph}, headers={"Accept": GRAPH_ACCEPT})
        )
        return self._parse(response)

    def dump(self, output: str | Path, format: str) -> None:
        """Write kg's named graphs to ``output`` as the embedded store does (TriG, N-Quads ...)."""
        copy = ox.Store()
        copy.extend(self.quads())
        OxigraphStore(copy, self.url).dump(output, format)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    # helpers for writing

    def graphs(self) -> list[str]:
        """The IRIs of the store's named graphs."""
        # GROUP BY, not DISTINCT: Virtuoso 7.2 took minutes on DISTINCT ?g over 270,000 quads, 0.1 s on this
        response = self._post_query(
            "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", RESULTS_ACCEPT, union=False
        )
        cap = _cap(response)
        rows = list(self._solutions(response))
        if cap is not None:
            rows = self._graph_pages(cap)
        return [row["g"].value for row in rows if isinstance(row["g"], ox.NamedNode)]

    def _graph_pages(self, cap: int) -> Iterator[ox.QuerySolution]:
        """The graph names of a capped endpoint, page after page, each after the last name of the one before.

        Keyset pages, not OFFSET: Virtuoso refuses a sorted answer past its MaxSortedTopRows (SR353, 20,000
        rows by default), which OFFSET pages reach at 10,000 articles; a key filter sorts only one page.
        """
        last: str | None = None
        while True:
            after = "" if last is None else f"FILTER(STR(?g) > {ox.Literal(last)})"
            page = list(
                self._solutions(
                    self._post_query(
                        f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {after} }} GROUP BY ?g ORDER BY STR(?g) LIMIT {cap}",
                        RESULTS_ACCEPT,
                        union=False,
                    )
                )
            )
            names = [row["g"].value for row in page]
            if last is not None and names and min(names) <= last:
                raise KGError("E902", url=self.url, detail="the server's graph names did not page in order")
            yield from page
            if len(page) < cap:
                return
            last = max(names)

    def count(self, graph: str | None = None) -> int:
        """How many quads the kg graphs hold (or the one named graph ``graph``)."""
        where = (
            f"GRAPH <{graph}> {{ ?s ?p ?o }}"
            if graph
            else f'GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{KG_GRAPHS}"))'
        )
        response = self._post_query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}", RESULTS_ACCEPT, union=False)
        result = self._parse(response)
        return int(next(iter(result))["n"].value)

    def ping(self) -> None:
        """Fail with a one-line error if the endpoint does not answer a query."""
        self._post_query("ASK { }", RESULTS_ACCEPT, union=False)

    def update(self, sparql: str) -> None:
        """Send one SPARQL Update request (which the server applies as a whole)."""
        response = self._send(
            "POST",
            self.endpoint.update,
            content=sparql.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )
        self._checked(response)

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Replace one named graph with the Graph Store Protocol (HTTP PUT)."""
        response = self._send(
            "PUT",
            self.endpoint.store,
            params={"graph": graph},
            content=ntriples,
            headers={"Content-Type": "application/n-triples"},
        )
        self._checked(response)

    def drop_graphs(self, graphs: list[str]) -> None:
        """Remove named graphs (missing ones are no error)."""
        if self.endpoint.write == "gsp":
            for graph in graphs:
                response = self._send("DELETE", self.endpoint.store, params={"graph": graph})
                if response.status_code != 404:
                    self._checked(response)
            return
        for start in range(0, len(graphs), 200):
            self.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs[start : start + 200]))

    def write_graphs(self, graphs: dict[str, bytes], also_drop: Iterable[str] = ()) -> None:
        """Replace each graph by its N-Triples, all of ``graphs`` in one request (update) or one each (gsp).

        ``also_drop``: graphs removed in the same request (update only).
        """
        if self.endpoint.write == "gsp":
            for graph, data in graphs.items():
                if data:
                    self.put_graph(graph, data)
                else:
                    self.drop_graphs([graph])
            return
        drops = [f"DROP SILENT GRAPH <{g}>" for g in (*also_drop, *graphs)]
        inserts = "".join(f"GRAPH <{g}> {{\n{data.decode('utf-8')}}}\n" for g, data in graphs.items() if data)
        self.update(" ;\n".join(drops + ([f"INSERT DATA {{\n{inserts}}}"] if inserts else [])))

    # the store's record (see RECORD)

    def read_record(self, meta: bool = True) -> tuple[dict[str, Any], str | None, str | None]:
        """What the server records of kg's store: (meta, revision, revision of the last change made), or ``({}, None, None)``.

        ``meta=False``: the revisions only (the meta, with its manifest of every article, can be large).
        """
        which = "" if meta else f"FILTER(?p != {_META})"
        response = self._post_query(
            f"SELECT ?p ?o WHERE {{ GRAPH <{RECORD}> {{ <{RECORD}> ?p ?o {which} }} }}", RESULTS_ACCEPT, union=False
        )
        found = {str(row["p"]): row["o"].value for row in self._solutions(response)}
        recorded: dict[str, Any] = {}
        if _META in found:
            try:
                recorded = json.loads(found[_META])
            except ValueError as exc:
                raise KGError("E902", url=self.url, detail=f"its record of kg's store is not JSON: {exc}") from None
        return recorded, found.get(_REVISION), found.get(_APPLIED)

    def write_record(self, meta: dict[str, Any]) -> None:
        """Replace the record with ``meta`` under a new revision (a full build: no check of the old one)."""
        self.update(
            f"DROP SILENT GRAPH <{RECORD}> ;\nINSERT DATA {{ GRAPH <{RECORD}> {{ <{RECORD}> {_META} "
            f'{ox.Literal(json.dumps(meta))} . <{RECORD}> {_REVISION} "{uuid.uuid4().hex}" }} }}'
        )


def _written_by() -> str:
    return f"{socket.gethostname()} pid {os.getpid()}"


class RemoteEdit(StoreEdit):
    """A SPARQL server open for one in-place change (:class:`kg.store.StoreEdit`; see the module docs).

    Every request it sends holds only if the store's revision is still the one it read (or last
    wrote), and moves the revision on: a change a second writer made meanwhile makes its requests
    change nothing, and it fails with E908. :meth:`update` is one SPARQL Update request, which the
    server applies as one transaction.
    """

    def __init__(self, store: RemoteStore, revision: str | None) -> None:
        self.remote = store
        self.url = store.url
        self.revision = revision
        self.changed = False
        """Whether :meth:`update` changed the store (the record then lags until :meth:`set_meta`)."""

    def graph(self, name: str) -> set[ox.Quad]:
        """Every quad of the named graph ``name``, read from the server (in pages if it caps answers)."""
        graph = ox.NamedNode(str(name))
        rows = self.remote._select_all(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}", "?s ?p ?o")
        return {ox.Quad(row["s"], row["p"], row["o"], graph) for row in rows}

    def graphs(self) -> list[str]:
        """kg's named graphs in the store (other graphs on the server are not kg's to change)."""
        return [g for g in self.remote.graphs() if g.startswith(KG_GRAPHS)]

    def graph_count(self) -> int | None:
        return None  # the server is asked for its graphs by name

    def has_graph(self, name: str) -> bool:
        return str(name) in self.graphs()

    def reader(self) -> Store:
        """The server as readers see it."""
        return self.remote

    def _held(self) -> str:
        """A pattern that matches once if the revision is still this writer's, else never."""
        if self.revision is None:
            return f"FILTER NOT EXISTS {{ GRAPH <{RECORD}> {{ <{RECORD}> {_REVISION} ?any }} }}"
        return f'GRAPH <{RECORD}> {{ <{RECORD}> {_REVISION} "{self.revision}" }}'

    def _send(self, operations: list[str], new: str) -> None:
        """Send ``operations`` as one request; E908 if another writer moved the revision first."""
        try:
            self.remote.update(" ;\n".join(operations))
        except KGError:
            # the request may have been applied though its answer was lost: the revision tells
            with contextlib.suppress(KGError):
                if new in self.remote.read_record(meta=False)[1:]:
                    self.revision = new
                    return
            raise
        _, revision, applied = self.remote.read_record(meta=False)
        if new not in (revision, applied):
            writer = self.remote.read_record()[0].get("writer", "unknown")
            raise KGError("E908", url=self.url, writer=writer)
        self.revision = new

    def update(self, drop: list[str], delete: Iterable[ox.Quad], insert: Iterable[ox.Quad]) -> None:
        """Drop graphs, delete and insert quads in one update request, if the revision is still this writer's."""
        held = self._held()
        operations = [
            f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ {held} GRAPH {g} {{ ?s ?p ?o }} }}"
            for g in (ox.NamedNode(str(name)) for name in drop)
        ]
        for verb, quads in (("DELETE", delete), ("INSERT", insert)):
            by_graph: dict[Any, list[str]] = {}
            for quad in quads:
                if not isinstance(quad.graph_name, ox.NamedNode):
                    raise KGError("E905", count=1)
                by_graph.setdefault(quad.graph_name, []).append(f"{quad.subject} {quad.predicate} {quad.object} .")
            if by_graph:
                body = "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())
                operations.append(f"{verb} {{\n{body}\n}} WHERE {{ {held} }}")
        new = uuid.uuid4().hex
        # last: the revision moves on, and names this change as the last one made
        old = f'<{RECORD}> {_REVISION} "{self.revision}" .' if self.revision else ""
        operations.append(
            f"DELETE {{ GRAPH <{RECORD}> {{ {old} <{RECORD}> {_APPLIED} ?applied }} }} "
            f'INSERT {{ GRAPH <{RECORD}> {{ <{RECORD}> {_REVISION} "{new}" . <{RECORD}> {_APPLIED} "{new}" }} }} '
            f"WHERE {{ {held} OPTIONAL {{ GRAPH <{RECORD}> {{ <{RECORD}> {_APPLIED} ?applied }} }} }}"
        )
        self._send(operations, new)
        self.changed = True

    def set_meta(self, meta: dict[str, Any]) -> None:
        """Record ``meta`` in the server, if the revision is still this writer's (else E908, or E909 once changed)."""
        record = {**meta, "writer": _written_by()}  # whom another writer's E908 names
        new = uuid.uuid4().hex
        old = f'<{RECORD}> {_REVISION} "{self.revision}" .' if self.revision else ""
        operation = (
            f"DELETE {{ GRAPH <{RECORD}> {{ {old} <{RECORD}> {_META} ?meta }} }} "
            f"INSERT {{ GRAPH <{RECORD}> {{ <{RECORD}> {_META} {ox.Literal(json.dumps(record))} . "
            f'<{RECORD}> {_REVISION} "{new}" }} }} '
            f"WHERE {{ {self._held()} OPTIONAL {{ GRAPH <{RECORD}> {{ <{RECORD}> {_META} ?meta }} }} }}"
        )
        try:
            self._send([operation], new)
        except KGError as exc:
            if not self.changed:
                raise
            raise KGError("E909", url=self.url, detail=_one_line(exc.message, 200)) from None


# --- writing a build -----------------------------------------------------------------------------


class _Spool:
    """A build's quads as N-Triples per named graph, in a temporary file, before anything is sent.

    Spooling first means a build that fails while reading its corpus sends nothing, and each graph
    can be sent whole even if its quads came in several runs.
    """

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()
        self.segments: dict[str, list[tuple[int, int]]] = {}
        self.counts: dict[str, int] = {}

    def add(self, quads: Iterable[Any]) -> None:
        current: str | None = None
        run: list[ox.Triple] = []
        in_default = 0
        for quad in OxigraphTerms().quads(quads):
            graph = quad.graph_name
            if not isinstance(graph, ox.NamedNode):
                in_default += 1
                continue
            if graph.value != current or len(run) >= 10_000:
                self._flush(current, run)
                current, run = graph.value, []
            run.append(quad.triple)
        self._flush(current, run)
        if in_default:
            raise KGError("E905", count=in_default)

    def _flush(self, graph: str | None, triples: list[ox.Triple]) -> None:
        if graph is None or not triples:
            return
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        self.file.seek(0, 2)
        self.segments.setdefault(graph, []).append((self.file.tell(), len(data)))
        self.file.write(data)
        self.counts[graph] = self.counts.get(graph, 0) + len(triples)

    def read(self, graph: str) -> bytes:
        chunks = []
        for offset, length in self.segments[graph]:
            self.file.seek(offset)
            chunks.append(self.file.read(length))
        return b"".join(chunks)

    def batches(self, size: int) -> list[list[str]]:
        """The graphs in the order they came, in groups of about ``size`` quads (a bigger graph alone)."""
        batches: list[list[str]] = []
        current: list[str] = []
        quads = 0
        for graph, count in self.counts.items():
            if current and quads + count > size:
                batches.append(current)
                current, quads = [], 0
            current.append(graph)
            quads += count
        if current:
            batches.append(current)
        return batches

    def close(self) -> None:
        self.file.close()


class RemoteBackend(StoreBackend):
    """``http://`` and ``https://`` store URLs: a SPARQL 1.1 endpoint (see the module docs)."""

    def __init__(self, scheme: str = "http") -> None:
        self.scheme = scheme

    def endpoint(self, location: str) -> Endpoint:
        return parse_store_url(f"{self.scheme}:{location}")

    def terms(self) -> OxigraphTerms:
        return OxigraphTerms()

    def open(self, location: str) -> Store:
        return RemoteStore(self.endpoint(location))

    def replace(self, location: str, quads: Iterable[tuple], meta: dict[str, Any]) -> int:
        """Replace the kg graphs of the remote store by ``quads``, graph by graph; return the kg quad count.

        The quads are spooled first (a corpus error sends nothing), then sent in batches of whole
        graphs; graphs of the previous build that are not in this one are removed at the end.
        """
        with RemoteStore(self.endpoint(location)) as store:
            store.ping()
            spool = _Spool()
            recorded = self.can_edit(location)
            try:
                spool.add(quads)
                # with PUT each graph is its own request: a batch of one names exactly what was written
                batches = spool.batches(store.endpoint.batch if store.endpoint.write == "update" else 1)
                done: list[str] = []
                if recorded and not batches:
                    store.drop_graphs([RECORD])
                for number, batch in enumerate(batches, 1):
                    try:
                        # the first request also forgets the record of the previous build: a build cut
                        # short leaves a store that no change in place trusts (the next build is whole)
                        forget = [RECORD] if recorded and number == 1 else []
                        store.write_graphs({graph: spool.read(graph) for graph in batch}, also_drop=forget)
                    except KGError as exc:
                        left = [g for b in batches[number - 1 :] for g in b]
                        raise KGError(
                            "E903",
                            url=store.url,
                            batch=number,
                            batches=len(batches),
                            detail=_one_line(exc.message, 200),
                            done=len(done),
                            total=len(spool.counts),
                            done_names=_names(done),
                            left=len(left),
                            left_names=_names(left),
                            written=list(done),
                            not_written=left,
                        ) from None
                    done.extend(batch)
            finally:
                spool.close()
            stale = [g for g in store.graphs() if g.startswith(KG_GRAPHS) and g not in set(done)]
            try:
                store.drop_graphs(stale)
            except KGError as exc:
                raise KGError("E906", url=store.url, count=len(stale), detail=_one_line(exc.message, 200)) from None
            count = store.count()
            if recorded:
                built = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
                try:
                    store.write_record(
                        {
                            "format": "kg-store",
                            "version": 1,
                            "quads": count,
                            "built": built,
                            **meta,
                            "writer": _written_by(),
                        }
                    )
                except KGError as exc:
                    raise KGError("E909", url=store.url, detail=_one_line(exc.message, 200)) from None
            return count

    def can_edit(self, location: str) -> bool:
        """Whether the store can be changed in place: an Oxigraph server written with SPARQL Update."""
        return not self.endpoint(location).rebuild_only

    def meta(self, location: str) -> dict[str, Any]:
        """What the last build and change recorded in the server (see :data:`RECORD`); empty if nothing."""
        if not self.can_edit(location):
            return {}
        with RemoteStore(self.endpoint(location)) as store:
            return store.read_record()[0]

    @contextlib.contextmanager
    def edit(self, location: str) -> Iterator[StoreEdit]:
        """The server open for one in-place change (:class:`RemoteEdit`); E209 for a server written with PUT."""
        endpoint = self.endpoint(location)
        if endpoint.rebuild_only:
            raise KGError("E209", url=endpoint.url, reason=endpoint.rebuild_only)
        with RemoteStore(endpoint) as store:
            _, revision, _ = store.read_record(meta=False)
            yield RemoteEdit(store, revision)

    def cache(self, location: str, fresh: bool = False) -> Path | None:
        """A file under ``$KG_CACHE_DIR`` named by a digest of the server's endpoints (:func:`kg.store.local_cache_path`)."""
        if not self.can_edit(location):
            return None
        endpoint = self.endpoint(location)
        return local_cache_path(f"{endpoint.query} {endpoint.update}", fresh=fresh)

    def replace_graph(self, location: str, graph: str, triples: Iterable[tuple]) -> int:
        """Replace one named graph in one request (SPARQL Update, or PUT with ``#write=gsp``)."""
        convert = OxigraphTerms().convert
        converted = [
            t if type(t) is ox.Triple else ox.Triple(*(convert(x) if isinstance(x, Node) else x for x in t))
            for t in triples
        ]
        data = ox.serialize(converted, format=ox.RdfFormat.N_TRIPLES) if converted else b""
        with RemoteStore(self.endpoint(location)) as store:
            store.write_graphs({str(graph): data})
            return store.count(str(graph))
