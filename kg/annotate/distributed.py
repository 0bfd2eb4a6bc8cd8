"""Annotation on a Dask distributed cluster: batches of articles out, results back in input order.

``kg annotate --scheduler ADDRESS`` (from Python, ``annotate(..., scheduler=ADDRESS)``) sends the
batches of articles to the workers of a `Dask <https://distributed.dask.org>`_ cluster. A worker
plugin carries the registry and the pipeline configuration to every worker, and each worker builds
the pipeline (and loads the spaCy model) once, on its first batch; later batches reuse it. The
client keeps a bounded number of batches in flight and takes the results back in input order, so
what it writes is byte for byte what one process writes.

``ADDRESS`` is the address of a running scheduler (``tcp://host:8786``, started with
``dask scheduler``; workers join it with ``dask worker tcp://host:8786 --nthreads 1``) or
``local:N`` for a cluster of ``N`` worker processes started on this machine for the run
(``local`` alone: one per core). A worker that dies mid-batch is replaced and its batch run
again by Dask (up to ``distributed.scheduler.allowed-failures`` times).

The workers need kg and the model installed, the same version as the client (``pip install 'kg[dask]'``).

Examples
--------
>>> parse_scheduler("local:2")
('local', 2)
>>> parse_scheduler("tcp://10.0.0.5:8786")
('tcp://10.0.0.5:8786', None)
>>> parse_scheduler("local:many")
Traceback (most recent call last):
...
kg.errors.KGError: E666 --scheduler 'local:many': use a scheduler address (tcp://HOST:8786) or local:N with N a whole number, 1 or more
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import KGError

try:  # an optional extra: kg[dask]; without it, cluster() says how to install it
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - the test extra installs it
    WorkerPlugin = object  # type: ignore[assignment,misc]

__all__ = ["CONNECT_TIMEOUT", "PipelinePlugin", "cluster", "map_batches", "parse_scheduler"]

CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a scheduler to answer, and for it to have a worker, before giving up."""


def parse_scheduler(scheduler: str) -> tuple[str, int | None]:
    """Split a ``--scheduler`` value: ``("local", N)`` for a cluster on this machine, else ``(address, None)``.

    Raises
    ------
    KGError
        E666 for ``local:`` followed by anything but a whole number, 1 or more.
    """
    scheduler = scheduler.strip()
    if scheduler == "local":
        return "local", os.cpu_count() or 1
    if scheduler.startswith("local:"):
        n = scheduler.removeprefix("local:")
        if not n.isdigit() or int(n) < 1:
            raise KGError("E666", value=scheduler)
        return "local", int(n)
    return scheduler, None


@contextmanager
def cluster(scheduler: Any, *, timeout: float = CONNECT_TIMEOUT) -> Iterator[Any]:
    """A ``distributed.Client`` for ``scheduler``, closed on leaving (with the local cluster it started).

    Parameters
    ----------
    scheduler : str or distributed.Client
        A scheduler address, ``local`` / ``local:N`` (see this module), or a client the caller made
        (used as it is and left open).
    timeout : float, optional
        Seconds to wait for the scheduler to answer and to have at least one worker.

    Raises
    ------
    KGError
        E663 when the scheduler does not answer or has no worker within ``timeout``; E664 when the
        ``distributed`` package is not installed; E666 for a malformed ``local:N``.
    """
    if not isinstance(scheduler, str):
        yield scheduler
        return
    address, workers = parse_scheduler(scheduler)
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise KGError("E664") from None
    local = None
    try:
        if workers is not None:
            local = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,  # one pipeline per process: spaCy gains nothing from threads
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(local)
        else:
            client = Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:  # ValueError: an address distributed cannot parse
        if local is not None:
            local.close()
        detail = str(exc).splitlines()[0] if str(exc) else f"no answer within {timeout:g} s"
        raise KGError("E663", address=scheduler, detail=f"{detail}; nothing was written") from None
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except (OSError, TimeoutError):
            detail = f"no worker joined it within {timeout:g} s; nothing was written"
            raise KGError("E663", address=scheduler, detail=detail) from None
        yield client
    finally:
        client.close()
        if local is not None:
            local.close()


class PipelinePlugin(WorkerPlugin):
    """A worker plugin that builds a runner (``factory()``, an object with ``run_batch``) once per worker.

    The runner is built on the worker's first batch, not when the plugin is registered, so that
    registering does not hold up the worker's event loop while the spaCy model loads.
    """

    def __init__(self, factory: Callable[[], Any]) -> None:
        self.factory = factory
        self.runner: Any = None
        self.lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"factory": self.factory}  # a lock and a built runner stay where they are

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["factory"])

    def setup(self, worker: Any) -> None:
        """Nothing to do until the first batch."""

    def teardown(self, worker: Any) -> None:
        """Drop the runner (the spaCy model stays cached in the worker process for the next run)."""
        self.runner = None

    def get(self) -> Any:
        """The worker's runner, built on first use."""
        with self.lock:
            if self.runner is None:
                self.runner = self.factory()
            return self.runner


def _run_batch(plugin: str, payload: list[Any]) -> list[Any]:
    """Run one batch on a worker, with the runner the plugin ``plugin`` built there."""
    from distributed import get_worker

    return get_worker().plugins[plugin].get().run_batch(payload)


def map_batches(
    factory: Callable[[], Any],
    batches: Iterable[tuple[Any, list[Any]]],
    *,
    client: Any,
    window: int | None = None,
) -> Iterator[tuple[Any, list[Any]]]:
    """Run ``factory().run_batch(payload)`` on the workers for each ``(tag, payload)``; yield ``(tag, result)`` in order.

    Parameters
    ----------
    factory : callable
        Picklable; called once per worker to build the runner (a :class:`~kg.annotate.pipeline.Pipeline`).
    batches : iterable of (tag, list)
        The batches; a tag stays on the client and comes back with its batch's result.
    client : distributed.Client
        The cluster (see :func:`cluster`).
    window : int, optional
        Batches in flight at most; default twice the number of worker threads.

    Raises
    ------
    KGError
        E665 when a batch killed a worker as many times as Dask allows.
    """
    from distributed import KilledWorker

    name = f"kg-annotate-{uuid.uuid4().hex}"
    client.register_plugin(PipelinePlugin(factory), name=name)
    pending: deque[tuple[Any, Any]] = deque()
    try:
        window = window or 2 * max(1, sum(client.nthreads().values()))
        try:
            for i, (tag, payload) in enumerate(batches):
                pending.append((tag, client.submit(_run_batch, name, payload, key=f"{name}-{i}", pure=False)))
                if len(pending) >= window:
                    tag, future = pending.popleft()
                    yield tag, future.result()
            while pending:
                tag, future = pending.popleft()
                yield tag, future.result()
        except KilledWorker as exc:
            raise KGError("E665", detail=str(exc).splitlines()[0]) from None
        except OSError as exc:  # the scheduler went away mid-run: what came back before stays written
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            address = getattr(client.scheduler, "address", "?")
            raise KGError("E663", address=address, detail=f"the connection was lost ({reason})") from None
    finally:
        for _, future in pending:
            future.cancel()
        try:
            client.unregister_worker_plugin(name)
        except Exception:  # noqa: S110 - the cluster may be gone already; nothing is left to undo
            pass
