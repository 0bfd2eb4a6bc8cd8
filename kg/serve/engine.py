"""The query engine behind ``kg serve``: Oxigraph's own SPARQL server, run as a private process.

Oxigraph's server (the ``oxigraph`` package) evaluates queries on many threads, opens the store
read-only (``serve-read-only``) and stops a query that runs past ``--timeout-s``; ``kg serve`` puts a
thin front before it (:mod:`kg.serve.app`) for what it lacks: kg's prefixes, a result cap, a hard
deadline on streamed answers, and the query page.
"""

from __future__ import annotations

import gc
import io
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..errors import KGError
from ..store import MARKER, OxigraphStore, open_store

__all__ = ["QueryEngine", "find_oxigraph", "free_port", "stop_process"]

STARTUP_SECONDS = 60.0


def find_oxigraph() -> str:
    """The ``oxigraph`` program: beside this Python (a virtual environment's ``bin/``), else on ``PATH``."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise KGError("E911")
    return found


def stop_process(process: subprocess.Popen, seconds: float = 20) -> None:
    """SIGTERM, then SIGKILL if it has not exited after ``seconds``; waits for it either way."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on now (the system picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Linux: the engine gets SIGTERM when kg serve dies, even by SIGKILL, so it never outlives it."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class QueryEngine:
    """An ``oxigraph serve`` process on a free loopback port, over a built kg store.

    Parameters
    ----------
    store : str, optional
        An embedded store (a folder or ``oxigraph:PATH``; default ``$KG_STORE`` or ``.kg``), or
        ``memory:NAME`` (its quads are copied into an in-memory engine).
    writable : bool
        Open the store read-write (``kg serve --allow-updates``); read-only otherwise.
    timeout : float
        Oxigraph's own per-query limit, in seconds (rounded up to whole seconds).

    Examples
    --------
    ::

        with QueryEngine(".kg") as engine:
            httpx.get(engine.url + "/query", params={"query": "ASK {}"})
    """

    def __init__(self, store: str | os.PathLike | None = None, *, writable: bool = False, timeout: float = 30.0):
        self.store = store
        self.writable = writable
        self.timeout = timeout
        self.process: subprocess.Popen | None = None
        self.url = ""
        self.label = ""
        self.marker: Path | None = None
        self._log: io.BufferedRandom | None = None

    def fresh(self) -> QueryEngine:
        """A new, unstarted engine over the same store (to replace this one)."""
        return QueryEngine(self.store, writable=self.writable, timeout=self.timeout)

    def version(self) -> tuple[int, int] | None:
        """Identifies the build on disk (the marker file's inode and time): it changes when ``kg build`` swaps it."""
        try:
            stat = self.marker.stat() if self.marker else None
        except OSError:
            return None
        return (stat.st_ino, stat.st_mtime_ns) if stat else None

    def start(self) -> QueryEngine:
        """Start the engine and wait until it answers; raise ``KGError`` if it cannot."""
        opened = open_store(self.store)
        if not isinstance(opened, OxigraphStore):
            url = opened.url
            opened.close()
            raise KGError("E910", url=url)
        self.label = opened.url
        data = None
        if opened.url.startswith("memory:"):
            buffer = io.BytesIO()
            opened.dump(buffer, "nquads")
            data = buffer.getvalue()
            location: list[str] = []
            command = "serve"
        else:
            location = ["--location", str(Path(opened.url) / "oxigraph")]
            self.marker = Path(opened.url) / MARKER
            command = "serve" if self.writable else "serve-read-only"
        del opened  # a read-write engine needs the store's lock, which our read-only handle holds
        gc.collect()
        program = find_oxigraph()
        last = ""
        for _ in range(3):  # the free port may be taken between the check and the bind
            port = free_port()
            self.url = f"http://127.0.0.1:{port}"
            args = [program, command, *location, "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
            args += ["--timeout-s", str(max(1, math.ceil(self.timeout)))]
            self._log = tempfile.TemporaryFile()
            self.process = subprocess.Popen(  # noqa: S603 - our own program and arguments
                args,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self._log,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
            if self._wait_until_ready():
                break
            last = self._stderr()
            self.stop()
            if "address" not in last.lower():
                break
        else:
            raise KGError("E912", detail=last or "it did not answer")
        if self.process is None:
            raise KGError("E912", detail=last or "it exited")
        if data is not None:
            self._load(data)
        return self

    def _wait_until_ready(self) -> bool:
        import httpx

        deadline = time.monotonic() + STARTUP_SECONDS
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                if self.process is None or self.process.poll() is not None:
                    return False
                try:
                    if client.get(self.url + "/query", params={"query": "ASK {}"}).status_code == 200:
                        return True
                except httpx.HTTPError:
                    pass
                time.sleep(0.05)
        return False

    def _load(self, data: bytes) -> None:
        import httpx

        response = httpx.post(
            self.url + "/store", content=data, headers={"Content-Type": "application/n-quads"}, timeout=600
        )
        if response.status_code >= 300:
            self.stop()
            raise KGError("E912", detail=f"loading the in-memory store failed: {response.text.strip()[:200]}")

    def _stderr(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        text = self._log.read().decode("utf-8", "replace")
        return " ".join(text.split())[-300:]

    def memory_mb(self) -> int | None:
        """The engine's resident memory in MiB (Linux; None elsewhere or when it is not running)."""
        if self.process is None:
            return None
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
        return None

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """Stop the engine (SIGTERM, then SIGKILL after 5 s)."""
        if self.process is not None:
            stop_process(self.process, 5)
            self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> QueryEngine:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
