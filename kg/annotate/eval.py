"""Scoring the annotation pipeline against the curated seed annotations (``kg eval``).

The pipeline runs on each seed article's text (with the article's curated metadata: outlet name,
publication date, boilerplate; no annotation) and what it proposes is compared with the curated
``NAME.yaml``, layer by layer:

``actors``
    mentions of actors (persons, countries, government bodies, organisations, armed groups,
    outlets, groups): a proposed mention is right when its span overlaps a curated one and names
    the same entity (one-to-one).
``mentions``
    the same for mentions of every entity type (places, events and documents too).
``quantities``
    claims with a number: right when the span overlaps, the numbers agree (value, or lower and
    upper bound) and the kind is the same; ``speaker`` is the share of the right ones whose
    speaker is also right.
``speakers``
    statements (attributed speech): right when the span overlaps and the speaker is the same.
``relations``
    claims between two entities, as the set of (subject, predicate family, object) per article.
``operations``
    events: right when the span overlaps and the event entity is the same; ``operation fields``
    scores their dates, agents, origin and destination (one item per value) over those matches.

**Leave one article out.** The registry's surface forms were harvested from these very articles,
so when article *k* is scored the pipeline gets a registry whose aliases (of entities and of
quantity kinds) are only those that also occur, as whole words, in the text of another seed
article, or equal the entity's label. Entity ids, types, labels, roles and descriptions are kept
(:func:`held_out_registry`). Nothing else in the pipeline is learned from the seeds.

Examples
--------
>>> score(tp=8, predicted=10, gold=16)
(0.8, 0.5, 0.615)
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus import read_corpus
from ..errors import KGError
from ..io import format_table, spreadsheet_cell
from ..model import Annotated, Article, Corpus, Entity, Kind, Registry, Span
from ..ontology import relation_families
from ..text import find_all, normalise
from ..vocab import ACTOR_TYPES
from .pipeline import Pipeline

__all__ = ["EvalReport", "LayerScore", "evaluate", "format_report", "held_out_registry", "score"]

LAYERS = ("actors", "mentions", "quantities", "speakers", "relations", "operations", "operation fields")
TARGETS = {"actors": 0.90, "quantities": 0.85, "quantity speakers": 0.80, "relations": 0.60}


def score(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (rounded to 3 decimals; 0 where undefined)."""
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


