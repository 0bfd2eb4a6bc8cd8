"""A real Oxigraph server (the ``oxigraph`` package) on a free loopback port, and a proxy that fails on cue."""

from __future__ import annotations

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

from ..conftest import SEEDS


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


class FailingProxy:
    """An HTTP proxy to ``target`` that fails every write (POST /update, PUT or DELETE) after the first ``writes``.

    ``mode`` ``"500"`` answers HTTP 500; ``"drop"`` closes the connection without an answer, as a
    server that dies would.
    """

    def __init__(self, target: str, writes: int, mode: str = "500") -> None:
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
                write = self.command in ("PUT", "DELETE") or self.path.startswith("/update")
                if write:
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
                headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
                answer = httpx.request(
                    self.command, proxy.target + self.path, content=body, headers=headers, timeout=60.0
                )
                self.send_response(answer.status_code)
                for key in ("Content-Type", "X-Result-Truncated", "X-Result-Cap"):
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
