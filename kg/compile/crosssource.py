"""Comparing claims across articles: which conflict, which corroborate each other.

Claims about the same thing fall in one group (``docs/data-model.md``, "Across sources"):

- quantity claims: same topic (``about``, else the subject), predicate family and kind counted;
  two agree when their intervals overlap;
- claims with a functional predicate (dates): same subject and predicate; they agree when the
  periods named overlap;
- other claims: same subject, predicate and object; they always agree.

A claim is *conflicting* when a claim of its group disagrees with it, else *corroborated* when
the claims agreeing with it come from two or more distinct *original sources*, else
*single-source*. An article's original source is the outlet it relays (``via``) or, for copies
and near-copies of one text, the original source of the earliest copy (:mod:`kg.compile.sources`):
a wire story republished on two sites counts once.

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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import URIRef

from ..model import Annotated, Claim, Corpus, Registry
from ..ontology import functional_predicates, relation_families
from ..terms import (
    CROSSSOURCE_GRAPH,
    RDFLIB_TERMS,
    ConstantTerms,
    Quad,
    Terms,
    claim_iri,
    date_term,
    entity_iri,
    group_iri,
    int_term,
    kind_iri,
    predicate_iri,
)
from ..vocab import date_period
from .article import KeyedClaim, keyed_claims
from .listings import compile_listings
from .sources import Fingerprint, fingerprint, original_sources

__all__ = [
    "ClaimGroup",
    "ComparedClaim",
    "compare",
    "compare_claims",
    "compared_claims",
    "comparison_key",
    "compile_crosssource",
    "values_agree",
]


@dataclass(eq=False)
class ComparedClaim:
    """A claim with where it comes from and, once compared, its status."""

    claim: Claim
    article: str
    outlet: str
    iri: URIRef
    published: str | None = None
    original: str | None = None
    """The outlet the claim originally comes from (:mod:`kg.compile.sources`); set by :func:`compare`,
    the claim's own outlet when nothing says otherwise."""
    fingerprint: Fingerprint | None = field(default=None, repr=False)
    """Its article's fingerprint, shared by the article's claims, for copy detection."""
    status: str = "single-source"
    outlet_count: int = 1
    conflicts: list[ComparedClaim] = field(default_factory=list)
    corroborations: list[ComparedClaim] = field(default_factory=list)


@dataclass
class ClaimGroup:
    key: tuple
    members: list[ComparedClaim] = field(default_factory=list)

    @property
    def iri(self) -> URIRef:
        return group_iri(self.key)

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
        return _overlap(date_period(a.literal), date_period(b.literal))
    return (a.object or a.literal) == (b.object or b.literal)


def compare_claims(corpus: Corpus) -> list[ClaimGroup]:
    """Group the corpus's claims and work out each one's status.

    Returns
    -------
    list of ClaimGroup
        In order of first appearance; each member carries its status, its original source, the
        number of distinct original sources agreeing with it, and the claims it conflicts with or
        is corroborated by.
    """
    return compare(compared for annotated in corpus.articles for compared in compared_claims(annotated))


def compared_claims(annotated: Annotated, claims: list[KeyedClaim] | None = None) -> Iterator[ComparedClaim]:
    """The article's claims, ready to :func:`compare`.

    Parameters
    ----------
    annotated : Annotated
        The article and its annotations.
    claims : list of (Claim, str), optional
        ``keyed_claims(annotated)`` when the caller has them already.
    """
    a = annotated.article
    keyed = keyed_claims(annotated) if claims is None else claims
    if not keyed:
        return
    printed = fingerprint(a)
    for claim, key in keyed:
        yield ComparedClaim(claim, a.id, a.outlet, claim_iri(a.id, claim, key), a.published, fingerprint=printed)


def compare(claims: Iterable[ComparedClaim]) -> list[ClaimGroup]:
    """Group claims (from any number of articles), find their original sources, set each one's status."""
    claims = list(claims)
    prints = {id(c.fingerprint): c.fingerprint for c in claims if c.fingerprint is not None}
    sources = original_sources(prints.values())
    for compared in claims:
        if compared.original is None:
            compared.original = sources.get(compared.article, compared.outlet)
    groups: dict[tuple, ClaimGroup] = {}
    for compared in claims:
        key = comparison_key(compared.claim)
        group = groups.get(key)
        if group is None:
            group = groups[key] = ClaimGroup(key)
        group.members.append(compared)
    for group in groups.values():
        _settle(group.members)
    return list(groups.values())


