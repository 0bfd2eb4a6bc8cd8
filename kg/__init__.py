"""kg: news articles in, a knowledge graph of actors, operations and claims out.

The command line (``kg``) is a thin layer over these functions; everything it does can be done
from Python::

    import kg
    report = kg.build("seeds", store=".kg")
    kg.query(name="conflicting-claims", store=".kg").to_dataframe()
    claims = kg.claims_frame(".kg")  # kg.read_claims as a pandas DataFrame
    ds = kg.dataset(".kg")  # an rdflib Dataset over the store
"""

from importlib import metadata as _metadata

from .build import BuildReport, build
from .compile import compare_claims
from .corpus import read_annotations, read_corpus, read_registry
from .errors import KGError
from .export import (
    export_actors,
    export_claims,
    export_entities,
    export_graph,
    read_actors,
    read_claims,
    read_entities,
)
from .interop import actors_frame, claims_frame, dataset, entities_frame
from .model import (
    Annotated,
    Article,
    Claim,
    Corpus,
    Entity,
    Mention,
    Operation,
    Provenance,
    Quantity,
    Registry,
    Span,
    Statement,
)
from .query import format_results, named_queries, query
from .store import Results, open_store, write_store
from .validate import validate

try:
    __version__ = _metadata.version("kg")
except _metadata.PackageNotFoundError:  # run from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = [
    "Annotated",
    "Article",
    "BuildReport",
    "Claim",
    "Corpus",
    "Entity",
    "KGError",
    "Mention",
    "Operation",
    "Provenance",
    "Quantity",
    "Registry",
    "Results",
    "Span",
    "Statement",
    "actors_frame",
    "build",
    "claims_frame",
    "compare_claims",
    "dataset",
    "entities_frame",
    "export_actors",
    "export_claims",
    "export_entities",
    "export_graph",
    "format_results",
    "named_queries",
    "open_store",
    "query",
    "read_actors",
    "read_annotations",
    "read_claims",
    "read_corpus",
    "read_entities",
    "read_registry",
    "validate",
    "write_store",
]
