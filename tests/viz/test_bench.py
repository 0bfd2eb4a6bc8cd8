"""A small run of bench/bench_viz.py, so that the benchmark keeps working (its figures are in BENCHMARKS.md)."""

import os
import subprocess
import sys

from ..conftest import ROOT
from .conftest import CHROMIUM


def test_the_view_benchmark_runs_on_a_small_corpus(tmp_path, browser):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_viz.py"),
            "--articles",
            "40",
            "--max-nodes",
            "50",
            "--runs",
            "1",
            "--work",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "KG_CHROMIUM": CHROMIUM},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "view: 50 nodes, " in result.stdout
    assert "ready (navigation start to first drawing): " in result.stdout
    assert "click on a node to its panel shown: " in result.stdout


def test_the_disputes_benchmark_runs_on_a_small_corpus(tmp_path, browser):
    command = [sys.executable, str(ROOT / "bench" / "bench_viz.py"), "--view", "disputes", "--articles", "40"]
    result = subprocess.run(
        [*command, "--runs", "1", "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "KG_CHROMIUM": CHROMIUM},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "board: {'rows': " in result.stdout
    assert "ready (navigation start to first rows drawn): " in result.stdout
