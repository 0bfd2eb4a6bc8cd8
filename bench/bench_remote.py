"""Loading and querying the generated corpora on SPARQL servers: Oxigraph's server and Virtuoso.

    python bench/bench_remote.py --articles 10000 --runs 3 [--servers oxigraph virtuoso] [--write]

For each corpus and server, two loads, each into a fresh database in a temporary folder with the
server on a free loopback port (stopped at the end): ``kg build --store URL`` (kg's own writer) and
the server's bulk loader on ``kg export graph --format nquads`` of the embedded store built from the
same corpus (``oxigraph load`` with the server stopped; Virtuoso's ``ld_dir``, ``rdf_loader_run``
and ``checkpoint`` through ``isql-vt``). Each load is timed once and its quad count (kg's graphs)
checked against the embedded store's; a ``kg build`` that fails is shown with its error. Then every
named query's first page (100 rows, as ``kg query --name`` gives them) runs ``--runs`` times through
``kg.query`` on the bulk-loaded server, and on the embedded store in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from common import built_store, corpus, machine, run_kg, store_quads, summary, write_section

import kg
from kg.serve.engine import find_oxigraph, free_port, stop_process

SERVERS = ("oxigraph", "virtuoso")
KG_GRAPHS = "https://kg.example.org/graph/"

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = ., {dir}, {load}
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
ServerThreads = 10
CheckpointInterval = 60

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxClientConnections = 10

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 0
"""
"""A fresh database with the buffers Virtuoso's own ``virtuoso.ini`` advises for 2 GB of memory.

No time limit on queries: past one, Virtuoso answers with part of the result (an "anytime" query);
kg's own timeout (300 s) bounds a query instead.
"""


