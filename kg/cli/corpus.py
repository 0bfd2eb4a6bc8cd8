"""A corpus that grows: ``kg add`` and ``kg remove`` change a built store in place."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .options import StoreOption

__all__ = ["add", "remove"]


def add(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Annotation files (NAME.yaml beside NAME.txt) or folders of them; with --annotate, "
            "article files (.txt, .html, .htm, .jsonl) and folders."
        ),
    ],
    replace: Annotated[bool, typer.Option("--replace", help="Replace articles the store holds already.")] = False,
    annotate: Annotated[
        bool,
        typer.Option("--annotate", help="Annotate raw articles first, as kg annotate does, into the store's corpus."),
    ] = False,
    config: Annotated[
        Optional[Path], typer.Option("--config", help="With --annotate: the pipeline configuration (TOML or YAML).")
    ] = None,
    processes: Annotated[
        int,
        typer.Option(
            "--processes", "-p", help="With --annotate: worker processes (one spaCy model each); 0: one per core."
        ),
    ] = 1,
    scheduler: Annotated[
        Optional[str],
        typer.Option("--scheduler", help="With --annotate: annotate on a Dask cluster (tcp://HOST:8786, or local:N)."),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Add articles to the store without rebuilding it, and copy them into its corpus folder.

    Only the new articles are compiled; claim groups, statuses, counts and listings are recomputed
    from the cached claims of the others. The store then holds what a full `kg build` of the grown
    corpus gives; a failure or an interrupt leaves it as it was.

    With --annotate the articles are annotated first (as kg annotate does, linked to the corpus's
    registry.yaml) and go into the corpus only if every one of them could be. When that proposes new
    entities, registry.yaml changes, and with it how every article reads: the store is then rebuilt
    from the corpus in full (it says so). Articles the store holds with the same text are left as they are.
    """
    show = sys.stderr.isatty()
    if not annotate:
        given = [name for name, value in (("--config", config), ("--scheduler", scheduler)) if value is not None]
        if processes != 1:
            given.append("--processes")
        if given:
            raise typer.BadParameter("applies to --annotate only", param_hint=given[0])
        from ..incremental import add_articles
        from ..io import progress, progress_phases

        with progress(show, bar=False) as shown:
            report = add_articles(paths, store, replace=replace, on_phase=progress_phases(shown))
        typer.echo(report.summary(), err=True)
        return
    if scheduler is not None and processes != 1:
        raise typer.BadParameter("--processes and --scheduler do not go together", param_hint="--processes")
    from ..build import annotate_and_add

    added = annotate_and_add(
        paths,
        store,
        replace=replace,
        config=config,
        processes=processes,
        scheduler=scheduler,
        echo=lambda line: typer.echo(line, err=True),
        show_progress=show,
    )
    typer.echo(added.summary(), err=True)


def remove(
    ids: Annotated[list[str], typer.Argument(help="Article ids (the annotation file's name without .yaml).")],
    store: StoreOption = None,
) -> None:
    """Remove articles from the store: their graphs, claims, mentions and what they changed across sources.

    Their files move from the corpus folder to its .removed/ folder.
    """
    from ..incremental import remove_articles
    from ..io import progress, progress_phases

    with progress(sys.stderr.isatty(), bar=False) as shown:
        report = remove_articles(ids, store, on_phase=progress_phases(shown))
    typer.echo(report.summary(), err=True)
