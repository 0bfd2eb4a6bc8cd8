"""``kg serve`` run for real: the command in a subprocess on a free loopback port, always stopped."""

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

import pytest

READY = re.compile(r"serving .* at (http://127\.0\.0\.1:\d+/) ")


@dataclass
class Endpoint:
    url: str
    process: subprocess.Popen
    log: Path

    @property
    def query_url(self) -> str:
        return self.url + "query"

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


@contextmanager
def kg_serve(store: str, *args: str, seconds: float = 60.0) -> Iterator[Endpoint]:
    """``kg serve --store STORE --port 0 ARGS``, waited for until it prints its URL; stopped on exit."""
    folder = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    log = folder / "stderr.txt"
    with log.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "serve", "--store", store, "--port", "0", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        deadline = time.monotonic() + seconds
        while True:
            match = READY.search(log.read_text(encoding="utf-8", errors="replace"))
            if match:
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"kg serve did not start: {log.read_text(errors='replace')}")
            time.sleep(0.05)
        yield Endpoint(match.group(1), process, log)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def endpoint(seed_store) -> Iterator[Endpoint]:
    """``kg serve`` over the seed store: read-only, 20 s per query, at most 100 results."""
    with kg_serve(seed_store, "--timeout", "20", "--max-results", "100") as running:
        yield running