def wait_until_answers(url: str, process: subprocess.Popen, seconds: float = 120.0) -> None:
    """Poll ``url`` until it answers 200; fail if the server exits or takes longer than ``seconds``."""
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """``oxigraph serve`` on ``location``; yields kg's store URL, ``http://127.0.0.1:PORT/``."""
    port = free_port()
    command = [find_oxigraph(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_answers(url + "query?query=ASK%7B%7D", process)
        yield url
    finally:
        stop_process(process)


@contextmanager
def virtuoso_server(folder: Path, load: Path) -> Iterator[tuple[str, int]]:
    """Debian's ``virtuoso-t`` on a new database in ``folder`` that may read files in ``load``.

    Yields kg's store URL as the administrator of a fresh database (dba/dba) and the SQL port.
    """
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise RuntimeError("virtuoso-t is not installed (`make virtuoso`)")
    folder.mkdir(parents=True)
    port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, load=load, sql_port=sql_port, http_port=port), encoding="utf-8")
    with (folder / "stdout.log").open("wb") as log:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
        try:
            wait_until_answers(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", process)
            yield f"http://dba:dba@127.0.0.1:{port}/#server=virtuoso", sql_port
        finally:
            stop_process(process, seconds=120)


def isql(sql_port: int, statements: str) -> None:
    """Run SQL statements in Virtuoso as dba with Debian's ``isql-vt``; fail on an SQL error."""
    binary = shutil.which("isql-vt") or shutil.which("isql")
    if binary is None:
        raise RuntimeError("isql-vt is not installed (Debian's virtuoso-opensource-7-bin)")
    done = subprocess.run(
        [binary, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={statements}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql-vt failed: {(done.stdout + done.stderr).strip()[-500:]}")


def count(url: str) -> int:
    """Quads in kg's graphs on the server (its own graphs and kg's store record left out)."""
    sparql = f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{KG_GRAPHS}")) }}'
    return int(kg.query(sparql, store=url).rows[0][0])


def pages(store: str, runs: int, slow: float) -> dict[str, dict]:
    """Every named query's first page: a run to warm caches, then ``runs`` timed runs (seconds) and the rows.

    A query whose first run took over ``slow`` seconds is not run again: that run is its one time.
    One that a server does not answer within kg's timeout is recorded with the error's code.
    """
    results = {}
    with kg.open_store(store) as opened:
        for name in kg.named_queries():
            started = time.perf_counter()
            try:
                rows = len(kg.query(name=name, store=opened))
            except kg.KGError as error:
                results[name] = {"times": [], "rows": None, "error": error.code}
                continue
            first = time.perf_counter() - started
            times = [first] if first > slow else []
            for _ in range(0 if times else runs):
                started = time.perf_counter()
                rows = len(kg.query(name=name, store=opened))
                times.append(time.perf_counter() - started)
            results[name] = {"times": times, "rows": rows, "once": first > slow}
    return results


def cell(result: dict, rows: int | None) -> str:
    """A table cell: milliseconds, marked when run once or when the rows differ from the embedded store's."""
    if "error" in result:
        return f"no answer ({result['error']})"
    text = summary([t * 1000 for t in result["times"]], 0) + (" (1 run)" if result["once"] else "")
    return text if rows is None or result["rows"] == rows else f"{text}, {result['rows']} rows"


def timed(command: list[str]) -> float:
    """Seconds ``command`` took; its output is kept back unless it fails."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()[-500:]}")
    return time.perf_counter() - started


def build_into(seeds: Path, url: str) -> dict:
    """``kg build --store URL`` in a child process: its seconds, and its one-line error if it failed."""
    started = time.perf_counter()
    command = [sys.executable, "-P", "-m", "kg.cli", "build", "--seeds", str(seeds), "--store", url, "--no-trig"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        error = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"seconds": elapsed, "error": error.split(" (")[0][:160]}
    return {"seconds": elapsed}


def bench_server(server: str, folder: Path, seeds: Path, nquads: Path, runs: int, slow: float) -> dict:
    """Both loads into fresh databases of ``server``, and the named queries on the bulk-loaded one."""
    result: dict = {}
    folder.mkdir(parents=True)
    if server == "oxigraph":
        with oxigraph_server(folder / "built") as url:
            result["build"] = build_into(seeds, url)
            result["build"]["quads"] = None if "error" in result["build"] else count(url)
        shutil.rmtree(folder / "built")
        seconds = timed([find_oxigraph(), "load", "--location", str(folder / "bulk"), "--file", str(nquads)])
        with oxigraph_server(folder / "bulk") as url:
            result["bulk"] = {"seconds": seconds, "quads": count(url)}
            result["queries"] = pages(url, runs, slow)
    else:
        with virtuoso_server(folder / "built", nquads.parent) as (url, _):
            result["build"] = build_into(seeds, url)
            result["build"]["quads"] = None if "error" in result["build"] else count(url)
        shutil.rmtree(folder / "built")
        with virtuoso_server(folder / "bulk", nquads.parent) as (url, sql_port):
            load = f"ld_dir('{nquads.parent}', '{nquads.name}', '{KG_GRAPHS}'); rdf_loader_run(); checkpoint;"
            started = time.perf_counter()
            isql(sql_port, load)
            result["bulk"] = {"seconds": time.perf_counter() - started, "quads": count(url)}
            result["queries"] = pages(url, runs, slow)
    return result


def version(server: str) -> str:
    if server == "oxigraph":
        out = subprocess.run([find_oxigraph(), "--version"], capture_output=True, text=True, check=False).stdout
        return "Oxigraph server " + out.split()[-1] if out.strip() else "Oxigraph server"
    out = subprocess.run(["virtuoso-t", "-?"], capture_output=True, text=True, check=False)
    words = (out.stdout + out.stderr).split()
    found = next((w for i, w in enumerate(words) if i and words[i - 1] == "Version"), "")
    return f"Virtuoso {found.split('-')[0].rsplit('.', 1)[0]}".strip()


LOADS = {
    "oxigraph": "`oxigraph load --location DIR --file kg.nq`, server stopped",
    "virtuoso": "`ld_dir` + `rdf_loader_run()` + `checkpoint` in `isql-vt`",
}


def section(articles: int, embedded: dict, quads: int, export: float, size: int, results: dict) -> list[str]:
    lines = [
        f"\n**{articles:,} articles** ({quads:,} quads in the embedded store; `kg export graph --format nquads`: "
        f"{size / 2**20:.0f} MB in {export:.1f} s)\n",
        "| server | load | time, s | quads/s | quads in the server |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for server, r in results.items():
        for key, how in (("build", "`kg build --store URL`"), ("bulk", LOADS[server])):
            load = r[key]
            if "error" in load:
                lines.append(f"| {r['version']} | {how} | failed after {load['seconds']:.0f} | | {load['error']} |")
            else:
                rate, got = f"{quads / load['seconds']:,.0f}", load["quads"]
                check = "the same" if got == quads else f"{got:,}: differs by {got - quads:+,}"
                lines.append(f"| {r['version']} | {how} | {load['seconds']:.1f} | {rate} | {check} |")
    lines += [
        "",
        "| query | rows | embedded, ms | " + " | ".join(f"{r['version']}, ms" for r in results.values()) + " |",
        "| --- | ---: | --- | " + " | ".join("---" for _ in results) + " |",
    ]
    for name in embedded:
        ours = embedded[name]
        cells = [cell(r["queries"][name], ours["rows"]) for r in results.values()]
        rows = "?" if ours["rows"] is None else f"{ours['rows']:,}"
        lines.append(f"| `{name}` | {rows} | {cell(ours, None)} | " + " | ".join(cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10000])
    parser.add_argument("--runs", type=int, default=3, help="runs of each named query")
    parser.add_argument("--slow", type=float, default=30, help="seconds: a query's first run over this is its only run")
    parser.add_argument("--servers", nargs="+", choices=SERVERS, default=list(SERVERS))
    parser.add_argument("--write", action="store_true", help="write the results into BENCHMARKS.md")
    parser.add_argument("--section", default="remote", help="the BENCHMARKS.md block to write (default: remote)")
    args = parser.parse_args(argv)
    parts = [
        f"### Remote stores\n\n`python bench/bench_remote.py --articles {' '.join(map(str, args.articles))} "
        f"--runs {args.runs} --slow {args.slow:g} --servers {' '.join(args.servers)}` (each load once, into a fresh "
        f"database; queries: the first page of each named query, as `kg query --name` gives it, on the bulk-loaded server, milliseconds, median (min-max) of {args.runs} runs after one to warm the caches, "
        f"or that one run if it took over {args.slow:g} s; machine: {machine()})\n"
    ]
    with tempfile.TemporaryDirectory(prefix="kg-bench-remote-") as temporary:
        tmp = Path(temporary)
        os.environ["KG_CACHE_DIR"] = str(tmp / "cache")  # kg's article cache for remote stores, not ~/.cache
        for articles in args.articles:
            seeds, store = corpus(articles), built_store(articles)
            nquads = tmp / f"load-{articles}" / "kg.nq"
            nquads.parent.mkdir()
            export, _ = run_kg("export", "graph", "--format", "nquads", "--output", str(nquads), "--store", str(store))
            embedded = pages(str(store), args.runs, args.slow)
            results = {}
            for server in args.servers:
                results[server] = bench_server(
                    server, tmp / f"{server}-{articles}", seeds, nquads, args.runs, args.slow
                )
                results[server]["version"] = version(server)
                shutil.rmtree(tmp / f"{server}-{articles}", ignore_errors=True)
            parts += section(articles, embedded, store_quads(store), export, nquads.stat().st_size, results)
            nquads.unlink()
    text = "\n".join(parts) + "\n"
    print(text)
    if args.write:
        write_section(args.section, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
