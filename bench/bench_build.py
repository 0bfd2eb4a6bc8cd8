"""Build throughput and peak memory: ``kg build`` of generated corpora into the embedded store.

    python bench/bench_build.py --articles 1000 10000 --runs 3 [--write]

Each run is a fresh ``kg build`` process (its peak resident memory is measured by the kernel);
``--write`` puts the table into BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys

from common import BENCH_DIR, built_store_path, corpus, machine, run_kg, store_quads, summary, write_section


def bench(articles: int, runs: int, keep: bool = False) -> dict:
    folder = corpus(articles)
    store = BENCH_DIR / f"bench-build-{articles}"
    times, peaks = [], []
    for _ in range(runs):
        shutil.rmtree(store, ignore_errors=True)
        elapsed, peak = run_kg("build", "--seeds", str(folder), "--store", str(store), "--no-trig")
        times.append(elapsed)
        peaks.append(peak / 2**20)
    quads = store_quads(store)
    if keep:  # where the query and export benchmarks look for it (common.built_store)
        shutil.rmtree(built_store_path(articles), ignore_errors=True)
        store.rename(built_store_path(articles))
    shutil.rmtree(store, ignore_errors=True)
    return {
        "articles": articles,
        "quads": quads,
        "seconds": times,
        "articles_per_s": [articles / t for t in times],
        "quads_per_s": [quads / t for t in times],
        "peak_mb": peaks,
    }


def table(results: list[dict], runs: int) -> str:
    lines = [
        "| articles | quads | build time, s | articles/s | quads/s | peak memory, MB |",
        "| ---: | ---: | --- | --- | --- | --- |",
    ]
    for r in results:
        lines.append(
            f"| {r['articles']:,} | {r['quads']:,} | {summary(r['seconds'], 1)} | {summary(r['articles_per_s'], 0)} "
            f"| {summary(r['quads_per_s'], 0)} | {summary(r['peak_mb'], 0)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="write the results into BENCHMARKS.md")
    parser.add_argument("--section", default="build", help="the BENCHMARKS.md block to write (default: build)")
    parser.add_argument("--keep", action="store_true", help="keep the last store for the query and export benchmarks")
    args = parser.parse_args(argv)
    results = [bench(n, args.runs, args.keep) for n in args.articles]
    text = (
        f"### Build\n\n`python bench/bench_build.py --articles {' '.join(map(str, args.articles))} --runs {args.runs}` "
        f"(median (min-max) of {args.runs} runs; machine: {machine()})\n\n{table(results, args.runs)}\n"
    )
    print(text)
    if args.write:
        write_section(args.section, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
