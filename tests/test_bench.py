"""Smoke runs of the benchmarks (tiny sizes): they keep working. Figures are not checked here."""

import filecmp
import os
import subprocess
import sys

import kg

from .conftest import ROOT

BENCH = ROOT / "bench"


def run_bench(script, *args, tmp_path):
    env = {**os.environ, "KG_BENCH_DIR": str(tmp_path / "bench")}
    result = subprocess.run(
        [sys.executable, str(BENCH / script), *args], capture_output=True, text=True, env=env, timeout=600, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_generator_is_deterministic_and_builds(tmp_path):
    sys.path.insert(0, str(BENCH))
    from generate import generate

    a, b = generate(30, tmp_path / "a", seed=3), generate(30, tmp_path / "b", seed=3)
    assert filecmp.dircmp(a, b).diff_files == []
    assert len(list(a.glob("*.yaml"))) == 31  # 30 articles and the registry
    report = kg.build(a, store=tmp_path / "store", out=None)
    assert report.articles == 30 and report.claims == 150
    assert report.conflicting > 0 and report.corroborated > 0


def test_build_benchmark_smoke(tmp_path):
    out = run_bench("bench_build.py", "--articles", "20", "--runs", "1", tmp_path=tmp_path)
    assert "| 20 |" in out and "articles/s" in out


def test_build_benchmark_compares_versions_in_one_run(tmp_path):
    out = run_bench(
        "bench_build.py", "--articles", "20", "--runs", "1", "--code", "old=.", "--code", "new=.", tmp_path=tmp_path
    )
    assert "| old | 20 |" in out and "| new | 20 |" in out


def test_query_benchmark_smoke(tmp_path):
    out = run_bench("bench_query.py", "--articles", "20", "--runs", "1", "--baseline-runs", "1", tmp_path=tmp_path)
    for name in kg.named_queries():
        assert f"`{name}`" in out
    assert "rdflib needed" in out


def test_export_benchmark_smoke(tmp_path):
    out = run_bench("bench_export.py", "--articles", "20", "--runs", "1", tmp_path=tmp_path)
    assert "graph trig" in out and "claims csv" in out


def test_gold_benchmark_scores_a_version_on_a_gold_folder(tmp_path):
    gold = ROOT / "tests" / "annotate" / "data" / "gold-mini"
    out = run_bench("bench_gold.py", "--gold", str(gold), "--code", "now=.", tmp_path=tmp_path)
    row = next(line for line in out.splitlines() if line.startswith("| now |"))
    assert len(row.split("|")) == 8 and "n/a" not in row  # five scores, each measured
