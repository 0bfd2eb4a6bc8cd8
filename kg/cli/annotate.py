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
    registry: Annotated[Path, typer.Option("--registry", "-r", help="Registry to link names to.")] = Path(
        "seeds/registry.yaml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing annotation files.")] = False,
    processes: Annotated[
        int, typer.Option("--processes", "-p", help="Worker processes (one spaCy model each); 0: one per core.")
    ] = 1,
    config: Annotated[Optional[Path], typer.Option("--config", help="Pipeline configuration (TOML or YAML).")] = None,
) -> None:
    """Propose annotations for new articles and write them as a corpus folder that `kg build --seeds` reads.

    Each article becomes OUT/NAME.txt and OUT/NAME.yaml (every item marked method: machine, with the
    component that proposed it and a confidence); new entities go to OUT/registry.yaml marked
    proposed: true. Input that cannot be read is reported (skipped X: reason) and the rest goes on;
    existing annotation files are kept unless --force.
    """
    from ..annotate.pipeline import annotate as run_annotate

    report = run_annotate(
        paths,
        out,
        registry=registry,
        force=force,
        processes=processes,
        config=config,
        echo=lambda line: typer.echo(line, err=True),
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
) -> None:
    """Score the annotation pipeline against the curated seeds: precision, recall and F1 per layer and article.

    Layers: actors, mentions, quantities (value and kind; with the share of right speakers), speakers
    (statements), relations (subject, predicate family, object), operations and their fields.
    """
    from ..annotate.eval import evaluate, format_report

    report = evaluate(seeds, config=config, leave_one_out=leave_one_out)
    sys.stdout.write(format_report(report, format))
