"""Long commands show each phase on a terminal's standard error, and nothing more when it is not one.

Each command family runs twice on the tiny corpus: once with standard error a terminal (a pty), where
the names of its phases must show, and once with it a pipe, where standard error holds only the usual
lines. Standard output is the same both times.
"""

import os
import pty
import subprocess
import sys
import threading

import pytest

import kg
from kg.analysis import analyze_centrality
from kg.annotate.eval import evaluate

from .conftest import DATA, run_kg


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    """tests/data/tiny built: two articles, seven claims, six actors."""
    location = str(tmp_path_factory.mktemp("progress") / "store")
    kg.build(DATA / "tiny", store=location, out=None)
    return location


def on_a_terminal(*args: str) -> tuple[int, str, str]:
    """Run ``kg ARGS`` with standard error a terminal; return its exit status, stdout and what the terminal showed."""
    leader, follower = pty.openpty()
    shown = bytearray()

    def read() -> None:  # read as it comes, so that a full terminal buffer never stops the command
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    run = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *args],
        stdout=subprocess.PIPE,
        stderr=follower,
        text=True,  # as run_kg: the same newlines to compare
        env={**os.environ, "COLUMNS": "200", "TERM": "xterm"},
    )
    os.close(follower)
    stdout, _ = run.communicate(timeout=300)
    reader.join(timeout=30)
    os.close(leader)
    return run.returncode, stdout, shown.decode(errors="replace")


def test_export_shows_reading_and_writing_on_a_terminal_only(store):
    args = ("export", "claims", "--store", store)
    status, stdout, shown = on_a_terminal(*args)
    assert status == 0
    assert "read the claims from the store" in shown and "write 7 claims as csv" in shown
    plain = run_kg(*args)
    assert plain.returncode == 0 and plain.stderr == ""
    assert stdout == plain.stdout and stdout.startswith("id,subject,subject_label,")


def test_export_graph_names_its_phase(store, tmp_path):
    status, _, shown = on_a_terminal(
        "export", "graph", "--format", "nquads", "-o", str(tmp_path / "g.nq"), "--store", store
    )
    assert status == 0 and f"write the graph as nquads to {tmp_path / 'g.nq'}" in shown
    assert (tmp_path / "g.nq").stat().st_size > 0


def test_export_phases_reach_a_library_caller(store):
    phases: list[str] = []
    kg.export_actors(store, "jsonl", on_phase=phases.append)
    assert phases == ["read the actors from the store", "write 6 actors as jsonl"]


def test_analyze_shows_its_phases_on_a_terminal_only(store):
    args = ("analyze", "centrality", "--format", "csv", "--store", store)
    status, stdout, shown = on_a_terminal(*args)
    assert status == 0
    for phase in ("read the graph from the store", "build the actors view", "degree, betweenness and PageRank of"):
        assert phase in shown
    plain = run_kg(*args)
    assert plain.returncode == 0 and plain.stderr == ""
    assert stdout == plain.stdout


def test_analysis_phases_reach_a_library_caller(store):
    phases: list[str] = []
    analyze_centrality(store, on_phase=phases.append)
    assert phases[:2] == ["read the graph from the store", "build the actors view"]
    assert phases[2].startswith("degree, betweenness and PageRank of ") and len(phases) == 3


def test_analyze_path_names_both_ends_in_its_phase(store):
    status, _, shown = on_a_terminal("analyze", "path", "Rahmon", "Iraq", "--store", store)
    assert status == 0
    assert "find the shortest path from Emomali Rahmon to Iraq" in shown


def test_viz_shows_its_phases_and_writes_the_usual_line(store, tmp_path):
    page = tmp_path / "g.html"
    status, stdout, shown = on_a_terminal("viz", "--store", store, "-o", str(page))
    assert status == 0 and stdout == ""
    for phase in ("read the graph from the store", "build the graph view of", "lay out", f"write the page to {page}"):
        assert phase in shown
    assert f"wrote {page}" in shown
    plain = run_kg("viz", "--store", store, "-o", str(tmp_path / "h.html"))
    assert plain.returncode == 0 and plain.stdout == ""
    assert plain.stderr.splitlines() == [
        f"wrote {tmp_path / 'h.html'}: whole graph, 6 nodes, 5 relations (1 conflict links)"
    ]


def test_viz_disputes_names_its_phases(store, tmp_path):
    status, _, shown = on_a_terminal("viz", "--view", "disputes", "--store", store, "-o", str(tmp_path / "d.html"))
    assert status == 0
    assert "read the figures from the store" in shown and "compare the figures of" in shown


@pytest.mark.parametrize(
    ("args", "phases"),
    [
        (("query", "--name", "actors", "--format", "csv"), ("run the actors query", "format 6 rows as csv")),
        (
            ("eval", "--seeds", str(DATA / "tiny"), "--format", "json"),
            ("annotate and score a1 (1 of 2)", "annotate and score a2 (2 of 2)"),
        ),
    ],
    ids=["query", "eval"],
)
def test_phases_show_on_a_terminal_only_and_leave_the_output_alone(store, args, phases):
    if args[0] == "query":
        args = (*args, "--store", store)
    status, stdout, shown = on_a_terminal(*args)
    assert status == 0
    assert all(phase in shown for phase in phases)
    plain = run_kg(*args)
    assert plain.returncode == 0 and plain.stderr == ""
    assert stdout == plain.stdout


def test_eval_phases_reach_a_library_caller():
    phases: list[str] = []
    evaluate(DATA / "tiny", on_phase=phases.append)
    assert phases == [
        f"read the seeds in {DATA / 'tiny'}",
        "annotate and score a1 (1 of 2)",
        "annotate and score a2 (2 of 2)",
    ]
