"""Quality on a gold folder for several versions of the code, scored by this checkout's scorer.

    python bench/bench_gold.py --gold ../shared/devset --code before=/tmp/kg-old --code after=.

Each version (``--code LABEL=PATH``: another checkout, for example ``git worktree add /tmp/kg-old REV``;
``.`` is this one) annotates ``GOLD/corpus.jsonl`` and builds it with its own ``kg annotate`` and
``kg build``, in child processes; this checkout's :func:`kg.annotate.score_gold` then scores every
version alike, so versions from before ``kg eval --gold`` existed can be compared too. Prints the
overall rows (actors, quantities, their speakers, conflicting and corroborated) per version.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench_build import parse_code
from common import run_kg

from kg.annotate.gold import read_gold, score_gold
from kg.corpus import REGISTRY_FILE, read_annotations, read_registry
from kg.graphdata import read_graph_data

ROOT = Path(__file__).resolve().parent.parent


def score(gold_dir: Path, code: Path | None) -> dict[str, str]:
    """Annotate and build ``gold_dir`` with the code at ``code``; score it here."""
    gold = read_gold(gold_dir)
    with tempfile.TemporaryDirectory(prefix="kg-bench-gold-") as tmp:
        out, store = Path(tmp) / "corpus", Path(tmp) / "store"
        registry = ROOT / "seeds" / REGISTRY_FILE  # the same base registry for every version
        run_kg("annotate", str(gold.folder / "corpus.jsonl"), "--out", str(out), "--registry", str(registry), code=code)
        run_kg("build", "--seeds", str(out), "--store", str(store), "--no-trig", code=code)
        machine = read_registry(out / REGISTRY_FILE)
        proposed = {
            aid: read_annotations(out / f"{aid}.yaml", machine)
            for aid in gold.articles
            if (out / f"{aid}.yaml").is_file()
        }
        data = read_graph_data(str(store), ("status",))
    statuses = {c.iri: (c.status, c.group) for c in data.claims if c.type == "Claim"}
    report = score_gold(gold, proposed, machine, statuses)
    rows = {}
    for row in report.rows():
        if row.get("article") == "all":
            rows[row["layer"]] = f"{float(row['f1']):.3f}"
    for row in report.status_rows():
        rows[row["status"]] = f"{float(row['precision']):.3f} / {float(row['recall']):.3f}"
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, required=True, help="a folder laid out like ../shared/devset")
    parser.add_argument("--code", type=parse_code, action="append", metavar="LABEL=PATH", help="a version (repeatable)")
    args = parser.parse_args(argv)
    codes = dict(args.code or [("this", None)])
    results = {label: score(args.gold, code) for label, code in codes.items()}
    shown = ["actors", "quantities", "quantity speakers", "conflicting", "corroborated"]
    print("| code | actors F1 | quantities F1 | quantity speakers | conflicting P / R | corroborated P / R |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, rows in results.items():
        print(f"| {label} | " + " | ".join(rows.get(name, "n/a") for name in shown) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
