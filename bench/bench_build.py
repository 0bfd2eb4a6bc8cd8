"""Build throughput and peak memory: ``kg build`` of generated corpora into the embedded store.

    python bench/bench_build.py --articles 1000 10000 --runs 3 [--write]
    python bench/bench_build.py --articles 10000 --runs 3 --code before=/tmp/kg-before --code after=.
    python bench/bench_build.py --articles 1000 10000 --runs 1 --corpus benchmark one-operation

Each run is a fresh ``kg build`` process (its peak resident memory is measured by the kernel);
``--write`` puts the table into BENCHMARKS.md. ``--code LABEL=PATH`` (repeatable) runs the ``kg`` package
of another checkout, for example a ``git worktree`` of an earlier commit; the versions take turns within
each run so that a change in the machine's load touches them alike. ``--corpus one-operation`` builds
a corpus of the same size whose articles all report on one operation (``generate.py --same-operation``):
a few claim groups of thousands of claims, which must build at the same rate per article.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
from pathlib import Path

from common import BENCH_DIR, built_store_path, corpus, machine, run_kg, store_quads, summary, write_section
from generate import generate

CORPORA = ("benchmark", "one-operation")
"""The generated corpora: the benchmark corpus, and the same number of reports about one operation."""


def one_operation_corpus(articles: int, seed: int = 7) -> Path:
    """``articles`` generated reports that all cover one operation, cached in ``$KG_BENCH_DIR``."""
    folder = BENCH_DIR / f"corpus-{articles}-{seed}-one-operation"
    marker = folder / ".complete"
    if not marker.exists():
        generate(articles, folder, seed, same_operation=True)
        marker.write_text("ok\n")
    return folder


def bench(
    articles: int,
    runs: int,
    keep: bool = False,
    codes: dict[str, Path | None] | None = None,
    kind: str = "benchmark",
) -> list[dict]:
    """One result per version of the code (``codes``: label -> checkout, None for this one)."""
    codes = codes or {"": None}
    folder = one_operation_corpus(articles) if kind == "one-operation" else corpus(articles)
    store = BENCH_DIR / f"bench-build-{articles}-{kind}"
    times: dict[str, list[float]] = {label: [] for label in codes}
    cpu: dict[str, list[float]] = {label: [] for label in codes}
    peaks: dict[str, list[float]] = {label: [] for label in codes}
    quads: dict[str, int] = {}
    for _ in range(runs):
        for label, code in codes.items():
            shutil.rmtree(store, ignore_errors=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            elapsed, peak = run_kg("build", "--seeds", str(folder), "--store", str(store), "--no-trig", code=code)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            # CPU seconds of the build process: unlike wall time, they hold on a machine others load too
            cpu[label].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            times[label].append(elapsed)
            peaks[label].append(peak / 2**20)
            quads[label] = store_quads(store)
    if keep and kind == "benchmark":  # where the query and export benchmarks look for it (common.built_store)
        shutil.rmtree(built_store_path(articles), ignore_errors=True)
        store.rename(built_store_path(articles))
    shutil.rmtree(store, ignore_errors=True)
    return [
        {
            "code": label,
            "corpus": kind,
            "articles": articles,
            "quads": quads[label],
            "seconds": times[label],
            "articles_per_s": [articles / t for t in times[label]],
            "cpu_seconds": cpu[label],
            "articles_per_cpu_s": [articles / t for t in cpu[label] if t > 0],
            "quads_per_s": [quads[label] / t for t in times[label]],
            "peak_mb": peaks[label],
        }
        for label in codes
    ]


def parse_code(value: str) -> tuple[str, Path | None]:
    """``LABEL=PATH`` -> (label, checkout); ``.`` is this checkout."""
    label, sep, path = value.partition("=")
    if not sep or not label:
        raise argparse.ArgumentTypeError(f"--code wants LABEL=PATH, got {value!r}")
    return label, None if path in ("", ".") else Path(path).resolve()


def table(results: list[dict], runs: int) -> str:
    versions = any(r["code"] for r in results)
    corpora = any(r.get("corpus", "benchmark") != "benchmark" for r in results)
    lines = [
        ("| code " if versions else "")
        + ("| corpus " if corpora else "")
        + "| articles | quads | build time, s | articles/s | quads/s | CPU time, s | articles/CPU-s | peak memory, MB |",
        ("| --- " if versions else "")
        + ("| --- " if corpora else "")
        + "| ---: | ---: | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        lines.append(
            (f"| {r['code']} " if versions else "")
            + (f"| {r.get('corpus', 'benchmark')} " if corpora else "")
            + f"| {r['articles']:,} | {r['quads']:,} | {summary(r['seconds'], 1)} | {summary(r['articles_per_s'], 0)} "
            f"| {summary(r['quads_per_s'], 0)} | {summary(r['cpu_seconds'], 1)} | {summary(r['articles_per_cpu_s'], 0)} "
            f"| {summary(r['peak_mb'], 0)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="write the results into BENCHMARKS.md")
    parser.add_argument("--section", default="build", help="the BENCHMARKS.md block to write (default: build)")
    parser.add_argument("--keep", action="store_true", help="keep the last store for the query and export benchmarks")
    parser.add_argument(
        "--corpus",
        nargs="+",
        choices=CORPORA,
        default=["benchmark"],
        help="which generated corpora to build: the benchmark corpus, and/or as many reports about one operation",
    )
    parser.add_argument(
        "--code",
        type=parse_code,
        action="append",
        metavar="LABEL=PATH",
        help="run the kg package of another checkout (repeatable; '.' is this one); versions alternate within a run",
    )
    args = parser.parse_args(argv)
    codes = dict(args.code) if args.code else None
    results = [r for n in args.articles for kind in args.corpus for r in bench(n, args.runs, args.keep, codes, kind)]
    shown = "".join(f" --code {label}={path or '.'}" for label, path in (codes or {}).items())
    if args.corpus != ["benchmark"]:
        shown += f" --corpus {' '.join(args.corpus)}"
    text = (
        f"### Build\n\n`python bench/bench_build.py --articles {' '.join(map(str, args.articles))} --runs {args.runs}{shown}` "
        f"(median (min-max) of {args.runs} runs; machine: {machine()})\n\n{table(results, args.runs)}\n"
    )
    print(text)
    if args.write:
        write_section(args.section, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
