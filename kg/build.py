"""``kg build``: a corpus folder in, a graph in the store and ``out/kg.trig`` out."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from .compile import compile_corpus
from .corpus import REGISTRY_FILE, annotation_files, read_annotations, read_registry
from .crosssource import compare_claims
from .errors import KGError
from .model import Corpus
from .store import default_store_url, open_store, write_store

__all__ = ["BuildReport", "build", "read_corpus_with_progress"]


@dataclass
class BuildReport:
    store: str
    trig: Path | None
    articles: int
    quads: int
    claims: int
    conflicting: int
    corroborated: int
    seconds: float

    def summary(self) -> str:
        where = f" and {self.trig}" if self.trig else ""
        return (
            f"built {self.articles} articles into {self.store}{where}: {self.quads} quads, "
            f"{self.claims} claims ({self.conflicting} conflicting, {self.corroborated} corroborated) "
            f"in {self.seconds:.1f} s"
        )


def _progress(enabled: bool):
    if not enabled:
        return nullcontext(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
    )


def read_corpus_with_progress(folder: Path, progress=None) -> Corpus:
    """Read a corpus folder, advancing a rich progress bar per article when given one."""
    from .corpus import read_corpus

    if progress is None:
        return read_corpus(folder)
    if not folder.is_dir():
        raise KGError("E100", path=folder)
    registry = read_registry(folder / REGISTRY_FILE)
    files = annotation_files(folder)
    if not files:
        raise KGError("E111", path=folder)
    task = progress.add_task("reading articles", total=len(files))
    articles = []
    for path in files:
        articles.append(read_annotations(path, registry))
        progress.advance(task)
    return Corpus(registry=registry, articles=articles)


def _counted(quads: Iterable[tuple], progress, total: int) -> Iterator[tuple]:
    if progress is None:
        yield from quads
        return
    task = progress.add_task("writing the store", total=None)
    for i, quad in enumerate(quads):
        if i % 10000 == 0:
            progress.update(task, completed=i)
        yield quad


def build(
    seeds: str | os.PathLike = "seeds",
    store: str | os.PathLike | None = None,
    out: str | os.PathLike | None = "out",
    *,
    show_progress: bool = False,
) -> BuildReport:
    """Compile a corpus folder into a store and write ``OUT/kg.trig``.

    The previous store is replaced only when the new graph is complete: an error or an interrupt
    leaves it as it was.

    Parameters
    ----------
    seeds : path
        A folder laid out like ``seeds/`` (``docs/annotation-format.md``).
    store : str, optional
        Store URL (default ``$KG_STORE`` or ``.kg``).
    out : path or None
        Folder for ``kg.trig``; ``None`` writes no file.
    show_progress : bool
        Show progress bars on the terminal.
    """
    started = time.perf_counter()
    seeds = Path(seeds)
    url = str(store) if store is not None else default_store_url()
    with _progress(show_progress) as progress:
        corpus = read_corpus_with_progress(seeds, progress)
        groups = compare_claims(corpus)
        quads = _counted(compile_corpus(corpus), progress, 0)
        count = write_store(url, quads, {"seeds": str(seeds.resolve()), "articles": len(corpus.articles)})
    trig = None
    if out is not None:
        trig = Path(out) / "kg.trig"
        trig.parent.mkdir(parents=True, exist_ok=True)
        partial = trig.with_name(f".{trig.name}.{os.getpid()}.tmp")
        try:
            with open_store(url) as built:
                built.dump(partial, "trig")
            os.replace(partial, trig)
        finally:
            partial.unlink(missing_ok=True)
    members = [m for g in groups for m in g.members]
    return BuildReport(
        store=url,
        trig=trig,
        articles=len(corpus.articles),
        quads=count,
        claims=len(members),
        conflicting=sum(m.status == "conflicting" for m in members),
        corroborated=sum(m.status == "corroborated" for m in members),
        seconds=time.perf_counter() - started,
    )
