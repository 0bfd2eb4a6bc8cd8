"""A smoke run of bench/bench_analysis.py on 50 generated articles (the full run is `make bench`-sized)."""

import importlib.util
import sys

from ..conftest import ROOT

BENCH = ROOT / "bench" / "bench_analysis.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_analysis", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_analysis", module)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_runs_on_50_generated_articles(tmp_path):
    bench = load_bench()
    store, info = bench.build_store(50, tmp_path, seed=3)
    assert info["articles"] == 50 and info["claims"] == 250
    times, sizes = bench.run_once(store)
    assert set(times) == {"conversion", "centrality", "communities", "claims"}
    assert all(wall >= 0 and cpu >= 0 for wall, cpu in times.values())
    assert sizes["actors"] > 10 and sizes["links"] > sizes["actors"]
    assert sizes["claim_groups"] > 0 and sizes["contested"] > 0
