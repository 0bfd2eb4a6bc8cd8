"""A whole corpus as quads, compiled while its articles stream by: what ``kg build`` loads.

Examples
--------
>>> from kg.model import Article, Annotated, Claim, Quantity, Registry, Span
>>> def said(outlet, n):
...     text = f"{n} people returned."
...     a = Article(id=f"{outlet}-{n}", text=text, title="t", outlet=outlet)
...     c = Claim(span=Span.of(text, text), speaker=outlet, subject="kz", predicate="repatriated",
...               quantity=Quantity(value=n, kind="people"), about="op")
...     return Annotated(article=a, claims=[c])
>>> compiled = CompiledCorpus(Registry(), [said("afp", 47), said("dp", 43)], ontology=False)
>>> quads = list(compiled)
>>> [m.status for group in compiled.groups for m in group.members]
['conflicting', 'conflicting']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..model import Annotated, Corpus, Registry
from ..terms import RDFLIB_TERMS, Quad, Terms
from .article import compile_article, compile_ontology, compile_registry, keyed_claims
from .crosssource import ClaimGroup, ComparedClaim, compare, compared_claims, crosssource_parts

__all__ = ["CompiledCorpus", "compile_corpus", "mention_counts", "to_dataset"]


@dataclass
class CompiledCorpus:
    """Every quad of a corpus: ontology, registry, articles, and what is computed across them.

    Iterating compiles the articles one at a time as ``articles`` yields them (read them lazily
    and memory grows with the number of claims, not with the corpus text); once the iteration is
    done, :attr:`groups` holds the claim groups and their statuses. Each claim is hashed once:
    its key names both its IRI in the article graph and the claim the comparison reads.

    Parameters
    ----------
    registry : Registry
        The entities and quantity kinds the articles name.
    articles : iterable of Annotated
        The annotated articles, in order; iterated once.
    ontology : bool
        Start with the ontology's quads (``graph:ontology``).
    terms : Terms
        The term factory; rdflib terms by default.
    on_article : callable, optional
        Called with each article once its quads are out (a progress bar advances).
    on_compared : callable, optional
        Called with each article and its claims as the cross-source step will compare them, before they are
        compared (``kg build`` caches them for ``kg add``).
    on_derived : callable, optional
        Called with each quad computed across articles (cross-source and listing graphs) before it is yielded.
    on_part : callable, optional
        Called with the owner of each part of those quads (:func:`~kg.compile.crosssource.crosssource_parts`)
        before its quads.
    """

    registry: Registry
    articles: Iterable[Annotated]
    ontology: bool = True
    terms: Terms = RDFLIB_TERMS
    on_article: Callable[[Annotated], object] | None = None
    on_compared: Callable[[Annotated, list[ComparedClaim]], object] | None = None
    on_derived: Callable[[Quad], object] | None = None
    on_part: Callable[[str], object] | None = None
    groups: list[ClaimGroup] | None = field(default=None, init=False)
    """The claim groups, once every quad has been yielded."""

    def __iter__(self) -> Iterator[Quad]:
        terms = self.terms
        if self.ontology:
            yield from compile_ontology(terms)
        yield from compile_registry(self.registry, terms)
        compared: list[ComparedClaim] = []
        mentions: Counter[str] = Counter()
        outlets: Counter[str] = Counter()
        for annotated in self.articles:
            claims = keyed_claims(annotated)
            yield from compile_article(annotated, terms, claims=claims)
            mine = list(compared_claims(annotated, claims, registry=self.registry))
            compared.extend(mine)
            if self.on_compared is not None:
                self.on_compared(annotated, mine)
            mentions.update(e for m in annotated.mentions for e in m.entities)
            outlets[annotated.article.outlet] += 1
            if self.on_article is not None:
                self.on_article(annotated)
        groups = compare(compared, registry=self.registry)
        self.groups = groups
        on_derived, on_part = self.on_derived, self.on_part
        for owner, quads in crosssource_parts(groups, self.registry, mentions, terms, outlets):
            if on_part is not None:
                on_part(owner)
            if on_derived is not None:
                for quad in quads:
                    on_derived(quad)
            yield from quads


def compile_corpus(corpus: Corpus, *, ontology: bool = True, terms: Terms = RDFLIB_TERMS) -> Iterator[Quad]:
    """Every quad of a corpus read into memory (:class:`CompiledCorpus` of its articles)."""
    yield from CompiledCorpus(corpus.registry, corpus.articles, ontology=ontology, terms=terms)


def mention_counts(articles: Iterable[Annotated]) -> Counter[str]:
    """How many mentions name each entity."""
    counts: Counter[str] = Counter()
    for annotated in articles:
        for mention in annotated.mentions:
            counts.update(mention.entities)
    return counts


def to_dataset(quads: Iterable[Quad]):
    """The quads (rdflib terms) as an in-memory ``rdflib.Dataset`` (for small graphs and tests)."""
    from rdflib import Dataset

    ds = Dataset()
    for s, p, o, g in quads:
        ds.add((s, p, o, g))
    return ds
