"""Stores: where a built graph lives, behind one small interface chosen by a URL.

=====================  ===============================================================
``--store`` value      store
=====================  ===============================================================
``.kg`` (any path)     embedded Oxigraph store on disk (the default, ``$KG_STORE`` overrides)
``oxigraph:PATH``      the same, spelled out
``memory:`` ``memory:NAME``  in-memory Oxigraph store, alive while the Python process is
=====================  ===============================================================

A backend is registered per URL scheme with :func:`register_store`, as rdflib registers its
store plugins; a remote SPARQL endpoint is one more backend.

Writing is all or nothing: :func:`write_store` builds the new graph beside the old one and swaps
it in only once complete, so a failed or interrupted build leaves the previous store usable.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import shutil
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .compile import RDFLIB_TERMS, Terms
from .errors import KGError
from .namespace import PREFIXES

__all__ = [
    "DEFAULT_STORE",
    "Results",
    "Store",
    "StoreBackend",
    "default_store_url",
    "open_store",
    "register_store",
    "results_of",
    "replace_graph",
    "store_terms",
    "write_store",
]

DEFAULT_STORE = ".kg"
MARKER = "kg-store.json"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def default_store_url() -> str:
    """``$KG_STORE`` if set, else ``.kg`` in the working folder."""
    return os.environ.get("KG_STORE") or DEFAULT_STORE


@dataclass
class Results:
    """What a query returned, as rdflib terms.

    ``kind`` is ``"select"`` (``variables`` and ``rows``), ``"ask"`` (``boolean``) or ``"graph"``
    (``triples``, for CONSTRUCT and DESCRIBE).
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = field(default_factory=list)

    def records(self) -> list[dict[str, Node | None]]:
        """The rows as dictionaries keyed by variable name."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)


class Store(ABC):
    """A built graph that can be queried and dumped."""

    url: str

    @abstractmethod
    def query(self, sparql: str) -> Results:
        """Run a SPARQL 1.1 query; the default graph is the union of all named graphs."""

    @abstractmethod
    def dump(self, output: str | Path, format: str) -> None:
        """Write the whole dataset to ``output`` in an RDF format (``trig``, ``nquads`` ...)."""

    def close(self) -> None:  # noqa: B027 - optional for backends
        """Release the store."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class StoreBackend(ABC):
    """How to open and (re)write stores of one URL scheme."""

    @abstractmethod
    def open(self, location: str) -> Store: ...

    @abstractmethod
    def replace(self, location: str, quads: Iterable[tuple], meta: dict[str, Any]) -> int:
        """Replace the store's whole content by ``quads``, all or nothing; return the quad count."""

    def replace_graph(self, location: str, graph: str, triples: Iterable[tuple]) -> int:
        """Replace one named graph by ``triples`` in one transaction; return the graph's triple count.

        Backends that cannot update a store in place raise ``NotImplementedError``.
        """
        raise NotImplementedError(f"{type(self).__name__} cannot update a graph in place")

    def terms(self) -> Terms:
        """The term factory whose quads this backend loads fastest (rdflib terms by default)."""
        return RDFLIB_TERMS


_BACKENDS: dict[str, Callable[[], StoreBackend]] = {}


def register_store(scheme: str, factory: Callable[[], StoreBackend]) -> None:
    """Make ``SCHEME:location`` store URLs open with the backend ``factory()`` builds."""
    _BACKENDS[scheme] = factory


def _resolve(url: str | os.PathLike | None) -> tuple[StoreBackend, str]:
    url = str(url) if url is not None else default_store_url()
    scheme, sep, rest = url.partition(":")
    if sep and scheme in _BACKENDS:
        return _BACKENDS[scheme](), rest
    if sep and len(scheme) > 1 and "/" not in scheme and not rest.startswith("\\"):
        raise KGError("E202", url=url)
    return _BACKENDS["oxigraph"](), url


def open_store(url: str | os.PathLike | None = None) -> Store:
    """Open a built store for reading.

    Parameters
    ----------
    url : str, optional
        A store URL (see the module docs); default ``$KG_STORE`` or ``.kg``.
    """
    backend, location = _resolve(url)
    return backend.open(location)


def store_terms(url: str | os.PathLike | None) -> Terms:
    """The term factory the store at ``url`` loads fastest."""
    backend, _ = _resolve(url)
    return backend.terms()


