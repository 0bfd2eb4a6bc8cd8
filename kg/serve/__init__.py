"""``kg serve``: a SPARQL 1.1 endpoint over a built store, with a query page (YASGUI, offline) at ``/``.

Oxigraph's own server evaluates the queries (:mod:`kg.serve.engine`: many threads, the store opened
read-only, its own per-query timeout); a small Starlette front (:mod:`kg.serve.app`) declares kg's
prefixes, caps and times the answers, negotiates the result format and serves the page.

Examples
--------
From Python (blocks until Ctrl-C)::

    import kg.serve
    kg.serve.serve(".kg", port=7878, timeout=10, max_results=1000)

Or in a child process for the length of a ``with`` block (notebooks, scripts)::

    with kg.serve.background(".kg", "--timeout", "10") as running:
        print(running.query_url)

Any SPARQL client then works unchanged::

    from SPARQLWrapper import JSON, SPARQLWrapper
    sparql = SPARQLWrapper("http://127.0.0.1:7878/query")
    sparql.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?c a kg:Claim }")
    sparql.setReturnFormat(JSON)
    sparql.query().convert()
"""

from __future__ import annotations

import ipaddress
import os
import signal
import socket
import threading
import urllib.parse
from collections.abc import Callable, Sequence

from ..errors import KGError
from ..query import check_service
from .background import Running, background
from .engine import QueryEngine, find_oxigraph, free_port

__all__ = ["QueryEngine", "Running", "background", "find_oxigraph", "free_port", "listen", "serve"]

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 10_000
DEFAULT_MAX_MEMORY = 2048
DEFAULT_MAX_QUERY_BYTES = 1_000_000
DEFAULT_MAX_UPLOAD_BYTES = 256_000_000