def _settle(members: list[ComparedClaim]) -> None:
    for m in members:
        agreeing = [o for o in members if o is m or values_agree(m.claim, o.claim)]
        agreeing_ids = {id(o) for o in agreeing}
        m.conflicts = [o for o in members if id(o) not in agreeing_ids]
        m.corroborations = [o for o in agreeing if o.original != m.original]
        m.outlet_count = len({o.original for o in agreeing})
        if m.conflicts:
            m.status = "conflicting"
        elif m.outlet_count >= 2:
            m.status = "corroborated"
        else:
            m.status = "single-source"


def compile_crosssource(
    groups: list[ClaimGroup],
    registry: Registry,
    mention_counts: dict[str, int],
    terms: Terms = RDFLIB_TERMS,
    outlet_articles: dict[str, int] | None = None,
) -> Iterator[Quad]:
    """Claim groups, statuses, conflicts and corroborations, mention counts, outlet statistics, listing indexes.

    ``outlet_articles`` counts each outlet's articles; without it, articles that have claims.
    """
    t, v = terms, ConstantTerms.of(terms)
    q, kg = t.quad, v.kg
    g = t.iri(CROSSSOURCE_GRAPH)
    status = v.status
    for group in groups:
        node = t.iri(group.iri)
        kind, topic, predicate = group.key[0], group.key[1], group.key[2]
        yield q(node, v.type, kg["ClaimGroup"], g)
        yield q(node, kg["topic"], t.iri(entity_iri(topic)), g)
        if kind == "quantity":
            yield q(node, kg["groupPredicate"], t.iri(predicate), g)
            counted = group.key[3]
            if counted in registry.kinds:
                yield q(node, kg["kind"], t.iri(kind_iri(counted)), g)
            elif counted:
                yield q(node, kg["counted"], t.literal(counted), g)
        else:
            yield q(node, kg["groupPredicate"], t.iri(predicate_iri(predicate)), g)
        members = group.members
        yield q(node, kg["claimCount"], int_term(t, len(members)), g)
        yield q(node, kg["valueCount"], int_term(t, group.value_count), g)
        yield q(node, kg["outletCount"], int_term(t, len({m.original or m.outlet for m in members})), g)
        yield q(node, kg["contested"], v.true if group.contested else v.false, g)
        for m in members:
            claim = t.iri(m.iri)
            yield q(claim, kg["outlet"], t.iri(entity_iri(m.outlet)), g)
            if m.original and m.original != m.outlet:
                yield q(claim, kg["originalSource"], t.iri(entity_iri(m.original)), g)
            yield q(claim, kg["quote"], t.literal(m.claim.span.quote), g)
            date = m.claim.date or m.published
            if date:
                yield q(claim, kg["claimDate"], date_term(t, date), g)
            yield q(claim, kg["inGroup"], node, g)
            yield q(claim, kg["status"], status[m.status], g)
            yield q(claim, kg["outletCount"], int_term(t, m.outlet_count), g)
            for other in m.conflicts:
                yield q(claim, kg["conflictsWith"], t.iri(other.iri), g)
            for other in m.corroborations:
                yield q(claim, kg["corroborates"], t.iri(other.iri), g)
    for entity_id in registry.entities:
        yield q(t.iri(entity_iri(entity_id)), kg["mentionCount"], int_term(t, mention_counts.get(entity_id, 0)), g)
    for outlet, counts in _outlet_counts(groups).items():
        node = t.iri(entity_iri(outlet))
        articles = len(counts.pop("articles"))
        yield q(node, kg["articleCount"], int_term(t, (outlet_articles or {}).get(outlet, articles)), g)
        for name, n in counts.items():
            yield q(node, kg[name], int_term(t, n), g)
    yield from compile_listings(groups, registry, terms, mention_counts)


def _outlet_counts(groups: list[ClaimGroup]) -> dict[str, dict]:
    """Per outlet: its articles (that have claims) and how many of its claims have each status."""
    status = {
        "conflicting": "conflictingCount",
        "corroborated": "corroboratedCount",
        "single-source": "singleSourceCount",
    }
    outlets: dict[str, dict] = {}
    for group in groups:
        for m in group.members:
            counts = outlets.setdefault(
                m.outlet,
                {
                    "articles": set(),
                    "claimCount": 0,
                    "conflictingCount": 0,
                    "corroboratedCount": 0,
                    "singleSourceCount": 0,
                },
            )
            counts["articles"].add(m.article)
            counts["claimCount"] += 1
            counts[status[m.status]] += 1
    return dict(sorted(outlets.items()))
