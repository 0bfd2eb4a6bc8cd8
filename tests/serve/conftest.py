"""``kg serve`` run for real: the command in a subprocess on a free loopback port, always stopped."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.serve.background import Running, background


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
