"""Export throughput: the graph as TriG and Turtle, and the claims as CSV.

python bench/bench_export.py --articles 10000 --runs 3 [--write]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from common import built_store, machine, store_quads, summary, write_section

import kg


def bench(articles: int, runs: int) -> list[str]:
    store = built_store(articles)
    quads = store_quads(store)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for what, fmt in (("graph", "trig"), ("graph", "turtle"), ("claims", "csv")):
            times, size, count = [], 0, quads
            for _ in range(runs):
                out = Path(tmp) / f"out.{fmt}"
                started = time.perf_counter()
                if what == "graph":
                    kg.export_graph(store, fmt, out)
                else:
                    kg.export_claims(store, fmt, out)
                times.append(time.perf_counter() - started)
                size = out.stat().st_size
                if what == "claims":
                    count = sum(1 for _ in out.open(encoding="utf-8")) - 1
            unit = "quads/s" if what == "graph" else "claims/s"
            rows.append(
                f"| {articles:,} | {what} {fmt} | {summary(times, 2)} | {summary([count / t for t in times], 0)} {unit} "
                f"| {summary([size / 2**20 / t for t in times], 1)} | {size / 2**20:.0f} |"
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="write the results into BENCHMARKS.md")
    args = parser.parse_args(argv)
    lines = [
        f"### Export\n\n`python bench/bench_export.py --articles {' '.join(map(str, args.articles))} --runs {args.runs}` "
        f"(median (min-max); machine: {machine()})\n",
        "| articles | export | time, s | throughput | MB/s | size, MB |",
        "| ---: | --- | --- | --- | --- | ---: |",
    ]
    for articles in args.articles:
        lines += bench(articles, args.runs)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        write_section("export", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
