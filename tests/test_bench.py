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


def test_same_operation_corpus_reports_one_operation_and_builds_linear_links(tmp_path):
    sys.path.insert(0, str(BENCH))
    import yaml
    from generate import generate

    folder = generate(40, tmp_path / "one", seed=3, same_operation=True)
    abouts = {
        claim.get("about")
        for path in folder.glob("a*.yaml")
        for claim in yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]
        if "quantity" in claim
    }
    assert abouts == {"op0"}
    store = tmp_path / "store"
    report = kg.build(folder, store=store, out=None)
    assert report.articles == 40 and report.conflicting > 0
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?a kg:%s ?b }"
    supports = int(kg.query(count % "supportsValue", store=store).rows[0][0])
    assert supports == report.claims
    assert int(kg.query(count % "conflictsWithValue", store=store).rows[0][0]) < report.claims


def test_build_benchmark_smoke(tmp_path):
    out = run_bench("bench_build.py", "--articles", "20", "--runs", "1", tmp_path=tmp_path)
    assert "| 20 |" in out and "articles/s" in out


def test_build_benchmark_runs_the_one_operation_corpus_beside_the_benchmark_corpus(tmp_path):
    out = run_bench("bench_build.py", "--articles", "20", "--runs", "1", "--corpus", "benchmark", "one-operation",
                    tmp_path=tmp_path)  # fmt: skip
    assert "| benchmark | 20 |" in out and "| one-operation | 20 |" in out


def test_build_benchmark_compares_versions_in_one_run(tmp_path):
    out = run_bench(
        "bench_build.py", "--articles", "20", "--runs", "1", "--code", "old=.", "--code", "new=.", tmp_path=tmp_path
    )
    assert "| old | 20 |" in out and "| new | 20 |" in out


def test_query_benchmark_smoke(tmp_path):
    out = run_bench(
        "bench_query.py",
        "--articles",
        "20",
        "--runs",
        "1",
        "--baseline-runs",
        "1",
        "--baseline-timeout",
        "10",
        tmp_path=tmp_path,
    )
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


def test_remote_benchmark_loads_both_ways_and_queries_each_server(tmp_path):
    servers = ["oxigraph"] if os.environ.get("KG_SKIP_VIRTUOSO") else ["oxigraph", "virtuoso"]
    out = run_bench("bench_remote.py", "--articles", "20", "--runs", "1", "--servers", *servers, tmp_path=tmp_path)
    loads = [line for line in out.splitlines() if line.startswith(("| Oxigraph server", "| Virtuoso"))]
    assert len(loads) == 2 * len(servers)
    assert all(line.endswith("| the same |") for line in loads)  # each server holds the embedded store's quads
    for name in kg.named_queries():
        row = next(line for line in out.splitlines() if line.startswith(f"| `{name}` |"))
        assert " rows" not in row and "no answer" not in row  # every server gives the embedded store's rows


def test_pages_benchmark_times_each_listing_on_every_store_given(tmp_path, seed_store):
    out = run_bench("bench_pages.py", "--store", seed_store, "--store", seed_store, "--runs", "1", tmp_path=tmp_path)
    rows = [line for line in out.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(kg.compile.LISTINGS)
    assert all(len(row.strip("|").split("|")) == 3 for row in rows)
