"""The HTTP front of ``kg serve``: SPARQL 1.1 Protocol, content negotiation, limits, the query page.

Queries go to the Oxigraph engine (:mod:`kg.serve.engine`), which evaluates them; the front adds
kg's prefixes, asks the engine for SPARQL TSV or N-Triples (one result per line), stops reading at
the result cap or the deadline (closing the connection stops the engine's work), and re-serialises
what it read in the format the client asked for.

==========================  ========================================================================
``GET /``                   the query page, YASGUI (or a query, with ``query=`` or ``name=``); the
                            plain page at ``/plain``; YASGUI's files under ``/static/``
``GET|POST /query``         a SPARQL query (also ``/sparql`` and ``/``): ``query=``, ``name=`` (a
                            named query), or a POST body of type ``application/sparql-query``
``POST /update``            a SPARQL update: 403 unless ``--allow-updates``
``GET|PUT|POST|DELETE``     ``/store``, the Graph Store Protocol: reads always, writes only with
                            ``--allow-updates``
==========================  ========================================================================

What is refused (see :class:`Limits`): ``SERVICE`` (a federated query would make the server fetch
a URL) unless its host is allowed; a request body over the size limit (413, before it is read); a
query past the time limit (503; its engine is replaced, which stops the work); with updates
allowed, a write whose ``Host`` is a name this endpoint does not know (DNS rebinding) or whose
``Origin`` (``Sec-Fetch-Site``, ``Referer``) is another site: a web page cannot write.

With ``--cors ORIGIN`` (:attr:`Limits.cors_origins`), pages of those origins may read the answers
(CORS: ``OPTIONS`` preflight, ``Access-Control-Allow-Origin``, the cap headers exposed); writes still
need ``--allow-origin``.

Errors are plain text, one line with a kg error code: 400 (syntax, with the parser's message), 403
(an update on a read-only endpoint, a refused SERVICE or cross-site write), 404 (an unknown named
query), 406, 413 (a body over the limit), 415, 503 (past the time limit).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import logging
import re
import time
import urllib.parse
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import KGError
from ..namespace import PREFIXES
from ..query import check_service, declare_prefixes, named_queries, query_form, shift_columns
from .engine import QueryEngine

__all__ = [
    "CAP_HEADERS",
    "DATASET_TYPES",
    "GRAPH_TYPES",
    "PAGE_POLICY",
    "PLAIN_PAGE_POLICY",
    "RESULT_TYPES",
    "Limits",
    "create_app",
    "negotiate",
    "page_html",
]

RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
"""Media types of SELECT and ASK results, the first the default."""

GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/json": ox.RdfFormat.JSON_LD,
}
"""Media types of CONSTRUCT and DESCRIBE results, the first the default."""

DATASET_TYPES: dict[str, ox.RdfFormat] = {
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "text/plain": ox.RdfFormat.N_QUADS,
}
"""Media types of the whole store (``GET /store`` without ``graph=`` or ``default``), the first the default."""

PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""The query page's (YASGUI's) Content-Security-Policy: scripts and styles from this server only (no
inline script; YASGUI sets inline styles), requests only to this endpoint, nothing from another site."""

PLAIN_PAGE_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""The plain page's (``/plain``) Content-Security-Policy: nothing loaded from anywhere, requests only to this endpoint."""

CAP_HEADERS = ("X-Result-Cap", "X-Result-Truncated", "X-Elapsed-Ms")
"""Response headers on every answer to a query: the cap, ``true`` when the answer was cut at it, the time taken."""

_FORMAT_PARAMS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
_GRAPH_FOR_RESULTS = {"application/sparql-results+json": "application/ld+json", "application/sparql-results+xml": "application/rdf+xml"}  # fmt: skip
_TEXT_TYPES = (
    "text/",
    "application/sparql-results+",
    "application/json",
    "application/ld+json",
    "application/n-",
    "application/xml",
    "application/rdf+xml",
)
_CANCELLED = b"has been cancelled"
_SERVICE_HINT = "start kg serve with --allow-service HOST[:PORT] to allow one"
_PAGE = Path(__file__).with_name("page.html")
_EDITOR = Path(__file__).with_name("editor.html")
_STATIC = Path(__file__).with_name("static")
logger = logging.getLogger("uvicorn.error")


