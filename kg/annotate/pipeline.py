"""The annotation pipeline: a list of component names from config, run over batches of articles.

The default pipeline is :data:`DEFAULT_PIPELINE`; a TOML or YAML file can name another list and
give settings per component::

    # pipeline.toml
    [pipeline]
    components = ["nlp", "outlet", "entities", "dates", "attribution", "events", "quantities"]

    [nlp]
    batch_size = 32          # articles per nlp.pipe batch
    max_chars = 1000000      # longer articles are skipped with a message

    [entities]
    generic_government = false   # do not read bare "authorities" as the article's government

:func:`annotate` runs the pipeline over files and folders and writes a corpus folder that
``kg build --seeds`` reads; :class:`Pipeline` is the same from Python over
:class:`~kg.model.Article` objects, in one process, several, or on a Dask cluster
(:mod:`kg.annotate.distributed`). The built-in components are
registered in :mod:`kg.annotate.registrations`; register one of your own with
:func:`~kg.annotate.components.component` and name it in the list.

Examples
--------
>>> Pipeline.check(["nlp", "entities", "attribution"])
['nlp', 'entities', 'attribution']
>>> Pipeline.check(["entities"])
Traceback (most recent call last):
...
kg.errors.KGError: E652 pipeline: component 'entities' requires 'doc', which no earlier component assigns
"""

from __future__ import annotations

import dataclasses
import functools
import multiprocessing
import os
import sys
import time
import tomllib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..corpus import default_registry, read_registry
from ..errors import KGError
from ..model import Annotated, Article, Entity, Registry
from .components import BASE_ATTRIBUTES, Context, Draft
from .dates import normalise_date
from .nlp import nlp_for
from .readers import Skipped, read_inputs
from .registrations import get_component
from .write import write_annotations, write_registry

__all__ = [
    "DEFAULT_PIPELINE",
    "AnnotateReport",
    "Pipeline",
    "entity_ids",
    "PipelineConfig",
    "annotate",
    "read_pipeline_config",
]

DEFAULT_PIPELINE = (
    "nlp",
    "outlet",
    "credits",
    "entities",
    "groups",
    "dates",
    "attribution",
    "events",
    "quantities",
    "relations",
    "statements",
)
"""The components ``kg annotate`` runs, in order."""


@dataclass
class PipelineConfig:
    """Which components run, and their settings (component name -> key -> value)."""

    components: tuple[str, ...] = DEFAULT_PIPELINE
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)


