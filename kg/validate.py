"""``kg validate``: check a graph against the SHACL shapes in ``ontology/shapes.ttl``.

pyshacl checks the core constraints (counts, kinds, classes, with the ontology's subclasses). The
SPARQL-based constraints (``sh:sparql``) are run here instead, each query once over the whole graph
with ``$this`` left free and its rows kept for the shape's focus nodes: the same results, while
pyshacl parses and runs the query again for every focus node (on the five seed articles, 719
parses that took most of the time).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from rdflib import RDF, RDFS, SH, Dataset, Graph, URIRef

from .errors import KGError
from .io import progress as progress_display
from .namespace import short_iri
from .ontology import read_ontology, read_shapes
from .store import Store, open_store

__all__ = ["SparqlConstraint", "ValidationReport", "Violation", "sparql_constraints", "validate", "validate_graph"]


@dataclass
class Violation:
    """One SHACL result: how grave, which node, which property, the shape's message and the value."""

    severity: str
    focus: str
    path: str
    message: str
    value: str = ""


@dataclass
class ValidationReport:
    """Whether the graph conforms, how many triples were checked, each result, and how long it took."""

    conforms: bool
    triples: int
    violations: list[Violation] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the user."""
        took = f" in {self.seconds:.1f} s" if self.seconds else ""
        if self.conforms:
            return f"the graph conforms to the shapes ({self.triples} triples checked{took})"
        return f"the graph does not conform: {len(self.violations)} violation(s) in {self.triples} triples{took}"


@dataclass
class SparqlConstraint:
    """A ``sh:sparql`` constraint of a shape that targets classes: its SELECT, message and severity."""

    shape: object
    classes: frozenset
    select: str
    message: str
    severity: str = "Violation"
    """``Violation``, ``Warning`` or ``Info``."""


def _short(term: object) -> str:
    """An IRI as ``prefix:name`` (:func:`~kg.namespace.short_iri`), a literal as its text."""
    if term is None:
        return ""
    return short_iri(term) if isinstance(term, URIRef) else str(term)


def sparql_constraints(shapes: Graph) -> tuple[Graph, list[SparqlConstraint]]:
    """The shapes without their ``sh:sparql`` constraints, and those constraints.

    Only constraints of shapes whose targets are ``sh:targetClass`` alone and that declare no
    ``sh:prefixes`` are taken out (those are the ones :func:`validate_graph` can run once); any
    other stays for pyshacl.

    Examples
    --------
    >>> core, constraints = sparql_constraints(read_shapes())
    >>> len(constraints) > 0 and not any(core.triples((None, SH.sparql, None)))
    True
    """
    core = Graph()
    for prefix, namespace in shapes.namespaces():
        core.bind(prefix, namespace)
    for triple in shapes:
        core.add(triple)
    targets = (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
    constraints = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        classes = frozenset(shapes.objects(shape, SH.targetClass))
        select = shapes.value(constraint, SH.select)
        if not classes or select is None or any(shapes.value(shape, t) is not None for t in targets):
            continue
        if shapes.value(constraint, SH.prefixes) is not None or shapes.value(constraint, SH.deactivated):
            continue
        severity = shapes.value(constraint, SH.severity) or shapes.value(shape, SH.severity) or SH.Violation
        message = shapes.value(constraint, SH.message) or shapes.value(shape, SH.message) or ""
        severity_name = str(severity).rpartition("#")[2]  # sh:Violation, sh:Warning, sh:Info
        constraints.append(SparqlConstraint(shape, classes, str(select), str(message), severity_name))
        core.remove((shape, SH.sparql, constraint))
    return core, constraints


def _instances(data: Graph, ontology: Graph, classes: frozenset) -> set:
    """The nodes of ``data`` typed with one of ``classes`` or a subclass of one (by the ontology)."""
    found: set = set()
    for cls in classes:
        for sub in set(ontology.transitive_subjects(RDFS.subClassOf, cls)) | {cls}:
            found.update(data.subjects(RDF.type, sub))
    return found


def _phase(progress, description: str) -> None:
    if progress is not None:
        for task in progress.tasks:
            progress.update(task.id, visible=False)
        progress.add_task(description, total=None)


def validate_graph(data: Graph, *, show_progress: bool = False) -> ValidationReport:
    """Validate an rdflib graph (the union of a dataset) against the shapes, with the ontology.

    Parameters
    ----------
    data : rdflib.Graph
    show_progress : bool
        Show each phase on standard error.

    Returns
    -------
    ValidationReport
        ``conforms`` and one ``Violation`` per SHACL result.
    """
    from pyshacl import validate as shacl_validate

    started = time.perf_counter()
    ontology = read_ontology()
    core, constraints = sparql_constraints(read_shapes())
    with progress_display(show_progress, bar=False) as progress:
        _phase(progress, f"check {len(data)} triples against the shapes (pyshacl)")
        conforms, results, _ = shacl_validate(
            data, shacl_graph=core, ont_graph=ontology, inference="none", allow_warnings=True
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
        _phase(progress, f"run {len(constraints)} SPARQL constraints")
        for constraint in constraints:
            focus = _instances(data, ontology, constraint.classes)
            for row in data.query(constraint.select):
                found = row.asdict()
                if found.get("this") in focus:
                    violations.append(
                        Violation(
                            constraint.severity,
                            _short(found["this"]),
                            _short(found.get("path")),
                            constraint.message,
                            _short(found.get("value")),
                        )
                    )
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    real = [v for v in violations if v.severity == "Violation"]
    return ValidationReport(
        conforms=bool(conforms) and not real,
        triples=len(data),
        violations=violations,
        seconds=time.perf_counter() - started,
    )


def _union(dataset: Dataset) -> Graph:
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def validate(
    store: str | os.PathLike | Store | None = None,
    *,
    file: str | os.PathLike | None = None,
    show_progress: bool = False,
) -> ValidationReport:
    """Validate a built store, or an RDF file (TriG, N-Quads, Turtle ...), against the shapes.

    Parameters
    ----------
    store : str or Store, optional
        The store (default ``$KG_STORE`` or ``.kg``); its named graphs are checked as one graph.
    file : path, optional
        An RDF file to check instead.
    show_progress : bool
        Show each phase (reading, pyshacl, SPARQL constraints) on standard error.

    Returns
    -------
    ValidationReport
    """
    started = time.perf_counter()
    with progress_display(show_progress, bar=False) as progress:
        _phase(progress, f"read {file if file is not None else 'the store'}")
        if file is not None:
            path = Path(file)
            dataset = Dataset()
            try:
                dataset.parse(path, format=_guess(path))
            except FileNotFoundError:
                raise KGError("E400", path=path, detail="no such file") from None
            except Exception as exc:  # rdflib raises many parser-specific types
                raise KGError("E400", path=path, detail=" ".join(str(exc).split())[:300]) from None
            data = _union(dataset)
        else:
            opened = store if isinstance(store, Store) else open_store(store)
            try:
                buffer = BytesIO()
                opened.dump(buffer, "ntriples")  # the union of the named graphs, as one graph
            finally:
                if not isinstance(store, Store):
                    opened.close()
            data = Graph().parse(data=buffer.getvalue(), format="nt")
    report = validate_graph(data, show_progress=show_progress)
    report.seconds = time.perf_counter() - started
    return report


def _guess(path: Path) -> str:
    return {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}.get(
        path.suffix.lower(), "trig"
    )