@dataclass(frozen=True)
class Limits:
    """What the endpoint allows.

    Attributes
    ----------
    allow_updates : bool
        Accept SPARQL updates and Graph Store writes (then only from this endpoint's own page or a
        client that is not a browser: see ``allow_hosts`` and ``allow_origins``).
    timeout : float
        Seconds a query may run (then 503, and the engine that ran it is replaced).
    max_results : int
        Most rows or triples in one answer (also ``GET /store`` of the whole store).
    max_memory_mb : int
        MiB the engine may use before it is replaced.
    allow_service : tuple of str
        ``HOST`` or ``HOST:PORT`` that ``SERVICE`` may call; none by default (federated queries off).
    max_query_bytes, max_upload_bytes : int
        Largest request body of a query, and of an update or a Graph Store write (413 past it).
    host : str
        The address the endpoint listens on (a write's ``Host`` may name it).
    allow_hosts : tuple of str
        More names a write's ``Host`` header may have (IP addresses and ``localhost`` always may).
    allow_origins : tuple of str
        Web origins (``https://app.example.org``) whose pages may write, besides this endpoint's own.
    cors_origins : tuple of str
        Web origins whose pages may read the answers (CORS), or ``("*",)`` for any; none by default.
    """

    allow_updates: bool = False
    timeout: float = 30.0
    max_results: int = 10_000
    max_memory_mb: int = 2048
    allow_service: tuple[str, ...] = ()
    max_query_bytes: int = 1_000_000
    max_upload_bytes: int = 256_000_000
    host: str = "127.0.0.1"
    allow_hosts: tuple[str, ...] = ()
    allow_origins: tuple[str, ...] = ()
    cors_origins: tuple[str, ...] = ()


def negotiate(accept: str | None, types: dict[str, Any]) -> str | None:
    """The media type of ``types`` that an ``Accept`` header prefers (None if it accepts none of them).

    Examples
    --------
    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
    'application/sparql-results+xml'
    >>> negotiate("text/*", RESULT_TYPES), negotiate(None, GRAPH_TYPES), negotiate("image/png", GRAPH_TYPES)
    ('text/xml', 'text/turtle', None)
    """
    if not accept or not accept.strip():
        return next(iter(types))
    ranges = []
    for position, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranges.append((-q, position, media.lower()))
    for _, _, media in sorted(ranges):
        if media in types:
            return media
        if media == "*/*":
            return next(iter(types))
        if media.endswith("/*"):
            major = media[:-1]
            match = next((t for t in types if t.startswith(major)), None)
            if match:
                return match
    return None


def _error(status: int, code: str, **fields: Any) -> PlainTextResponse:
    return PlainTextResponse(KGError(code, **fields).message + "\n", status_code=status)


def page_html(*, store: str, limits: Limits, plain: bool = False) -> str:
    """The query page: YASGUI bound to ``/query``, or (``plain``) one file with CSS and script inline.

    Both offer the named queries; YASGUI's carry ``PREFIX`` lines for the prefixes they use, so a
    query copied elsewhere still runs.
    """
    queries = named_queries().values()
    config = {
        "store": store,
        "timeout": limits.timeout,
        "maxResults": limits.max_results,
        "readOnly": not limits.allow_updates,
        "prefixes": PREFIXES,
        "queries": [
            {"name": q.name, "description": q.description, "sparql": q.sparql if plain else _with_prefixes(q.sparql)}
            for q in queries
        ],
        "start": _with_prefixes(_START),
    }
    data = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return (_PAGE if plain else _EDITOR).read_text(encoding="utf-8").replace("/*@@config@@*/{}", data)


_START = """SELECT ?label ?type WHERE {
  ?actor a ?class ; rdfs:label ?label .
  ?class rdfs:subClassOf kg:Actor .
  BIND(STRAFTER(STR(?class), "#") AS ?type)
}
ORDER BY ?label
LIMIT 20"""


def _with_prefixes(sparql: str) -> str:
    """``sparql`` after a ``PREFIX`` line for each of kg's prefixes it uses and does not declare.

    >>> print(_with_prefixes("SELECT * { ?s a kg:Claim ; rdfs:label ?l }"))
    PREFIX kg: <https://kg.example.org/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT * { ?s a kg:Claim ; rdfs:label ?l }
    """
    used = {m.group(1) for m in re.finditer(r"(?<![\w:<#/.-])([A-Za-z][\w-]*):", sparql)}
    declared = {m.group(1) for m in re.finditer(r"(?i)\bPREFIX\s+([\w-]*):", sparql)}
    lines = [f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items() if name in used and name not in declared]
    return "\n".join([*lines, sparql])


