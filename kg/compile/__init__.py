"""From the data model to RDF quads (``docs/data-model.md``).

Three rooms over one floor (:mod:`kg.terms`: term factories, literals, the IRIs kg mints):

- :mod:`kg.compile.article`: one article, the registry and the ontology as quads;
- :mod:`kg.compile.crosssource`: which claims conflict or corroborate each other, as quads;
- :mod:`kg.compile.listings`: the listing indexes the named queries page through;

and :mod:`kg.compile.corpus`, which streams a whole corpus through them (``kg build`` and the
tests use the same :class:`CompiledCorpus`).
"""

from __future__ import annotations

from ..terms import (
    RDFLIB_TERMS,
    Quad,
    Terms,
    article_iri,
    claim_iri,
    date_literal,
    entity_iri,
    kind_iri,
    predicate_iri,
    quantity_iri,
)
from .article import claims_of, compile_article, compile_ontology, compile_registry, keyed_claims
from .corpus import CompiledCorpus, compile_corpus, mention_counts, to_dataset
from .crosssource import ClaimGroup, ComparedClaim, GroupValue, compare, compare_claims, compile_crosssource
from .listings import LISTINGS, compile_listings, listing_graph

__all__ = [
    "LISTINGS",
    "RDFLIB_TERMS",
    "ClaimGroup",
    "ComparedClaim",
    "CompiledCorpus",
    "GroupValue",
    "Quad",
    "Terms",
    "article_iri",
    "claim_iri",
    "claims_of",
    "compare",
    "compare_claims",
    "compile_article",
    "compile_corpus",
    "compile_crosssource",
    "compile_listings",
    "compile_ontology",
    "compile_registry",
    "date_literal",
    "entity_iri",
    "keyed_claims",
    "kind_iri",
    "listing_graph",
    "mention_counts",
    "predicate_iri",
    "quantity_iri",
    "to_dataset",
]
