"""Load benchmark of ``kg serve``: concurrent clients send the named queries, and we count and time the answers.

Each run starts ``kg serve`` (the real command, on a free loopback port) over a store built from
``seeds/``, warms it with one request per named query, then lets ``--clients`` threads (each with its
own keep-alive connection) send the named queries round-robin for ``--seconds``. An answer counts as
an error unless it is HTTP 200 with the number of rows the embedded store gives for that query.
Only 127.0.0.1 is ever contacted; every loop is bounded in time; the server is always stopped.

    .venv/bin/python bench/bench_serve.py                       # 50 clients, 30 s, 3 runs
    .venv/bin/python bench/bench_serve.py --clients 4 --seconds 2 --runs 1 --json out.json
    .venv/bin/python bench/bench_serve.py --queries DIR   # send DIR/*.rq instead of kg's named queries
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

import kg
from kg.serve.background import background

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def one_run(url: str, queries: dict[str, str], expected: dict[str, int], clients: int, seconds: float) -> dict:
    names = sorted(queries)
    latencies: dict[str, list[float]] = {name: [] for name in names}
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(number: int) -> None:
        with httpx.Client(timeout=120.0, headers={"Accept": "application/sparql-results+json"}) as http:
            start.wait()
            i = number
            while time.monotonic() < stop_at[0]:
                name = names[i % len(names)]
                i += 1
                began = time.perf_counter()
                try:
                    answer = http.post(url + "query", data={"query": queries[name]})
                    elapsed = time.perf_counter() - began
                    problem = None
                    if answer.status_code != 200:
                        problem = f"{name}: HTTP {answer.status_code}: {answer.text.strip()[:120]}"
                    elif len(answer.json()["results"]["bindings"]) != expected[name]:
                        problem = f"{name}: {len(answer.json()['results']['bindings'])} rows, not {expected[name]}"
                except (httpx.HTTPError, ValueError, KeyError) as exc:
                    elapsed, problem = time.perf_counter() - began, f"{name}: {type(exc).__name__}: {exc}"
                with lock:
                    if problem:
                        errors.append(problem)
                    else:
                        latencies[name].append(elapsed)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    stop_at[0] = began + seconds
    start.wait()
    for thread in threads:
        thread.join(seconds + 180)
    wall = time.monotonic() - began
    every = [x for values in latencies.values() for x in values]
    return {
        "requests": len(every) + len(errors),
        "errors": len(errors),
        "error_samples": errors[:5],
        "seconds": round(wall, 2),
        "throughput": round(len(every) / wall, 2),
        "p50_ms": round(percentile(every, 50) * 1000, 1),
        "p95_ms": round(percentile(every, 95) * 1000, 1),
        "max_ms": round(max(every, default=float("nan")) * 1000, 1),
        "per_query_p50_ms": {n: round(percentile(v, 50) * 1000, 1) for n, v in latencies.items()},
        "per_query_answers": {n: len(v) for n, v in latencies.items()},
    }


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):g} ({min(values):g}-{max(values):g})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--store", help="a built store (default: build seeds/ into a temporary folder)")
    parser.add_argument("--timeout", default="30", help="kg serve --timeout (default 30, kg serve's own)")
    parser.add_argument("--queries", type=Path, help="a folder of NAME.rq to send instead of kg's named queries")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        store = options.store
        if store is None:
            store = str(Path(tmp) / "store")
            kg.build(ROOT / "seeds", store=store, out=None)
        queries = {name: q.sparql for name, q in kg.named_queries().items()}
        if options.queries is not None:
            queries = {p.stem: p.read_text(encoding="utf-8") for p in sorted(options.queries.glob("*.rq"))}
        expected = {name: len(kg.query(sparql, store=store).rows) for name, sparql in queries.items()}
        runs = []
        for number in range(1, options.runs + 1):
            with background(store, "--timeout", options.timeout) as running:
                for sparql in queries.values():  # warm up: one of each
                    httpx.post(running.query_url, data={"query": sparql}, timeout=120.0)
                result = one_run(running.url, queries, expected, options.clients, options.seconds)
            runs.append(result)
            print(
                f"run {number}: {result['requests']} requests, {result['errors']} errors, "
                f"{result['throughput']} answers/s, p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
                f"max {result['max_ms']} ms",
                flush=True,
            )
            for sample in result["error_samples"]:
                print(f"  error: {sample}", flush=True)

    summary = {
        "clients": options.clients,
        "seconds": options.seconds,
        "runs": runs,
        "median": {
            key: statistics.median(r[key] for r in runs)
            for key in ("throughput", "p50_ms", "p95_ms", "max_ms", "requests", "errors")
        },
    }
    print(
        f"\n{options.clients} clients x {options.seconds:g} s, {len(runs)} runs (median (min-max)): "
        f"errors {spread([r['errors'] for r in runs])}; throughput {spread([r['throughput'] for r in runs])} answers/s; "
        f"p50 {spread([r['p50_ms'] for r in runs])} ms; p95 {spread([r['p95_ms'] for r in runs])} ms"
    )
    per_query = {n: statistics.median(r["per_query_p50_ms"][n] for r in runs) for n in queries}
    print("per named query, median of the runs' p50 (ms): " + ", ".join(f"{n} {v:g}" for n, v in per_query.items()))
    if options.json:
        options.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 1 if any(r["errors"] for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