def read_pipeline_config(path: str | os.PathLike) -> PipelineConfig:
    """Read a pipeline configuration from a TOML (``.toml``) or YAML (``.yaml``/``.yml``) file.

    Raises
    ------
    KGError
        E650 naming the file when it cannot be read or is not shaped as described in this module.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KGError("E650", where=path, detail=exc.strerror or str(exc)) from None
    try:
        if path.suffix.lower() == ".toml":
            data = tomllib.loads(raw.decode("utf-8"))
        else:
            data = yaml.safe_load(raw.decode("utf-8")) or {}
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise KGError("E650", where=path, detail=str(exc).splitlines()[0]) from None
    if not isinstance(data, dict):
        raise KGError("E650", where=path, detail="the file must hold a table/mapping")
    section = data.pop("pipeline", {}) or {}
    if not isinstance(section, dict):
        raise KGError("E650", where=path, detail="[pipeline] must be a table")
    names = section.get("components", list(DEFAULT_PIPELINE))
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise KGError("E650", where=path, detail="pipeline.components must be a list of component names")
    settings = {}
    for key, value in data.items():
        if not isinstance(value, dict):
            raise KGError("E650", where=path, detail=f"[{key}] must be a table of settings")
        settings[str(key)] = value
    return PipelineConfig(tuple(names), settings)


class Pipeline:
    """Annotate articles with a list of components.

    Parameters
    ----------
    registry : Registry
        The entities and kinds mentions are linked to.
    config : PipelineConfig or path, optional
        Components and settings; default :data:`DEFAULT_PIPELINE`.

    Examples
    --------
    >>> from kg.model import Article, Entity, Registry
    >>> registry = Registry(entities={"tajikistan": Entity("tajikistan", "Country", "Tajikistan"),
    ...                               "iraq": Entity("iraq", "Country", "Iraq")})
    >>> pipe = Pipeline(registry, PipelineConfig(("nlp", "entities")))
    >>> article = Article(id="a", text="Tajikistan repatriated 84 children from Iraq.", title="", outlet="x")
    >>> [m.span.quote for m in pipe(article).mentions]
    ['Tajikistan', 'Iraq']
    """

    def __init__(self, registry: Registry, config: PipelineConfig | str | os.PathLike | None = None) -> None:
        if config is None:
            config = PipelineConfig()
        elif not isinstance(config, PipelineConfig):
            config = read_pipeline_config(config)
        self.config = config
        self.names = self.check(config.components)
        self.components = [get_component(n) for n in self.names]
        self.context = Context(registry=registry, settings=config.settings)
        self.proposed: dict[str, Entity] = {}
        """New entities proposed so far (id -> Entity), over every article this pipeline ran."""

    @property
    def registry(self) -> Registry:
        return self.context.registry

    @staticmethod
    def check(names: Sequence[str]) -> list[str]:
        """Check that the components exist and that each one's ``requires`` is assigned before it."""
        available = set(BASE_ATTRIBUTES)
        for name in names:
            comp = get_component(name)
            for need in comp.requires:
                if need not in available:
                    raise KGError("E652", name=name, needs=need)
            available.update(comp.assigns)
        return list(names)

    def __call__(self, article: Article) -> Annotated:
        """Annotate one article; a problem with it raises :class:`~kg.errors.KGError`."""
        (result,) = self.run_batch([article])
        if isinstance(result, _Failure):
            raise result.error
        annotated, proposals = result
        for entity in proposals:
            self.proposed.setdefault(entity.id, entity)
        return annotated

    def run_batch(self, articles: Sequence[Article]) -> list[tuple[Annotated, tuple[Entity, ...]] | _Failure]:
        """Annotate a batch (the spaCy step parses it in one ``nlp.pipe`` call).

        Returns, per article, the annotated article and the new entities it proposed, or a failure.
        """
        drafts = [Draft(article=dataclasses.replace(a), context=self.context) for a in articles]
        for comp in self.components:
            active = [d for d in drafts if "failed" not in d.extras]
            if not active:
                break
            if comp.batch:
                try:
                    comp.func(active)
                except KGError as exc:
                    for d in active:
                        d.extras["failed"] = exc
                continue
            for d in active:
                try:
                    comp.func(d)
                except KGError as exc:
                    d.extras["failed"] = exc
                except Exception as exc:  # a bug in one component must not stop the batch
                    if os.environ.get("KG_DEBUG"):
                        raise
                    where = d.article.source_file or d.article.id
                    d.extras["failed"] = KGError("E655", where=where, name=comp.name,
                                                 detail=f"{type(exc).__name__}: {exc}")  # fmt: skip
        results: list[Annotated | _Failure] = []
        for d in drafts:
            if "failed" in d.extras:
                results.append(_Failure(d.article.source_file or d.article.id, d.extras["failed"]))
                continue
            results.append((d.finish(), tuple(d.proposed.values())))
        return results

    def pipe(
        self,
        articles: Iterable[Article | Any],
        *,
        batch_size: int | None = None,
        processes: int = 1,
        scheduler: Any = None,
    ) -> Iterator[Annotated | Any]:
        """Annotate articles in batches, in input order, in ``processes`` worker processes or on a Dask cluster.

        Items that are not :class:`~kg.model.Article` (such as ``readers.Skipped``) pass through;
        an article that fails gives a ``Skipped`` with the reason, and the rest goes on. With
        ``scheduler`` (an address, ``local:N`` or a ``distributed.Client``; see
        :mod:`kg.annotate.distributed`) the batches run on the cluster's workers and ``processes``
        is not used; the results are the same, in the same order.
        """
        if processes < 1:
            raise KGError("E658", n=processes)
        size = batch_size or int(self.context.setting("nlp", "batch_size", 32))

        def batches() -> Iterator[list[Any]]:
            batch: list[Any] = []
            for item in articles:
                batch.append(item)
                if sum(isinstance(b, Article) for b in batch) >= size:
                    yield batch
                    batch = []
            if batch:
                yield batch

        def unpack(batch: list[Any], results: list[Any]) -> Iterator[Any]:
            done = iter(results)
            for item in batch:
                if not isinstance(item, Article):
                    yield item
                    continue
                result = next(done)
                if isinstance(result, _Failure):
                    yield Skipped(result.where, _reason(result))
                    continue
                annotated, proposals = result
                for entity in proposals:
                    self.proposed.setdefault(entity.id, entity)
                yield annotated

        if scheduler is not None:
            from .distributed import cluster, map_batches

            factory = functools.partial(_worker_pipeline, self.context.registry, self.config)
            with cluster(scheduler) as client:
                work = ((batch, [b for b in batch if isinstance(b, Article)]) for batch in batches())
                for batch, results in map_batches(factory, work, client=client):
                    yield from unpack(batch, results)
            return
        if processes == 1:
            for batch in batches():
                results = self.run_batch([b for b in batch if isinstance(b, Article)])
                yield from unpack(batch, results)
            return
        fork = "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if fork else "spawn")
        if fork:
            _warm(self)  # loaded once here, the model is shared by the forked workers
        with ProcessPoolExecutor(
            max_workers=processes,
            mp_context=context,
            initializer=_worker_start,
            initargs=(self.context.registry, self.config),
        ) as pool:
            pending: deque[tuple[list[Any], Future]] = deque()
            for batch in batches():
                pending.append((batch, pool.submit(_worker_run, [b for b in batch if isinstance(b, Article)])))
                if len(pending) >= processes * 2:
                    done_batch, future = pending.popleft()
                    yield from unpack(done_batch, future.result())
            while pending:
                done_batch, future = pending.popleft()
                yield from unpack(done_batch, future.result())


