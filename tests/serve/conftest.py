"""``kg serve`` run for real: the command in a subprocess on a free loopback port, always stopped."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.serve.background import Running, background

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class Endpoint(Running):
    def engines(self) -> list[int]:
        """The query engine processes (children of kg serve) alive now."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == self.process.pid and fields[0] != "Z":
                found.append(int(stat.parent.name))
        return found


class Listener:
    """A TCP listener on a free loopback port that records every connection made to it (and answers nothing).

    What a server-side request (``SERVICE <http://127.0.0.1:PORT/...>``) would reach; ``connections``
    holds the first bytes of each request it received.
    """

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections: list[bytes] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:  # timeout: look at stopped again
                continue
            with conn:
                conn.settimeout(1.0)
                try:
                    self.connections.append(conn.recv(4096))
                except OSError:
                    self.connections.append(b"")

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(5)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    """A loopback port that records what reaches it (see :class:`Listener`)."""
    running = Listener()
    yield running
    running.close()


@contextmanager
def kg_serve(store: str, *args: str, seconds: float = 60.0) -> Iterator[Endpoint]:
    """``kg serve --store STORE --port 0 ARGS`` (``kg.serve.background``), with its engines in view."""
    with background(store, *args, seconds=seconds) as running:
        yield Endpoint(running.url, running.process, running.log)


@pytest.fixture(scope="session")
def endpoint(seed_store) -> Iterator[Endpoint]:
    """``kg serve`` over the seed store: read-only, 20 s per query, at most 100 results."""
    with kg_serve(seed_store, "--timeout", "20", "--max-results", "100") as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright (no browser is downloaded)."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium package "
            "(apt-get install chromium), or KG_CHROMIUM=/path/to/chromium"
        )
    playwright = pytest.importorskip("playwright.sync_api", reason="the test extras install playwright")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
