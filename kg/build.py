"""``kg build``: a corpus folder in, a graph in the store and ``out/kg.trig`` out."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from .compile import claim_iri, claims_of, compile_article, compile_ontology, compile_registry
from .corpus import REGISTRY_FILE, annotation_files, read_annotations, read_registry
from .crosssource import ClaimGroup, ComparedClaim, compare, compile_crosssource
from .errors import KGError
from .store import default_store_url, open_store, store_terms, write_store

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


def _corpus_quads(files, registry, terms, outcome: dict, on_article=None) -> Iterator:
    """Registry, articles and cross-source quads (not the ontology); sets ``outcome["groups"]``."""
    yield from compile_registry(registry, terms)
    compared: list[ComparedClaim] = []
    mentions: Counter[str] = Counter()
    outlets: Counter[str] = Counter()
    for path in files:
        annotated = read_annotations(path, registry)
        yield from compile_article(annotated, terms)
        article = annotated.article
        compared.extend(
            ComparedClaim(claim, article.id, article.outlet, claim_iri(article.id, claim), article.published)
            for claim in claims_of(annotated)
        )
        mentions.update(e for m in annotated.mentions for e in m.entities)
        outlets[article.outlet] += 1
        if on_article is not None:
            on_article()
    groups = compare(compared)
    outcome["groups"] = groups
    yield from compile_crosssource(groups, registry, mentions, terms, outlets)


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
) -> BuildReport:
    """Compile a corpus folder into a store and write ``OUT/kg.trig``.

    Articles are read, compiled and loaded one at a time, so memory grows with the number of
    claims, not with the corpus text. The previous store is replaced only when the new graph is
    complete: an error or an interrupt leaves it as it was.

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
    meta = {"seeds": str(seeds.resolve()), "articles": len(files)}
    terms = store_terms(url)
    outcome: dict = {}
    with _progress(show_progress) as progress:
        task = progress.add_task("building", total=len(files)) if progress else None

        def quads() -> Iterator:
            yield from compile_ontology(terms)
            yield from _corpus_quads(files, registry, terms, outcome, progress and (lambda: progress.advance(task)))

        count = write_store(url, quads(), meta)
    claims, conflicting, corroborated = _tally(outcome["groups"])
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
