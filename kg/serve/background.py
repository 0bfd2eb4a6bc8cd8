"""``kg serve`` in a child process, for notebooks, scripts, benchmarks and tests (``tests/serve``)."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .engine import stop_process

__all__ = ["Running", "background"]

_READY = re.compile(r"serving .* at (http://127\.0\.0\.1:\d+/) ")


@dataclass
class Running:
    """A started ``kg serve``: its base URL, its process and the file its messages go to."""

    url: str
    process: subprocess.Popen
    log: Path

    @property
    def query_url(self) -> str:
        """The SPARQL endpoint: ``URL/query``."""
        return self.url + "query"


@contextmanager
def background(store: str, *args: str, seconds: float = 60.0) -> Iterator[Running]:
    """Run ``kg serve --store STORE --port 0 ARGS`` (a free loopback port) until the block ends.

    Waits until the server prints its URL; raises ``RuntimeError`` with its messages when it exits
    or does not start within ``seconds``. The server is stopped however the block ends.

    Examples
    --------
    ::

        with kg.serve.background(".kg", "--timeout", "10") as running:
            SPARQLWrapper(running.query_url)  # any SPARQL client
    """
    log = Path(tempfile.mkdtemp(prefix="kg-serve-")) / "stderr.txt"
    with log.open("wb") as err:
        process = subprocess.Popen(  # noqa: S603 - this Python running kg, with the caller's arguments
            [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", "0", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        deadline = time.monotonic() + seconds
        while True:
            match = _READY.search(log.read_text(encoding="utf-8", errors="replace"))
            if match:
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"kg serve did not start: {log.read_text(errors='replace')}")
            time.sleep(0.05)
        yield Running(match.group(1), process, log)
    finally:
        stop_process(process)