def write_store(url: str | os.PathLike | None, quads: Iterable[tuple], meta: dict[str, Any] | None = None) -> int:
    """Replace a store's content by ``quads`` (rdflib terms), all or nothing.

    Returns
    -------
    int
        The number of quads now in the store.
    """
    backend, location = _resolve(url)
    return backend.replace(location, quads, dict(meta or {}))


def replace_graph(url: str | os.PathLike | None, graph: str, triples: Iterable[tuple]) -> int:
    """Replace the named graph ``graph`` of a store by ``triples`` (rdflib terms), all or nothing.

    The rest of the store is left as it is (``kg analyze ... --write`` uses it for ``graph:analysis``).

    Returns
    -------
    int
        The number of triples now in the graph.

    Raises
    ------
    NotImplementedError
        When the store's backend cannot update a store in place.
    """
    backend, location = _resolve(url)
    return backend.replace_graph(location, str(graph), triples)


def _replace_graph(store: ox.Store, graph: str, triples: Iterable[tuple]) -> int:
    """DROP and INSERT DATA in one SPARQL update, which Oxigraph applies as one transaction."""
    convert = OxigraphTerms().convert
    name = ox.NamedNode(graph)
    body = " .\n".join(f"{convert(s)} {convert(p)} {convert(o)}" for s, p, o in triples)
    update = f"DROP SILENT GRAPH {name}"
    if body:
        update += f" ;\nINSERT DATA {{ GRAPH {name} {{\n{body} .\n}} }}"
    store.update(update)
    return sum(1 for _ in store.quads_for_pattern(None, None, None, name))


# --- term conversion -----------------------------------------------------------------------


def to_rdflib(term: Any) -> Node | None:
    """A pyoxigraph term as the rdflib term users of rdflib expect."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype))
    raise TypeError(f"unsupported term {term!r}")


def results_of(result: Any) -> Results:
    """pyoxigraph query results (solutions, a boolean or triples) as :class:`Results` of rdflib terms."""
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = [tuple(to_rdflib(solution[v]) for v in variables) for solution in result]
        return Results("select", variables=variables, rows=rows)
    if isinstance(result, ox.QueryBoolean):
        return Results("ask", boolean=bool(result))
    return Results(
        "graph", triples=[(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in result]
    )


class OxigraphTerms(Terms):
    """Builds pyoxigraph terms directly (see :class:`kg.compile.Terms`), caching IRIs (most repeat)."""

    def __init__(self) -> None:
        self.iris: dict[str, ox.NamedNode] = {}

    def iri(self, value: str) -> ox.NamedNode:
        node = self.iris.get(value)
        if node is None:
            node = self.iris[value] = ox.NamedNode(str(value))
        return node

    def literal(self, lexical: str, datatype: str | None = None) -> ox.Literal:
        if datatype is None:
            return ox.Literal(lexical)
        return ox.Literal(lexical, datatype=self.iri(datatype))

    def quad(self, s: Any, p: Any, o: Any, g: Any) -> ox.Quad:
        return ox.Quad(s, p, o, g)

    def convert(self, term: Any) -> Any:
        """An rdflib term as a pyoxigraph term."""
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            return self.literal(str(term), None if term.datatype is None else str(term.datatype))
        raise TypeError(f"unsupported term {term!r}")

    def quads(self, quads: Iterable[Any]) -> Iterator[ox.Quad]:
        """pyoxigraph quads, from quads of either library."""
        convert = self.convert
        for quad in quads:
            if type(quad) is ox.Quad:
                yield quad
            else:
                s, p, o, g = quad
                yield ox.Quad(convert(s), convert(p), convert(o), ox.DefaultGraph() if g is None else convert(g))


_FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
DATASET_FORMATS = ("trig", "nquads", "jsonld")
"""Formats that keep named graphs; the others hold the union of all graphs."""


def rdf_format(name: str) -> ox.RdfFormat:
    try:
        return _FORMATS[name]
    except KeyError:
        raise KGError("E303", name=name, choices=", ".join(_FORMATS)) from None


# --- Oxigraph ---------------------------------------------------------------------------------


class OxigraphStore(Store):
    """A pyoxigraph store (on disk or in memory)."""

    def __init__(self, store: ox.Store, url: str) -> None:
        self.ox = store
        self.url = url

    def query(self, sparql: str) -> Results:
        try:
            result = self.ox.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise KGError("E300", where="", detail=" ".join(str(exc).split())) from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise KGError("E305", detail=" ".join(str(exc).split())) from None
        return results_of(result)

    def dump(self, output: str | Path, format: str) -> None:
        fmt = rdf_format(format)
        prefixes = {k: v for k, v in PREFIXES.items() if k not in ("graph",)}
        if format in DATASET_FORMATS:
            self.ox.dump(output, fmt, prefixes=prefixes if format == "trig" else None)
        else:
            triples = self.ox.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
            kwargs = {"prefixes": prefixes} if format == "turtle" else {}
            ox.serialize(triples, output, fmt, **kwargs)

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self.ox)


class OxigraphBackend(StoreBackend):
    """The embedded on-disk store: a folder with ``kg-store.json`` and Oxigraph's files."""

    def terms(self) -> Terms:
        return OxigraphTerms()

    def open(self, location: str) -> Store:
        path = _existing(location)
        try:
            store = ox.Store.read_only(str(path / "oxigraph"))
        except (OSError, RuntimeError) as exc:  # RuntimeError: another process is writing it
            raise KGError("E203", path=path, detail=" ".join(str(exc).split())[:200]) from None
        return OxigraphStore(store, str(path))

    def replace(self, location: str, quads: Iterable[tuple], meta: dict[str, Any]) -> int:
        path = Path(location)
        _recover(path)
        if path.is_file() or (path.is_dir() and any(path.iterdir()) and not (path / MARKER).is_file()):
            raise KGError("E200", path=path, marker=MARKER)
        tmp = path.parent / f".{path.name}.building-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            tmp.mkdir(parents=True)
            store = ox.Store(str(tmp / "oxigraph"))
            store.bulk_extend(OxigraphTerms().quads(quads))
            store.flush()
            count = len(store)
            del store
            gc.collect()
            meta = {"format": "kg-store", "version": 1, "quads": count, "built": _now(), **meta}
            (tmp / MARKER).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
            _swap(tmp, path)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise KGError("E204", path=path, detail=exc.strerror or str(exc)) from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return count

    def replace_graph(self, location: str, graph: str, triples: Iterable[tuple]) -> int:
        path = _existing(location)
        triples = list(triples)
        try:
            store = ox.Store(str(path / "oxigraph"))
        except OSError as exc:
            raise KGError("E203", path=path, detail=" ".join(str(exc).split())[:200]) from None
        try:
            count = _replace_graph(store, graph, triples)
            store.flush()
        except OSError as exc:
            raise KGError("E204", path=path, detail=" ".join(str(exc).split())[:200]) from None
        finally:
            del store
            gc.collect()
        return count


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _swap(new: Path, path: Path) -> None:
    """Put ``new`` in place of ``path``; the old store is moved aside, then deleted."""
    old = path.parent / f".{path.name}.old-{os.getpid()}"
    if path.exists():
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
        else:
            os.replace(path, old)
    os.replace(new, path)
    shutil.rmtree(old, ignore_errors=True)


