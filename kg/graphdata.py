"""One typed reader of a built store: entities, quantities, claims, claim groups and articles.

Analysis (:mod:`kg.analysis`), the views (:mod:`kg.viz`), the exports (:mod:`kg.export`) and the
timeline all read a store through :func:`read_graph_data`. It runs one SELECT per property over the
union graph (:meth:`kg.store.Store.select`: plain strings, no RDF terms) and joins the rows here, by
IRI: on disk a scan of one property is far cheaper than a join, so a store of a million triples
reads in seconds. What the build materialised is read, never recomputed: a quantity's text is its
``rdfs:label``, a claim's quote its ``kg:quote``, its status its ``kg:status``.

A caller names the ``parts`` it needs (:data:`PARTS`); a part not read is left empty.

Examples
--------
>>> import kg
>>> _ = kg.build("tests/data/tiny", store="memory:graphdata-doc", out=None)
>>> data = read_graph_data("memory:graphdata-doc")
>>> data.entities["https://kg.example.org/id/rahmon"].label
'Emomali Rahmon'
>>> sorted(q.text for q in data.quantities.values())
['84', '86']
>>> sorted({c.status for c in data.claims if c.type == "Claim"})
['conflicting', 'corroborated', 'single-source']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .annotate.lexicon import VAGUE_NUMBERS
from .namespace import local_name
from .store import OxigraphStore, Results, Store, open_store
from .vocab import ENTITY_TYPES, speaker_label, status_name

__all__ = [
    "PARTS",
    "Article",
    "Claim",
    "ClaimGroup",
    "Entity",
    "GraphData",
    "Quantity",
    "Source",
    "claim_pairs",
    "number",
    "number_text",
    "opened_store",
    "read_graph_data",
]

PARTS = (
    "entities", "claims", "triples", "status", "quotes", "offsets", "quantities", "groups", "articles", "labels",
    "conflicts", "agreements", "analysis", "context",
)  # fmt: skip
"""What :func:`read_graph_data` can read:

``entities``
    registry entities: type, label, aliases, description, mention count;
``claims``
    claims and statements, with their speaker and article; ``triples`` their subject, predicate,
    object, what they are about and when they were said; ``status`` their status, group and
    ``kg:outletCount``;
``quotes``
    each claim's ``kg:quote``; ``offsets`` its character offsets in the article;
``quantities``
    each quantity stated: its label, value, bounds, what it counts;
``groups``
    claim groups (``kg:ClaimGroup``); ``conflicts`` and ``agreements`` pairs of claims that
    conflict and that corroborate each other, derived from the values of the groups
    (:func:`claim_pairs`): each claim with one claim of every value that conflicts or agrees with its
    own, so that the pairs grow with the claims, not with their square;
``articles``
    headline, date and outlet; ``labels`` every ``rdfs:label`` (ontology terms, kinds ...);
``analysis``
    the measures ``kg analyze --write`` stored in ``graph:analysis``;
