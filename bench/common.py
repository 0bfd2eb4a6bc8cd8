"""What every benchmark shares: the machine, statistics, cached corpora and stores, BENCHMARKS.md."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(os.environ.get("KG_BENCH_DIR", "/tmp/kg-bench"))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402


def machine() -> str:
    """One line: CPU, cores, memory, Python and library versions."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal"))
        memory = f"{int(mem.split()[1]) / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        memory = "?"
    libs = ", ".join(f"{name} {version(name)}" for name in ("pyoxigraph", "rdflib", "networkx"))
    load = os.getloadavg()[0]
    return f"{cpu}, {os.cpu_count()} cores, {memory}; Python {platform.python_version()}, {libs}; load {load:.1f}"


def summary(values: list[float], digits: int = 2) -> str:
    """``median (min-max)`` of several runs."""
    if not values:
        return "n/a"
    fmt = f"{{:.{digits}f}}"
    med = fmt.format(statistics.median(values))
    if len(values) == 1:
        return med
    return f"{med} ({fmt.format(min(values))}-{fmt.format(max(values))})"


def corpus(articles: int, seed: int = 7) -> Path:
    """A generated corpus of ``articles`` articles, cached in ``$KG_BENCH_DIR``."""
    folder = BENCH_DIR / f"corpus-{articles}-{seed}"
    marker = folder / ".complete"
    if not marker.exists():
        generate(articles, folder, seed)
        marker.write_text("ok\n")
    return folder


def built_store_path(articles: int, seed: int = 7) -> Path:
    return BENCH_DIR / f"store-{articles}-{seed}"


def built_store(articles: int, seed: int = 7) -> Path:
    """The embedded store built from :func:`corpus`, cached; rebuilt when the code is newer."""
    store = built_store_path(articles, seed)
    stamp = store / "kg-store.json"
    newest = max(p.stat().st_mtime for p in (ROOT / "kg").rglob("*.py"))
    if not stamp.exists() or stamp.stat().st_mtime < newest:
        run_kg("build", "--seeds", str(corpus(articles, seed)), "--store", str(store), "--no-trig")
    return store


def run_kg(*args: str, code: Path | None = None) -> tuple[float, int]:
    """Run ``kg ARGS`` in a child process; return its wall time (s) and peak memory (bytes).

    ``code`` is another checkout of the project (e.g. ``git worktree add /tmp/before HEAD~1``) whose
    ``kg`` package runs instead of this one, to compare two versions in one run.
    """
    env = None
    if code is not None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(code), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    # -P: the working folder is not put first on sys.path, or `-m` would run this checkout's kg whatever `code` says
    child = subprocess.Popen([sys.executable, "-P", "-m", "kg.cli", *args], stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"kg {' '.join(args)} failed")
    return elapsed, usage.ru_maxrss * 1024


def store_quads(store: Path) -> int:
    return json.loads((store / "kg-store.json").read_text())["quads"]


def write_section(name: str, text: str, path: Path = ROOT / "BENCHMARKS.md") -> None:
    """Replace the block between ``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->`` in BENCHMARKS.md."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    doc = path.read_text(encoding="utf-8")
    block = f"{start}\n{text.strip()}\n{end}"
    if start in doc and end in doc:
        doc = doc[: doc.index(start)] + block + doc[doc.index(end) + len(end) :]
    else:
        doc = doc.rstrip() + "\n\n" + block + "\n"
    path.write_text(doc, encoding="utf-8")
