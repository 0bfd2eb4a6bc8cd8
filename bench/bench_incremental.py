"""A corpus that grows: ``kg add`` and ``kg remove`` on a built store, beside a full ``kg build`` in the same run.

    python bench/bench_incremental.py --articles 10000 --runs 3 [--write] [--code PATH]

The generated corpus of ``--articles`` articles is copied without 101 of them and built whole (the
full build the changes are compared with); then each run adds one article (``kg add``), removes it
(``kg remove``), and adds 100 articles and removes them again. Each step is a fresh ``kg`` process
timed from start to exit, as a person at a terminal sees it. ``--write`` puts the table into
BENCHMARKS.md. ``--code PATH`` runs the ``kg`` package of another checkout (a snapshot, so that edits
made meanwhile do not change the compiler under the store, which ``kg add`` refuses: E211).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from common import BENCH_DIR, corpus, machine, run_kg, store_quads, summary, write_section


def bench(articles: int, runs: int, code: Path | None = None) -> dict[str, list[float]]:
    source = corpus(articles)
    work = BENCH_DIR / f"incremental-{articles}"
    shutil.rmtree(work, ignore_errors=True)
    seeds, aside, store = work / "corpus", work / "new", work / "store"
    shutil.copytree(source, seeds, ignore=shutil.ignore_patterns(".complete"))
    aside.mkdir()
    names = sorted(p.stem for p in seeds.glob("*.yaml") if p.name != "registry.yaml")
    held = names[:: max(1, len(names) // 101)][:101]  # spread over the corpus
    for name in held:
        for suffix in (".yaml", ".txt"):
            shutil.move(seeds / f"{name}{suffix}", aside / f"{name}{suffix}")
    one, hundred = held[0], held[1:]
    batch = work / "batch"
    batch.mkdir()
    for name in hundred:
        for suffix in (".yaml", ".txt"):
            shutil.copy(aside / f"{name}{suffix}", batch / f"{name}{suffix}")
    times: dict[str, list[float]] = {k: [] for k in ("full build", "add 1", "remove 1", "add 100", "remove 100")}
    elapsed, _ = run_kg("build", "--seeds", str(seeds), "--store", str(store), "--no-trig", code=code)
    times["full build"].append(elapsed)
    print(f"full build: {elapsed:.1f} s, {store_quads(store)} quads", file=sys.stderr)
    for run in range(runs):
        for label, args in (
            ("add 1", ("add", str(aside / f"{one}.yaml"))),
            ("remove 1", ("remove", one)),
            ("add 100", ("add", str(batch))),
            ("remove 100", ("remove", *hundred)),
        ):
            elapsed, _ = run_kg(*args, "--store", str(store), code=code)
            times[label].append(elapsed)
            print(f"run {run + 1}: {label}: {elapsed:.2f} s", file=sys.stderr)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="Write the table into BENCHMARKS.md.")
    parser.add_argument("--code", type=Path, help="Run the kg package of this checkout.")
    options = parser.parse_args()
    lines = [
        f"`python bench/bench_incremental.py --articles {' '.join(map(str, options.articles))} --runs {options.runs}` "
        f"on {machine()}; seconds, median (min-max) of the runs, each a fresh `kg` process.",
        "",
        "| articles | full build | add 1 | remove 1 | add 100 | remove 100 |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in options.articles:
        t = bench(n, options.runs, options.code)
        lines.append(f"| {n:,} | " + " | ".join(summary(t[k], 1) for k in t) + " |")
    text = "\n".join(lines)
    print(text)
    if options.write:
        write_section("incremental", text)


if __name__ == "__main__":
    main()