@dataclass
class _Failure:
    where: str
    error: KGError


def _reason(failure: _Failure) -> str:
    """The one-line reason of a failure, without repeating the file name: "the article is ... (E654)"."""
    message = failure.error.message
    prefix = f"{failure.error.code} {failure.where}: "
    if message.startswith(prefix):
        return f"{message[len(prefix) :]} ({failure.error.code})"
    return message


_WORKER: Pipeline | None = None


def _warm(pipeline: Pipeline) -> None:
    """Load what every batch needs once: the spaCy model and dateparser's language data."""
    if "nlp" in pipeline.names:
        nlp_for(pipeline.context)
    if "dates" in pipeline.names:
        normalise_date("on May 10", "2019-05")


def _worker_pipeline(registry: Registry, config: PipelineConfig) -> Pipeline:
    """A pipeline for a worker process, its model loaded (picklable as a ``functools.partial``)."""
    pipeline = Pipeline(registry, config)
    _warm(pipeline)
    return pipeline


def _worker_start(registry: Registry, config: PipelineConfig) -> None:
    global _WORKER
    _WORKER = _worker_pipeline(registry, config)


def _worker_run(articles: list[Article]) -> list[Any]:
    assert _WORKER is not None
    return _WORKER.run_batch(articles)


# --- kg annotate ------------------------------------------------------------------------------------


@dataclass
class AnnotateReport:
    """What :func:`annotate` did.

    ``existing`` lists the annotation files that were already there and were kept (without ``force``);
    ``nothing_new`` is true when every article read was one of them, and nothing was written.
    """

    out: Path
    annotated: list[Path] = field(default_factory=list)
    skipped: list[Any] = field(default_factory=list)
    existing: list[Path] = field(default_factory=list)
    proposed: int = 0
    words: int = 0
    seconds: float = 0.0

    @property
    def nothing_new(self) -> bool:
        return not self.annotated and not self.skipped and bool(self.existing)

    def summary(self) -> str:
        kept = len(self.existing)
        if self.nothing_new:
            return (
                f"nothing new to annotate: the {_plural(kept, 'article')} read already "
                f"{'has' if kept == 1 else 'have'} annotations in {self.out} (--force annotates again)"
            )
        rate = len(self.annotated) / self.seconds if self.seconds else 0.0
        text = (
            f"annotated {_plural(len(self.annotated), 'article')} into {self.out} "
            f"({self.proposed} new entities proposed in registry.yaml) in {self.seconds:.1f} s ({rate:.1f} articles/s)"
        )
        if kept:
            text += f"; kept {kept} already annotated"
        if self.skipped:
            text += f"; skipped {len(self.skipped)}"
        return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


@dataclass
class _Existing:
    """An article whose annotation file exists (kept without ``force``): not annotated, not an error."""

    path: Path


class _ProgressLines:
    """Progress for a log rather than a terminal: a line on standard error after the first item, then every ``every`` s."""

    def __init__(self, every: float = 10.0) -> None:
        self.every, self.done, self.description = every, 0, ""
        self.started = self.last = time.perf_counter()

    def __enter__(self) -> _ProgressLines:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, description: str, total: int | None = None) -> int:
        self.description = description
        return 0

    def advance(self, task: int) -> None:
        self.done += 1
        now = time.perf_counter()
        if self.done == 1 or now - self.last >= self.every:
            self.last = now
            rate = self.done / (now - self.started)
            print(f"{self.description}: {self.done} done in {now - self.started:.0f} s ({rate:.1f}/s)", file=sys.stderr)


def _progress(enabled: bool) -> Any:
    """Progress on standard error: a rich bar on a terminal, else lines."""
    from rich.console import Console

    from ..io import progress as progress_display

    if enabled and not Console(stderr=True).is_terminal:
        return _ProgressLines()
    return progress_display(enabled)


