"""A corpus that grows: ``kg add`` and ``kg remove`` change a built store in place."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .options import StoreOption

__all__ = ["add", "remove"]


def add(
    paths: Annotated[
        list[Path], typer.Argument(help="Annotation files (NAME.yaml beside NAME.txt) or folders of them.")
    ],
    replace: Annotated[bool, typer.Option("--replace", help="Replace articles the store holds already.")] = False,
    store: StoreOption = None,
) -> None:
    """Add annotated articles to the store without rebuilding it, and copy them into its corpus folder.

    Only the new articles are compiled; claim groups, statuses, counts and listings are recomputed
    from the cached claims of the others. The store then holds what a full `kg build` of the grown
    corpus gives; a failure or an interrupt leaves it as it was.
    """
    from ..incremental import add_articles

    report = add_articles(paths, store, replace=replace)
    typer.echo(report.summary(), err=True)


def remove(
    ids: Annotated[list[str], typer.Argument(help="Article ids (the annotation file's name without .yaml).")],
    store: StoreOption = None,
) -> None:
    """Remove articles from the store: their graphs, claims, mentions and what they changed across sources.

    Their files move from the corpus folder to its .removed/ folder.
    """
    from ..incremental import remove_articles

    report = remove_articles(ids, store)
    typer.echo(report.summary(), err=True)
