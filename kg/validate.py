"""``kg validate``: check a graph against the SHACL shapes in ``ontology/shapes.ttl``.

pyshacl checks the core constraints (counts, kinds, classes, with the ontology's subclasses); three
things keep its work in proportion to the graph:

- each property shape of a targeted node shape is checked as a shape of its own with the node
  shape's targets (:func:`targeted_property_shapes`): SHACL gives the same results (a node shape's
  ``sh:property`` results are its focus node's results against the property shape), while pyshacl
  checks a nested property shape once per focus node, building its constraints each time (more
  than half of its time on the five seed articles);
- the SPARQL-based constraints (``sh:sparql``) run here, on Oxigraph, each query once over the whole
  graph with ``$this`` left free and its rows kept for the shape's focus nodes: the same results,
  while pyshacl parses and runs the query again for every focus node (:func:`sparql_constraints`);
- the graph is read from the store's quads straight into rdflib terms (each term made once), not
  through N-Triples text, and pyshacl adds the ontology's axioms to that graph instead of a copy;
  its namespace manager does not file namespaces without a prefix (:class:`_Namespaces`: rdflib's
  filing made pyshacl's time grow with the square of the number of articles).

Identical results (the same severity, focus node, path, message and value) are reported once.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SH, Dataset, Graph, URIRef, Variable
from rdflib.namespace import NamespaceManager, split_uri

from .errors import KGError
from .io import progress as progress_display
from .namespace import short_iri
from .ontology import read_ontology, read_shapes
from .store import OxigraphTerms, Store, open_store, to_rdflib

__all__ = [
    "SparqlConstraint",
    "ValidationReport",
    "Violation",
    "sparql_constraints",
    "targeted_property_shapes",
    "validate",
    "validate_graph",
]


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

    Only constraints of node shapes whose targets are ``sh:targetClass`` alone and that declare no
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
        if not classes or select is None or any(shapes.value(shape, t) is not None for t in (*targets, SH.path)):
            continue
        if shapes.value(constraint, SH.prefixes) is not None or shapes.value(constraint, SH.deactivated):
            continue
        severity = shapes.value(constraint, SH.severity) or shapes.value(shape, SH.severity) or SH.Violation
        message = shapes.value(constraint, SH.message) or shapes.value(shape, SH.message) or ""
        severity_name = str(severity).rpartition("#")[2]  # sh:Violation, sh:Warning, sh:Info
        constraints.append(SparqlConstraint(shape, classes, str(select), str(message), severity_name))
        core.remove((shape, SH.sparql, constraint))
    return core, constraints


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def targeted_property_shapes(shapes: Graph) -> Graph:
    """The shapes with each property shape of a targeted node shape given that node shape's targets.

    A node shape's ``sh:property`` results for a focus node are the focus node's results against
    the property shape (SHACL's ``sh:property``, with a node shape's one value node, the focus node),
    so a property shape that carries the node shape's targets itself reports the same results. pyshacl
    checks a nested property shape once per focus node, and a targeted one once for all of them.

    A property shape moves only when the change cannot alter a result: it is named by one node shape
    only, has no targets of its own, and the node shape has targets, is not deactivated and is not
    also a class (an implicit class target). The input graph is not changed.

    Parameters
    ----------
    shapes : rdflib.Graph
        A SHACL shapes graph.

    Returns
    -------
    rdflib.Graph
        A new graph with the same shapes.

    Examples
    --------
    >>> from kg.namespace import KG
    >>> moved = targeted_property_shapes(read_shapes())
    >>> len(set(moved.subjects(SH.targetClass, KG.Claim))) > 20  # ClaimShape and its property shapes
    True
    """
    moved = Graph()
    for prefix, namespace in shapes.namespaces():
        moved.bind(prefix, namespace)
    for triple in shapes:
        moved.add(triple)
    classes = (RDFS.Class, OWL.Class)
    for node_shape in sorted(set(shapes.subjects(SH.property, None))):
        targets = [(p, o) for p in _TARGETS for o in shapes.objects(node_shape, p)]
        if not targets or shapes.value(node_shape, SH.deactivated) is not None:
            continue
        if any((node_shape, RDF.type, c) in shapes for c in classes):
            continue
        for prop in sorted(shapes.objects(node_shape, SH.property)):
            if len(set(shapes.subjects(SH.property, prop))) != 1 or any(shapes.value(prop, p) for p in _TARGETS):
                continue
            moved.remove((node_shape, SH.property, prop))
            moved.add((prop, RDF.type, SH.PropertyShape))
            for p, o in targets:
                moved.add((prop, p, o))
    return moved


def _instances(data: Graph, ontology: Graph, classes: frozenset) -> set:
    """The nodes of ``data`` typed with one of ``classes`` or a subclass of one (by the ontology)."""
    found: set = set()
    for cls in classes:
        for sub in set(ontology.transitive_subjects(RDFS.subClassOf, cls)) | {cls}:
            found.update(data.subjects(RDF.type, sub))
    return found


def _phase(progress, description: str) -> int | None:
    if progress is None:
        return None
    for task in progress.tasks:
        progress.update(task.id, visible=False)
    return progress.add_task(description, total=None)


class _Namespaces(NamespaceManager):
    """rdflib's namespace manager, without filing the namespaces that have no prefix.

    rdflib files each namespace it writes in a trie and scans a level's keys on every new one; with a
    namespace per article (its claims, mentions, evidence), pyshacl's result messages (made even for
    the alternatives of an ``sh:or`` that fail) took time growing with the square of the corpus: most
    of the time at 1,000 articles, hours at 10,000. A namespace without a prefix is written ``<IRI>``
    either way, and the trie is read only below a bound namespace, where a namespace that
    :func:`rdflib.namespace.split_uri` gives cannot be a longer match: what is written is the same.
    """

    def normalizeUri(self, rdfTerm: str) -> str:  # rdflib's name
        try:
            namespace, _ = split_uri(rdfTerm)
        except ValueError:
            return super().normalizeUri(rdfTerm)
        if self.store.prefix(URIRef(namespace)) is None:
            return ("?%s" if isinstance(rdfTerm, Variable) else "<%s>") % rdfTerm
        return super().normalizeUri(rdfTerm)


def _graph() -> Graph:
    graph = Graph()
    graph.namespace_manager = _Namespaces(graph)
    return graph


class _Data:
    """The graph to check, twice: an rdflib graph for pyshacl, and an Oxigraph one for the SPARQL constraints.

    Both hold the same set of triples (the union of the named graphs): Oxigraph's union default graph
    would count a triple once per graph it is in.
    """

    def __init__(self) -> None:
        self.graph = _graph()
        self.oxigraph = ox.Store()

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad], progress=None) -> _Data:
        """From pyoxigraph quads: each term is made an rdflib term once."""
        data = cls()
        task = _phase(progress, "read the store")

        def triples() -> Iterable[ox.Quad]:
            for n, q in enumerate(quads, 1):
                if task is not None and n % 100_000 == 0:
                    progress.update(task, description=f"read the store: {n:,} quads")
                yield ox.Quad(q.subject, q.predicate, q.object)  # in the default graph: each triple once

        data.oxigraph.bulk_extend(triples())
        total = len(data.oxigraph)
        if task is not None:
            progress.update(task, description=f"load {total:,} triples into rdflib")
        terms: dict = {}
        add = data.graph.add
        for n, quad in enumerate(data.oxigraph, 1):
            triple = []
            for term in (quad.subject, quad.predicate, quad.object):
                found = terms.get(term)
                if found is None:
                    found = terms[term] = to_rdflib(term)
                triple.append(found)
            add(tuple(triple))
            if task is not None and n % 50_000 == 0:
                progress.update(task, description=f"load triples into rdflib: {n:,} of {total:,}")
        return data

    @classmethod
    def from_graph(cls, graph: Graph, *, copy: bool = True) -> _Data:
        """From an rdflib graph: copied with its prefixes (as pyshacl would copy it), or one of :func:`_graph`."""
        data = cls()
        if copy:
            for prefix, namespace in graph.namespaces():
                data.graph.bind(prefix, namespace, override=True, replace=True)
            add = data.graph.add
            for triple in graph:
                add(triple)
        else:
            data.graph = graph
        convert = OxigraphTerms().convert
        data.oxigraph.bulk_extend(ox.Quad(convert(s), convert(p), convert(o)) for s, p, o in graph)
        return data


def _violation(severity: object, focus: object, path: object, message: object, value: object) -> Violation:
    name = str(severity).rpartition("#")[2] if severity else "Violation"  # sh:Violation, sh:Warning, sh:Info
    return Violation(name, _short(focus), _short(path), str(message or ""), _short(value))


def _check(data: _Data, progress=None) -> tuple[bool, list[Violation]]:
    """pyshacl's core constraints, then the SPARQL ones (pyshacl adds the ontology's axioms to ``data.graph``)."""
    from pyshacl import validate as shacl_validate

    ontology = read_ontology()
    core, constraints = sparql_constraints(read_shapes())
    core = targeted_property_shapes(core)
    _phase(progress, f"check {len(data.graph):,} triples against the shapes (pyshacl)")
    conforms, results, _ = shacl_validate(
        data.graph,
        shacl_graph=core,
        ont_graph=ontology,
        inference="none",
        allow_warnings=True,
        inplace=True,  # the graph is ours: pyshacl need not copy it to add the ontology's axioms
    )
    violations = [
        _violation(
            results.value(result, SH.resultSeverity),
            results.value(result, SH.focusNode),
            results.value(result, SH.resultPath),
            results.value(result, SH.resultMessage),
            results.value(result, SH.value),
        )
        for result in results.subjects(RDF.type, SH.ValidationResult)
    ]
    _phase(progress, f"run {len(constraints)} SPARQL constraints (Oxigraph)")
    for constraint in constraints:
        focus = _instances(data.graph, ontology, constraint.classes)
        solutions = data.oxigraph.query(constraint.select)
        names = {v.value for v in solutions.variables}
        for row in solutions:
            this = to_rdflib(row["this"])
            if this in focus:
                path = to_rdflib(row["path"]) if "path" in names else None
                value = to_rdflib(row["value"]) if "value" in names else None
                # as in SHACL (and pyshacl): a node shape's result without ?value has the focus node as value
                violations.append(_violation(SH[constraint.severity], this, path, constraint.message, value or this))
    return bool(conforms), violations


def _report(conforms: bool, violations: list[Violation], triples: int, started: float) -> ValidationReport:
    unique = {(v.focus, v.path, v.message, v.value, v.severity): v for v in violations}
    found = [unique[key] for key in sorted(unique)]
    real = [v for v in found if v.severity == "Violation"]
    return ValidationReport(
        conforms=conforms and not real, triples=triples, violations=found, seconds=time.perf_counter() - started
    )


def validate_graph(data: Graph, *, show_progress: bool = False) -> ValidationReport:
    """Validate an rdflib graph (the union of a dataset) against the shapes, with the ontology.

    Parameters
    ----------
    data : rdflib.Graph
        Not changed.
    show_progress : bool
        Show each phase on standard error.

    Returns
    -------
    ValidationReport
        ``conforms`` and one ``Violation`` per distinct SHACL result.
    """
    started = time.perf_counter()
    with progress_display(show_progress, bar=False) as progress:
        conforms, violations = _check(_Data.from_graph(data), progress)
    return _report(conforms, violations, len(data), started)


def _union(dataset: Dataset) -> Graph:
    union = _graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _read_file(path: Path) -> Graph:
    dataset = Dataset()
    try:
        dataset.parse(path, format=_guess(path))
    except FileNotFoundError:
        raise KGError("E400", path=path, detail="no such file") from None
    except Exception as exc:  # rdflib raises many parser-specific types
        raise KGError("E400", path=path, detail=" ".join(str(exc).split())[:300]) from None
    return _union(dataset)


def _store_quads(opened: Store) -> Iterable[ox.Quad]:
    quads = getattr(opened, "quads", None)  # the embedded store's and a remote store's own reader
    if callable(quads):
        return quads()
    buffer = BytesIO()
    opened.dump(buffer, "nquads")
    return ox.parse(buffer.getvalue(), ox.RdfFormat.N_QUADS)


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
        if file is not None:
            _phase(progress, f"read {file}")
            data = _Data.from_graph(_read_file(Path(file)), copy=False)
        else:
            opened = store if isinstance(store, Store) else open_store(store)
            try:
                data = _Data.from_quads(_store_quads(opened), progress)
            finally:
                if not isinstance(store, Store):
                    opened.close()
        triples = len(data.graph)  # before pyshacl adds the ontology's axioms to it
        conforms, violations = _check(data, progress)
    return _report(conforms, violations, triples, started)


def _guess(path: Path) -> str:
    return {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}.get(
        path.suffix.lower(), "trig"
    )