def annotate(
    paths: Sequence[str | os.PathLike],
    out: str | os.PathLike,
    *,
    registry: str | os.PathLike | Registry | None = None,
    force: bool = False,
    processes: int = 1,
    config: str | os.PathLike | PipelineConfig | None = None,
    echo: Callable[[str], None] | None = None,
    scheduler: Any = None,
    show_progress: bool = False,
) -> AnnotateReport:
    """Annotate articles (files and folders of ``.txt``, ``.html``, ``.jsonl``) into a corpus folder.

    Each article becomes ``OUT/NAME.txt`` and ``OUT/NAME.yaml`` with machine-proposed annotations,
    and ``OUT/registry.yaml`` gets the registry plus the new entities proposed (marked
    ``proposed: true``), so that ``kg build --seeds OUT`` builds it. ``out`` may be the input folder.

    Parameters
    ----------
    paths : sequence of str or PathLike
        Input files and folders.
    out : str or PathLike
        The corpus folder to write (created if missing).
    registry : path or Registry, optional
        The registry to link to; default :func:`kg.corpus.default_registry` (``OUT/registry.yaml`` when it
        exists, else ``seeds/registry.yaml``, else the seeds' registry that ships with kg).
    force : bool, optional
        Overwrite existing annotation files; without it an article whose ``NAME.yaml`` exists is
        kept as it is and counted in ``AnnotateReport.existing``. When every article read is such
        a one, nothing is written and the report says there is nothing new (no error).
    processes : int, optional
        Worker processes (each loads the spaCy model once); 0 for one per core.
    scheduler : str or distributed.Client, optional
        Run the pipeline on a Dask cluster instead: a scheduler address (``tcp://host:8786``),
        ``local:N`` for ``N`` worker processes on this machine, or a client (see
        :mod:`kg.annotate.distributed`); ``processes`` is then not used. The output is the same.
    config : path or PipelineConfig, optional
        The pipeline configuration (see this module).
    echo : callable, optional
        Called with one line per skipped input (``skipped X: reason``) and per input read in an encoding
        it does not declare (``warning: X: not UTF-8 ...: read as cp1252 ...``) as they happen.
    show_progress : bool, optional
        Show progress on standard error: a bar (articles done, time) on a terminal, else a line
        after the first article and then every 10 s.

    Returns
    -------
    AnnotateReport

    Raises
    ------
    KGError
        E656 when articles were read but none could be annotated; E600/E601 for a missing path or
        an empty folder; E663-E666 for a scheduler that cannot be used (E663: no answer, checked before
        anything is written, or the connection lost mid-run, when what came back before stays written).
    """
    started = time.perf_counter()
    out = Path(out)
    if isinstance(registry, Registry):
        base = registry
    else:
        base = read_registry(Path(registry) if registry else default_registry(out))
    pipeline = Pipeline(base, config)
    if processes == 0:
        processes = os.cpu_count() or 1
    report = AnnotateReport(out=out)
    written: list[Annotated] = []

    def skip(item: Any) -> None:
        report.skipped.append(item)
        if echo:
            echo(f"skipped {item.path}: {item.reason}")

    def inputs() -> Iterator[Any]:
        warn = None if echo is None else (lambda line, echo=echo: echo(f"warning: {line}"))
        for item in read_inputs(paths, warn=warn):
            if isinstance(item, Article) and not force and (out / f"{item.id}.yaml").exists():
                yield _Existing(out / f"{item.id}.yaml")
                continue
            yield item

    with _progress(show_progress) as progress:
        task = progress.add_task("annotate articles", total=None) if progress is not None else None
        for item in pipeline.pipe(inputs(), processes=processes, scheduler=scheduler):
            if progress is not None:
                progress.advance(task)
            if isinstance(item, _Existing):
                report.existing.append(item.path)
                continue
            if isinstance(item, Skipped):
                skip(item)
                continue
            try:
                report.annotated.append(write_annotations(item, out, force=force))
                written.append(item)
                report.words += len(item.article.text.split())
            except KGError as exc:
                skip(Skipped(item.article.source_file or item.article.id, exc.message))
    if report.nothing_new:
        report.seconds = time.perf_counter() - started
        return report
    if not report.annotated:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in report.skipped[:3])
        raise KGError("E656", detail=f"{len(report.skipped)} input(s) skipped ({reasons})" if reasons else "no input")
    used = set().union(*(entity_ids(a) for a in written))
    proposed = [e for e in pipeline.proposed.values() if e.id in used]
    write_registry(base, out, proposed=proposed)
    report.proposed = len([e for e in proposed if e.id not in base.entities])
    report.seconds = time.perf_counter() - started
    return report


def entity_ids(annotated: Annotated) -> set[str]:
    """Every entity id an annotated article refers to."""
    ids = {annotated.article.outlet, *annotated.article.via}
    for m in annotated.mentions:
        ids.update(m.entities)
    for o in annotated.operations:
        ids.update((o.event, o.speaker, *o.agents, *o.partners, *o.origin, *o.destination))
        ids.add(o.phase_of or o.event)
    for c in annotated.claims:
        ids.update((c.subject, c.speaker, c.object or c.subject, c.about or c.subject))
    for st in annotated.statements:
        ids.update((st.speaker, st.about or st.speaker))
    return ids
