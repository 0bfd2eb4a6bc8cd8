"""Named-query latency on the embedded store, and on rdflib's in-memory store as the baseline.

    python bench/bench_query.py --articles 10000 --runs 5 [--baseline-timeout 120] [--write]

For each generated corpus, every named query (``kg query --name``: its first page of 100 rows) runs
``--runs`` times through ``kg.query`` on the embedded Oxigraph store (results converted to rdflib
terms, as a user gets them), and so does the whole listing (``--all``, ``limit=None``). The
baseline loads the same graph into an ``rdflib.Dataset`` (default graph = union) in a child
process and runs the same first pages there, each stopped after ``--baseline-timeout`` seconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

from common import ROOT, built_store, machine, store_quads, summary, write_section

import kg

BASELINE = r"""
import json, signal, sys, time
from io import BytesIO
from rdflib import Dataset
import kg
from kg.namespace import PREFIXES

store, timeout, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
buffer = BytesIO()
with kg.open_store(store) as opened:
    opened.dump(buffer, "nquads")
started = time.perf_counter()
ds = Dataset(default_union=True)
ds.parse(data=buffer.getvalue().decode("utf-8"), format="nquads")
print(json.dumps({"load": time.perf_counter() - started}), flush=True)
header = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

class Timeout(Exception):
    pass

def alarm(*_):
    raise Timeout

signal.signal(signal.SIGALRM, alarm)
for name, q in kg.named_queries().items():
    times = []
    for _ in range(runs):
        signal.alarm(timeout)
        started = time.perf_counter()
        try:
            rows = len(list(ds.query(header + q.sparql)))
        except Timeout:
            times = None
            break
        finally:
            signal.alarm(0)
        times.append(time.perf_counter() - started)
    print(json.dumps({"query": name, "times": times, "rows": None if times is None else rows}), flush=True)
"""


def embedded(store, runs: int, all_runs: int) -> dict[str, dict]:
    results = {}
    with kg.open_store(store) as opened:
        for name in kg.named_queries():
            kg.query(name=name, store=opened)  # warm the caches once
            times, every = [], []
            for _ in range(runs):
                started = time.perf_counter()
                rows = len(kg.query(name=name, store=opened))
                times.append(time.perf_counter() - started)
            for _ in range(all_runs):
                started = time.perf_counter()
                total = len(kg.query(name=name, store=opened, limit=None))
                every.append(time.perf_counter() - started)
            results[name] = {"times": times, "rows": rows, "all": every, "total": total}
    return results


def baseline(store, runs: int, timeout: int) -> tuple[float | None, dict[str, dict]]:
    process = subprocess.run(
        [sys.executable, "-c", BASELINE, str(store), str(timeout), str(runs)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    load, results = None, {}
    for line in process.stdout.splitlines():
        record = json.loads(line)
        if "load" in record:
            load = record["load"]
        else:
            results[record["query"]] = record
    return load, results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--all-runs", type=int, default=3, help="runs of each whole listing (--all)")
    parser.add_argument("--baseline-runs", type=int, default=3)
    parser.add_argument("--baseline-timeout", type=int, default=120, help="seconds per rdflib query")
    parser.add_argument("--no-baseline", action="store_true", help="skip rdflib (e.g. for 100,000 articles)")
    parser.add_argument("--write", action="store_true", help="write the results into BENCHMARKS.md")
    parser.add_argument("--section", default="query", help="the BENCHMARKS.md block to write (default: query)")
    args = parser.parse_args(argv)
    parts = [
        f"### Named queries\n\n`python bench/bench_query.py --articles {' '.join(map(str, args.articles))} "
        f"--runs {args.runs} --all-runs {args.all_runs}"
        + (
            " --no-baseline"
            if args.no_baseline
            else f" --baseline-runs {args.baseline_runs} --baseline-timeout {args.baseline_timeout}"
        )
        + "` (milliseconds, median (min-max); a page is the first 100 rows, as `kg query --name` gives them; "
        + (
            ""
            if args.no_baseline
            else f"rdflib: {args.baseline_runs} runs, each query stopped after {args.baseline_timeout} s; "
        )
        + f"machine: {machine()})\n"
    ]
    for articles in args.articles:
        store = built_store(articles)
        ours = embedded(store, args.runs, args.all_runs)
        load, theirs = (None, {}) if args.no_baseline else baseline(store, args.baseline_runs, args.baseline_timeout)
        parts.append(f"\n**{articles:,} articles** ({store_quads(store):,} quads)"
                     + (f"; rdflib needed {load:.0f} s to load the graph" if load else "") + "\n")  # fmt: skip
        parts.append(
            "| query | rows | kg (Oxigraph), ms | rdflib in memory, ms | speed-up | all rows (`--all`) | kg, all rows, ms |"
        )
        parts.append("| --- | ---: | --- | --- | ---: | ---: | --- |")
        for name, result in ours.items():
            ms = [t * 1000 for t in result["times"]]
            base = theirs.get(name)
            if args.no_baseline:
                other, ratio = "not run", ""
            elif base is None or base["times"] is None:
                other, ratio = (
                    f"> {args.baseline_timeout * 1000:,}",
                    f"> {args.baseline_timeout * 1000 / statistics.median(ms):.0f}x",
                )
            else:
                bms = [t * 1000 for t in base["times"]]
                other, ratio = summary(bms, 0), f"{statistics.median(bms) / statistics.median(ms):.0f}x"
            every = summary([t * 1000 for t in result["all"]], 0)
            parts.append(
                f"| `{name}` | {result['rows']:,} | {summary(ms, 0)} | {other} | {ratio} | {result['total']:,} | {every} |"
            )
    text = "\n".join(parts) + "\n"
    print(text)
    if args.write:
        write_section(args.section, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
