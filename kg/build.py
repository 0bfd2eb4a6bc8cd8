"""``kg build``: a corpus folder in, a graph in the store and ``out/kg.trig`` out."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .compile import CompiledCorpus
from .corpus import REGISTRY_FILE, annotation_files, read_annotations, read_registry
from .errors import KGError
from .incremental import (
    ChangeReport,
    Recorder,
    add_articles,
    copied_into_corpus,
    corpus_changes,
    status_counts,
    store_corpus,
    update_from_corpus,
)
from .io import progress as progress_display
from .io import progress_phases
from .namespace import KG
from .store import (
    default_store_url,
    dump_store,
    lock_store,
    open_store,
    read_store_meta,
    store_terms,
    write_store,
)
from .terms import CROSSSOURCE_GRAPH
from .vocab import status_name

if TYPE_CHECKING:
    from .annotate.pipeline import AnnotateReport, PipelineConfig

__all__ = ["AddReport", "BuildReport", "annotate_and_add", "build"]


@dataclass
class BuildReport:
    """What :func:`build` did."""

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
    unchanged: bool = False
    """Nothing in the corpus changed since the store was built: the store was not opened for writing."""

    def summary(self) -> str:
        """One line for the terminal: what the build did, how large the graph is, how long it took."""
        if self.unchanged:
            trig = f"; wrote {self.trig} from it" if self.trig else ""
            return (
                f"nothing changed: the store at {self.store} holds the corpus as it is ({self.articles} articles, "
                f"{self.quads} quads, {self.claims} claims: {self.conflicting} conflicting, "
                f"{self.corroborated} corroborated){trig} in {self.seconds:.1f} s"
            )
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
    if incremental:
        # nothing changed needs no writer's lock: the store is only read. The lock is taken when free
        # (taking it tidies what killed writers left); held by another writer, it is not waited for.
        with contextlib.ExitStack() as held:
            with contextlib.suppress(KGError):
                held.enter_context(lock_store(url))
            unchanged = _unchanged(seeds, url, trig, started)
        if unchanged is not None:
            return unchanged
    with lock_store(url):
        changed = None
        if incremental:
            with progress_display(show_progress, bar=False) as progress:
                changed = update_from_corpus(seeds, url, dump_to=trig, on_phase=progress_phases(progress))
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
                    on_part=recorder.part,
                )
                # kg.trig is written from the new store before it is swapped in, and moved in with it;
                # the manifest in the meta fills up as the store reads the quads
                meta = {**recorder.meta(), "articles": len(files)}
                count = write_store(url, compiled, meta, dump_to=trig, dump_format="trig")
            recorder.commit(
                compiled.groups or []
            )  # a store whose cache is lost reads its articles again when it changes
        finally:
            recorder.cache.close()
    assert compiled.groups is not None  # the store consumed every quad
    claims, conflicting, corroborated = status_counts(compiled.groups)
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


# --- nothing changed -------------------------------------------------------------------------------

_STATUS_COUNTS = (
    f"SELECT ?status (COUNT(?claim) AS ?n) WHERE {{ GRAPH <{CROSSSOURCE_GRAPH}> {{ ?claim <{KG.status}> ?status }} }} "
    "GROUP BY ?status"
)


def _unchanged(seeds: Path, url: str, trig: Path | None, started: float) -> BuildReport | None:
    """The report of a build with nothing to do, made by reading the store only; ``None`` when there is work.

    The store's meta says whether the corpus changed (:func:`kg.incremental.corpus_changes`), and the
    claims are counted from what the build wrote. ``trig`` is written again from the store (it may be
    older than the store: ``kg add`` and ``--no-trig`` do not write it). Should a writer change the
    store meanwhile, the build goes on the usual way, under the lock.
    """
    try:
        meta = read_store_meta(url)
    except KGError:  # no store yet, or not one: the build says so under its lock
        return None
    if corpus_changes(seeds, meta) != ([], []):
        return None
    statuses: Counter[str] = Counter()
    try:
        with open_store(url) as store:
            for status, n in store.select(_STATUS_COUNTS):
                statuses[status_name(status or "")] += int(n or 0)
        if trig is not None:
            dump_store(url, trig)
        if read_store_meta(url) != meta:  # a writer got in: what was read may be old
            return None
    except KGError as exc:
        if exc.code == "E207":  # kg.trig cannot be written: the store and the file as they were
            raise
        return None  # a store changing under the reader: the build goes on under the lock
    except KeyError:  # a status kg does not know: a store kg did not write
        return None
    return BuildReport(
        store=url,
        trig=trig,
        articles=len(meta["manifest"]),
        quads=int(meta.get("quads", 0)),
        claims=sum(statuses.values()),
        conflicting=statuses["conflicting"],
        corroborated=statuses["corroborated"],
        seconds=time.perf_counter() - started,
        compiled=0,
        unchanged=True,
    )


# --- kg add --annotate ------------------------------------------------------------------------------


@dataclass
class AddReport:
    """What :func:`annotate_and_add` did: the annotation, then the change in place or the full rebuild."""

    store: str
    annotated: AnnotateReport
    known: list[str] = field(default_factory=list)
    """Ids read that the store holds already, with the same text (not annotated again)."""
    change: ChangeReport | None = None
    """The change in place, when the registry stayed as it was."""
    rebuilt: BuildReport | None = None
    """The full rebuild, when annotation added entities to the registry."""

    @property
    def nothing_new(self) -> bool:
        """Every article read is in the store already: nothing was annotated, nothing changed."""
        return self.change is None and self.rebuilt is None

    def summary(self) -> str:
        """One line for the terminal."""
        if self.nothing_new:
            n = len(self.known)
            return (
                f"nothing new to add: the {n} article{'s' if n != 1 else ''} read "
                f"{'is' if n == 1 else 'are'} in the store at {self.store} already, with the same text "
                "(--replace annotates them again)"
            )
        n = len(self.annotated.annotated)
        done = f"annotated {n} article{'s' if n != 1 else ''}"
        if self.known:
            done += f" (kept {len(self.known)} the store holds already)"
        if self.change is not None:
            return f"{done}; {self.change.summary()}"
        assert self.rebuilt is not None
        return (
            f"{done}; the registry changed ({self.annotated.proposed} new entities proposed): rebuilt in full: "
            f"{self.rebuilt.summary()}"
        )


def annotate_and_add(
    paths: Sequence[str | os.PathLike],
    store: str | os.PathLike | None = None,
    *,
    replace: bool = False,
    config: str | os.PathLike | PipelineConfig | None = None,
    processes: int = 1,
    scheduler: Any = None,
    echo: Callable[[str], None] | None = None,
    show_progress: bool = False,
) -> AddReport:
    """Annotate raw articles (``.txt``, ``.html``, ``.jsonl``) into a store's corpus folder and bring the store up to date.

    The articles are annotated as ``kg annotate`` does (:func:`kg.annotate.annotate`, linked to the
    corpus's own ``registry.yaml``) into a temporary folder; nothing reaches the corpus or the store
    unless every one of them is annotated. Then:

    - when the registry is as it was, the new files are added in place (:func:`kg.incremental.add_articles`);
    - when annotation proposed new entities, ``registry.yaml`` changed, and with it how every article
      reads (a new alias can link a name in another article), so the cached articles no longer
      match: the files and the new registry go into the corpus and the store is rebuilt from it in
      full (:func:`build`), which is what a full ``kg build`` of the grown corpus gives. Either
      way the store then holds that graph; ``AddReport.rebuilt`` tells which way it went.

    An article the store holds already with the same text is not annotated again (unless ``replace``);
    when that is every article read, nothing changes.

    Parameters
    ----------
    paths : sequence of path
        Article files (``.txt``, ``.html``, ``.htm``, ``.jsonl``) and folders of them.
    store : str, optional
        Store URL (default ``$KG_STORE`` or ``.kg``); it must record its corpus folder (a store
        ``kg build`` made).
    replace : bool
        Replace articles whose id the store holds already (else E212 when the text differs).
    config : path or PipelineConfig, optional
        The pipeline configuration, as for ``kg annotate``.
    processes : int
        Worker processes for annotation (0: one per core).
    scheduler : str or distributed.Client, optional
        Annotate on a Dask cluster (see :func:`kg.annotate.annotate`).
    echo : callable, optional
        Called with each warning line of the annotation (an input read in another encoding).
    show_progress : bool
        Show progress on standard error: annotation, then each phase of the change.

    Returns
    -------
    AddReport

    Raises
    ------
    KGError
        E216 naming the first input that cannot be annotated, E212 for an id the store holds with
        another text, E214 for an id given twice, E210/E211 for a store that cannot grow in place,
        E205 when another writer holds the store: the corpus folder and the store as they were.
    """
    from .annotate.pipeline import AnnotateReport, annotate
    from .annotate.readers import Skipped, read_inputs

    url = str(store) if store is not None else default_store_url()
    meta, seeds, _ = store_corpus(url)  # a store that cannot grow is refused before anything is read
    manifest: dict[str, list[str]] = meta["manifest"]
    known: list[str] = []
    seen: dict[str, str] = {}
    # read once before annotating: a bad file or an id in use fails at once, not after the slow part
    for item in read_inputs(paths, warn=lambda _line: None):  # warnings come once, from the annotation
        if isinstance(item, Skipped):
            raise KGError("E216", where=item.path, reason=item.reason, path=url)
        where = item.source_file or item.id
        if item.id in seen:
            raise KGError("E214", where=where, id=item.id, other=seen[item.id])
        seen[item.id] = where
        if item.id in manifest and not replace:
            if _same_text(seeds / manifest[item.id][1], item.text):
                known.append(item.id)
                continue
            raise KGError("E212", where=where, id=item.id, path=url)
    if seen and len(known) == len(seen):  # no pipeline to load
        existing = [seeds / manifest[i][0] for i in known]
        return AddReport(store=url, annotated=AnnotateReport(out=seeds, existing=existing), known=known)
    skipped: list[str] = []

    def relay(line: str) -> None:
        if line.startswith("skipped "):
            skipped.append(line.removeprefix("skipped "))
        elif echo is not None:
            echo(line)

    with tempfile.TemporaryDirectory(prefix="kg-add-") as folder:
        staged = Path(folder)
        shutil.copyfile(seeds / REGISTRY_FILE, staged / REGISTRY_FILE)  # proposals are merged into a copy
        for article_id in known:
            (staged / f"{article_id}.yaml").touch()  # kg annotate keeps an article whose annotation exists
        try:
            annotated = annotate(
                paths,
                staged,
                registry=staged / REGISTRY_FILE,
                processes=processes,
                config=config,
                echo=relay,
                scheduler=scheduler,
                show_progress=show_progress,
            )
        except KGError as exc:
            if exc.code == "E656" and skipped:
                where, _, reason = skipped[0].partition(": ")
                raise KGError("E216", where=where, reason=reason, path=url) from None
            raise
        report = AddReport(store=url, annotated=annotated, known=known)
        if annotated.skipped:
            first = annotated.skipped[0]
            raise KGError("E216", where=first.path, reason=first.reason, path=url)
        if annotated.nothing_new:
            return report
        if (staged / REGISTRY_FILE).read_bytes() == (seeds / REGISTRY_FILE).read_bytes():
            with progress_display(show_progress, bar=False) as progress:
                report.change = add_articles(
                    annotated.annotated, url, replace=replace, on_phase=progress_phases(progress)
                )
            return report
        files = [path for yaml in annotated.annotated for path in (yaml, yaml.with_suffix(".txt"))]
        with lock_store(url):  # the corpus and the store as they are now, no other writer until done
            now, _, _ = store_corpus(url)
            for yaml in annotated.annotated:
                if yaml.stem in now["manifest"] and not replace:
                    raise KGError("E212", where=seen.get(yaml.stem, yaml.name), id=yaml.stem, path=url)
            with copied_into_corpus([*files, staged / REGISTRY_FILE], seeds):
                report.rebuilt = build(seeds, url, out=None, show_progress=show_progress, incremental=False)
        return report


def _same_text(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False