class _Static(StaticFiles):
    """YASGUI's built files and the page's own script and style, never sniffed as another type."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


class _Engines:
    """The engine in use, replaced by a fresh one when a query runs past its limit, it outgrows its memory,
    dies, or the store is rebuilt.

    Oxigraph's own timeout stops few queries (a count or a sort goes on for minutes after the front
    has answered 503), so a query past the limit gets its engine replaced: requests go to a fresh one
    at once and the old one is stopped as soon as its other requests are done, within a second. A
    watchdog looks at the engine once a second and replaces it when its memory passes the limit (the
    old one is stopped at once), when it has died, or when ``kg build`` has swapped in a new store on
    disk (the old one finishes its queries first).
    """

    def __init__(self, engine: QueryEngine, timeout: float, memory_mb: int) -> None:
        self.current = engine
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.version = engine.version()
        self.lock = asyncio.Lock()
        self.tasks: set[asyncio.Task] = set()
        self.old: list[QueryEngine] = []
        self.busy: dict[QueryEngine, int] = {}
        self.stop_by: dict[QueryEngine, float] = {}
        self.failed_at = 0.0

    def start_watching(self) -> None:
        self._spawn(self._watch())

    def _spawn(self, coroutine) -> None:
        task = asyncio.create_task(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(1.0)
            engine = self.current
            try:
                memory = engine.memory_mb()
                if memory is not None and memory > self.memory_mb:
                    logger.warning(
                        "kg serve: the query engine uses %d MiB (limit %d MiB): replacing it", memory, self.memory_mb
                    )
                    await self.replace(engine, grace=0.0)
                elif (version := engine.version()) is not None and version != self.version:
                    # None: the store folder is being swapped by kg build (or gone); look again next time
                    await self.replace(engine, grace=self.timeout + 1)
                elif not engine.alive() and time.monotonic() - self.failed_at > 5.0:
                    await self.replace(engine, grace=0.0)
            except Exception:  # the watchdog must outlive any surprise
                logger.exception("kg serve: the engine watchdog failed")

    async def replace(self, engine: QueryEngine, *, grace: float) -> None:
        """Start a fresh engine in place of ``engine``; stop the old one once idle, at most ``grace`` seconds later."""
        async with self.lock:
            if engine is not self.current:
                return  # already replaced
            if engine.writable:  # a read-write engine holds the store's lock: stop it first
                await run_in_threadpool(engine.stop)
            try:
                fresh = await run_in_threadpool(engine.fresh().start)
            except KGError as exc:
                self.failed_at = time.monotonic()
                logger.error("kg serve: cannot restart the query engine: %s", exc.message)
                return
            self.current, self.version = fresh, fresh.version()
            if engine.alive():
                self._spawn(self._retire(engine, grace))

    def abandon(self, engine: QueryEngine) -> None:
        """A query on ``engine`` ran past its limit and may still run there: stop that engine within a second."""
        self._spawn(self._abandon(engine))

    async def _abandon(self, engine: QueryEngine) -> None:
        await self.replace(engine, grace=1.0)
        if engine in self.stop_by:  # it was already retiring (a rebuild): sooner
            self.stop_by[engine] = min(self.stop_by[engine], time.monotonic() + 1.0)

    @contextlib.asynccontextmanager
    async def using(self) -> AsyncIterator[QueryEngine]:
        """The engine to use for one request, counted as busy until the block ends."""
        engine = await self.ready()
        with self.hold(engine):
            yield engine

    @contextlib.contextmanager
    def hold(self, engine: QueryEngine) -> Iterator[None]:
        """Count ``engine`` as busy (not to be stopped before its time) until the block ends."""
        self.busy[engine] = self.busy.get(engine, 0) + 1
        try:
            yield
        finally:
            self.busy[engine] -= 1
            if not self.busy[engine]:
                del self.busy[engine]

    async def ready(self) -> QueryEngine:
        """The engine to use, once any replacement under way is done (requests wait for it)."""
        if self.lock.locked():
            async with self.lock:
                pass
        return self.current

    async def _retire(self, engine: QueryEngine, grace: float) -> None:
        self.old.append(engine)
        self.stop_by[engine] = time.monotonic() + grace
        while engine in self.busy and time.monotonic() < self.stop_by[engine]:
            await asyncio.sleep(0.05)
        await run_in_threadpool(engine.stop)
        self.old.remove(engine)
        del self.stop_by[engine]

    async def close(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        for engine in [*self.old, self.current]:
            await run_in_threadpool(engine.stop)


class _Front:
    """The request handlers, sharing one connection pool to the engine."""

    def __init__(self, engine: QueryEngine, limits: Limits) -> None:
        self.engines = _Engines(engine, limits.timeout, limits.max_memory_mb)
        self.limits = limits
        self.store = engine.label
        self.client: httpx.AsyncClient | None = None
        self.hosts = {"localhost", *(_host_name(h) for h in limits.allow_hosts)}
        if limits.host not in ("", "0.0.0.0", "::"):  # noqa: S104 - a name to compare, not to bind
            self.hosts.add(_host_name(limits.host))
        self.origins = {o.strip().rstrip("/").lower() for o in limits.allow_origins}

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette):
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(self.limits.timeout + 30, connect=10.0),
            limits=httpx.Limits(max_connections=256, max_keepalive_connections=64),
        )
        self.engines.start_watching()
        try:
            yield
        finally:
            await self.client.aclose()
            await self.engines.close()

    # --- pages and queries ---

    async def home(self, request: Request) -> Response:
        if request.method in ("GET", "HEAD") and not ({"query", "name"} & set(request.query_params)):
            return self._page(plain=False)
        return await self.query(request)

    async def plain(self, request: Request) -> Response:
        return self._page(plain=True)

    def _page(self, *, plain: bool) -> Response:
        headers = {
            "Content-Security-Policy": PLAIN_PAGE_POLICY if plain else PAGE_POLICY,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        }
        return HTMLResponse(page_html(store=self.store, limits=self.limits, plain=plain), headers=headers)

    async def _params(self, request: Request) -> list[tuple[str, str]] | Response:
        params = list(request.query_params.multi_items())
        if request.method == "POST":
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media not in ("application/x-www-form-urlencoded", "application/sparql-query"):
                return _error(415, "E924", type=media, expected="application/sparql-query")
            body = await _body(request, self.limits.max_query_bytes, "--max-query-bytes")
            if isinstance(body, Response):
                return body
            if media == "application/x-www-form-urlencoded":
                params += _form(body)
            else:
                params.append(("query", body.decode("utf-8", "replace")))
        return params

    async def query(self, request: Request) -> Response:
        params = await self._params(request)
        if isinstance(params, Response):
            return params
        queries = [v for k, v in params if k == "query"]
        names = [v for k, v in params if k == "name"]
        if not queries and not names:
            return _error(400, "E920")
        if len(queries) + len(names) > 1:
            return _error(400, "E927")
        if names:
            known = named_queries()
            if names[0] not in known:
                return _error(404, "E301", name=names[0], available=", ".join(known))
            sparql = known[names[0]].sparql
        else:
            sparql = queries[0]
        form = query_form(sparql)
        if form == "update":
            return _error(400, "E925")
        if not names and (refused := await self._refuse_service(sparql)) is not None:
            return refused
        graph = form in ("construct", "describe")
        types = GRAPH_TYPES if graph else RESULT_TYPES
        asked = next((_FORMAT_PARAMS.get(v.lower()) for k, v in params if k in ("format", "output")), None)
        if graph and asked in _GRAPH_FOR_RESULTS:
            asked = _GRAPH_FOR_RESULTS[asked]
        media = asked if asked in types else negotiate(request.headers.get("accept"), types)
        if media is None:
            kind = "graph (CONSTRUCT, DESCRIBE)" if graph else "SELECT and ASK"
            return _error(406, "E923", kind=kind, accept=request.headers.get("accept"), choices=", ".join(types))
        text = declare_prefixes(sparql)
        dataset = [(k, v) for k, v in params if k in ("default-graph-uri", "named-graph-uri")]
        return await self._evaluate(text, len(text) - len(sparql), form, media, dataset)

    async def _evaluate(
        self, text: str, offset: int, form: str | None, media: str, dataset: list[tuple[str, str]]
    ) -> Response:
        graph = form in ("construct", "describe")
        accept = "application/n-triples" if graph else "text/tab-separated-values"
        cap = self.limits.max_results
        started = time.perf_counter()
        assert self.client is not None
        try:
            async with self.engines.using() as engine, asyncio.timeout(self.limits.timeout):
                request = self.client.build_request(
                    "POST",
                    engine.url + "/query",
                    data={"query": text, **_grouped(dataset)},
                    headers={"Accept": accept},
                )
                response = await self.client.send(request, stream=True)
                try:
                    if response.status_code != 200:
                        body = (await response.aread()).decode("utf-8", "replace")
                        return self._engine_error(response.status_code, body, offset)
                    data, truncated = await _read_lines(response, cap + (0 if graph else 1))
                finally:
                    await response.aclose()
        except TimeoutError:  # the engine may go on computing (a count, a sort): it is replaced
            self.engines.abandon(engine)
            return _error(503, "E922", timeout=f"{self.limits.timeout:g}")
        except httpx.HTTPError as exc:
            if engine is not self.engines.current:
                return _error(503, "E928")
            return _error(502, "E926", detail=str(exc) or type(exc).__name__)
        if _CANCELLED in data[-200:]:
            return _error(503, "E922", timeout=f"{self.limits.timeout:g}")
        try:
            body = await _convert(data, graph, media) if len(data) > 65_536 else _convert_now(data, graph, media)
        except SyntaxError as exc:
            return _error(502, "E926", detail=" ".join(str(exc).split())[:300])
        headers = {
            "X-Result-Cap": str(cap),
            "X-Elapsed-Ms": f"{(time.perf_counter() - started) * 1000:.1f}",
            "Vary": "Accept",
        }
        if truncated:
            headers["X-Result-Truncated"] = "true"
        content_type = media + ("; charset=utf-8" if media.startswith(_TEXT_TYPES) else "")
        return Response(body, headers=headers, media_type=content_type)

    def _engine_error(self, status: int, body: str, offset: int) -> Response:
        detail = " ".join(body.split())
        if status == 400:
            return _error(400, "E300", where="", detail=shift_columns(detail, offset))
        if "cancelled" in detail:
            return _error(503, "E922", timeout=f"{self.limits.timeout:g}")
        return _error(502, "E926", detail=f"HTTP {status}: {detail[:300]}")

    # --- writes ---

    async def _refuse_service(self, sparql: str) -> Response | None:
        """403 for a ``SERVICE`` call this endpoint does not allow (400 if the text cannot be checked)."""
        try:  # in a thread: parsing a long text that mentions SERVICE takes a while
            await run_in_threadpool(check_service, sparql, self.limits.allow_service, hint=_SERVICE_HINT)
        except KGError as exc:
            return PlainTextResponse(exc.message + "\n", status_code=403 if exc.code == "E930" else 400)
        return None

    def _refuse_write(self, request: Request) -> Response | None:
        """403 for a write that a web page of another site (or a DNS-rebound name) sends; None if it may go."""
        if not self.limits.allow_updates:
            return _error(403, "E921")
        host = request.headers.get("host", "")
        if not _is_ip(_host_name(host)) and _host_name(host) not in self.hosts:
            reason = (
                f"the Host {host!r} is not a name of this endpoint (a DNS rebinding attack uses one); "
                "allow it with kg serve --allow-host NAME"
            )
            return _error(403, "E933", reason=reason)
        origin = request.headers.get("origin")
        referer = request.headers.get("referer")
        if origin is not None or referer is not None:
            source = origin if origin is not None else referer or ""
            parts = urllib.parse.urlsplit(source)
            same = parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()
            allowed = f"{parts.scheme}://{parts.netloc}".lower() in self.origins
            if not (same or allowed):
                shown = source if origin is not None else f"{parts.scheme}://{parts.netloc}"
                reason = (
                    f"it comes from a web page of {shown}, another site; allow it with kg serve --allow-origin ORIGIN"
                )
                return _error(403, "E933", reason=reason)
            if allowed:
                return None
        site = request.headers.get("sec-fetch-site")
        if site is not None and site.lower() not in ("same-origin", "none"):
            reason = f"it comes from a web page of another site (Sec-Fetch-Site: {site}); allow it with kg serve --allow-origin ORIGIN"  # fmt: skip
            return _error(403, "E933", reason=reason)
        return None

    async def update(self, request: Request) -> Response:
        if (refused := self._refuse_write(request)) is not None:
            return refused
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media not in ("application/x-www-form-urlencoded", "application/sparql-update"):
            return _error(415, "E924", type=media, expected="application/sparql-update")
        body = await _body(request, self.limits.max_upload_bytes, "--max-upload-bytes")
        if isinstance(body, Response):
            return body
        if media == "application/x-www-form-urlencoded":
            fields = _form(body)
            updates = [v for k, v in fields if k == "update"]
        else:
            updates = [body.decode("utf-8", "replace")]
        for text in updates:
            if (refused := await self._refuse_service(text)) is not None:
                return refused
        if media == "application/x-www-form-urlencoded":
            fields = [(k, declare_prefixes(v) if k == "update" else v) for k, v in fields]
            content = urllib.parse.urlencode(fields).encode("ascii")
        else:
            content = declare_prefixes(updates[0]).encode("utf-8")
        return await self._forward(request, "/update", content)

    async def graph_store(self, request: Request) -> Response:
        if request.method in ("GET", "HEAD"):
            return await self._read_store(request)
        if (refused := self._refuse_write(request)) is not None:
            return refused
        body = await _body(request, self.limits.max_upload_bytes, "--max-upload-bytes")
        if isinstance(body, Response):
            return body
        return await self._forward(request, "/store", body)

    async def _read_store(self, request: Request) -> Response:
        """``GET /store``: one graph whole, the whole store cut at the result cap; both within the time limit."""
        params = list(request.query_params.multi_items())
        whole = not any(k in ("graph", "default") for k, _ in params)
        types = DATASET_TYPES if whole else GRAPH_TYPES
        media = negotiate(request.headers.get("accept"), types)
        if media is None:
            kind = "the whole store" if whole else "a graph"
            return _error(406, "E923", kind=kind, accept=request.headers.get("accept"), choices=", ".join(types))
        assert self.client is not None
        deadline = time.monotonic() + self.limits.timeout
        try:
            async with self.engines.using() as engine, asyncio.timeout(self.limits.timeout):
                upstream = self.client.build_request(
                    "GET",
                    engine.url + "/store",
                    params=params,
                    headers={"Accept": "application/n-quads" if whole else media},
                )
                response = await self.client.send(upstream, stream=True)
                if not whole or response.status_code != 200:
                    # a graph is sent as it comes (clients fetch graph by graph to get past the cap),
                    # but not past the deadline: then the answer is cut off, never ended as if whole
                    keep = {k: v for k, v in response.headers.items() if k.lower() == "content-type"}
                    body = _until(response, deadline, self.engines.hold(engine))
                    return StreamingResponse(body, status_code=response.status_code, headers=keep)
                try:
                    data, truncated = await _read_lines(response, self.limits.max_results)
                finally:
                    await response.aclose()
        except TimeoutError:
            self.engines.abandon(engine)
            return _error(503, "E922", timeout=f"{self.limits.timeout:g}")
        except httpx.HTTPError as exc:
            return _error(502, "E926", detail=str(exc) or type(exc).__name__)
        fmt = DATASET_TYPES[media]
        if fmt == ox.RdfFormat.N_QUADS:
            body = data
        else:
            prefixes = {k: v for k, v in PREFIXES.items() if k != "graph"}
            body = await run_in_threadpool(
                lambda: ox.serialize(ox.parse(data, format=ox.RdfFormat.N_QUADS), format=fmt, prefixes=prefixes)
            )
        headers = {"X-Result-Cap": str(self.limits.max_results)}
        if truncated:
            headers["X-Result-Truncated"] = "true"
        return Response(body, headers=headers, media_type=media + "; charset=utf-8")

    async def _forward(self, request: Request, path: str, content: bytes) -> Response:
        assert self.client is not None
        headers = {k: v for k, v in request.headers.items() if k.lower() in ("content-type", "accept")}
        async with self.engines.using() as engine:
            upstream = self.client.build_request(
                request.method,
                engine.url + path,
                params=list(request.query_params.multi_items()),
                content=content,
                headers=headers,
            )
            try:
                response = await self.client.send(upstream)
            except httpx.HTTPError as exc:
                return _error(502, "E926", detail=str(exc) or type(exc).__name__)
        keep = {k: v for k, v in response.headers.items() if k.lower() in ("content-type", "location")}
        return Response(response.content, status_code=response.status_code, headers=keep)


async def _until(
    response: httpx.Response, deadline: float, busy: contextlib.AbstractContextManager
) -> AsyncIterator[bytes]:
    """The body of an engine's answer as it comes, until ``deadline`` (then it stops with an error)."""
    with busy:
        chunks = response.aiter_raw()
        try:
            while True:
                try:
                    chunk = await asyncio.wait_for(anext(chunks), max(deadline - time.monotonic(), 0.001))
                except StopAsyncIteration:
                    return
                yield chunk
        finally:
            await response.aclose()