@dataclass
class LayerScore:
    """Counts for one layer (of one article, or summed over all)."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0
    extra_right: int = 0
    """For quantities: matches whose speaker is also right."""

    def add(self, other: LayerScore) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold
        self.extra_right += other.extra_right

    @property
    def prf(self) -> tuple[float, float, float]:
        return score(self.tp, self.predicted, self.gold)


@dataclass
class EvalReport:
    """Scores per article and layer, and overall (micro-averaged: counts summed over articles)."""

    articles: dict[str, dict[str, LayerScore]] = field(default_factory=dict)
    held_out: dict[str, int] = field(default_factory=dict)
    """Per article: how many aliases were held out of the registry."""

    def overall(self) -> dict[str, LayerScore]:
        total = {layer: LayerScore() for layer in LAYERS}
        for layers in self.articles.values():
            for layer, counts in layers.items():
                total[layer].add(counts)
        return total

    def rows(self) -> list[dict[str, Any]]:
        """One row per article and layer, then the overall rows (``article`` = ``all``)."""
        rows = []
        for article, layers in [*self.articles.items(), ("all", self.overall())]:
            for layer in LAYERS:
                counts = layers[layer]
                p, r, f = counts.prf
                row = {"article": article, "layer": layer, "tp": counts.tp, "predicted": counts.predicted,
                       "gold": counts.gold, "precision": p, "recall": r, "f1": f}  # fmt: skip
                if layer == "quantities":
                    row["speaker_right"] = round(counts.extra_right / counts.tp, 3) if counts.tp else 0.0
                rows.append(row)
        return rows


def held_out_registry(registry: Registry, other_texts: Iterable[str]) -> tuple[Registry, int]:
    """The registry with only the aliases that occur in ``other_texts`` (or equal the label).

    Returns the registry and the number of aliases held out. Kinds' aliases are held out the same way.
    """
    texts = [normalise(t) for t in other_texts]

    def seen(form: str) -> bool:
        key = normalise(form)
        return any(find_all(t, key, whole_words=True) for t in texts)

    held = 0
    entities = {}
    for entity in registry.entities.values():
        kept = tuple(a for a in entity.aliases if a == entity.label or seen(a))
        held += len(entity.aliases) - len(kept)
        entities[entity.id] = dataclasses.replace(entity, aliases=kept)
    kinds = {}
    for kind in registry.kinds.values():
        kept = tuple(a for a in kind.aliases if a == kind.label or seen(a))
        held += len(kind.aliases) - len(kept)
        kinds[kind.id] = Kind(kind.id, kind.label, kind.broader, kept)
    return Registry(entities=entities, kinds=kinds), held


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _match(gold: list[Any], predicted: list[Any], same: Callable[[Any, Any], bool], span: Callable[[Any], Span]) -> list[tuple[Any, Any]]:  # fmt: skip
    """One-to-one matches between gold and predicted items (greedy, largest overlap first)."""
    pairs = []
    for g in gold:
        for p in predicted:
            gs, ps = span(g), span(p)
            if _overlaps(gs, ps) and same(g, p):
                pairs.append((min(gs.end, ps.end) - max(gs.start, ps.start), id(g), id(p), g, p))
    pairs.sort(key=lambda x: -x[0])
    used_g, used_p, matches = set(), set(), []
    for _, ig, ip, g, p in pairs:
        if ig in used_g or ip in used_p:
            continue
        used_g.add(ig)
        used_p.add(ip)
        matches.append((g, p))
    return matches


def _numbers(q: Any) -> tuple:
    def n(x: Any) -> Any:
        return None if x is None else float(x)

    return n(q.value), n(q.lower), n(q.upper)


def score_article(gold: Annotated, predicted: Annotated, types: Callable[[str], str | None]) -> dict[str, LayerScore]:
    """Scores of one article's proposed annotations against its curated ones."""
    result = {}
    actor = set(ACTOR_TYPES)

    def mentions_of(items: list[Any], only_actors: bool) -> list[Any]:
        return [m for m in items if not only_actors or any(types(e) in actor for e in m.entities)]

    for layer, only_actors in (("actors", True), ("mentions", False)):
        g, p = mentions_of(gold.mentions, only_actors), mentions_of(predicted.mentions, only_actors)
        matches = _match(g, p, lambda a, b: bool(set(a.entities) & set(b.entities)), lambda m: m.span)
        result[layer] = LayerScore(len(matches), len(p), len(g))

    g = [c for c in gold.claims if c.quantity is not None]
    p = [c for c in predicted.claims if c.quantity is not None]
    matches = _match(
        g,
        p,
        lambda a, b: _numbers(a.quantity) == _numbers(b.quantity) and a.quantity.kind == b.quantity.kind,
        lambda c: c.span,
    )
    result["quantities"] = LayerScore(len(matches), len(p), len(g), sum(a.speaker == b.speaker for a, b in matches))

    matches = _match(gold.statements, predicted.statements, lambda a, b: a.speaker == b.speaker, lambda s: s.span)
    result["speakers"] = LayerScore(len(matches), len(predicted.statements), len(gold.statements))

    families = relation_families()

    def triples(annotated: Annotated) -> set[tuple[str, str, str]]:
        return {(c.subject, str(families.get(c.predicate, c.predicate)), c.object)
                for c in annotated.claims if c.object is not None}  # fmt: skip

    gt, pt = triples(gold), triples(predicted)
    result["relations"] = LayerScore(len(gt & pt), len(pt), len(gt))

    matches = _match(gold.operations, predicted.operations, lambda a, b: a.event == b.event, lambda o: o.span)
    result["operations"] = LayerScore(len(matches), len(predicted.operations), len(gold.operations))
    fields = LayerScore()
    for a, b in matches:
        for name in ("on", "start", "end", "agents", "origin", "destination"):
            va, vb = getattr(a, name), getattr(b, name)
            sa = set(va) if isinstance(va, tuple) else ({va} if va else set())
            sb = set(vb) if isinstance(vb, tuple) else ({vb} if vb else set())
            fields.add(LayerScore(len(sa & sb), len(sb), len(sa)))
    result["operation fields"] = fields
    return result


