"""``kg annotate`` and ``kg eval``: thin commands over :mod:`kg.annotate`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

__all__ = ["annotate", "eval"]

REPORT_FORMATS = ("table", "csv", "json")  # what kg.annotate.eval.format_report writes


def annotate(
    paths: Annotated[list[Path], typer.Argument(help="Article files (.txt, .html, .htm, .jsonl) and folders.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Corpus folder to write (may be the input folder).")],
    registry: Annotated[
        Optional[Path],
        typer.Option(
            "--registry",
            "-r",
            help="Registry to link names to (default: OUT/registry.yaml, else seeds/registry.yaml, else the one kg ships).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing annotation files.")] = False,
    processes: Annotated[
        int, typer.Option("--processes", "-p", help="Worker processes (one spaCy model each); 0: one per core.")
    ] = 1,
    config: Annotated[Optional[Path], typer.Option("--config", help="Pipeline configuration (TOML or YAML).")] = None,
    scheduler: Annotated[
        Optional[str],
        typer.Option(
            "--scheduler",
            help="Run on a Dask cluster: a scheduler address (tcp://HOST:8786), or local:N for N worker processes here.",
        ),
    ] = None,
    progress: Annotated[
        Optional[bool],
        typer.Option(
            "--progress/--no-progress", help="Show a progress bar on stderr (default: when it is a terminal)."
        ),
    ] = None,
) -> None:
    """Propose annotations for new articles and write them as a corpus folder that `kg build --seeds` reads.

    Each article becomes OUT/NAME.txt and OUT/NAME.yaml (every item marked method: machine, with the
    component that proposed it and a confidence); new entities go to OUT/registry.yaml marked
    proposed: true. Input that cannot be read is reported (skipped X: reason) and the rest goes on;
    existing annotation files are kept unless --force, and a run with nothing new says so and succeeds.
    With --scheduler the articles are annotated in batches on the workers of a Dask cluster
    (pip install 'kg[dask]'); the files written are the same as without it.
    """
    from ..annotate.pipeline import annotate as run_annotate

    if scheduler is not None and processes != 1:
        raise typer.BadParameter("--processes and --scheduler do not go together", param_hint="--processes")
    report = run_annotate(
        paths,
        out,
        registry=registry,
        force=force,
        processes=processes,
        config=config,
        echo=lambda line: typer.echo(line, err=True),
        scheduler=scheduler,
        show_progress=sys.stderr.isatty() if progress is None else progress,
    )
    typer.echo(report.summary(), err=True)


def eval(
    seeds: Annotated[Path, typer.Option("--seeds", help="Corpus folder with curated annotations.")] = Path("seeds"),
    format: Annotated[Literal[REPORT_FORMATS], typer.Option("--format", help="Output format.")] = "table",
    config: Annotated[Optional[Path], typer.Option("--config", help="Pipeline configuration (TOML or YAML).")] = None,
    leave_one_out: Annotated[
        bool,
        typer.Option(
            "--leave-one-out/--no-leave-one-out",
            help="Hold out of the registry the aliases only the scored article contains.",
        ),
    ] = True,
    gold: Annotated[
        Optional[Path],
        typer.Option("--gold", help="Score on a gold folder (corpus.jsonl, gold/*.json) instead of the seeds."),
    ] = None,
    misses: Annotated[
        bool, typer.Option("--misses", help="With --gold: list each gold item missed and each false positive.")
    ] = False,
    registry: Annotated[
        Optional[Path],
        typer.Option("--registry", "-r", help="With --gold: the registry to link to, as in kg annotate."),
    ] = None,
    wide: Annotated[
        bool, typer.Option("--wide", help="With --gold: show table cells whole (default: fit the terminal width).")
    ] = False,
) -> None:
    """Score the annotation pipeline against the curated seeds: precision, recall and F1 per layer and article.

    Layers: actors, mentions, quantities (value and kind; with the share of right speakers), speakers
    (statements), relations (subject, predicate family, object), operations and their fields.

    With --gold DIR, the articles of DIR/corpus.jsonl are annotated and built as kg annotate and
    kg build do (in a temporary folder) and scored against DIR/gold/: actors, operations, quantity
    claims and their speakers, relations, and the cross-source statuses (precision and recall of
    conflicting and corroborated, and how each gold group of claims was grouped).
    """
    if gold is None and (misses or wide):
        option = "--misses" if misses else "--wide"
        raise typer.BadParameter("applies to --gold only", param_hint=option)
    from ..io import progress, progress_phases

    if gold is None:
        from ..annotate.eval import evaluate, format_report

        with progress(sys.stderr.isatty(), bar=False) as shown:
            report = evaluate(seeds, config=config, leave_one_out=leave_one_out, on_phase=progress_phases(shown))
        sys.stdout.write(format_report(report, format))
        return
    from ..annotate.gold import evaluate_gold, format_gold_report

    with progress(sys.stderr.isatty(), bar=False) as shown:
        scored = evaluate_gold(
            gold,
            registry=registry,
            config=config,
            echo=lambda line: typer.echo(line, err=True),
            on_phase=progress_phases(shown),
        )
    sys.stdout.write(format_gold_report(scored, format, misses=misses, wide=wide))