def listen(host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> socket.socket:
    """A listening TCP socket on ``host:port`` (port 0: any free port); ``KGError`` E913 if it cannot."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # accepted connections inherit it: without, a response's body waits for the client's
        # delayed ACK of its headers (40 ms per request on Linux)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except (OSError, OverflowError) as exc:
        sock.close()
        raise KGError("E913", host=host, port=port, detail=getattr(exc, "strerror", None) or str(exc)) from None
    return sock


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


class _Stopped(Exception):
    """SIGTERM, after uvicorn has shut down gracefully (it raises the signal again)."""


def _stopped(signum: int, frame: object) -> None:
    raise _Stopped


def _run(server, sock: socket.socket) -> None:
    """Run uvicorn until Ctrl-C or SIGTERM, which are the normal way to stop a server: no error, exit 0."""
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _stopped) if main else None
    try:
        server.run(sockets=[sock])
    except (KeyboardInterrupt, _Stopped):
        pass
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)


def serve(
    store: str | os.PathLike | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    allow_updates: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_results: int = DEFAULT_MAX_RESULTS,
    max_memory: int = DEFAULT_MAX_MEMORY,
    allow_service: Sequence[str] = (),
    max_query_bytes: int = DEFAULT_MAX_QUERY_BYTES,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    allow_hosts: Sequence[str] = (),
    allow_origins: Sequence[str] = (),
    cors: Sequence[str] = (),
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve a built store as a SPARQL 1.1 endpoint until interrupted (Ctrl-C or SIGTERM).

    Parameters
    ----------
    store : str, optional
        An embedded store (folder or ``oxigraph:PATH``) or ``memory:NAME``; default ``$KG_STORE`` or ``.kg``.
    host, port : str, int
        Where to listen (port 0: any free port). Only loopback by default.
    allow_updates : bool
        Accept SPARQL updates and Graph Store writes (the store is then opened read-write), but not
        from a web page of another site (``Origin``, ``Sec-Fetch-Site``, ``Referer``) nor under a
        ``Host`` name the endpoint does not know (DNS rebinding): HTTP 403.
    timeout : float
        Seconds a query may run; past that the client gets HTTP 503 and the engine that ran it is
        replaced by a fresh one (which stops the query).
    max_results : int
        Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) in one answer; the rest is not computed,
        and the answer carries ``X-Result-Truncated: true``.
    max_memory : int
        MiB the query engine may use; past that (a query Oxigraph's timeout cannot stop, such as a
        huge sort) it is replaced by a fresh one and its queries get HTTP 503.
    allow_service : sequence of str
        ``HOST`` or ``HOST:PORT`` that ``SERVICE`` (a federated query) may call; none by default, so
        the endpoint never fetches a URL: a query with ``SERVICE`` gets HTTP 403.
    max_query_bytes, max_upload_bytes : int
        Largest request body of a query, and of an update or Graph Store write; past that HTTP 413,
        answered before the body is read.
    allow_hosts : sequence of str
        Names a write's ``Host`` header may carry besides IP addresses, ``localhost`` and ``host``
        (a reverse proxy's name, say).
    allow_origins : sequence of str
        Web origins (``https://app.example.org``) whose pages may write, besides the endpoint's own page.
    cors : sequence of str
        Web origins whose pages may read the answers (CORS: ``OPTIONS`` preflight answered,
        ``Access-Control-Allow-Origin`` and the result-cap headers exposed), or ``"*"`` for any; none by
        default (no CORS headers, ``OPTIONS`` gets 405). A hosted YASGUI needs its origin here.
    on_ready : callable, optional
        Called with a one-line description (with the URL) once the endpoint accepts connections.
    """
    import uvicorn

    from .app import Limits, create_app

    if not timeout > 0:
        raise KGError("E914", option="--timeout", rule="a positive number of seconds", value=timeout)
    if max_results < 1:
        raise KGError("E914", option="--max-results", rule="1 or more", value=max_results)
    if max_memory < 64:
        raise KGError("E914", option="--max-memory", rule="64 (MiB) or more", value=max_memory)
    for option, size in (("--max-query-bytes", max_query_bytes), ("--max-upload-bytes", max_upload_bytes)):
        if size < 1024:
            raise KGError("E914", option=option, rule="1024 (bytes) or more", value=size)
    for option, origins in (("--allow-origin", allow_origins), ("--cors", cors)):
        for origin in origins:
            if option == "--cors" and origin == "*":
                continue
            parts = urllib.parse.urlsplit(origin)
            if parts.scheme not in ("http", "https") or not parts.netloc or parts.path.strip("/"):
                rule = "an origin such as https://app.example.org" + (" or *" if option == "--cors" else "")
                raise KGError("E914", option=option, rule=rule, value=repr(origin))
    check_service("ASK {}", allow_service)  # a malformed HOST[:PORT] is an error now, not at the first query
    sock = listen(host, port)
    try:
        engine = QueryEngine(store, writable=allow_updates, timeout=timeout).start()
        try:
            limits = Limits(
                allow_updates=allow_updates,
                timeout=timeout,
                max_results=max_results,
                max_memory_mb=max_memory,
                allow_service=tuple(allow_service),
                max_query_bytes=max_query_bytes,
                max_upload_bytes=max_upload_bytes,
                host=host,
                allow_hosts=tuple(allow_hosts),
                allow_origins=tuple(allow_origins),
                cors_origins=tuple(cors),
            )
            app = create_app(engine, limits=limits)
            config = uvicorn.Config(
                app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=3
            )
            bound = sock.getsockname()[1]
            shown = f"[{host}]" if ":" in host else host
            if on_ready is not None:
                mode = "updates allowed" if allow_updates else "read-only"
                mode += f"; SERVICE to {', '.join(allow_service)}" if allow_service else "; no SERVICE"
                note = "" if _is_loopback(host) else "; reachable from other machines"
                note += f"; CORS for {', '.join(cors)}" if cors else ""
                on_ready(
                    f"serving {engine.label} at http://{shown}:{bound}/ (SPARQL endpoint http://{shown}:{bound}/query; "
                    f"{mode}; {timeout:g} s per query; at most {max_results} results{note}); Ctrl-C stops"
                )
            _run(uvicorn.Server(config), sock)
        finally:
            engine.stop()
    finally:
        sock.close()