def evaluate(
    seeds: str | os.PathLike = "seeds",
    *,
    config: Any = None,
    leave_one_out: bool = True,
    processes: int = 1,
    on_phase: Callable[[str], None] | None = None,
) -> EvalReport:
    """Run the pipeline on the seed texts and score it against the curated annotations.

    Parameters
    ----------
    seeds : str or PathLike
        A corpus folder with curated annotations (default ``seeds``).
    config : path or PipelineConfig, optional
        The pipeline configuration to evaluate.
    leave_one_out : bool, optional
        Hold out of the registry the aliases that only the scored article contains (default True).
    on_phase : callable, optional
        Called with the name of each step as it starts (reading the seeds, annotating and scoring
        each article): a progress display (:func:`kg.io.progress_phases`) shows it.

    Returns
    -------
    EvalReport
    """
    folder = Path(seeds)
    if not folder.is_dir():
        raise KGError("E657", path=folder, detail="no such folder")
    if on_phase is not None:
        on_phase(f"read the seeds in {folder}")
    corpus: Corpus = read_corpus(folder)
    report = EvalReport()
    for number, gold in enumerate(corpus.articles, start=1):
        if on_phase is not None:
            on_phase(f"annotate and score {gold.article.id} ({number} of {len(corpus.articles)})")
        others = [a.article.text for a in corpus.articles if a is not gold]
        registry, held = held_out_registry(corpus.registry, others) if leave_one_out else (corpus.registry, 0)
        report.held_out[gold.article.id] = held
        pipeline = Pipeline(registry, config)
        predicted = pipeline(_bare_article(gold.article, corpus.registry))

        def types(entity_id: str, pipeline: Any = pipeline, registry: Registry = registry) -> str | None:
            entity: Entity | None = registry.entities.get(entity_id) or pipeline.proposed.get(entity_id)
            return entity.type if entity else None

        report.articles[gold.article.id] = score_article(gold, predicted, types)
    return report


def _bare_article(article: Article, registry: Registry) -> Article:
    """The article as an input: text and metadata, the outlet as its name (not the registry id)."""
    outlet = registry.entities[article.outlet].label if article.outlet in registry.entities else article.outlet
    return dataclasses.replace(article, outlet=outlet, via=())


def format_report(report: EvalReport, format: str = "table") -> str:
    """The report as a table (per article and overall), CSV or JSON."""
    rows = report.rows()
    if format == "json":
        return json.dumps({"rows": rows, "held_out_aliases": report.held_out, "targets": TARGETS}, indent=2) + "\n"
    if format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=[*rows[0].keys(), "speaker_right"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: spreadsheet_cell(v) for k, v in row.items()} for row in rows)
        return out.getvalue()
    if format != "table":
        raise KGError("E303", name=format, choices="table, csv, json")
    columns = ["article", "layer", "P", "R", "F1", "tp", "pred", "gold", ""]
    cells: list[list[object] | None] = []
    for row in rows:
        speaker = f"speaker right {row['speaker_right']:.3f}" if "speaker_right" in row else None
        scores = [f"{row[k]:.3f}" for k in ("precision", "recall", "f1")]
        cells.append([row["article"], row["layer"], *scores, row["tp"], row["predicted"], row["gold"], speaker])
        if row["layer"] == LAYERS[-1]:
            cells.append(None)
    lines = format_table(columns, cells, count=False).splitlines()
    held = ", ".join(f"{k[:3]}: {v}" for k, v in report.held_out.items())
    lines.append(f"leave-one-article-out: aliases held out of the registry per article ({held})")
    return "\n".join(lines) + "\n"
