"""Named queries' first pages on two or more stores, alternating, in one process: an A/B of two builds.

    python bench/bench_pages.py --store OLD_STORE --store NEW_STORE [--runs 7] [--name actors ...]

Each run asks every named query's first page of every store in turn (``kg.query(name=..., store=...)``,
the store opened each time, as a ``kg query`` does), so that a load that comes and goes weighs on
every store alike; the table gives the median milliseconds per store. Build the old store with the
old code (``git worktree add /tmp/kg-prev COMMIT`` and its ``kg build``) from the same corpus.
"""

from __future__ import annotations

import argparse
import statistics
import time

from common import machine

import kg
from kg.compile import LISTINGS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", action="append", required=True, help="a store; give two or more")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--name", action="append", help="named queries (default: the listings)")
    args = parser.parse_args()
    names = args.name or list(LISTINGS)
    times: dict[tuple[str, str], list[float]] = {(n, s): [] for n in names for s in args.store}
    for _ in range(args.runs):
        for name in names:
            for store in args.store:
                started = time.perf_counter()
                kg.query(name=name, store=store)
                times[(name, store)].append((time.perf_counter() - started) * 1000)
    print(f"{machine()}; {args.runs} runs, median ms")
    print("| query | " + " | ".join(args.store) + " |")
    print("| --- |" + " ---: |" * len(args.store))
    for name in names:
        print(f"| `{name}` | " + " | ".join(f"{statistics.median(times[(name, s)]):.0f}" for s in args.store) + " |")


if __name__ == "__main__":
    main()
