"""Scoring the annotation pipeline on a gold folder (``kg eval --gold DIR``).

A gold folder holds articles nobody annotated for kg and a person's annotations of them:

``corpus.jsonl``
    one article a line, as ``kg annotate`` reads it (``id``, ``text``, ``outlet``, ``published`` ...);
``gold/NAME.json``
    one per article, its ``article`` field the JSONL ``id``: ``actors`` (``name``, ``type``,
    ``mentions``: the surface forms as written), ``operations`` (``name``, ``date``, ``agents``,
    ``from``, ``to``, ``planned``), ``quantity_claims`` (``value``, ``lower``, ``upper``,
    ``approximate``, ``counted``, ``kind``, ``speaker``, ``quote``: the sentence), ``relations``
    (``subject``, ``predicate``, ``object``, ``quote``) and, optionally, ``statements`` (``speaker``,
    ``quote``: a passage of what the speaker says), names being the gold actors' names;
``gold/facts.json``
    ``expected_status`` (``article``, ``value``, ``quote``, optional ``counted``, ``status``) of each
    quantity claim, and ``groups`` (``id``, ``verdict``, ``claims``) of claims about the same thing.

:func:`evaluate_gold` annotates the corpus as ``kg annotate DIR/corpus.jsonl --out TMP`` does, builds
it into a temporary store as ``kg build`` does, reads each claim's status back from the store and
scores (:func:`score_gold`). Each article is scored on its own, then the counts are summed. Rules:

``actors``
    a proposed entity (an entity a machine mention in the article links to, of a type gold folders
    annotate: person, country, place, organisation, government body, armed group, outlet; unnamed
    groups and events are left out) matches a gold actor when one of its surface forms in the text
    folds (:func:`~kg.annotate.normalise.name_key`) to one of the gold mentions or to the gold
    name, or its label folds to the gold name; one to one, most shared forms first. A match whose
    top type differs (a country proposed as a person; Organisation, Organization, GovernmentBody,
    ArmedGroup and MediaOutlet are one top type) is counted as ``wrong top type``.
``operations``
    a proposed event matches a gold operation when its id, label, an alias or a surface form folds
    to the gold name without its closing parenthesis (``Zhusan-2 (May 2019)`` -> ``Zhusan-2``), or
    when both its dates and its participants (agents, partners, origin, destination) agree with
    the gold ``date``, ``agents``, ``from`` and ``to``: the date periods overlap and one participant
    matches a gold one as actors match.
``quantities``
    a proposed quantity claim matches a gold one when the value or the bounds are equal (a gold
    value equal to the proposed value or one of its bounds, "more than N" also to a lower bound
    N + 1 and "nearly N" to an upper bound N - 1; a gold range to equal bounds), the kind
    is compatible (the same kind, or, for a proposal without a kind, its counted words hold the
    gold kind, or the gold kind is ``other``) and its span overlaps the gold sentence.
``quantity speakers``
    the share of matched quantity claims whose speaker matches the gold speaker (as actors match),
    counted over the gold claims that name a speaker.
``statement speakers``
    where the gold file lists ``statements``: a proposed statement is right when its span overlaps
    the gold quote and its speaker matches the gold speaker (as actors match); one to one. Precision
    is over the proposed statements of those articles, recall over the gold statements.
``relations``
    only gold predicates whose name folds to a kg predicate (``located_in`` -> ``locatedIn``) are
    scored, against the proposed relations of those predicates' families: subject and object must
    match as actors do. The others are counted as unscored.

Across sources, each gold claim's ``expected_status`` is compared with the status the build gave its
matched claim (none matched: missed); ``conflicting``, ``corroborated`` and ``single-source`` get a
precision (over every proposed quantity claim with that status) and a recall. Each gold group is
``whole`` when its matched claims are in one machine claim group, ``split`` when in several;
``merged with`` names the other gold groups (and counts the ungrouped gold claims and the claims
matching no gold claim) whose claims share those machine groups.

Examples
--------
>>> GoldClaim(value=150, lower=150, upper=None, approximate=True, counted="children", kind="children",
...           speaker=None, quote="").label
'more than 150 children'
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..build import build
from ..corpus import REGISTRY_FILE, read_annotations, read_registry
from ..errors import KGError
from ..graphdata import read_graph_data
from ..io import format_table, spreadsheet_cell
from ..model import Annotated, Claim, Entity, Registry
from ..ontology import relation_families
from ..terms import claim_iri
from ..vocab import STATUSES, date_period
from .eval import LayerScore
from .normalise import name_key, singular, words
from .pipeline import PipelineConfig, annotate

__all__ = [
    "GOLD_LAYERS",
    "GoldActor",
    "GoldArticle",
    "GoldClaim",
    "GoldGroup",
    "GoldOperation",
    "GoldRelation",
    "GoldReport",
    "GoldSet",
    "GroupOutcome",
    "Miss",
    "evaluate_gold",
    "format_gold_report",
    "read_gold",
    "score_gold",
]

GOLD_LAYERS = ("actors", "operations", "quantities", "quantity speakers", "statement speakers", "relations")
"""The layers :func:`score_gold` scores, in report order."""

# Top types: an error between two of them is a wrong type, one inside a top type is not.
_TOP = {
    "Person": "person",
    "Country": "country",
    "Place": "place",
    "Organisation": "organisation",
    "Organization": "organisation",
    "GovernmentBody": "organisation",
    "ArmedGroup": "organisation",
    "MediaOutlet": "organisation",
}
_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")
_NOT_WORD = re.compile(r"[^a-z0-9]")
_NO_STATUS, _NO_CLAIM = "no status", "no claim"


# --- the gold folder ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldActor:
    """A named actor or place of one gold article, with each surface form as written."""

    name: str
    type: str
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class GoldOperation:
    """An operation a gold article reports: ``date`` is ``YYYY[-MM[-DD]]`` or ``FIRST/LAST``."""

    name: str
    date: str | None = None
    agents: tuple[str, ...] = ()
    origin: str | None = None
    destination: str | None = None
    planned: bool = False


@dataclass(frozen=True)
class GoldClaim:
    """A figure a gold article gives: value or bounds, what it counts, who says it, in which sentence."""

    value: int | float | None
    lower: int | float | None
    upper: int | float | None
    approximate: bool
    counted: str
    kind: str
    speaker: str | None
    quote: str
    operation: str | None = None
    as_of: str | None = None

    @property
    def label(self) -> str:
        """``84 children``, ``about 600 people``, ``more than 150 children``, ``400-500 women``."""
        return f"{_figure(self.value, self.lower, self.upper, self.approximate)} {self.counted}".strip()


@dataclass(frozen=True)
class GoldStatement:
    """Attributed speech in a gold article: who speaks, and a passage of what they say."""

    speaker: str
    quote: str


@dataclass(frozen=True)
class GoldRelation:
    """A link a gold article states between two of its actors."""

    subject: str
    predicate: str
    object: str
    quote: str


@dataclass
class GoldArticle:
    """One article's text and its gold annotations."""

    id: str
    text: str
    file: Path
    actors: list[GoldActor] = field(default_factory=list)
    operations: list[GoldOperation] = field(default_factory=list)
    claims: list[GoldClaim] = field(default_factory=list)
    relations: list[GoldRelation] = field(default_factory=list)
    statements: list[GoldStatement] | None = None
    """None when the gold file lists no ``statements`` (then statement speakers are not scored)."""

    def actor(self, name: str | None) -> GoldActor | None:
        """The actor of this name, if the article lists it."""
        return next((a for a in self.actors if a.name == name), None)


