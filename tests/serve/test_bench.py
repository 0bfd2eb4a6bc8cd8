"""A smoke run of the load benchmark (bench/bench_serve.py): a few clients for 2 s, no errors."""

from __future__ import annotations

import json
import subprocess
import sys

from ..conftest import ROOT


def test_the_load_benchmark_runs_clean_with_a_few_clients(seed_store, tmp_path):
    out = tmp_path / "bench.json"
    args = ["--clients", "4", "--seconds", "2", "--runs", "1", "--store", seed_store, "--json", str(out)]
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_serve.py"), *args],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(out.read_text())
    (run,) = summary["runs"]
    assert run["errors"] == 0
    assert run["requests"] >= 4  # each client had at least one answer
    assert sum(run["per_query_answers"].values()) == run["requests"]
    assert run["throughput"] > 0 and 0 < run["p50_ms"] <= run["p95_ms"] <= run["max_ms"]
