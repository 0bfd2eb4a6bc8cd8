"""Real servers on free loopback ports (Oxigraph, Virtuoso, Fuseki), and a proxy that fails on cue.

Virtuoso is Debian's ``virtuoso-opensource-7-bin`` (``make virtuoso``); Fuseki is ``jena-fuseki-main``
and its dependencies from Maven Central in ``.cache/fuseki-VERSION/`` (``make fuseki``). Each set of
tests fails when its server is missing, unless ``KG_SKIP_VIRTUOSO`` / ``KG_SKIP_FUSEKI`` says why it is
(``make test`` sets ``KG_SKIP_FUSEKI`` only when ``make fuseki`` could not fetch Fuseki).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

import kg
from kg.serve.engine import find_oxigraph, free_port, stop_process

from ..conftest import ROOT, SEEDS
from ..test_incremental import split  # noqa: F401 - the fixture, shared with test_incremental_remote.py

FUSEKI_VERSION = "5.6.0"
FUSEKI_LIB = Path(os.environ.get("KG_FUSEKI_LIB", ROOT / ".cache" / f"fuseki-{FUSEKI_VERSION}"))


@pytest.fixture(scope="session", autouse=True)
def local_cache(tmp_path_factory) -> Iterator[Path]:
    """Where the tests' remote stores keep their article caches (``$KG_CACHE_DIR``), not in ``~/.cache``."""
    folder = tmp_path_factory.mktemp("kg-cache")
    before = os.environ.get("KG_CACHE_DIR")
    os.environ["KG_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        del os.environ["KG_CACHE_DIR"]
    else:
        os.environ["KG_CACHE_DIR"] = before


def wait_until_answers(url: str, process: subprocess.Popen | None = None, seconds: float = 60.0) -> None:
    """Poll ``url`` until it answers 200 (bounded); fail if the process exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """``oxigraph serve --location DIR --bind 127.0.0.1:PORT``; yields ``http://127.0.0.1:PORT/``; always stopped."""
    port = free_port()
    process = subprocess.Popen(
        [find_oxigraph(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_answers(url + "query?query=ASK%7B%7D", process)
        yield url
    finally:
        stop_process(process)


@pytest.fixture
def oxigraph(tmp_path) -> Iterator[str]:
    """An empty Oxigraph server of its own."""
    with oxigraph_server(tmp_path / "oxigraph-data") as url:
        yield url


@pytest.fixture(scope="module")
def seeded_oxigraph(tmp_path_factory) -> Iterator[tuple[str, kg.BuildReport]]:
    """An Oxigraph server with the seed corpus built into it through ``kg.build``."""
    folder = tmp_path_factory.mktemp("seeded-oxigraph")
    with oxigraph_server(folder / "data") as url:
        report = kg.build(SEEDS, store=url, out=folder / "out")
        yield url, report


def missing(server: str, variable: str, how: str) -> None:
    """Skip if ``variable`` says why ``server`` is missing here; else fail, so CI cannot pass without it."""
    reason = os.environ.get(variable)
    if reason:
        pytest.skip(f"{server} is not installed here ({variable}: {reason})")
    pytest.fail(f"{server} is not installed: {how}, or set {variable} to the reason to skip these tests")


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ServerThreads = 10
CheckpointInterval = 60
MaxSortedTopRows = {sorted_top}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxClientConnections = 10

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 120
"""
"""A fresh database; Virtuoso's own default cap of 10,000 rows (the seeds have more quads: reads page)."""


@contextmanager
def virtuoso_server(folder: Path, max_rows: int = 10_000, sorted_top: int = 20_000) -> Iterator[str]:
    """Debian's ``virtuoso-t`` on a new database in ``folder``; yields ``http://127.0.0.1:PORT/``; always stopped.

    ``max_rows`` and ``sorted_top`` are its ResultSetMaxRows and MaxSortedTopRows (Virtuoso's defaults).
    """
    binary = shutil.which("virtuoso-t")
    if binary is None:
        missing("Virtuoso", "KG_SKIP_VIRTUOSO", "run `make virtuoso` (Debian's virtuoso-opensource-7-bin)")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(dir=folder, sql_port=free_port(), http_port=port, max_rows=max_rows, sorted_top=sorted_top),
        encoding="utf-8",
    )
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(ini)], cwd=folder, stdin=subprocess.DEVNULL, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_answers(url + "sparql?query=ASK%7B%7D", process, seconds=120)
        yield url
    finally:
        stop_process(process, seconds=60)
        log.close()


FUSEKI_CONFIG = """\
PREFIX fuseki: <http://jena.apache.org/fuseki#>
PREFIX rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX tdb2:   <http://jena.apache.org/2016/tdb#>

[] rdf:type fuseki:Server .

<#service> rdf:type fuseki:Service ;
    fuseki:name "kg" ;
    fuseki:endpoint [ fuseki:operation fuseki:query ; fuseki:name "query" ] ;
    fuseki:endpoint [ fuseki:operation fuseki:update ; fuseki:name "update" ] ;
    fuseki:endpoint [ fuseki:operation fuseki:gsp-rw ; fuseki:name "data" ] ;
    fuseki:dataset <#dataset> .

<#dataset> rdf:type tdb2:DatasetTDB2 ;
    tdb2:location "{location}" ;
    tdb2:unionDefaultGraph true .
"""
"""A TDB2 dataset ``/kg`` whose default graph is the union of its named graphs, as kg's queries read it."""


@contextmanager
def fuseki_server(folder: Path) -> Iterator[str]:
    """Fuseki (``jena-fuseki-main``) with a TDB2 dataset in ``folder``; yields ``http://127.0.0.1:PORT/kg``."""
    java = shutil.which("java")
    if java is None or not any(FUSEKI_LIB.glob("jena-fuseki-main-*.jar")):
        missing("Fuseki", "KG_SKIP_FUSEKI", f"run `make fuseki` (Java 17 and jena-fuseki-main in {FUSEKI_LIB})")
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "config.ttl"
    config.write_text(FUSEKI_CONFIG.format(location=folder / "tdb2"), encoding="utf-8")
    port = free_port()
    log = (folder / "stdout.log").open("wb")
    main = "org.apache.jena.fuseki.main.cmds.FusekiMainCmd"
    command = [java, "-Xmx1g", "-cp", f"{FUSEKI_LIB}/*", main, "--localhost", f"--port={port}", f"--config={config}"]
    process = subprocess.Popen(command, cwd=folder, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}/kg"
    try:
        wait_until_answers(url + "/query?query=ASK%7B%7D", process, seconds=120)
        yield url
    finally:
        stop_process(process, seconds=30)
        log.close()


class FailingProxy:
    """An HTTP proxy to ``target`` that fails every write (POST .../update, PUT or DELETE) after the first ``writes``.

    ``mode`` ``"500"`` answers HTTP 500; ``"drop"`` closes the connection without an answer, as a
    server that dies would. ``update`` is the last part of the update endpoint's path; with
    ``signed``, a write counts only once it carries credentials (digest authentication first
    sends it without and gets HTTP 401).
    """

    def __init__(
        self, target: str, writes: int, mode: str = "500", update: str = "update", signed: bool = False
    ) -> None:
        self.target = target.rstrip("/")
        self.writes = writes
        self.mode = mode
        self.seen_writes = 0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path.split("?")[0]
                write = self.command in ("PUT", "DELETE") or (self.command == "POST" and path.endswith("/" + update))
                if write and (not signed or "authorization" in self.headers):
                    proxy.seen_writes += 1
                    if proxy.seen_writes > proxy.writes:
                        if proxy.mode == "drop":
                            self.close_connection = True
                            self.connection.shutdown(2)
                            return
                        message = b"simulated failure"
                        self.send_response(500)
                        self.send_header("Content-Type", "text/plain")
                        self.send_header("Content-Length", str(len(message)))
                        self.end_headers()
                        self.wfile.write(message)
                        return
                forward = ("content-type", "accept", "authorization")
                headers = {k: v for k, v in self.headers.items() if k.lower() in forward}
                answer = httpx.request(
                    self.command, proxy.target + self.path, content=body, headers=headers, timeout=60.0
                )
                self.send_response(answer.status_code)
                for key in (
                    "Content-Type",
                    "X-Result-Truncated",
                    "X-Result-Cap",
                    "X-SPARQL-MaxRows",
                    "WWW-Authenticate",
                ):
                    if key in answer.headers:
                        self.send_header(key, answer.headers[key])
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FailingProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)