def _existing(location: str) -> Path:
    """The folder of a built store, or a one-line error saying why it is not one."""
    path = Path(location)
    _recover(path)
    if not path.exists():
        raise KGError("E201", path=path)
    if not (path / MARKER).is_file():
        raise KGError("E200", path=path, marker=MARKER)
    return path


def _recover(path: Path) -> None:
    """If a swap was cut between its two renames, put the old store back."""
    if path.exists():
        return
    for old in sorted(path.parent.glob(f".{path.name}.old-*")):
        if (old / MARKER).is_file():
            os.replace(old, path)
            return


# --- in memory ----------------------------------------------------------------------------------

_MEMORY: dict[str, ox.Store] = {}


class MemoryBackend(StoreBackend):
    """``memory:NAME``: an in-memory Oxigraph store shared within one Python process."""

    def terms(self) -> Terms:
        return OxigraphTerms()

    def open(self, location: str) -> Store:
        if location not in _MEMORY:
            raise KGError("E201", path=f"memory:{location}")
        return OxigraphStore(_MEMORY[location], f"memory:{location}")

    def replace(self, location: str, quads: Iterable[tuple], meta: dict[str, Any]) -> int:
        store = ox.Store()
        store.extend(list(OxigraphTerms().quads(quads)))
        _MEMORY[location] = store
        return len(store)

    def replace_graph(self, location: str, graph: str, triples: Iterable[tuple]) -> int:
        if location not in _MEMORY:
            raise KGError("E201", path=f"memory:{location}")
        return _replace_graph(_MEMORY[location], graph, triples)


register_store("oxigraph", OxigraphBackend)
register_store("file", OxigraphBackend)
register_store("memory", MemoryBackend)

from . import remote  # noqa: E402,F401