@dataclass(frozen=True)
class GoldGroup:
    """Claims of several articles about the same thing; members are ``(article, claim index)``."""

    id: str
    verdict: str
    members: tuple[tuple[str, int], ...]


@dataclass
class GoldSet:
    """A gold folder read and checked (:func:`read_gold`)."""

    folder: Path
    articles: dict[str, GoldArticle]
    """Articles with gold, in corpus order."""
    rows: list[tuple[int, str]]
    """``(line, id)`` of every article of ``corpus.jsonl``, gold or not."""
    groups: list[GoldGroup] = field(default_factory=list)
    statuses: dict[tuple[str, int], str] = field(default_factory=dict)
    """Expected status per ``(article, claim index)``."""


def read_gold(folder: str | os.PathLike) -> GoldSet:
    """Read a gold folder and check it: every quote and mention must be in its article's text.

    Parameters
    ----------
    folder : str or PathLike
        Holds ``corpus.jsonl``, ``gold/NAME.json`` per article and ``gold/facts.json``.

    Returns
    -------
    GoldSet

    Raises
    ------
    KGError
        E659 when a file is missing, E660 naming the file (and line) that is not valid JSON, E661
        naming the file and item whose quote or mention is not in the text, E662 for an item that
        is malformed or names an article or claim that does not exist.
    """
    folder = Path(folder)
    corpus, gold_dir = folder / "corpus.jsonl", folder / "gold"
    facts_path = gold_dir / "facts.json"
    if not folder.is_dir():
        raise KGError("E659", path=folder, missing="the folder")
    for path, what in ((corpus, "corpus.jsonl"), (gold_dir, "gold/"), (facts_path, "gold/facts.json")):
        if not (path.is_dir() if path is gold_dir else path.is_file()):
            raise KGError("E659", path=folder, missing=what)
    texts: dict[str, str] = {}
    rows: list[tuple[int, str]] = []
    for number, line in enumerate(_read(corpus).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{corpus}:{number}"
        record = _json(line, where)
        if not isinstance(record, dict):
            raise KGError("E662", where=where, item="line", detail="each line must be a JSON object")
        aid, text = record.get("id"), record.get("text")
        if not isinstance(aid, str) or not aid:
            raise KGError("E662", where=where, item="id", detail="each article needs an 'id' (a string)")
        if not isinstance(text, str) or not text.strip():
            raise KGError("E662", where=where, item=aid, detail="each article needs a 'text' (a string)")
        if aid in texts:
            raise KGError("E662", where=where, item=aid, detail="this id is also on an earlier line")
        texts[aid] = text
        rows.append((number, aid))
    articles: dict[str, GoldArticle] = {}
    for path in sorted(p for p in gold_dir.glob("*.json") if p.name != facts_path.name):
        article = _gold_article(path, _json(_read(path), path), texts)
        if article.id in articles:
            raise KGError("E662", where=path, item="article", detail=f"{article.id!r} has gold in "
                          f"{articles[article.id].file.name} too")  # fmt: skip
        articles[article.id] = article
    order = {aid: i for i, (_, aid) in enumerate(rows)}
    articles = dict(sorted(articles.items(), key=lambda item: order[item[0]]))
    gold = GoldSet(folder, articles, rows)
    _read_facts(facts_path, _json(_read(facts_path), facts_path), gold)
    return gold


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise KGError("E660", where=path, detail=f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise KGError("E660", where=path, detail=exc.strerror or str(exc)) from None


def _json(text: str, where: object) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        place = f"column {exc.colno}" if "\n" not in text else f"line {exc.lineno} column {exc.colno}"
        raise KGError("E660", where=where, detail=f"{exc.msg} at {place}") from None


def _field(record: Any, key: str, kinds: tuple[type, ...], where: object, item: str, *, optional: bool = False) -> Any:
    if not isinstance(record, dict):
        raise KGError("E662", where=where, item=item, detail="must be a JSON object")
    value = record.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        names = " or ".join("a number" if k in (int, float) else f"a {k.__name__}" for k in kinds)
        raise KGError("E662", where=where, item=item, detail=f"{key!r} must be {names}, not {value!r}")
    return value


def _names(record: Any, key: str, where: object, item: str) -> tuple[str, ...]:
    values = _field(record, key, (list,), where, item, optional=True) or []
    if not all(isinstance(v, str) for v in values):
        raise KGError("E662", where=where, item=item, detail=f"{key!r} must be a list of strings")
    return tuple(values)


def _in_text(quote: str, article: str, text: str, where: object, item: str) -> str:
    if quote not in text:
        raise KGError("E661", where=where, item=item, article=article, quote=quote)
    return quote


_NUMBER = (int, float)


def _gold_article(path: Path, data: Any, texts: Mapping[str, str]) -> GoldArticle:
    aid = _field(data, "article", (str,), path, "article")
    if aid not in texts:
        raise KGError("E662", where=path, item="article", detail=f"no article {aid!r} in corpus.jsonl")
    text = texts[aid]
    article = GoldArticle(aid, text, path)
    for i, x in enumerate(_field(data, "actors", (list,), path, "actors", optional=True) or []):
        item = f"actors[{i}]"
        name = _field(x, "name", (str,), path, item)
        item = f"actors[{i}] ({name})"
        mentions = _names(x, "mentions", path, item)
        for mention in mentions:
            _in_text(mention, aid, text, path, f"{item} mention")
        article.actors.append(GoldActor(name, _field(x, "type", (str,), path, item), mentions))
    for i, x in enumerate(_field(data, "operations", (list,), path, "operations", optional=True) or []):
        item = f"operations[{i}]"
        name = _field(x, "name", (str,), path, item)
        item = f"operations[{i}] ({name})"
        when = _field(x, "date", (str,), path, item, optional=True)
        if when is not None and _period(when) is None:
            raise KGError("E662", where=path, item=item, detail=f"date {when!r} is not YYYY[-MM[-DD]][/YYYY[-MM[-DD]]]")
        article.operations.append(
            GoldOperation(
                name,
                when,
                _names(x, "agents", path, item),
                _field(x, "from", (str,), path, item, optional=True),
                _field(x, "to", (str,), path, item, optional=True),
                bool(_field(x, "planned", (bool,), path, item, optional=True)),
            )
        )
    for i, x in enumerate(_field(data, "quantity_claims", (list,), path, "quantity_claims", optional=True) or []):
        item = f"quantity_claims[{i}]"
        value, lower, upper = (_field(x, k, _NUMBER, path, item, optional=True) for k in ("value", "lower", "upper"))
        if value is None and (lower is None or upper is None):
            raise KGError("E662", where=path, item=item, detail="a claim needs a value, or a lower and an upper bound")
        quote = _in_text(_field(x, "quote", (str,), path, item), aid, text, path, item)
        article.claims.append(
            GoldClaim(
                value=value,
                lower=lower,
                upper=upper,
                approximate=bool(_field(x, "approximate", (bool,), path, item, optional=True)),
                counted=_field(x, "counted", (str,), path, item, optional=True) or "",
                kind=_field(x, "kind", (str,), path, item, optional=True) or "other",
                speaker=_field(x, "speaker", (str,), path, item, optional=True),
                quote=quote,
                operation=_field(x, "operation", (str,), path, item, optional=True),
                as_of=_field(x, "as_of", (str,), path, item, optional=True),
            )
        )
    for i, x in enumerate(_field(data, "relations", (list,), path, "relations", optional=True) or []):
        item = f"relations[{i}]"
        subject, predicate, obj, quote = (
            _field(x, k, (str,), path, item) for k in ("subject", "predicate", "object", "quote")
        )
        article.relations.append(GoldRelation(subject, predicate, obj, _in_text(quote, aid, text, path, item)))
    statements = _field(data, "statements", (list,), path, "statements", optional=True)
    if statements is not None:
        article.statements = []
        for i, x in enumerate(statements):
            item = f"statements[{i}]"
            speaker, quote = (_field(x, k, (str,), path, item) for k in ("speaker", "quote"))
            article.statements.append(GoldStatement(speaker, _in_text(quote, aid, text, path, item)))
    return article


def _read_facts(path: Path, facts: Any, gold: GoldSet) -> None:
    if not isinstance(facts, dict):
        raise KGError("E662", where=path, item="file", detail="must hold a JSON object")
    entries = facts.get("expected_status")
    if not isinstance(entries, list):
        raise KGError(
            "E662", where=path, item="expected_status", detail="must be a list of {article, value, quote, status}"
        )
    for i, entry in enumerate(entries):
        item = f"expected_status[{i}]"
        key = _gold_claim(path, item, entry, gold)
        status = _field(entry, "status", (str,), path, item)
        if status not in STATUSES:
            raise KGError(
                "E662", where=path, item=item, detail=f"status {status!r} is not one of {', '.join(STATUSES)}"
            )
        if key in gold.statuses:
            raise KGError("E662", where=path, item=item, detail="this claim has an earlier entry")
        gold.statuses[key] = status
    groups = facts.get("groups") or []
    if not isinstance(groups, list):
        raise KGError("E662", where=path, item="groups", detail="must be a list of {id, verdict, claims}")
    for i, group in enumerate(groups):
        gid = _field(group, "id", (str,), path, f"groups[{i}]", optional=True) or f"groups[{i}]"
        item = f"groups[{i}] ({gid})"
        members = tuple(
            _gold_claim(path, f"{item}.claims[{j}]", m, gold)
            for j, m in enumerate(_field(group, "claims", (list,), path, item))
        )
        verdict = _field(group, "verdict", (str,), path, item, optional=True) or ""
        gold.groups.append(GoldGroup(gid, verdict, members))


def _gold_claim(path: Path, item: str, entry: Any, gold: GoldSet) -> tuple[str, int]:
    """The ``(article, index)`` of the one gold claim an entry of facts.json names."""
    aid = _field(entry, "article", (str,), path, item)
    article = gold.articles.get(aid)
    if article is None:
        raise KGError("E662", where=path, item=item, detail=f"article {aid!r} has no gold file")
    quote = _in_text(_field(entry, "quote", (str,), path, item), aid, article.text, path, item)
    value = _field(entry, "value", _NUMBER, path, item, optional=True)
    counted = _field(entry, "counted", (str,), path, item, optional=True)
    hits = [
        i
        for i, c in enumerate(article.claims)
        if c.quote == quote and _same(c.value, value) and (counted is None or c.counted == counted)
    ]
    if len(hits) != 1:
        what = "no quantity claim" if not hits else f"{len(hits)} quantity claims (give 'counted')"
        raise KGError(
            "E662", where=path, item=item, detail=f"value {value!r} and quote match {what} of {article.file.name}"
        )
    return aid, hits[0]


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return float(a) == float(b)  # type: ignore[arg-type]


def _period(value: str | None) -> tuple[date, date] | None:
    """The days a gold or proposed date names: ``YYYY[-MM[-DD]]`` or ``FIRST/LAST``; None when not one."""
    if not value:
        return None
    first, _, last = value.partition("/")
    try:
        return date_period(first)[0], date_period(last or first)[1]
    except (ValueError, KeyError):
        return None


def _figure(value: object, lower: object, upper: object, approximate: bool) -> str:
    def n(x: object) -> str:
        return str(int(x)) if isinstance(x, float) and x.is_integer() else str(x)

    if value is None:
        return f"{n(lower)}-{n(upper)}"
    if approximate:
        if lower is not None:
            return f"more than {n(value)}"
        if upper is not None:
            return f"nearly {n(value)}"
        return f"about {n(value)}"
    return n(value)


# --- the report -----------------------------------------------------------------------------------


@dataclass
class Miss:
    """One error to read: a gold item not found, a false positive, a wrong speaker, type or status."""

    layer: str
    article: str
    what: str
    """``missed``, ``false positive``, ``wrong top type``, ``wrong speaker`` or ``expected STATUS``."""
    gold: str = ""
    proposed: str = ""
    """What was proposed (instead): in the same sentence or span, where anything was."""
    sentence: str = ""


@dataclass
class GroupOutcome:
    """How the build grouped the claims of one gold group."""

    id: str
    verdict: str
    members: int
    matched: int
    """Members with a matched proposed claim."""
    machine_groups: int
    outcome: str
    """``whole`` (one machine group), ``split`` (several), ``no group`` or ``not found`` (none matched)."""
    expected: dict[str, int] = field(default_factory=dict)
    """Expected statuses of the members, counted."""
    given: dict[str, int] = field(default_factory=dict)
    """Statuses the build gave the matched claims, counted."""
    merged_with: tuple[str, ...] = ()
    """Other gold groups with claims in the same machine groups."""
    ungrouped: int = 0
    """Gold claims of no group in the same machine groups."""
    unmatched: int = 0
    """Proposed claims matching no gold claim in the same machine groups."""

    @property
    def merged(self) -> str:
        parts = list(self.merged_with)
        if self.ungrouped:
            parts.append(f"{self.ungrouped} ungrouped")
        if self.unmatched:
            parts.append(f"{self.unmatched} unmatched")
        return ", ".join(parts)


@dataclass
class GoldReport:
    """Scores of the pipeline on a gold folder: per layer and article, cross-source statuses, groups, misses."""

    folder: str
    articles: dict[str, dict[str, LayerScore]] = field(default_factory=dict)
    wrong_type: dict[str, int] = field(default_factory=dict)
    """Matched actors of the wrong top type, per article."""
    unscored_relations: dict[str, int] = field(default_factory=dict)
    """Gold relations whose predicate has no kg counterpart, per article."""
    statuses: dict[str, LayerScore] = field(default_factory=dict)
    """Per status: ``tp`` gold claims given it, ``predicted`` proposed claims with it, ``gold`` claims expecting it."""
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    """Expected status -> given status (or ``no status``, ``no claim``) -> gold claims."""
    groups: list[GroupOutcome] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Articles the pipeline skipped (scored as proposing nothing)."""
    unscored_articles: list[str] = field(default_factory=list)
    """Articles of corpus.jsonl without a gold file (annotated and built, not scored)."""
    seconds: float = 0.0

    def overall(self) -> dict[str, LayerScore]:
        """Counts summed over the articles."""
        total = {layer: LayerScore() for layer in GOLD_LAYERS}
        for layers in self.articles.values():
            for layer, counts in layers.items():
                total[layer].add(counts)
        return total

    def rows(self) -> list[dict[str, Any]]:
        """One row per article and layer, then the overall rows (``article`` = ``all``)."""
        rows = []
        wrong, unscored = sum(self.wrong_type.values()), sum(self.unscored_relations.values())
        for article, layers in [*self.articles.items(), ("all", self.overall())]:
            for layer in GOLD_LAYERS:
                counts = layers[layer]
                if layer == "statement speakers" and not counts.gold and not counts.predicted:
                    continue  # the gold lists no statements here: not scored
                p, r, f = counts.prf
                row: dict[str, Any] = {"article": article, "layer": layer, "tp": counts.tp,
                                       "predicted": counts.predicted, "gold": counts.gold,
                                       "precision": p, "recall": r, "f1": f}  # fmt: skip
                if layer == "actors":
                    row["wrong_top_type"] = wrong if article == "all" else self.wrong_type.get(article, 0)
                if layer == "relations":
                    row["unscored"] = unscored if article == "all" else self.unscored_relations.get(article, 0)
                rows.append(row)
        return rows

    def status_rows(self) -> list[dict[str, Any]]:
        """Precision and recall of each status over all articles."""
        rows = []
        for status in STATUSES:
            counts = self.statuses.get(status, LayerScore())
            p, r, f = counts.prf
            rows.append({"status": status, "tp": counts.tp, "predicted": counts.predicted, "gold": counts.gold,
                         "precision": p, "recall": r, "f1": f})  # fmt: skip
        return rows


# --- scoring --------------------------------------------------------------------------------------


def _key(text: str) -> str:
    return name_key(text)


class _Proposed:
    """One article's proposed annotations, with the entity lookups the rules need."""

    def __init__(self, annotated: Annotated | None, registry: Registry) -> None:
        self.registry = registry
        self.text = annotated.article.text if annotated else ""
        self.operations = annotated.operations if annotated else []
        self.claims = annotated.claims if annotated else []
        self.statements = annotated.statements if annotated else []
        self.forms: dict[str, set[str]] = defaultdict(set)
        self.spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.order: list[str] = []
        for m in annotated.mentions if annotated else []:
            for e in m.entities:
                if e not in self.forms:
                    self.order.append(e)
                self.forms[e].add(_key(m.span.quote))
                self.spans[e].append((m.span.start, m.span.end))

    def entity(self, entity_id: str) -> Entity | None:
        return self.registry.entities.get(entity_id)

    def label(self, entity_id: str | None) -> str:
        entity = self.entity(entity_id or "")
        return entity.label if entity else entity_id or ""

    def described(self, entity_id: str) -> str:
        entity = self.entity(entity_id)
        return f"{entity.label} ({entity.type})" if entity else entity_id

    def names(self, entity_id: str) -> set[str]:
        """Keys of the names an entity goes by here: its label and its surface forms in this article."""
        return {k for k in {_key(self.label(entity_id)), *self.forms.get(entity_id, ())} if k}

    def matches(self, entity_id: str | None, actor: GoldActor | None, name: str | None = None) -> bool:
        """Whether a proposed entity is the gold actor (or, for a name the article lists no actor for, that name)."""
        if not entity_id:
            return False
        wanted = {_key(m) for m in actor.mentions} | {_key(actor.name)} if actor else {_key(name or "")}
        return bool(self.names(entity_id) & (wanted - {""}))

    def occurrences(self, quote: str) -> list[tuple[int, int]]:
        found, at = [], self.text.find(quote) if quote else -1
        while at >= 0:
            found.append((at, at + len(quote)))
            at = self.text.find(quote, at + 1)
        return found


def _one_to_one(pairs: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: the heaviest pairs first, then gold order, then proposal order."""
    used_g, used_p, matches = set(), set(), []
    for _, g, p in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if g in used_g or p in used_p:
            continue
        used_g.add(g)
        used_p.add(p)
        matches.append((g, p))
    return matches


def _overlap(spans: Sequence[tuple[int, int]], start: int, end: int) -> int:
    return max((min(e, end) - max(s, start) for s, e in spans), default=0)


def _numbers_agree(gold: GoldClaim, claim: Claim) -> bool:
    q = claim.quantity
    assert q is not None
    if gold.value is not None:
        wanted = {float(gold.value)}
        if gold.approximate and gold.lower is not None:
            wanted.add(float(gold.value) + 1)  # "more than 400" read as at least 401
        if gold.approximate and gold.upper is not None:
            wanted.add(float(gold.value) - 1)  # "fewer than 30" read as at most 29
        return any(x is not None and float(x) in wanted for x in (q.value, q.lower, q.upper))
    return q.lower is not None and q.upper is not None and _same(q.lower, gold.lower) and _same(q.upper, gold.upper)


def _kind_key(text: str) -> str:
    return " ".join(singular(w) for w in words(text.lower()))


def _kinds_agree(gold: GoldClaim, claim: Claim, registry: Registry) -> bool:
    q = claim.quantity
    assert q is not None
    wanted = _kind_key(gold.kind)
    if q.kind:
        kind = registry.kinds.get(q.kind)
        return wanted in {_kind_key(q.kind), _kind_key(kind.label) if kind else ""}
    return wanted == "other" or wanted in {singular(w) for w in words((q.counted or "").lower())}


def _described(claim: Claim) -> str:
    q = claim.quantity
    if q is None:
        return claim.span.quote
    return f"{q.label} [{q.kind or 'no kind'}]"


def _families() -> dict[str, str]:
    """kg predicate names and families, keyed by their folded name (``locatedin``)."""
    found = {}
    for name, family in relation_families().items():
        found[_NOT_WORD.sub("", name.lower())] = str(family)
        found.setdefault(_NOT_WORD.sub("", str(family).rsplit("#", 1)[-1].lower()), str(family))
    return found


@dataclass
class _Scored:
    layers: dict[str, LayerScore]
    wrong_type: int
    unscored: int
    claims: dict[int, Claim]
    """Gold claim index -> matched proposed claim."""
    misses: list[Miss]


def _score_article(
    gold: GoldArticle, proposed: _Proposed, registry: Registry, families: Mapping[str, str], scored_families: set[str]
) -> _Scored:
    aid, misses = gold.id, []
    layers: dict[str, LayerScore] = {}

    # actors
    candidates = [e for e in proposed.order if (entity := proposed.entity(e)) is not None and entity.type in _TOP]
    pairs = []
    for gi, actor in enumerate(gold.actors):
        wanted = {_key(m) for m in actor.mentions}
        for pi, e in enumerate(candidates):
            if proposed.matches(e, actor):
                label_equal = _key(proposed.label(e)) == _key(actor.name)
                pairs.append((len(proposed.forms.get(e, set()) & wanted) + 2 * label_equal, gi, pi))
    matches = _one_to_one(pairs)
    layers["actors"] = LayerScore(len(matches), len(candidates), len(gold.actors))
    wrong = 0
    for gi, pi in matches:
        actor, entity = gold.actors[gi], proposed.entity(candidates[pi])
        assert entity is not None
        if _TOP.get(actor.type, actor.type.lower()) != _TOP[entity.type]:
            wrong += 1
            misses.append(
                Miss("actors", aid, "wrong top type", f"{actor.name} ({actor.type})", proposed.described(entity.id))
            )
    found_g, found_p = {g for g, _ in matches}, {p for _, p in matches}
    for gi, actor in enumerate(gold.actors):
        if gi in found_g:
            continue
        spans = [s for m in actor.mentions for s in proposed.occurrences(m)]
        instead = [proposed.described(e) for e in proposed.order
                   if any(_overlap(spans, s, t) > 0 for s, t in proposed.spans[e])]  # fmt: skip
        misses.append(
            Miss(
                "actors", aid, "missed", f"{actor.name} ({actor.type}): {', '.join(actor.mentions)}", "; ".join(instead)
            )
        )
    for pi, e in enumerate(candidates):
        if pi not in found_p:
            misses.append(Miss("actors", aid, "false positive", proposed=proposed.described(e),
                               sentence=", ".join(sorted({proposed.text[s:t] for s, t in proposed.spans[e]}))))  # fmt: skip

    # operations
    events: dict[str, list[Any]] = defaultdict(list)
    for op in proposed.operations:
        events[op.event].append(op)
    event_ids = list(events)
    pairs = []
    for gi, op in enumerate(gold.operations):
        name = _key(_PARENTHESIS.sub("", op.name))
        period = _period(op.date)
        people = [(gold.actor(n), n) for n in (*op.agents, op.origin, op.destination) if n]
        for pi, e in enumerate(event_ids):
            entity = proposed.entity(e)
            keys = proposed.names(e) | {_key(e.replace("-", " "))}
            keys |= {_key(a) for a in entity.aliases} if entity else set()
            named = bool(name) and name in keys
            dates = [p for o in events[e] for d in (o.date, o.on, o.start, o.end) if (p := _period(d))]
            dated = period is not None and any(a <= period[1] and period[0] <= b for a, b in dates)
            ids = {x for o in events[e] for x in (*o.agents, *o.partners, *o.origin, *o.destination)}
            shared = any(proposed.matches(x, actor, n) for x in ids for actor, n in people)
            if named or (dated and shared):
                pairs.append((2 * named + dated + shared, gi, pi))
    matches = _one_to_one(pairs)
    layers["operations"] = LayerScore(len(matches), len(event_ids), len(gold.operations))
    found_g, found_p = {g for g, _ in matches}, {p for _, p in matches}
    for gi, op in enumerate(gold.operations):
        if gi not in found_g:
            instead = [proposed.described(event_ids[p]) for p in range(len(event_ids)) if p not in found_p]
            details = ", ".join(x for x in (op.date, "planned" if op.planned else "") if x)
            misses.append(Miss("operations", aid, "missed", f"{op.name} ({details})" if details else op.name,
                               "; ".join(instead)))  # fmt: skip
    for pi, e in enumerate(event_ids):
        if pi not in found_p:
            misses.append(Miss("operations", aid, "false positive", proposed=proposed.described(e)))

    # quantity claims and their speakers
    machine = [c for c in proposed.claims if c.quantity is not None]
    pairs = []
    spans = [proposed.occurrences(c.quote) for c in gold.claims]
    for gi, g in enumerate(gold.claims):
        for pi, c in enumerate(machine):
            overlap = _overlap(spans[gi], c.span.start, c.span.end)
            if overlap > 0 and _numbers_agree(g, c) and _kinds_agree(g, c, registry):
                pairs.append((overlap, gi, pi))
    matches = _one_to_one(pairs)
    layers["quantities"] = LayerScore(len(matches), len(machine), len(gold.claims))
    claims = {gi: machine[pi] for gi, pi in matches}
    found_g, found_p = {g for g, _ in matches}, {p for _, p in matches}
    named = right = 0
    for gi, pi in matches:
        g, c = gold.claims[gi], machine[pi]
        if g.speaker is None:
            continue
        named += 1
        if proposed.matches(c.speaker, gold.actor(g.speaker), g.speaker):
            right += 1
        else:
            misses.append(Miss("quantity speakers", aid, "wrong speaker", f"{g.label}: {g.speaker}",
                               f"{_described(c)}: {proposed.label(c.speaker)}", g.quote))  # fmt: skip
    layers["quantity speakers"] = LayerScore(right, named, named)
    for gi, g in enumerate(gold.claims):
        if gi not in found_g:
            instead = [_described(c) for c in machine if _overlap(spans[gi], c.span.start, c.span.end) > 0]
            misses.append(Miss("quantities", aid, "missed", f"{g.label} [{g.kind}]", "; ".join(instead), g.quote))
    for pi, c in enumerate(machine):
        if pi not in found_p:
            misses.append(Miss("quantities", aid, "false positive", proposed=_described(c), sentence=c.span.quote))

    # statements and their speakers, where the gold file lists statements
    layers["statement speakers"] = LayerScore()
    if gold.statements is not None:
        said = proposed.statements
        spans = [proposed.occurrences(g.quote) for g in gold.statements]
        pairs = []
        for gi, g in enumerate(gold.statements):
            for pi, st in enumerate(said):
                overlap = _overlap(spans[gi], st.span.start, st.span.end)
                if overlap > 0 and proposed.matches(st.speaker, gold.actor(g.speaker), g.speaker):
                    pairs.append((overlap, gi, pi))
        matches = _one_to_one(pairs)
        layers["statement speakers"] = LayerScore(len(matches), len(said), len(gold.statements))
        found_g, found_p = {g for g, _ in matches}, {p for _, p in matches}
        for gi, g in enumerate(gold.statements):
            if gi not in found_g:
                instead = [
                    proposed.label(st.speaker) for st in said if _overlap(spans[gi], st.span.start, st.span.end) > 0
                ]
                misses.append(Miss("statement speakers", aid, "wrong speaker" if instead else "missed", g.speaker,
                                   "; ".join(instead), g.quote))  # fmt: skip
        for pi, st in enumerate(said):
            if pi not in found_p:
                misses.append(Miss("statement speakers", aid, "false positive", proposed=proposed.label(st.speaker),
                                   sentence=st.span.quote))  # fmt: skip

    # relations, where the gold predicate has a kg counterpart
    scored = [(r, families[f]) for r in gold.relations if (f := _NOT_WORD.sub("", r.predicate.lower())) in families]
    unscored = len(gold.relations) - len(scored)
    machine = [c for c in proposed.claims
               if c.object is not None and families.get(_NOT_WORD.sub("", c.predicate.lower())) in scored_families]  # fmt: skip
    pairs = []
    for gi, (r, family) in enumerate(scored):
        for pi, c in enumerate(machine):
            if (
                families.get(_NOT_WORD.sub("", c.predicate.lower())) == family
                and proposed.matches(c.subject, gold.actor(r.subject), r.subject)
                and proposed.matches(c.object, gold.actor(r.object), r.object)
            ):
                pairs.append((_overlap(proposed.occurrences(r.quote), c.span.start, c.span.end), gi, pi))
    matches = _one_to_one(pairs)
    layers["relations"] = LayerScore(len(matches), len(machine), len(scored))
    found_g, found_p = {g for g, _ in matches}, {p for _, p in matches}
    for gi, (r, _) in enumerate(scored):
        if gi not in found_g:
            misses.append(Miss("relations", aid, "missed", f"{r.subject} {r.predicate} {r.object}", sentence=r.quote))
    for pi, c in enumerate(machine):
        if pi not in found_p:
            misses.append(Miss("relations", aid, "false positive",
                               proposed=f"{proposed.label(c.subject)} {c.predicate} {proposed.label(c.object)}",
                               sentence=c.span.quote))  # fmt: skip

    return _Scored(layers, wrong, unscored, claims, misses)


def score_gold(
    gold: GoldSet,
    proposed: Mapping[str, Annotated],
    registry: Registry,
    statuses: Mapping[str, tuple[str | None, str | None]],
) -> GoldReport:
    """Score proposed annotations and the statuses the build gave them against a gold folder.

    Parameters
    ----------
    gold : GoldSet
        The gold folder (:func:`read_gold`).
    proposed : mapping of str to Annotated
        The proposed annotations per gold article id; an article left out proposed nothing.
    registry : Registry
        The entities and kinds the proposals name (the registry ``kg annotate`` wrote).
    statuses : mapping of str to (status, group)
        Per claim IRI (:func:`kg.terms.claim_iri`), the status the build gave it and its claim
        group's IRI (:attr:`kg.graphdata.Claim.status` and ``.group``).

    Returns
    -------
    GoldReport
    """
    report = GoldReport(folder=str(gold.folder))
    families = _families()
    scored_families = {families[f] for a in gold.articles.values() for r in a.relations
                       if (f := _NOT_WORD.sub("", r.predicate.lower())) in families}  # fmt: skip
    matched: dict[tuple[str, int], tuple[str, Claim]] = {}
    machine_claims: dict[str, tuple[str, Claim]] = {}  # claim IRI -> (article, claim), every proposed quantity claim
    for aid, article in gold.articles.items():
        annotated = proposed.get(aid)
        view = _Proposed(annotated, registry)
        result = _score_article(article, view, registry, families, scored_families)
        report.articles[aid] = result.layers
        report.wrong_type[aid] = result.wrong_type
        report.unscored_relations[aid] = result.unscored
        report.misses.extend(result.misses)
        if annotated is None:
            continue
        for c in annotated.claims:
            if c.quantity is not None:
                machine_claims.setdefault(str(claim_iri(annotated.article.id, c)), (aid, c))
        for gi, c in result.claims.items():
            matched[(aid, gi)] = (str(claim_iri(annotated.article.id, c)), c)
    report.unscored_articles = [aid for _, aid in gold.rows if aid not in gold.articles]
    _score_statuses(report, gold, matched, machine_claims, statuses)
    _score_groups(report, gold, matched, machine_claims, statuses)
    return report


def _score_statuses(
    report: GoldReport,
    gold: GoldSet,
    matched: Mapping[tuple[str, int], tuple[str, Claim]],
    machine_claims: Mapping[str, tuple[str, Claim]],
    statuses: Mapping[str, tuple[str | None, str | None]],
) -> None:
    given_count = Counter(statuses.get(iri, (None, None))[0] for iri in machine_claims)
    report.statuses = {s: LayerScore(predicted=given_count[s]) for s in STATUSES}
    report.confusion = {s: dict.fromkeys((*STATUSES, _NO_STATUS, _NO_CLAIM), 0) for s in STATUSES}
    expected_iris = set()
    for (aid, gi), expected in gold.statuses.items():
        report.statuses[expected].gold += 1
        claim = gold.articles[aid].claims[gi]
        hit = matched.get((aid, gi))
        given = _NO_CLAIM if hit is None else (statuses.get(hit[0], (None, None))[0] or _NO_STATUS)
        if hit is not None:
            expected_iris.add(hit[0])
        report.confusion[expected][given] += 1
        if given == expected:
            report.statuses[expected].tp += 1
        else:
            proposal = given if hit is None else f"{_described(hit[1])}: {given}"
            report.misses.append(Miss("statuses", aid, f"expected {expected}", claim.label, proposal, claim.quote))
    for iri, (aid, c) in machine_claims.items():
        status = statuses.get(iri, (None, None))[0]
        if iri not in expected_iris and status in ("conflicting", "corroborated"):
            report.misses.append(Miss("statuses", aid, "false positive", proposed=f"{_described(c)}: {status}",
                                      sentence=c.span.quote))  # fmt: skip


def _score_groups(
    report: GoldReport,
    gold: GoldSet,
    matched: Mapping[tuple[str, int], tuple[str, Claim]],
    machine_claims: Mapping[str, tuple[str, Claim]],
    statuses: Mapping[str, tuple[str | None, str | None]],
) -> None:
    group_of = {member: g.id for g in gold.groups for member in g.members}
    gold_of = {iri: key for key, (iri, _) in matched.items()}
    members_of: dict[str, list[str]] = defaultdict(list)  # machine group -> claim IRIs
    for iri in machine_claims:
        machine_group = statuses.get(iri, (None, None))[1]
        if machine_group:
            members_of[machine_group].append(iri)
    for g in gold.groups:
        hits = [matched[m] for m in g.members if m in matched]
        machine_groups = {statuses.get(iri, (None, None))[1] for iri, _ in hits} - {None}
        if not hits:
            outcome = "not found"
        elif not machine_groups:
            outcome = "no group"
        else:
            outcome = "whole" if len(machine_groups) == 1 else "split"
        others, ungrouped, unmatched = set(), 0, 0
        for machine_group in machine_groups:
            for iri in members_of[machine_group]:
                key = gold_of.get(iri)
                if key is None:
                    unmatched += 1
                elif key not in g.members:
                    if key in group_of:
                        others.add(group_of[key])
                    else:
                        ungrouped += 1
        expected = Counter(gold.statuses[m] for m in g.members if m in gold.statuses)
        given = Counter(statuses.get(iri, (None, None))[0] or _NO_STATUS for iri, _ in hits)
        report.groups.append(
            GroupOutcome(
                id=g.id,
                verdict=g.verdict,
                members=len(g.members),
                matched=len(hits),
                machine_groups=len(machine_groups),
                outcome=outcome,
                expected=dict(sorted(expected.items())),
                given=dict(sorted(given.items())),
                merged_with=tuple(sorted(others)),
                ungrouped=ungrouped,
                unmatched=unmatched,
            )
        )


# --- running it -----------------------------------------------------------------------------------


def evaluate_gold(
    folder: str | os.PathLike,
    *,
    registry: str | os.PathLike | Registry | None = None,
    config: str | os.PathLike | PipelineConfig | None = None,
    processes: int = 1,
    echo: Callable[[str], None] | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> GoldReport:
    """Annotate and build a gold folder's corpus as ``kg annotate`` and ``kg build`` do, and score it.

    The corpus is annotated into a temporary folder and built into a temporary store, both removed
    afterwards; nothing else is written.

    Parameters
    ----------
    folder : str or PathLike
        A gold folder (see this module): ``corpus.jsonl``, ``gold/NAME.json``, ``gold/facts.json``.
    registry : path or Registry, optional
        The registry to link to, as ``kg annotate --registry`` (default :func:`kg.corpus.default_registry`).
    config : path or PipelineConfig, optional
        The pipeline configuration to evaluate.
    processes : int, optional
        Worker processes for the annotation.
    echo : callable, optional
        Called with one line per article the pipeline skips.
    on_phase : callable, optional
        Called with the name of each step as it starts (annotate, build, score).

    Returns
    -------
    GoldReport

    Raises
    ------
    KGError
        E659-E662 for a gold folder that is incomplete or wrong (:func:`read_gold`); E656 when the
        pipeline annotates nothing.
    """
    started = time.perf_counter()
    gold = read_gold(folder)
    corpus = gold.folder / "corpus.jsonl"
    with tempfile.TemporaryDirectory(prefix="kg-eval-gold-") as tmp:
        out, store = Path(tmp) / "corpus", Path(tmp) / "store"
        if on_phase is not None:
            on_phase(f"annotate {corpus}")
        done = annotate([corpus], out, registry=registry, config=config, processes=processes, echo=echo)
        machine_registry = read_registry(out / REGISTRY_FILE)
        # kg annotate keeps input order and names each skipped line PATH:LINE
        skipped = {where.rpartition(":")[2] for where in (str(s.path) for s in done.skipped)}
        kept = [aid for line, aid in gold.rows if str(line) not in skipped]
        proposed = {
            aid: read_annotations(path, machine_registry)
            for aid, path in zip(kept, done.annotated, strict=True)
            if aid in gold.articles
        }
        if on_phase is not None:
            on_phase(f"build the {len(done.annotated)} annotated articles")
        build(out, store=str(store), out=None)
        data = read_graph_data(str(store), ("status",))
    if on_phase is not None:
        on_phase(f"score them against {gold.folder / 'gold'}")
    statuses = {c.iri: (c.status, c.group) for c in data.claims if c.type == "Claim"}
    report = score_gold(gold, proposed, machine_registry, statuses)
    report.skipped = [f"{s.path}: {s.reason}" for s in done.skipped]
    report.seconds = time.perf_counter() - started
    return report


# --- output ---------------------------------------------------------------------------------------


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{n} {name}" for name, n in counts.items() if n)


def format_gold_report(report: GoldReport, format: str = "table", *, misses: bool = False, wide: bool = False) -> str:
    """The report as tables (per article and overall, statuses, groups), CSV or JSON.

    Parameters
    ----------
    report : GoldReport
    format : str
        ``table``, ``csv`` (the layer and status rows) or ``json`` (everything, misses included).
    misses : bool
        Add the table of misses (``table`` format).
    wide : bool
        Show table cells whole instead of fitting the tables to the terminal width.
    """
    rows, statuses = report.rows(), report.status_rows()
    if format == "json":
        document = {
            "folder": report.folder,
            "seconds": round(report.seconds, 1),
            "rows": rows,
            "statuses": statuses,
            "confusion": report.confusion,
            "groups": [{**vars(g), "merged_with": list(g.merged_with)} for g in report.groups],
            "misses": [vars(m) for m in report.misses],
            "skipped": report.skipped,
            "unscored_articles": report.unscored_articles,
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if format == "csv":
        out = io.StringIO()
        columns = [
            "article",
            "layer",
            "tp",
            "predicted",
            "gold",
            "precision",
            "recall",
            "f1",
            "wrong_top_type",
            "unscored",
        ]
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: spreadsheet_cell(v) for k, v in row.items()} for row in rows)
        for row in statuses:
            writer.writerow({**{k: spreadsheet_cell(v) for k, v in row.items()}, "article": "all",
                             "layer": f"status {row['status']}"})  # fmt: skip
        return out.getvalue()
    if format != "table":
        raise KGError("E303", name=format, choices="table, csv, json")
    cells: list[list[object] | None] = []
    for row in rows:
        note = None
        if row.get("wrong_top_type"):
            note = f"wrong top type {row['wrong_top_type']}"
        elif row.get("unscored"):
            note = f"{row['unscored']} unscored (no kg predicate)"
        elif row["layer"] == "quantity speakers":
            note = "share of matched claims naming a speaker"
        scores = [f"{row[k]:.3f}" for k in ("precision", "recall", "f1")]
        cells.append([row["article"], row["layer"], *scores, row["tp"], row["predicted"], row["gold"], note])
        if row["layer"] == GOLD_LAYERS[-1]:
            cells.append(None)
    parts = [
        format_table(["article", "layer", "P", "R", "F1", "tp", "pred", "gold", ""], cells, count=False, wide=wide)
    ]
    parts.append(format_table(
        ["status", "P", "R", "F1", "tp", "pred", "gold"],
        [[r["status"], *(f"{r[k]:.3f}" for k in ("precision", "recall", "f1")), r["tp"], r["predicted"], r["gold"]]
         for r in statuses],
        count=False,
        wide=wide,
    ))  # fmt: skip
    given_columns = [*STATUSES, _NO_STATUS, _NO_CLAIM]
    parts.append(format_table(
        ["expected \\ given", *given_columns],
        [[s, *(report.confusion.get(s, {}).get(g, 0) for g in given_columns)] for s in STATUSES],
        count=False,
        wide=wide,
    ))  # fmt: skip
    if report.groups:
        parts.append(format_table(
            ["group", "verdict", "expected", "given", "matched", "machine groups", "outcome", "merged with"],
            [[g.id, g.verdict, _counts(g.expected), _counts(g.given), f"{g.matched}/{g.members}", g.machine_groups,
              g.outcome, g.merged] for g in report.groups],
            count=False,
        wide=wide,
        ))  # fmt: skip
    if misses:
        parts.append(format_table(
            ["layer", "article", "what", "gold", "proposed", "sentence"],
            [[m.layer, m.article, m.what, m.gold, m.proposed, m.sentence] for m in report.misses],
            count=False,
        wide=wide,
        ))  # fmt: skip
    summary = f"scored {len(report.articles)} articles of {report.folder} in {report.seconds:.1f} s"
    if report.unscored_articles:
        summary += f"; {len(report.unscored_articles)} without gold (built, not scored)"
    if report.skipped:
        summary += f"; skipped by the pipeline: {'; '.join(report.skipped)}"
    return "\n".join(parts) + "\n" + summary + "\n"