async def _body(request: Request, limit: int, option: str) -> bytes | Response:
    """The request body, or 413 as soon as it is known to be over ``limit`` bytes (the rest is not read)."""
    too_large = PlainTextResponse(
        KGError("E932", limit=limit, option=f"kg serve {option}").message + "\n",
        status_code=413,
        headers={"Connection": "close"},  # the unread rest of the body would come next on this connection
    )
    try:
        length = int(request.headers.get("content-length", "0"))
    except ValueError:
        length = 0
    if length > limit:
        return too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _host_name(host: str) -> str:
    """The name in a ``Host`` header (no port, no IPv6 brackets), lower case.

    >>> _host_name("[::1]:7878"), _host_name("Example.org:80"), _host_name("127.0.0.1")
    ('::1', 'example.org', '127.0.0.1')
    """
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    if host.count(":") == 1:
        return host.split(":", 1)[0]
    return host


def _is_ip(name: str) -> bool:
    """An address, not a name: DNS rebinding needs a name."""
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _form(body: bytes) -> list[tuple[str, str]]:
    """The fields of an ``application/x-www-form-urlencoded`` body."""
    return urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)


async def _unexpected(request: Request, exc: Exception) -> Response:
    """A bug still answers one line (and the server keeps serving)."""
    return _error(500, "E926", detail=f"{type(exc).__name__}: {exc}")


