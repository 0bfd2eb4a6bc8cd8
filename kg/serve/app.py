"""The HTTP front of ``kg serve``: SPARQL 1.1 Protocol, content negotiation, limits, the query page.

Queries go to the Oxigraph engine (:mod:`kg.serve.engine`), which evaluates them; the front adds
kg's prefixes, asks the engine for SPARQL TSV or N-Triples (one result per line), stops reading at
the result cap or the deadline (closing the connection stops the engine's work), and re-serialises
what it read in the format the client asked for.

==========================  ========================================================================
``GET /``                   the query page (or a query, with ``query=`` or ``name=``)
``GET|POST /query``         a SPARQL query (also ``/sparql`` and ``/``): ``query=``, ``name=`` (a
                            named query), or a POST body of type ``application/sparql-query``
``POST /update``            a SPARQL update: 403 unless ``--allow-updates``
``GET|PUT|POST|DELETE``     ``/store``, the Graph Store Protocol: reads always, writes only with
                            ``--allow-updates``
==========================  ========================================================================

Errors are plain text, one line with a kg error code: 400 (syntax, with the parser's message), 403
(an update on a read-only endpoint), 404 (an unknown named query), 406, 415, 503 (past the time limit).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from ..errors import KGError
from ..namespace import PREFIXES
from ..query import named_queries
from ..remote import declare_prefixes, query_form, shift_columns
from .engine import QueryEngine

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "Limits", "create_app", "negotiate", "page_html"]

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
_PAGE = Path(__file__).with_name("page.html")
logger = logging.getLogger("uvicorn.error")


@dataclass(frozen=True)
class Limits:
    """What the endpoint allows: updates, seconds per query, results per answer, the engine's memory."""

    allow_updates: bool = False
    timeout: float = 30.0
    max_results: int = 10_000
    max_memory_mb: int = 2048


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


def page_html(*, store: str, limits: Limits) -> str:
    """The query page: one file, CSS and script inline, the named queries as examples."""
    config = {
        "store": store,
        "timeout": limits.timeout,
        "maxResults": limits.max_results,
        "readOnly": not limits.allow_updates,
        "prefixes": PREFIXES,
        "queries": [
            {"name": q.name, "description": q.description, "sparql": q.sparql} for q in named_queries().values()
        ],
    }
    data = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return _PAGE.read_text(encoding="utf-8").replace("/*@@config@@*/{}", data)


class _Engines:
    """The engine in use, replaced by a fresh one when it outgrows its memory, dies, or the store is rebuilt.

    Oxigraph stops most queries at its own timeout, but not all: a sort keeps going, and growing,
    after the front has answered 503. A watchdog looks at the engine once a second and replaces it
    when its memory passes the limit (the old one is stopped at once), when it has died, or when
    ``kg build`` has swapped in a new store on disk (the old one finishes its queries first).
    """

    def __init__(self, engine: QueryEngine, timeout: float, memory_mb: int) -> None:
        self.current = engine
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.version = engine.version()
        self.lock = asyncio.Lock()
        self.tasks: set[asyncio.Task] = set()
        self.old: list[QueryEngine] = []
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
        """Start a fresh engine in place of ``engine``; stop the old one after ``grace`` seconds."""
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

    async def ready(self) -> QueryEngine:
        """The engine to use, once any replacement under way is done (requests wait for it)."""
        if self.lock.locked():
            async with self.lock:
                pass
        return self.current

    async def _retire(self, engine: QueryEngine, grace: float) -> None:
        self.old.append(engine)
        await asyncio.sleep(grace)
        await run_in_threadpool(engine.stop)
        self.old.remove(engine)

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
            return HTMLResponse(page_html(store=self.store, limits=self.limits))
        return await self.query(request)

    async def _params(self, request: Request) -> list[tuple[str, str]] | Response:
        params = list(request.query_params.multi_items())
        if request.method == "POST":
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media == "application/x-www-form-urlencoded":
                params += _form(await request.body())
            elif media == "application/sparql-query":
                params.append(("query", (await request.body()).decode("utf-8", "replace")))
            else:
                return _error(415, "E924", type=media, expected="application/sparql-query")
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
        engine = await self.engines.ready()
        try:
            async with asyncio.timeout(self.limits.timeout):
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
        except TimeoutError:  # leaving the stream closes the connection, which stops a streaming answer
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

    async def update(self, request: Request) -> Response:
        if not self.limits.allow_updates:
            return _error(403, "E921")
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded":
            fields = [(k, declare_prefixes(v) if k == "update" else v) for k, v in _form(await request.body())]
            content = urllib.parse.urlencode(fields).encode("ascii")
        elif media == "application/sparql-update":
            content = declare_prefixes((await request.body()).decode("utf-8")).encode("utf-8")
        else:
            return _error(415, "E924", type=media, expected="application/sparql-update")
        return await self._forward(request, "/update", content)

    async def graph_store(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD") and not self.limits.allow_updates:
            return _error(403, "E921")
        return await self._forward(request, "/store", await request.body())

    async def _forward(self, request: Request, path: str, content: bytes) -> Response:
        assert self.client is not None
        engine = await self.engines.ready()
        headers = {k: v for k, v in request.headers.items() if k.lower() in ("content-type", "accept")}
        upstream = self.client.build_request(
            request.method,
            engine.url + path,
            params=list(request.query_params.multi_items()),
            content=content,
            headers=headers,
        )
        try:
            response = await self.client.send(upstream, stream=True)
        except httpx.HTTPError as exc:
            return _error(502, "E926", detail=str(exc) or type(exc).__name__)
        keep = {k: v for k, v in response.headers.items() if k.lower() in ("content-type", "location")}
        return StreamingResponse(
            response.aiter_raw(), status_code=response.status_code, headers=keep, background=_Close(response)
        )


class _Close:
    """A background task that closes an upstream response once the client has it."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    async def __call__(self) -> None:
        await self.response.aclose()


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
    front = _Front(engine, limits or Limits())
    routes = [
        Route("/", front.home, methods=["GET", "POST"]),
        Route("/query", front.query, methods=["GET", "POST"]),
        Route("/sparql", front.query, methods=["GET", "POST"]),
        Route("/update", front.update, methods=["POST"]),
        Route("/store", front.graph_store, methods=["GET", "PUT", "POST", "DELETE"]),
    ]
    return Starlette(routes=routes, lifespan=front.lifespan, exception_handlers={Exception: _unexpected})
