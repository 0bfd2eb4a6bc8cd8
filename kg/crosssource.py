"""Comparing claims across articles: which conflict, which corroborate each other.

Claims about the same thing fall in one group (``docs/data-model.md``, "Across sources"):

- quantity claims: same topic (``about``, else the subject), predicate family and kind counted;
  two agree when their intervals overlap;
- claims with a functional predicate (dates): same subject and predicate; they agree when the
  periods named overlap;
- other claims: same subject, predicate and object; they always agree.

A claim is *conflicting* when a claim of its group disagrees with it, else *corroborated* when
the claims agreeing with it come from two or more distinct outlets, else *single-source*.

Examples
--------
>>> from kg.model import Article, Claim, Quantity, Span, Annotated, Corpus, Registry
>>> def said(outlet, n):
...     text = f"{n} people returned."
...     a = Article(id=f"{outlet}-{n}", text=text, title="t", outlet=outlet)
...     c = Claim(span=Span.of(text, text), speaker=outlet, subject="kz", predicate="repatriated",
...               quantity=Quantity(value=n, kind="people"), about="op")
...     return Annotated(article=a, claims=[c])
>>> corpus = Corpus(Registry(), [said("afp", 47), said("tca", 47), said("dp", 43)])
>>> [(c.claim.quantity.value, c.status, c.outlet_count) for c in compare_claims(corpus)[0].members]
[(47, 'conflicting', 2), (47, 'conflicting', 2), (43, 'conflicting', 1)]
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import RDF, XSD, Literal, URIRef

from .compile import CROSSSOURCE_GRAPH, Quad, _digest, claim_iri, claims_of, entity_iri, kind_iri, predicate_iri
from .model import Annotated, Claim, Corpus
from .namespace import ID, KG
from .ontology import functional_predicates, relation_families

__all__ = ["ClaimGroup", "ComparedClaim", "compare_claims", "compile_crosssource", "values_agree"]

STATUS_IRI = {"conflicting": KG.Conflicting, "corroborated": KG.Corroborated, "single-source": KG.SingleSource}


@dataclass
class ComparedClaim:
    claim: Claim
    article: Annotated
    iri: URIRef
    status: str = "single-source"
    outlet_count: int = 1
    conflicts: list[ComparedClaim] = field(default_factory=list)
    corroborations: list[ComparedClaim] = field(default_factory=list)

    @property
    def outlet(self) -> str:
        return self.article.article.outlet


@dataclass
class ClaimGroup:
    key: tuple
    members: list[ComparedClaim] = field(default_factory=list)

    @property
    def iri(self) -> URIRef:
        return ID[f"group/{_digest(*self.key)}"]

    @property
    def contested(self) -> bool:
        return any(m.conflicts for m in self.members)

    @property
    def value_count(self) -> int:
        return len({_value_key(m.claim) for m in self.members})


def _family(predicate: str) -> str:
    family = relation_families().get(predicate)
    return str(family) if family is not None else str(predicate_iri(predicate))


def comparison_key(claim: Claim) -> tuple:
    """What a claim is about, for grouping: claims with equal keys are compared."""
    if claim.quantity is not None:
        counted = claim.quantity.kind or (claim.quantity.counted or "").lower()
        return ("quantity", claim.about or claim.subject, _family(claim.predicate), counted)
    if predicate_iri(claim.predicate) in functional_predicates():
        return ("functional", claim.subject, claim.predicate)
    return ("triple", claim.subject, claim.predicate, claim.object or claim.literal)


def _value_key(claim: Claim) -> object:
    if claim.quantity is not None:
        return claim.quantity.interval
    return claim.object or claim.literal


def _date_period(value: str) -> tuple[dt.date, dt.date]:
    year = int(value[:4])
    if len(value) == 4:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(value[5:7])
    if len(value) == 7:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = dt.date.fromisoformat(value)
    return day, day


def _overlap(a: tuple, b: tuple) -> bool:
    (a_lo, a_hi), (b_lo, b_hi) = a, b
    if a_lo is not None and b_hi is not None and a_lo > b_hi:
        return False
    if b_lo is not None and a_hi is not None and b_lo > a_hi:
        return False
    return True


def values_agree(a: Claim, b: Claim) -> bool:
    """Whether two claims of one group can both be true.

    >>> from kg.model import Claim, Quantity, Span
    >>> s = Span(0, 1, "x")
    >>> about = lambda v, approx=False: Claim(s, "x", "kz", "repatriated",
    ...     quantity=Quantity(value=v, approximate=approx))
    >>> values_agree(about(47), about(43)), values_agree(about(400, True), about(500, True))
    (False, False)
    >>> values_agree(about(380, True), about(400, True))
    True
    """
    if a.quantity is not None and b.quantity is not None:
        return _overlap(a.quantity.interval, b.quantity.interval)
    if a.literal is not None and b.literal is not None:
        return _overlap(_date_period(a.literal), _date_period(b.literal))
    return (a.object or a.literal) == (b.object or b.literal)


def compare_claims(corpus: Corpus) -> list[ClaimGroup]:
    """Group the corpus's claims and work out each one's status.

    Returns
    -------
    list of ClaimGroup
        In order of first appearance; each member carries its status, the number of distinct
        outlets agreeing with it, and the claims it conflicts with or is corroborated by.
    """
    groups: dict[tuple, ClaimGroup] = {}
    for annotated in corpus.articles:
        for claim in claims_of(annotated):
            key = comparison_key(claim)
            group = groups.setdefault(key, ClaimGroup(key))
            group.members.append(ComparedClaim(claim, annotated, claim_iri(annotated.article.id, claim)))
    for group in groups.values():
        members = group.members
        for m in members:
            agreeing = [o for o in members if o is m or values_agree(m.claim, o.claim)]
            m.conflicts = [o for o in members if o is not m and o not in agreeing]
            m.corroborations = [o for o in agreeing if o.outlet != m.outlet]
            m.outlet_count = len({o.outlet for o in agreeing})
            if m.conflicts:
                m.status = "conflicting"
            elif m.outlet_count >= 2:
                m.status = "corroborated"
            else:
                m.status = "single-source"
    return list(groups.values())


def _literal_int(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def compile_crosssource(corpus: Corpus) -> Iterator[Quad]:
    """Claim groups, statuses, conflicts and corroborations, and mention counts, as quads."""
    g = CROSSSOURCE_GRAPH
    for group in compare_claims(corpus):
        node = group.iri
        kind, topic, predicate = group.key[0], group.key[1], group.key[2]
        yield node, RDF.type, KG.ClaimGroup, g
        yield node, KG.topic, entity_iri(topic), g
        if kind == "quantity":
            yield node, KG.groupPredicate, URIRef(predicate), g
            if group.key[3]:
                counted = group.key[3]
                if counted in corpus.registry.kinds:
                    yield node, KG.kind, kind_iri(counted), g
                else:
                    yield node, KG.counted, Literal(counted), g
        else:
            yield node, KG.groupPredicate, predicate_iri(predicate), g
        yield node, KG.claimCount, _literal_int(len(group.members)), g
        yield node, KG.valueCount, _literal_int(group.value_count), g
        yield node, KG.outletCount, _literal_int(len({m.outlet for m in group.members})), g
        yield node, KG.contested, Literal(group.contested), g
        for m in group.members:
            yield m.iri, KG.inGroup, node, g
            yield m.iri, KG.status, STATUS_IRI[m.status], g
            yield m.iri, KG.outletCount, _literal_int(m.outlet_count), g
            for other in m.conflicts:
                yield m.iri, KG.conflictsWith, other.iri, g
            for other in m.corroborations:
                yield m.iri, KG.corroborates, other.iri, g
    counts: Counter[str] = Counter()
    for annotated in corpus.articles:
        for mention in annotated.mentions:
            counts.update(mention.entities)
    for entity_id in corpus.registry.entities:
        yield entity_iri(entity_id), KG.mentionCount, _literal_int(counts.get(entity_id, 0)), g
