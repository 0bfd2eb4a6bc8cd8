"""``kg build``: a corpus folder in, a graph in the store and ``out/kg.trig`` out."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from .compile import ClaimGroup, CompiledCorpus
from .corpus import REGISTRY_FILE, annotation_files, read_annotations, read_registry
from .errors import KGError
from .incremental import Recorder, update_from_corpus
from .io import progress as progress_display
from .store import default_store_url, lock_store, store_terms, write_store

__all__ = ["BuildReport", "build"]


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
    compiled: int | None = None
    """Articles compiled when the store was brought up to date in place (None: a full build)."""

    def summary(self) -> str:
        where = f" and {self.trig}" if self.trig else ""
        how = "built" if self.compiled is None else f"updated ({self.compiled} articles compiled, the rest cached)"
        return (
            f"{how} {self.articles} articles into {self.store}{where}: {self.quads} quads, "
            f"{self.claims} claims ({self.conflicting} conflicting, {self.corroborated} corroborated) "
            f"in {self.seconds:.1f} s"
        )


def _phases(progress, articles: int):
    """A callback per compiled article: a bar while they parse, then the cross-source and writing phase."""
    if progress is None:
        return None
    parse = progress.add_task("parse articles", total=articles)

    def on_article(_: object) -> None:
        progress.advance(parse)
        if progress.tasks[parse].finished:  # the rest runs after the last article: say so, not silence
            progress.add_task("cross-source comparison, write the store", total=None)

    return on_article


def _tally(groups: list[ClaimGroup]) -> tuple[int, int, int]:
    members = [m for g in groups for m in g.members]
    return (
        len(members),
        sum(m.status == "conflicting" for m in members),
        sum(m.status == "corroborated" for m in members),
    )


def build(
    seeds: str | os.PathLike = "seeds",
    store: str | os.PathLike | None = None,
    out: str | os.PathLike | None = "out",
    *,
    show_progress: bool = False,
    incremental: bool = True,
) -> BuildReport:
    """Compile a corpus folder into a store and write ``OUT/kg.trig``.

    Articles are read, compiled and loaded one at a time, so memory grows with the number of
    claims, not with the corpus text. The previous store is replaced only when the new graph is
    complete, and ``kg.trig`` with it (written first, moved in right after the store): an error, a
    full disk or an interrupt leaves both as they were. One build at a time per store: the lock is
    taken first, and leftovers of killed builds are removed then.

    A store built from the same folder, registry and kg is brought up to date in place when few of
    its articles changed (:mod:`kg.incremental`): only new and changed articles are compiled, and
    the graph is the one a full build gives.

    Parameters
    ----------
    seeds : path
        A folder laid out like ``seeds/`` (``docs/annotation-format.md``).
    store : str, optional
        Store URL (default ``$KG_STORE`` or ``.kg``).
    out : path or None
        Folder for ``kg.trig``; ``None`` writes no file.
    show_progress : bool
        Show a progress bar on the terminal.
    incremental : bool
        Update a store built from this corpus in place when that is faster; ``False`` always
        rebuilds it whole.

    Raises
    ------
    KGError
        The first problem in the corpus (naming its file and line); E205 at once when another
        build holds the store; E207 when ``kg.trig`` cannot be written (nothing changed).
    """
    started = time.perf_counter()
    seeds = Path(seeds)
    url = str(store) if store is not None else default_store_url()
    if not seeds.is_dir():
        raise KGError("E100", path=seeds)
    registry = read_registry(seeds / REGISTRY_FILE)
    files = annotation_files(seeds)
    if not files:
        raise KGError("E111", path=seeds)
    trig = None if out is None else Path(out) / "kg.trig"
    with lock_store(url):
        changed = update_from_corpus(seeds, url, dump_to=trig) if incremental else None
        if changed is not None:
            return BuildReport(
                store=url,
                trig=trig,
                articles=changed.articles,
                quads=changed.quads,
                claims=changed.claims,
                conflicting=changed.conflicting,
                corroborated=changed.corroborated,
                seconds=time.perf_counter() - started,
                compiled=len(changed.added) + len(changed.replaced),
            )
        recorder = Recorder(url, seeds, registry)  # each article's manifest line and cached claims
        try:
            with progress_display(show_progress) as progress:
                shown = _phases(progress, len(files))

                compiled = CompiledCorpus(
                    registry,
                    (read_annotations(path, registry) for path in files),
                    terms=store_terms(url),
                    on_article=shown,
                    on_compared=recorder,
                    on_derived=recorder.derived,
                )
                # kg.trig is written from the new store before it is swapped in, and moved in with it;
                # the manifest in the meta fills up as the store reads the quads
                meta = {**recorder.meta(), "articles": len(files)}
                count = write_store(url, compiled, meta, dump_to=trig, dump_format="trig")
            recorder.commit()  # a store whose cache is lost reads its articles again when it changes
        finally:
            recorder.cache.close()
    assert compiled.groups is not None  # the store consumed every quad
    claims, conflicting, corroborated = _tally(compiled.groups)
    return BuildReport(
        store=url,
        trig=trig,
        articles=len(files),
        quads=count,
        claims=claims,
        conflicting=conflicting,
        corroborated=corroborated,
        seconds=time.perf_counter() - started,
    )
