"""Benchmark of ``kg analyze``: conversion, centrality, communities and claim analysis.

Generates a synthetic corpus with ``bench/generate.py`` (10,000 articles by default, about 2.5
million quads), builds it into a temporary store, then times each phase over several runs and
prints the median and the min-max of the wall-clock and CPU seconds:

- conversion: the SELECTs that read the store and the ``actors`` view (``actor_graph``);
- centrality: degree, betweenness and PageRank, as ``kg analyze centrality`` computes them;
- communities: Louvain, as ``kg analyze communities``;
- claims: the ``claims`` view read from the store and ``claim_support``, as ``kg analyze claims``.

    python bench/bench_analysis.py                       # 10,000 articles, 5 runs
    python bench/bench_analysis.py --articles 50 --runs 1
    python bench/bench_analysis.py --store /tmp/s10k     # reuse a store built earlier (kept with --keep)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PHASES = ("conversion", "centrality", "communities", "claims")


def _timed(function: Callable, *args, **kwargs) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def build_store(articles: int, folder: Path, seed: int = 0) -> tuple[str, dict]:
    """Generate ``articles`` synthetic articles and build them into ``folder/store``."""
    from generate import generate

    import kg

    corpus, t_gen, _ = _timed(generate, articles, folder / "corpus", seed)
    report, t_build, _ = _timed(kg.build, corpus, store=str(folder / "store"), out=None)
    info = {"articles": articles, "quads": report.quads, "claims": report.claims, "generate_s": t_gen}
    info["build_s"] = t_build
    return str(folder / "store"), info


def run_once(store: str) -> tuple[dict[str, tuple[float, float]], dict]:
    """One pass over the four phases: ``{phase: (wall seconds, cpu seconds)}`` and the graph sizes."""
    from kg.analysis import actor_centrality, actor_communities, actor_graph, claim_source_graph, claim_support
    from kg.analysis.commands import BETWEENNESS_SAMPLE

    times = {}
    G, *times["conversion"] = _timed(actor_graph, store)
    k = BETWEENNESS_SAMPLE if len(G) > BETWEENNESS_SAMPLE else None
    _, *times["centrality"] = _timed(actor_centrality, G, k=k)
    communities, *times["communities"] = _timed(actor_communities, G)

    def claims():
        C = claim_source_graph(store)
        return C, claim_support(C)

    (C, groups), *times["claims"] = _timed(claims)
    sizes = {
        "actors": len(G),
        "links": G.number_of_edges(),
        "communities": len(communities),
        "claim_nodes": len(C),
        "claim_groups": len(groups),
        "contested": sum(g.contested for g in groups),
        "betweenness_sample": k,
    }
    return {p: tuple(t) for p, t in times.items()}, sizes


def _summary(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000, help="articles to generate (default 10000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    parser.add_argument("--store", help="time this built store instead of generating one")
    parser.add_argument("--keep", help="generate and build into this folder and keep it")
    args = parser.parse_args(argv)

    info: dict = {}
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="kg-bench-analysis-") as tmp:
        if args.store:
            store = args.store
        else:
            folder = Path(args.keep) if args.keep else Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            store, info = build_store(args.articles, folder, args.seed)
            print(
                f"built {info['articles']} articles, {info['quads']} quads, {info['claims']} claims "
                f"(generate {info['generate_s']:.1f} s, build {info['build_s']:.1f} s) into {store}",
                file=sys.stderr,
            )
        runs = []
        for i in range(args.runs):
            times, sizes = run_once(store)
            runs.append(times)
            total = sum(t[0] for t in times.values())
            print(f"run {i + 1}: " + ", ".join(f"{p} {times[p][0]:.2f} s" for p in PHASES)
                  + f", total {total:.2f} s", file=sys.stderr)  # fmt: skip
    print(f"\ngraph: {sizes}; load average (1 min) before/after: {load_before:.1f}/{os.getloadavg()[0]:.1f}")
    print(f"\n| phase ({args.runs} runs, median (min-max)) | wall s | cpu s |")
    print("| --- | --- | --- |")
    for phase in PHASES:
        wall = [r[phase][0] for r in runs]
        cpu = [r[phase][1] for r in runs]
        print(f"| {phase} | {_summary(wall)} | {_summary(cpu)} |")
    totals = [sum(r[p][0] for p in PHASES) for r in runs]
    cpu_totals = [sum(r[p][1] for p in PHASES) for r in runs]
    print(f"| **total** | {_summary(totals)} | {_summary(cpu_totals)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