def _grouped(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


async def _read_lines(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """The body up to ``limit`` lines; True if there was more (then the rest is never read)."""
    chunks: list[bytes] = []
    lines = 0
    stream = response.aiter_bytes()
    async for chunk in stream:
        count = chunk.count(b"\n")
        if lines + count < limit:
            lines += count
            chunks.append(chunk)
            continue
        cut = -1
        for _ in range(limit - lines):
            cut = chunk.index(b"\n", cut + 1)
        chunks.append(chunk[: cut + 1])
        more = bool(chunk[cut + 1 :])
        if not more:
            async for rest in stream:
                if rest:
                    more = True
                    break
        return b"".join(chunks), more
    return b"".join(chunks), False


def _convert_now(data: bytes, graph: bool, media: str) -> bytes:
    if graph:
        triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        fmt = GRAPH_TYPES[media]
        prefixes = {k: v for k, v in PREFIXES.items() if k != "graph"}
        if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
            return ox.serialize(triples, format=fmt, prefixes=prefixes)
        return ox.serialize(triples, format=fmt)
    results = ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)
    return results.serialize(format=RESULT_TYPES[media])


async def _convert(data: bytes, graph: bool, media: str) -> bytes:
    return await run_in_threadpool(_convert_now, data, graph, media)


def create_app(engine: QueryEngine, *, limits: Limits | None = None) -> Starlette:
    """The ASGI app of ``kg serve`` in front of a started Oxigraph engine (it stops the engine on shutdown).

    Parameters
    ----------
    engine : QueryEngine
        The started engine; the app replaces it by a fresh one when needed.
    limits : Limits, optional
        Updates allowed or not, the time limit and the result cap.
    """
    limits = limits or Limits()
    front = _Front(engine, limits)
    routes = [
        Route("/", front.home, methods=["GET", "POST"]),
        Route("/plain", front.plain, methods=["GET"]),
        Route("/query", front.query, methods=["GET", "POST"]),
        Route("/sparql", front.query, methods=["GET", "POST"]),
        Route("/update", front.update, methods=["POST"]),
        Route("/store", front.graph_store, methods=["GET", "PUT", "POST", "DELETE"]),
        Mount("/static", app=_Static(directory=_STATIC), name="static"),
    ]
    middleware = []
    if limits.cors_origins:  # the allow list is read here, once; the middleware answers preflights itself
        methods = ["GET", "HEAD", "POST", *(["PUT", "DELETE"] if limits.allow_updates else [])]
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=[o.strip().rstrip("/").lower() if o != "*" else o for o in limits.cors_origins],
                allow_methods=methods,
                allow_headers=["Accept", "Content-Type"],
                expose_headers=list(CAP_HEADERS),
                max_age=600,
            )
        )
    return Starlette(
        routes=routes, middleware=middleware, lifespan=front.lifespan, exception_handlers={Exception: _unexpected}
    )
