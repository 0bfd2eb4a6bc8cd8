"""``kg validate``: check a graph against the SHACL shapes in ``ontology/shapes.ttl``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, SH, Dataset, Graph, URIRef

from .errors import KGError
from .namespace import short_iri
from .ontology import read_ontology, read_shapes
from .store import Store, open_store

__all__ = ["Violation", "ValidationReport", "validate", "validate_graph"]


@dataclass
class Violation:
    severity: str
    focus: str
    path: str
    message: str
    value: str = ""


@dataclass
class ValidationReport:
    conforms: bool
    triples: int
    violations: list[Violation] = field(default_factory=list)

    def summary(self) -> str:
        if self.conforms:
            return f"the graph conforms to the shapes ({self.triples} triples checked)"
        return f"the graph does not conform: {len(self.violations)} violation(s) in {self.triples} triples"


def _short(term: object) -> str:
    """An IRI as ``prefix:name`` (:func:`~kg.namespace.short_iri`), a literal as its text."""
    if term is None:
        return ""
    return short_iri(term) if isinstance(term, URIRef) else str(term)


def validate_graph(data: Graph) -> ValidationReport:
    """Validate an rdflib graph (the union of a dataset) against the shapes, with the ontology.

    Returns
    -------
    ValidationReport
        ``conforms`` and one ``Violation`` per SHACL result.
    """
    from pyshacl import validate as shacl_validate

    conforms, results, _ = shacl_validate(
        data, shacl_graph=read_shapes(), ont_graph=read_ontology(), inference="none", allow_warnings=True
    )
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                severity=_short(severity).removeprefix("sh:") if severity else "Violation",
                focus=_short(results.value(result, SH.focusNode)),
                path=_short(results.value(result, SH.resultPath)),
                message=str(results.value(result, SH.resultMessage) or ""),
                value=_short(results.value(result, SH.value)),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    real = [v for v in violations if v.severity == "Violation"]
    return ValidationReport(conforms=bool(conforms) and not real, triples=len(data), violations=violations)


def _union(dataset: Dataset) -> Graph:
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def validate(
    store: str | os.PathLike | Store | None = None, *, file: str | os.PathLike | None = None
) -> ValidationReport:
    """Validate a built store, or an RDF file (TriG, N-Quads, Turtle ...), against the shapes."""
    dataset = Dataset()
    if file is not None:
        path = Path(file)
        try:
            dataset.parse(path, format=_guess(path))
        except FileNotFoundError:
            raise KGError("E400", path=path, detail="no such file") from None
        except Exception as exc:  # rdflib raises many parser-specific types
            raise KGError("E400", path=path, detail=" ".join(str(exc).split())[:300]) from None
        return validate_graph(_union(dataset))
    from io import BytesIO

    opened = store if isinstance(store, Store) else open_store(store)
    try:
        buffer = BytesIO()
        opened.dump(buffer, "nquads")
    finally:
        if not isinstance(store, Store):
            opened.close()
    dataset.parse(data=buffer.getvalue().decode("utf-8"), format="nquads")
    return validate_graph(_union(dataset))


def _guess(path: Path) -> str:
    return {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}.get(
        path.suffix.lower(), "trig"
    )
