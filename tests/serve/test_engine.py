"""The query engine behind ``kg serve``: Oxigraph's server as a private process that never outlives kg serve."""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
from pathlib import Path

import httpx
import pytest

import kg
from kg.serve.engine import QueryEngine, find_oxigraph

from ..conftest import run_kg
from .conftest import kg_serve

COUNT_CLAIMS = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Claim }"


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def wait_gone(pid: int, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)


def test_a_memory_store_gets_an_engine_of_its_own(tiny_corpus):
    kg.build(tiny_corpus, store="memory:served", out=None)
    with QueryEngine("memory:served") as engine:
        pid = engine.process.pid
        answer = httpx.post(
            engine.url + "/query",
            data={"query": "PREFIX kg: <https://kg.example.org/ontology#> " + COUNT_CLAIMS},
            headers={"Accept": "text/csv"},
        )
        assert answer.text.split() == ["n", "7"]
    assert engine.process is None and wait_gone(pid)


def test_a_remote_store_is_not_served():
    with pytest.raises(kg.KGError) as error:
        QueryEngine("http://127.0.0.1:9/").start()
    assert error.value.message == (
        "E910 kg serve serves an embedded or in-memory store, not http://127.0.0.1:9/: a SPARQL endpoint is already "
        "an endpoint"
    )


def test_a_missing_oxigraph_program_says_what_to_install(monkeypatch):
    monkeypatch.setattr(sys, "executable", "/nonexistent/bin/python")
    monkeypatch.setenv("PATH", "")
    with pytest.raises(kg.KGError) as error:
        find_oxigraph()
    assert error.value.message == "E911 cannot find the oxigraph server program; install it with: pip install oxigraph"


# --- the command -------------------------------------------------------------------------------------


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_or_sigterm_stops_the_server_and_its_engine_cleanly(stop, seed_store):
    with kg_serve(seed_store) as running:
        (engine,) = running.engines()
        running.process.send_signal(stop)
        assert running.process.wait(60) == 0  # a graceful shutdown; 20 s was not always enough on a loaded CI machine
        assert wait_gone(engine)
        assert "error" not in running.log.read_text()


def test_the_engine_dies_with_kg_serve_even_when_it_is_killed(seed_store):
    with kg_serve(seed_store) as running:
        (engine,) = running.engines()
        os.kill(running.process.pid, signal.SIGKILL)
        running.process.wait(20)
        assert wait_gone(engine)


def test_a_missing_store_is_one_line(tmp_path):
    result = run_kg("serve", "--store", str(tmp_path / "nowhere"), "--port", "0")
    assert result.returncode == 1
    assert result.stderr == f"error: E201 no store at {tmp_path / 'nowhere'}; build one first with `kg build`\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--timeout", "0"], "E914 --timeout must be a positive number of seconds, not 0.0"),
        (["--max-results", "0"], "E914 --max-results must be 1 or more, not 0"),
        (["--max-memory", "10"], "E914 --max-memory must be 64 (MiB) or more, not 10"),
    ],
)
def test_bad_limits_are_one_line(args, message, seed_store):
    result = run_kg("serve", "--store", seed_store, "--port", "0", *args)
    assert (result.returncode, result.stderr) == (1, f"error: {message}\n")


def test_a_port_in_use_is_one_line(seed_store):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_kg("serve", "--store", seed_store, "--port", str(port))
    assert (result.returncode, result.stderr) == (
        1,
        f"error: E913 cannot listen on 127.0.0.1:{port}: Address already in use\n",
    )