``context``
    what a claim is compared on and why: its modality, count scope and ``kg:asOf``, its original
    source, its ``kg:basis`` (and a group's), whether it was curated or proposed by a machine, and
    each article's URL.
"""

Source = str | os.PathLike | Store | Results | None
"""Where to read: a store URL or an open store (default ``$KG_STORE`` or ``.kg``), an rdflib Graph or
Dataset, or a CONSTRUCT result."""

_METRICS = ("degree", "betweenness", "pagerank", "community")


@dataclass(slots=True)
class Entity:
    """An entity of the registry: a person, a country, an operation, a place ..."""

    iri: str
    type: str
    """Its most specific type, one of :data:`kg.vocab.ENTITY_TYPES`."""
    label: str
    aliases: list[str] = field(default_factory=list)
    """Its other names (``skos:altLabel``), the label left out."""
    description: str = ""
    mentions: int | None = None
    """How many times the articles name it (``kg:mentionCount``)."""
    metrics: dict[str, float] = field(default_factory=dict)
    """``degree``, ``betweenness``, ``pagerank``, ``community`` from ``kg analyze --write``."""


@dataclass(slots=True)
class Quantity:
    """A number a claim states (``kg:Quantity``)."""

    iri: str
    label: str
    """As the build wrote it: ``47 Kazakh citizens``, ``about 400 Kazakhstanis``, ``at least 201 people``."""
    value: str | None = None
    lower: str | None = None
    upper: str | None = None
    approximate: bool = False
    counted: str = ""
    """What is counted, in the article's words."""
    kind: str = ""
    """The kind counted (an IRI), when the registry names it."""

    @property
    def display(self) -> str:
        """The quantity as a person writes it (:func:`number_text`, with what is counted).

        >>> Quantity("q", "at least 360001 people", lower="360001", counted="people").display
        'more than 360,000 people'
        >>> Quantity("q", "0 such cases", value="0", lower="0", upper="0", counted="such cases").display
        'no such cases'
        """
        return number_text(self.value, self.lower, self.upper, self.approximate, self.counted)

    @property
    def text(self) -> str:
        """The number as the label gives it, without what is counted: ``47``, ``about 400``, ``24-99``.

        >>> Quantity("q", "at least 201 people", counted="people").text
        'at least 201'
        """
        suffix = f" {self.counted}"
        if self.counted and self.label.endswith(suffix):
            return self.label[: -len(suffix)]
        return self.label


@dataclass(slots=True)
class Claim:
    """A claim (``kg:Claim``) or a statement (``kg:Statement``: said about a topic, no triple)."""

    iri: str
    type: str
    """``Claim`` or ``Statement``."""
    article: str | None = None
    speaker: str | None = None
    subject: str | None = None
    predicate: str | None = None
    object: str | None = None
    object_is_iri: bool = False
    """False when the object is a literal (an event's date)."""
    about: str | None = None
    stated: str | None = None
    """When the speaker said it (``kg:statedOn``), ``YYYY[-MM[-DD]]``."""
    status: str | None = None
    """``conflicting``, ``corroborated`` or ``single-source`` (claims in a group; else ``None``)."""
    group: str | None = None
    outlet_count: int | None = None
    """``kg:outletCount``: outlets whose claims agree with it."""
    quote: str = ""
    start: int | None = None
    end: int | None = None
    modality: str | None = None
    """``planned`` or ``estimated`` (``kg:modality``); ``None``: what happened (read with ``context``)."""
    scope: str | None = None
    """``cumulative`` or ``increment`` (``kg:scope``); ``None``: one operation's or a stock figure."""
    as_of: str | None = None
    """The date a running total or a stock figure counts to (``kg:asOf``), ``YYYY[-MM[-DD]]``."""
    original_source: str | None = None
    """The outlet the claim originally comes from, when not its article's publisher (``kg:originalSource``)."""
    basis: str | None = None
    """Why the claim has its status, in words (``kg:basis``)."""
    method: str | None = None
    """``curated`` or ``machine`` (``kg:method``)."""


@dataclass(slots=True)
class ClaimGroup:
    """Claims about the same thing: one topic, predicate family and kind counted (``kg:ClaimGroup``)."""

    iri: str
    topic: str
    predicate: str
    kind: str | None = None
    """The kind counted (an IRI), when the registry names it."""
    counted: str | None = None
    """What is counted, in the articles' words, when no kind names it."""
    claim_count: int = 0
    contested: bool = False
    basis: str | None = None
    """Its values and their sources, in words (``kg:basis``; read with ``context``)."""


@dataclass(slots=True)
class Article:
    """A news article: its headline, date and the outlet that published it."""

    iri: str
    title: str = ""
    published: str = ""
    outlet: str | None = None
    url: str | None = None
    """Where it was published (``schema:url``; read with ``context``)."""


@dataclass
class GraphData:
    """What a built store holds, as plain strings keyed by IRI (see :func:`read_graph_data`)."""

    entities: dict[str, Entity] = field(default_factory=dict)
    quantities: dict[str, Quantity] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    """Claims and statements, by IRI."""
    groups: dict[str, ClaimGroup] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    """Every ``rdfs:label`` (plain or English) by IRI."""
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    """Pairs of claims that conflict, each claim with one claim of every value conflicting with its own
    (:func:`claim_pairs`); each pair once, the lesser IRI first."""
    agreements: list[tuple[str, str]] = field(default_factory=list)
    """Pairs of claims from different original sources that agree, each claim with one claim of its
    own value and of every value agreeing with it (:func:`claim_pairs`); each pair once."""
    parts: frozenset[str] = frozenset()
    """The parts read."""

    def label(self, iri: str | None) -> str:
        """The name of an entity, a quantity or any labelled IRI; else its local name."""
        if not iri:
            return ""
        entity = self.entities.get(iri)
        if entity is not None:
            return entity.label
        quantity = self.quantities.get(iri)
        if quantity is not None:
            return quantity.display
        return self.labels.get(iri) or local_name(iri)

    def speaker_label(self, iri: str | None) -> str:
        """The name to show for a claim's speaker; ``""`` for none and for the unnamed-outlet placeholder."""
        return speaker_label(self.label(iri)) if iri else ""

    def outlet(self, article: str | None) -> str | None:
        """The outlet that published an article."""
        found = self.articles.get(article or "")
        return found.outlet if found else None

    @property
    def has_analysis(self) -> bool:
        """Whether ``kg analyze --write`` results were read."""
        return any(e.metrics for e in self.entities.values())

    def require(self, *parts: str) -> None:
        """Raise ``ValueError`` unless these parts were read."""
        missing = [p for p in parts if p not in self.parts]
        if missing:
            raise ValueError(f"this GraphData was read without {', '.join(missing)}: read it with those parts")


def number(text: str | None) -> int | float | None:
    """A lexical number as ``int`` when whole, else ``float``; ``None`` when it is not one.

    >>> number("84"), number("360.0"), number("2.5"), number("n/a")
    (84, 360, 2.5, None)
    """
    if text is None:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _as_store(source) -> Store | None:
    """An rdflib Graph/Dataset or a CONSTRUCT result loaded into an in-memory Oxigraph store."""
    import pyoxigraph as ox
    from rdflib import Graph

    if isinstance(source, Results):
        if source.kind != "graph":
            raise TypeError("a graph is read from a CONSTRUCT or DESCRIBE result, not a SELECT/ASK result")
        graph = Graph()
        for triple in source.triples:
            graph.add(triple)
        source = graph
    if isinstance(source, Graph):
        store = ox.Store()
        quads = source.context_aware
        data = source.serialize(format="nquads" if quads else "nt", encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES)
        return OxigraphStore(store, "memory:")
    return None


@contextmanager
def opened_store(source: Source = None) -> Iterator[Store]:
    """The store to read ``source`` from, closed on exit if opened here.

    Parameters
    ----------
    source : str, Store, rdflib Graph or Dataset, or CONSTRUCT Results, optional
        A store URL or an open store (default ``$KG_STORE`` or ``.kg``), or RDF already in memory.
    """
    if isinstance(source, Store):
        yield source
        return
    loaded = _as_store(source)
    if loaded is not None:
        yield loaded
        return
    store = open_store(source)
    try:
        yield store
    finally:
        store.close()


def _pairs(store: Store, predicate: str, filter: str = "") -> list[tuple[str, str]]:
    return store.select(f"SELECT ?s ?o WHERE {{ ?s {predicate} ?o {filter} }}")  # type: ignore[return-value]


def _int(text: str | None) -> int | None:
    value = number(text)
    return int(value) if value is not None else None


def read_graph_data(source: Source = None, parts: Iterable[str] = PARTS) -> GraphData:
    """Read a built store with one SELECT per property.

    Parameters
    ----------
    source : str, Store, rdflib Graph or Dataset, or CONSTRUCT Results, optional
        A store URL or an open store (default ``$KG_STORE`` or ``.kg``), or RDF already in memory.
    parts : iterable of str
        What to read (:data:`PARTS`, all by default): a view that needs fewer reads faster.

    Returns
    -------
    GraphData
    """
    wanted = frozenset(parts)
    unknown = wanted - set(PARTS)
    if unknown:
        raise ValueError(f"unknown parts {sorted(unknown)}; use some of {', '.join(PARTS)}")
    with opened_store(source) as store:
        return _read(store, wanted)


def _read(store: Store, parts: frozenset[str]) -> GraphData:
    data = GraphData(parts=parts)
    # one scan of the types this read needs
    classes = [f"kg:{t}" for t in ENTITY_TYPES] if "entities" in parts else []
    if parts & {"claims", "triples", "status", "quotes", "offsets"}:
        classes += ["kg:Claim", "kg:Statement"]
    if "quantities" in parts:
        classes.append("kg:Quantity")
    if "groups" in parts:
        classes.append("kg:ClaimGroup")
    if "articles" in parts:
        classes.append("schema:NewsArticle")
    typed = store.select(f"SELECT ?s ?c WHERE {{ VALUES ?c {{ {' '.join(classes)} }} ?s a ?c }}") if classes else []
    rank = {t: i for i, t in enumerate(ENTITY_TYPES)}
    entity_type: dict[str, str] = {}
    items: dict[str, str] = {}
    quantities, groups, articles = set(), set(), set()
    for s, c in typed:
        kind = local_name(c or "")
        if kind in rank:
            # an entity of two classes keeps the more specific: a Country is also a Place, an Operation an Event
            known = entity_type.get(s)  # type: ignore[arg-type]
            if known is None or rank[kind] < rank[known]:
                entity_type[s] = kind  # type: ignore[index]
        elif kind in ("Claim", "Statement"):
            items.setdefault(s, kind)  # type: ignore[arg-type]
        elif kind == "Quantity":
            quantities.add(s)
        elif kind == "ClaimGroup":
            groups.add(s)
        elif kind == "NewsArticle":
            articles.add(s)

    needs_labels = parts & {"entities", "quantities", "labels"}
    labels: dict[str, str] = {}
    if needs_labels:
        rows = _pairs(store, "rdfs:label", 'FILTER(LANG(?o) IN ("", "en"))')
        labels = {s: o for s, o in rows}
        if "labels" in parts:
            data.labels = labels

    if "entities" in parts:
        entities = data.entities
        for iri, kind in sorted(entity_type.items()):
            entities[iri] = Entity(iri, kind, labels.get(iri) or local_name(iri))
        for s, alias in _pairs(store, "skos:altLabel"):
            entity = entities.get(s)
            if entity is not None and alias != entity.label and alias not in entity.aliases:
                entity.aliases.append(alias)
        for s, comment in _pairs(store, "rdfs:comment"):
            if s in entities:
                entities[s].description = comment
        for s, count in _pairs(store, "kg:mentionCount"):
            if s in entities:
                entities[s].mentions = _int(count)

    if "quantities" in parts:
        found = data.quantities
        for iri in sorted(quantities):
            found[iri] = Quantity(iri, labels.get(iri, ""))
        for name, attr in (("value", "value"), ("lowerBound", "lower"), ("upperBound", "upper")):
            for s, o in _pairs(store, f"kg:{name}"):
                if s in found:
                    setattr(found[s], attr, o)
        for s, o in _pairs(store, "kg:approximate"):
            if s in found:
                found[s].approximate = o == "true"

    if parts & {"quantities", "groups"}:
        counted = _pairs(store, "kg:counted")
        kinds = _pairs(store, "kg:kind")
        for s, o in counted:
            if s in data.quantities:
                data.quantities[s].counted = o
        for s, o in kinds:
            if s in data.quantities:
                data.quantities[s].kind = o

    if "groups" in parts:
        topic = dict(_pairs(store, "kg:topic"))
        predicate = dict(_pairs(store, "kg:groupPredicate"))
        for g in sorted(groups):
            if g in topic and g in predicate:
                data.groups[g] = ClaimGroup(g, topic[g], predicate[g])
        for s, o in kinds:
            if s in data.groups:
                data.groups[s].kind = o
        for s, o in counted:
            if s in data.groups:
                data.groups[s].counted = o
        for s, o in _pairs(store, "kg:claimCount"):
            if s in data.groups:
                data.groups[s].claim_count = _int(o) or 0
        for s, o in _pairs(store, "kg:contested"):
            if s in data.groups:
                data.groups[s].contested = o == "true"

    if "articles" in parts:
        # an article is what is typed schema:NewsArticle or has a publisher (RDF in memory may lack the type)
        publisher = _pairs(store, "schema:publisher")
        for a in sorted(articles.union(s for s, _ in publisher)):
            data.articles[a] = Article(a)
        for s, o in publisher:
            data.articles[s].outlet = o
        for name, attr in (("schema:headline", "title"), ("schema:datePublished", "published")):
            for s, o in _pairs(store, name):
                if s in data.articles:
                    setattr(data.articles[s], attr, o)

    if parts & {"claims", "triples", "status", "quotes", "offsets"}:
        claims = {iri: Claim(iri, kind) for iri, kind in sorted(items.items())}
        _read_claims(store, claims, parts)
        if "quotes" in parts:
            for s, o in _pairs(store, "kg:quote"):
                if s in claims:
                    claims[s].quote = o
        if "offsets" in parts:
            rows = store.select(
                "SELECT ?c ?start ?end WHERE { ?c kg:evidence/oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end }"
            )
            for c, start, end in rows:
                if c in claims:
                    claims[c].start, claims[c].end = _int(start), _int(end)
        data.claims = list(claims.values())

    if parts & {"conflicts", "agreements"}:
        conflicts, agreements = claim_pairs(store, conflicts="conflicts" in parts, agreements="agreements" in parts)
        data.conflicts, data.agreements = conflicts, agreements

    if "context" in parts:
        _read_context(store, data, {c.iri: c for c in data.claims})

    if "analysis" in parts and data.entities:
        values = " ".join(f"kg:{m}" for m in _METRICS)
        rows = store.select(f"SELECT ?n ?p ?x WHERE {{ GRAPH graph:analysis {{ ?n ?p ?x VALUES ?p {{ {values} }} }} }}")
        for n, p, x in rows:
            entity = data.entities.get(n)  # type: ignore[arg-type]
            value = number(x)
            if entity is not None and value is not None:
                entity.metrics[local_name(p or "")] = float(value)
    return data


def claim_pairs(
    source: Source = None, *, conflicts: bool = True, agreements: bool = True
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Pairs of claims that conflict and that agree, derived from the values of their groups.

    The build states agreement between the distinct values of a claim group (``kg:supportsValue``,
    ``kg:conflictsWithValue``, ``kg:agreesWithValue``), not between claims: every pair of claims
    would grow with the square of a group. Here each claim is paired with one claim (the first by
    IRI that qualifies) of every value that conflicts with its own, and with one claim from another
    original source of its own value and of every value that agrees with it. Every value that
    conflicts with or corroborates a claim is thus reached, and the pairs grow with the claims
    times the distinct values. As the statuses do, a conflict leaves out two claims of one
    article on one speaker's word, an agreement two claims of one original source
    (``kg:originalSource``, else ``kg:outlet``). Every pair of claims is a query away:
    ``kg query --name conflicting-pairs`` (``corroborating-pairs``).

    Parameters
    ----------
    source : str, Store, rdflib Graph or Dataset, or CONSTRUCT Results, optional
        A store URL or an open store (default ``$KG_STORE`` or ``.kg``), or RDF already in memory.
    conflicts, agreements : bool
        Which pairs to derive (the other list comes back empty).

    Returns
    -------
    (list of (str, str), list of (str, str))
        The conflicting pairs and the agreeing pairs, each pair once with the lesser IRI first, sorted.

    Examples
    --------
    >>> import kg
    >>> _ = kg.build("tests/data/tiny", store="memory:claim-pairs-doc", out=None)
    >>> conflicting, agreeing = claim_pairs("memory:claim-pairs-doc")
    >>> len(conflicting), len(agreeing)
    (1, 1)
    """
    with opened_store(source) as store:
        members: dict[str, list[str]] = {}
        value_of: dict[str, str] = {}
        for claim, value in sorted(_pairs(store, "kg:supportsValue")):
            value_of[claim] = value
            members.setdefault(value, []).append(claim)

        def links(predicate: str) -> dict[str, list[str]]:
            found: dict[str, list[str]] = {}
            for a, b in sorted(_pairs(store, predicate)):
                found.setdefault(a, []).append(b)
            return found

        def paired(others: dict[str, list[str]], own: bool, differ) -> list[tuple[str, str]]:
            pairs: set[tuple[str, str]] = set()
            for claim, value in value_of.items():
                for other in ([value] if own else []) + others.get(value, []):
                    rep = next((c for c in members.get(other, ()) if c != claim and differ(claim, c)), None)
                    if rep is not None:
                        pairs.add((min(claim, rep), max(claim, rep)))
            return sorted(pairs)

        found_conflicts: list[tuple[str, str]] = []
        found_agreements: list[tuple[str, str]] = []
        if conflicts:
            voice = {c: [a, None] for c, a in _pairs(store, "prov:wasDerivedFrom") if c in value_of}
            for c, speaker in _pairs(store, "prov:wasAttributedTo"):
                if c in voice:
                    voice[c][1] = speaker
            found_conflicts = paired(links("kg:conflictsWithValue"), False, lambda a, b: voice.get(a) != voice.get(b))
        if agreements:
            original = {c: o for c, o in _pairs(store, "kg:outlet") if c in value_of}
            original.update((c, o) for c, o in _pairs(store, "kg:originalSource") if c in value_of)
            found_agreements = paired(
                links("kg:agreesWithValue"), True, lambda a, b: original.get(a, a) != original.get(b, b)
            )
        return found_conflicts, found_agreements


def _read_claims(store: Store, claims: dict[str, Claim], parts: frozenset[str]) -> None:
    scans = []
    if "claims" in parts:
        scans += [("prov:wasAttributedTo", "speaker"), ("prov:wasDerivedFrom", "article")]
    if "triples" in parts:
        scans += [("rdf:subject", "subject"), ("rdf:predicate", "predicate"), ("kg:about", "about")]
        scans.append(("kg:statedOn", "stated"))
    if "status" in parts:
        scans.append(("kg:inGroup", "group"))
    for name, attr in scans:
        for s, o in _pairs(store, name):
            claim = claims.get(s)
            if claim is not None:
                setattr(claim, attr, o)
    if "triples" in parts:
        for s, o, is_iri in store.select("SELECT ?s ?o (isIRI(?o) AS ?iri) WHERE { ?s rdf:object ?o }"):
            claim = claims.get(s)  # type: ignore[arg-type]
            if claim is not None:
                claim.object, claim.object_is_iri = o, is_iri == "true"
    if "status" in parts:
        for s, o in _pairs(store, "kg:status"):
            claim = claims.get(s)
            if claim is not None:
                claim.status = status_name(o)
        for s, o in _pairs(store, "kg:outletCount"):
            claim = claims.get(s)
            if claim is not None:
                claim.outlet_count = _int(o)


def _read_context(store: Store, data: GraphData, claims: dict[str, Claim]) -> None:
    for name, attr in (("kg:asOf", "as_of"), ("kg:originalSource", "original_source"), ("kg:basis", "basis")):
        for s, o in _pairs(store, name):
            claim = claims.get(s)
            if claim is not None:
                setattr(claim, attr, o)
            elif attr == "basis" and s in data.groups:
                data.groups[s].basis = o
    for name, attr in (("kg:modality", "modality"), ("kg:scope", "scope"), ("kg:method", "method")):
        for s, o in _pairs(store, name):
            claim = claims.get(s)
            if claim is not None:
                setattr(claim, attr, local_name(o or "").lower())
    for s, o in _pairs(store, "schema:url"):
        if s in data.articles:
            data.articles[s].url = o


# a count word and the bounds the annotator reads it as (kg.annotate.lexicon.VAGUE_NUMBERS), read backwards
# the annotator's words for imprecise counts, read backwards: the bounds it gave "hundreds" -> "hundreds of"
_VAGUE_WORDS = {
    bounds: f"{word} of" if word.endswith("s") and word != "several" else word
    for word, bounds in VAGUE_NUMBERS.items()
    if bounds[0] != bounds[1]
}


def _grouped(value: int | float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.10g}"


def number_text(
    value: object = None,
    lower: object = None,
    upper: object = None,
    approximate: bool = False,
    counted: str | None = None,
    *,
    words: bool = True,
) -> str:
    """A number as a person writes it, with what it counts: the one display of a quantity.

    Thousands are separated (``360,000``); a lower bound just past a round number is "more than" it
    (the annotator reads "more than 360,000" as at least 360,001); a zero count is "no ...".
    With ``words``, a range the annotator read from a count word is that word again ("hundreds of",
    "dozens of", "millions"); without, it stays a range of numbers with an en dash (``24–99``).

    Parameters
    ----------
    value, lower, upper : number or str, optional
        The value and the bounds, as stored (``kg:value``, ``kg:lowerBound``, ``kg:upperBound``).
    approximate : bool
        Whether the text gives the value as approximate ("about 400").
    counted : str, optional
        What is counted, in the article's words.
    words : bool
        Give count words back for the ranges they stand for.

    Returns
    -------
    str

    Examples
    --------
    >>> number_text(lower=360001, counted="people"), number_text(400, approximate=True, counted="children")
    ('more than 360,000 people', 'about 400 children')
    >>> number_text(lower=400, upper=500, counted="children"), number_text(lower=79, counted="children")
    ('400–500 children', 'at least 79 children')
    >>> number_text(lower=200, upper=999, counted="citizens"), number_text(lower=200, upper=999, words=False)
    ('hundreds of citizens', '200–999')
    >>> number_text(lower=2000000, counted="millions"), number_text(0, counted="such cases")
    ('millions', 'no such cases')
    """
    v, lo, hi = (number(None if x is None else str(x)) for x in (value, lower, upper))
    counted = (counted or "").strip()
    if v is not None:
        if v == 0 and not approximate:
            return f"no {counted}" if counted else "none"
        number_ = f"about {_grouped(v)}" if approximate else _grouped(v)
    else:
        word = _VAGUE_WORDS.get((lo, hi)) if words else None  # type: ignore[arg-type]
        if word is not None:
            bare = word.removesuffix(" of")
            if counted.lower().startswith(bare):
                return counted  # "Thousands from Kazakhstan ...", "millions": the count word is the text's own
            if counted.split(" ", 1)[0] in ("from", "in", "of", "who", "with"):
                return f"{bare} {counted}"
            return f"{word} {counted}" if counted else bare
        if lo is not None and hi is not None:
            number_ = f"{_grouped(lo)}\u2013{_grouped(hi)}"
        elif lo is not None:
            past = lo - 1
            round_ = isinstance(lo, int) and lo > 10 and past % (10 ** max(1, len(str(past)) - 2)) == 0
            number_ = f"more than {_grouped(past)}" if round_ else f"at least {_grouped(lo)}"
        elif hi is not None:
            number_ = f"at most {_grouped(hi)}"
        else:
            return counted
    return f"{number_} {counted}" if counted else number_
