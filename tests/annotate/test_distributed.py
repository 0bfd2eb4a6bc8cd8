"""``kg annotate`` on a real Dask cluster (a ``LocalCluster`` of two worker processes).

The files a cluster writes are compared byte for byte with those one process writes; a worker
killed on its first batch is replaced and the batch run again; a scheduler that does not answer
is a one-line error and nothing is written.
"""

import logging
import os
import shutil
import signal
import socket
import sys

import cloudpickle
import pytest
from distributed import Client, LocalCluster, WorkerPlugin, get_task_stream

from kg.annotate.pipeline import PipelineConfig, annotate
from kg.errors import KGError

from ..conftest import SEEDS, run_kg

DATA = SEEDS.parent / "tests" / "annotate" / "data"

# the plugin below is defined here, not in kg: send it to the workers by value
cloudpickle.register_pickle_by_value(sys.modules[__name__])


class KillOnFirstBatch(WorkerPlugin):
    """Kill the worker process that starts the first annotation batch (one worker, once: the marker file)."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def transition(self, key, start, finish, **kwargs):
        if finish != "executing" or not str(key).startswith("kg-annotate"):
            return
        try:
            fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        os.kill(os.getpid(), signal.SIGKILL)


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Small inputs: a JSON Lines file of four articles and four broken lines, a page with furniture, a Latin-1 text."""
    folder = tmp_path_factory.mktemp("inputs")
    for name in ("corpus.jsonl", "furniture.txt", "latin1.txt"):
        shutil.copy(DATA / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def one_process(inputs, tmp_path_factory):
    """The reference: the same inputs annotated in this process, default batches."""
    out = tmp_path_factory.mktemp("one") / "corpus"
    report = annotate([inputs], out, registry=SEEDS / "registry.yaml", echo=lambda line: None)
    assert (len(report.annotated), len(report.skipped)) == (6, 4)
    return out


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


SMALL_BATCHES = PipelineConfig(settings={"nlp": {"batch_size": 1}})  # six batches, so both workers get some


def test_kg_annotate_on_a_cluster_writes_the_same_bytes_as_one_process(tmp_path, inputs, one_process, client):
    config = tmp_path / "pipeline.toml"
    config.write_text("[nlp]\nbatch_size = 1\n")
    out = tmp_path / "corpus"
    with get_task_stream(client) as stream:
        result = run_kg(
            "annotate", str(inputs), "--out", str(out), "--registry", str(SEEDS / "registry.yaml"),
            "--config", str(config), "--scheduler", client.scheduler.address,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "annotated 6 articles into" in result.stderr and "; skipped 4" in result.stderr
    assert files(out) == files(one_process)
    assert len(files(out)) == 13  # six articles, two files each, and registry.yaml
    batches = [t for t in stream.data if str(t["key"]).startswith("kg-annotate")]
    assert len(batches) == 6
    assert len({t["worker"] for t in batches}) == 2


def test_a_worker_killed_mid_run_is_replaced_and_the_output_is_complete(tmp_path, inputs, one_process, client):
    marker = tmp_path / "killed"
    pids = set(client.run(os.getpid).values())
    client.register_plugin(KillOnFirstBatch(str(marker)), name="kill-on-first-batch")
    try:
        report = annotate(
            [inputs],
            tmp_path / "corpus",
            registry=SEEDS / "registry.yaml",
            config=SMALL_BATCHES,
            scheduler=client,
            echo=lambda line: None,
        )
    finally:
        client.unregister_worker_plugin("kill-on-first-batch")
    killed = int(marker.read_text())
    assert killed in pids
    assert (len(report.annotated), len(report.skipped)) == (6, 4)
    assert files(tmp_path / "corpus") == files(one_process)
    client.wait_for_workers(2, timeout=60)  # the nanny started a new worker in its place
    assert killed not in set(client.run(os.getpid).values())


def test_a_scheduler_that_does_not_answer_is_a_one_line_error_and_nothing_is_written(tmp_path, inputs):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free once closed: nothing listens there
    out = tmp_path / "corpus"
    result = run_kg("annotate", str(inputs), "--out", str(out), "--scheduler", f"tcp://127.0.0.1:{port}")
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: E663 cannot use the Dask scheduler tcp://127.0.0.1:{port}: ")
    assert result.stderr.rstrip().endswith("; nothing was written")
    assert len(result.stderr.splitlines()) == 1
    assert not out.exists()


def test_a_malformed_local_cluster_size_is_refused_before_anything_is_read(tmp_path):
    with pytest.raises(KGError) as raised:
        annotate([tmp_path / "missing.txt"], tmp_path / "corpus", scheduler="local:0")
    assert str(raised.value) == (
        "E666 --scheduler 'local:0': use a scheduler address (tcp://HOST:8786) or local:N with N a whole number, 1 or more"
    )
