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
it in only once complete, so a failed or interrupted build leaves the previous store usable. One
writer at a time: a second one is refused at once (:func:`lock_store`); what a killed writer left
behind is removed by the next one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import glob
import hashlib
import importlib
import json
import os
import re
import shutil
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .errors import KGError
from .namespace import PREFIXES
from .terms import RDFLIB_TERMS, Terms

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, builds are not serialised
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "DEFAULT_STORE",
    "LineTerms",
    "Results",
    "Store",
    "StoreBackend",
    "StoreEdit",
    "cache_path",
    "default_store_url",
    "dump_store",
    "edit_store",
    "local_cache_path",
    "lock_store",
    "open_store",
    "parse_lines",
    "read_store_meta",
    "register_store",
    "results_of",
    "replace_graph",
    "store_editable",
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

    def to_dataframe(self):  # -> pandas.DataFrame; pandas is imported only here
        """The results as a pandas DataFrame: one column per variable, Python values instead of RDF terms.

        Numbers become ``int`` or ``float`` (``xsd:decimal`` too), booleans ``bool``, ``xsd:date`` a
        ``datetime.date``; IRIs and other literals their text; an unbound variable ``None``. A
        CONSTRUCT or DESCRIBE result gives the columns ``s``, ``p``, ``o``; an ASK result one column,
        ``boolean``.

        Raises
        ------
        KGError
            E311 when pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError:
            raise KGError("E311", what="Results.to_dataframe()") from None

        def value(term: Node | None) -> object:
            if term is None:
                return None
            python = term.toPython()
            if isinstance(python, Decimal):
                return float(python)
            return str(python) if isinstance(python, Node) else python  # IRIs, literals rdflib cannot convert

        if self.kind == "ask":
            return pd.DataFrame({"boolean": [self.boolean]})
        columns, rows = (["s", "p", "o"], self.triples) if self.kind == "graph" else (self.variables, self.rows)
        return pd.DataFrame([[value(t) for t in row] for row in rows], columns=columns)


class Store(ABC):
    """A built graph that can be queried and dumped."""

    url: str

    @abstractmethod
    def query(self, sparql: str) -> Results:
        """Run a SPARQL 1.1 query; the default graph is the union of all named graphs."""

    def select(self, sparql: str) -> list[tuple[str | None, ...]]:
        """Run a SELECT query and return its rows as plain strings.

        IRIs and literals become their text (an IRI, a lexical form), unbound variables ``None``:
        what a reader of the graph needs, without rdflib terms to build and throw away.

        Parameters
        ----------
        sparql : str
            A SPARQL 1.1 SELECT query (the prefixes of :data:`kg.namespace.PREFIXES` are declared).

        Returns
        -------
        list of tuple
            One tuple per solution, in the order of the query's variables.
        """
        return [tuple(None if term is None else str(term) for term in row) for row in self.query(sparql).rows]

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

    def replace_and_dump(
        self, location: str, quads: Iterable[tuple], meta: dict[str, Any], dump_to: Path, dump_format: str
    ) -> int:
        """:meth:`replace`, and write the new content to the file ``dump_to`` as ``dump_format``.

        This default writes the file once the store is replaced (a failure then says so: E208);
        a backend that builds the new content aside writes it before it swaps the store in.
        """
        count = self.replace(location, quads, meta)
        with self.open(location) as new:
            staged = _stage_dump(new, dump_to, dump_format, code="E208", store=new.url)
            _commit_dump(staged, dump_to, store=new.url)
        return count

    def lock(self, location: str) -> contextlib.AbstractContextManager[None]:
        """Hold the store for one writer; another is refused at once (E205). Nothing to hold by default."""
        return contextlib.nullcontext()

    def meta(self, location: str) -> dict[str, Any]:
        """What the build recorded with the store (``kg-store.json``); empty when nothing is kept."""
        return {}

    editable: bool = False
    """Whether :meth:`edit` can change a store of this backend in place."""

    def can_edit(self, location: str) -> bool:
        """Whether :meth:`edit` can change the store at ``location`` in place (:attr:`editable` by default)."""
        return self.editable

    def edit(self, location: str) -> contextlib.AbstractContextManager[StoreEdit]:
        """The store open for an in-place change (:class:`StoreEdit`); E209 for backends that cannot."""
        raise KGError("E209", url=location, reason="this kind of store is only ever rebuilt whole")

    def cache(self, location: str, fresh: bool = False) -> Path | None:
        """The file where :mod:`kg.incremental` keeps compiled articles for this store; None: in memory.

        ``fresh``: where a full build writes a new one, to move in once the store is swapped in.
        """
        return None

    def terms(self) -> Terms:
        """The term factory whose quads this backend loads fastest (rdflib terms by default)."""
        return RDFLIB_TERMS


@dataclass(frozen=True)
class _Plugin:
    module: str
    name: str
    options: tuple[tuple[str, Any], ...]

    def backend(self) -> StoreBackend:
        return getattr(importlib.import_module(self.module), self.name)(**dict(self.options))


_BACKENDS: dict[str, _Plugin] = {}


def register_store(scheme: str, module: str, name: str, /, **options: Any) -> None:
    """Make ``SCHEME:location`` store URLs open with the backend ``name`` of ``module``.

    The module is imported when a URL of that scheme is first used, as rdflib registers its
    plugins (``plugin.register(name, kind, module_path, class_name)``): a backend costs nothing,
    and imports nothing, until then.

    Parameters
    ----------
    scheme : str
        The URL scheme (``http`` in ``http://host/``).
    module : str
        The module that defines the backend (``kg.remote``).
    name : str
        The :class:`StoreBackend` class (or factory) in ``module``.
    **options
        Keyword arguments for ``name``.

    Examples
    --------
    kg registers its SPARQL endpoint backend so::

        register_store("https", "kg.remote", "RemoteBackend", scheme="https")
    """
    _BACKENDS[scheme] = _Plugin(module, name, tuple(options.items()))


def _resolve(url: str | os.PathLike | None) -> tuple[StoreBackend, str]:
    url = str(url) if url is not None else default_store_url()
    scheme, sep, rest = url.partition(":")
    if sep and scheme in _BACKENDS:
        return _BACKENDS[scheme].backend(), rest
    if sep and len(scheme) > 1 and "/" not in scheme and not rest.startswith("\\"):
        raise KGError("E202", url=url)
    return _BACKENDS["oxigraph"].backend(), url


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


def write_store(
    url: str | os.PathLike | None,
    quads: Iterable[tuple],
    meta: dict[str, Any] | None = None,
    *,
    dump_to: str | os.PathLike | None = None,
    dump_format: str = "trig",
) -> int:
    """Replace a store's content by ``quads`` (rdflib terms), all or nothing.

    Parameters
    ----------
    url : str, optional
        A store URL (see the module docs); default ``$KG_STORE`` or ``.kg``.
    quads : iterable of quads
        The new content.
    meta : dict, optional
        Recorded with an embedded store (``kg-store.json``).
    dump_to : path, optional
        Also write the new content to this file (``kg build`` writes ``out/kg.trig``). For the
        embedded store it is written beside its place while the new store is still aside, and
        moved in right after the store: an error leaves both as they were (E207).
    dump_format : str
        The RDF format of ``dump_to``.

    Returns
    -------
    int
        The number of quads now in the store.

    Raises
    ------
    KGError
        E205 when another build is writing the store.
    """
    backend, location = _resolve(url)
    with backend.lock(location):
        if dump_to is None:
            return backend.replace(location, quads, dict(meta or {}))
        return backend.replace_and_dump(location, quads, dict(meta or {}), Path(dump_to), dump_format)


def lock_store(url: str | os.PathLike | None = None) -> contextlib.AbstractContextManager[None]:
    """Hold the store at ``url`` for one writer while the ``with`` block runs.

    :func:`write_store` and :func:`replace_graph` take it themselves (a writer that holds it may
    call them); :func:`kg.build` holds it for the whole build. On taking it, what killed builds
    left beside the store is removed. Readers are not held up.

    Parameters
    ----------
    url : str, optional
        A store URL; default ``$KG_STORE`` or ``.kg``. Only embedded stores are locked (a lock
        file beside the folder); other stores hold nothing.

    Raises
    ------
    KGError
        E205, at once, when another process holds it: "another build is running (pid N)".

    Examples
    --------
    >>> import tempfile
    >>> store = Path(tempfile.mkdtemp()) / "store"
    >>> with lock_store(store):
    ...     pass  # build, or change the store in place
    >>> sorted(store.parent.iterdir())  # the lock file goes with the lock
    []
    """
    backend, location = _resolve(url)
    return backend.lock(location)


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
    with backend.lock(location):
        return backend.replace_graph(location, str(graph), triples)


def read_store_meta(url: str | os.PathLike | None = None) -> dict[str, Any]:
    """What the build recorded with a store (``kg-store.json`` of an embedded store).

    Empty for stores that keep nothing (a SPARQL server that is only ever rebuilt whole); an
    Oxigraph server keeps it in a graph of its own (:data:`kg.remote.RECORD`).

    Raises
    ------
    KGError
        E201 when there is no store at ``url``; E200 when the folder is not a store.
    """
    backend, location = _resolve(url)
    return backend.meta(location)


def store_editable(url: str | os.PathLike | None = None) -> bool:
    """Whether the store at ``url`` can be changed in place (:func:`edit_store`): embedded and memory
    stores, and an Oxigraph server (see :mod:`kg.remote`)."""
    backend, location = _resolve(url)
    return backend.can_edit(location)


def cache_path(url: str | os.PathLike | None = None, *, fresh: bool = False) -> Path | None:
    """Where the compiled articles of the store at ``url`` are cached (``cache.sqlite`` in an embedded
    store's folder); ``None`` for stores whose cache lives in memory.

    ``fresh=True``: where a full build writes a new cache while the new store is aside
    (``.NAME.cache-PID.sqlite`` beside the folder; what a killed build left there goes with the
    next writer's lock).
    """
    backend, location = _resolve(url)
    return backend.cache(location, fresh)


def local_cache_path(key: str, *, fresh: bool = False) -> Path:
    """Where kg caches compiled articles for a store that is not a folder here (a SPARQL server).

    ``$KG_CACHE_DIR/SHA/cache.sqlite``, where ``SHA`` is the SHA-256 of ``key`` (the store's URL);
    ``$KG_CACHE_DIR`` defaults to ``$XDG_CACHE_HOME/kg``, and that to ``~/.cache/kg``.

    Parameters
    ----------
    key : str
        What names the store (a server's query and update endpoints).
    fresh : bool
        Where a full build writes a new cache (``cache-PID.sqlite`` beside it), to move in once the
        store holds the new build; what killed builds left there is removed now.

    Examples
    --------
    >>> path = local_cache_path("http://127.0.0.1:7878/query http://127.0.0.1:7878/update")
    >>> path.name, len(path.parent.name)
    ('cache.sqlite', 64)
    """
    base = os.environ.get("KG_CACHE_DIR")
    if not base:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
    folder = Path(base) / hashlib.sha256(key.encode("utf-8")).hexdigest()
    if not fresh:
        return folder / "cache.sqlite"
    _remove_dead(folder, re.compile(r"cache-(?P<pid>\d+)\.sqlite(?:-journal)?"))
    return folder / f"cache-{os.getpid()}.sqlite"


class StoreEdit:
    """A store open for one in-place change, inside its writer's lock (:func:`edit_store`).

    Read what a change replaces with :meth:`graph`, then make the whole change with one
    :meth:`apply`, which the store makes in one transaction: a failure, an interrupt or a killed
    process leaves the store as it was. :meth:`set_meta` records what it now holds.

    A backend whose store is not a pyoxigraph store (a SPARQL server) subclasses it and gives its
    own :meth:`graph`, :meth:`graphs`, :meth:`update`, :meth:`reader` and :meth:`set_meta`.
    """

    def __init__(self, store: ox.Store, url: str, write_meta: Any) -> None:
        self.ox = store
        self.url = url
        self._write_meta = write_meta

    def graph(self, name: str) -> set[ox.Quad]:
        """Every quad of the named graph ``name``."""
        return set(self.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(name))))

    def graphs(self) -> list[str]:
        """The IRIs of the store's named graphs."""
        return [g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode)]

    def graph_count(self) -> int | None:
        """How many named graphs the store holds, if it can tell cheaply (listing them takes a second at
        100,000 graphs, counting them a few milliseconds), else ``None``."""
        return int(next(iter(self.ox.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g {} }")))["n"].value)

    def has_graph(self, name: str) -> bool:
        """Whether the store holds the named graph ``name``."""
        return self.ox.contains_named_graph(ox.NamedNode(str(name)))

    def apply(
        self,
        drop: Iterable[str] = (),
        delete: Iterable[ox.Quad] = (),
        insert: Iterable[ox.Quad] = (),
        *,
        dump_to: str | os.PathLike | None = None,
        dump_format: str = "trig",
    ) -> None:
        """Drop the named graphs ``drop``, then delete and insert quads: all in one SPARQL update.

        Oxigraph runs an update request as one transaction. ``delete`` may hold no blank node
        (drop its graph whole instead). With ``dump_to``, the changed store is also written to
        that file (``kg build`` writes ``kg.trig``); if that fails, the change is undone and the
        file left as it was (E207).
        """
        drop, delete, insert = list(drop), list(delete), list(insert)
        touched = {*drop, *(q.graph_name.value for q in (*delete, *insert) if isinstance(q.graph_name, ox.NamedNode))}
        saved = [q for g in sorted(touched) for q in self.graph(g)] if dump_to is not None else []
        self.update(drop, delete, insert)
        if dump_to is None:
            return
        target = Path(dump_to)
        try:
            staged = _stage_dump(self.reader(), target, dump_format, code="E207", store=self.url)
        except BaseException:
            self.update(sorted(touched), (), saved)  # as it was
            raise
        _commit_dump(staged, target, store=self.url)

    def reader(self) -> Store:
        """The store as readers see it (what :meth:`apply` dumps)."""
        return OxigraphStore(self.ox, self.url)

    def update(self, drop: list[str], delete: Iterable[ox.Quad], insert: Iterable[ox.Quad]) -> None:
        """Drop the named graphs ``drop``, then delete and insert quads, in one transaction."""
        parts = [f"DROP SILENT GRAPH {ox.NamedNode(str(g))}" for g in drop]
        for verb, quads in (("DELETE DATA", delete), ("INSERT DATA", insert)):
            by_graph: dict[Any, list[str]] = {}
            for quad in quads:
                by_graph.setdefault(quad.graph_name, []).append(f"{quad.subject} {quad.predicate} {quad.object} .")
            if by_graph:
                body = "\n".join(
                    "\n".join(lines) if isinstance(g, ox.DefaultGraph) else f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}"
                    for g, lines in by_graph.items()
                )
                parts.append(f"{verb} {{\n{body}\n}}")
        if not parts:
            return
        try:
            self.ox.update(" ;\n".join(parts))
        except OSError as exc:
            raise KGError("E204", path=self.url, detail=" ".join(str(exc).split())[:200]) from None

    def set_meta(self, meta: dict[str, Any]) -> None:
        """Record ``meta`` with the store (written whole)."""
        self._write_meta(meta)


def edit_store(url: str | os.PathLike | None = None) -> contextlib.AbstractContextManager[StoreEdit]:
    """Open a built store for an in-place change, holding its writer's lock.

    Parameters
    ----------
    url : str, optional
        A store URL; default ``$KG_STORE`` or ``.kg``.

    Raises
    ------
    KGError
        E209 for a store that cannot be changed in place (a SPARQL server but Oxigraph's); E205 when
        another writer holds it; E201/E200 when there is no store.
    """
    backend, location = _resolve(url)
    return backend.edit(location)


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
    """Builds pyoxigraph terms directly (see :class:`kg.terms.Terms`), caching IRIs (most repeat)."""

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


_ESCAPES = {
    **{c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE)},
    0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\",
}  # fmt: skip
"""How ``str`` of a pyoxigraph literal escapes its characters."""


def meta_text(meta: dict[str, Any]) -> str:
    """A store's meta as ``kg-store.json`` holds it: one key a line, and one line per item of a mapping
    (the manifest: one article a line).

    As readable as ``json.dumps(meta, indent=2)`` and written by the C encoder, item by item: the manifest
    of 100,000 articles is rewritten at each change.

    >>> m = {"articles": 2, "manifest": {"a": ["a.yaml", "a.txt", "d1"], 'b"], "': ["b.yaml", "x], \\"y"]}, "e": {}}
    >>> print(meta_text(m))
    {
      "articles": 2,
      "manifest": {
        "a": ["a.yaml", "a.txt", "d1"],
        "b\\"], \\"": ["b.yaml", "x], \\"y"]
      },
      "e": {}
    }
    <BLANKLINE>
    >>> json.loads(meta_text(m)) == m
    True
    """
    lines = []
    for key, value in meta.items():
        if isinstance(value, dict) and value and all(type(v) is list for v in value.values()):
            # one call of the encoder; '], "' only ever ends an item (a quote in a string is escaped)
            items = json.dumps(value)[1:-1].replace('], "', '],\n    "')
            lines.append(f"  {json.dumps(key)}: {{\n    {items}\n  }}")
        elif isinstance(value, dict) and value:
            items = ",\n".join(f"    {json.dumps(k)}: {json.dumps(v)}" for k, v in value.items())
            lines.append(f"  {json.dumps(key)}: {{\n{items}\n  }}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


class LineTerms(Terms):
    """Builds quads as N-Quads lines without the final dot, as ``str`` of a pyoxigraph quad writes them.

    Cheaper than pyoxigraph terms where quads are only compared (the derived graphs of an in-place
    change are diffed as lines); :func:`parse_lines` makes quads of the lines that differ. The
    IRIs are not checked here: a line with a bad IRI fails when it is parsed.

    >>> t = LineTerms()
    >>> t.quad(t.iri("http://x/a"), t.iri("http://x/p"), t.literal('say "hi"'), t.iri("http://x/g"))
    '<http://x/a> <http://x/p> "say \\\\"hi\\\\"" <http://x/g>'
    >>> integer = "http://www.w3.org/2001/XMLSchema#integer"
    >>> str(ox.Literal("1\\n2", datatype=ox.NamedNode(integer))) == LineTerms().literal("1\\n2", integer)
    True
    """

    def __init__(self) -> None:
        self.iris: dict[str, str] = {}
        self.typed: dict[tuple[str, str], str] = {}  # numbers, dates, booleans: few distinct, many times
        self.graphs: set[str] = set()
        """The graphs of the quads it made, as terms (``<IRI>``)."""

    def iri(self, value: str) -> str:
        node = self.iris.get(value)
        if node is None:
            node = self.iris[value] = f"<{value}>"
        return node

    def literal(self, lexical: str, datatype: str | None = None) -> str:
        if datatype is None or datatype == XSD_STRING:
            return f'"{lexical.translate(_ESCAPES)}"'
        node = self.typed.get((lexical, datatype))
        if node is None:
            node = self.typed[lexical, datatype] = f'"{lexical.translate(_ESCAPES)}"^^{self.iri(datatype)}'
        return node

    def quad(self, s: Any, p: Any, o: Any, g: Any) -> str:
        self.graphs.add(g)
        return f"{s} {p} {o} {g}"

    def convert(self, term: Any) -> Any:
        """An rdflib term as a term of N-Quads."""
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            if term.language:
                return f'"{str(term).translate(_ESCAPES)}"@{term.language}'
            return self.literal(str(term), None if term.datatype is None else str(term.datatype))
        raise TypeError(f"unsupported term {term!r}")


def parse_lines(lines: Iterable[str]) -> list[ox.Quad]:
    """pyoxigraph quads from N-Quads lines without their final dot (``str`` of a quad, :class:`LineTerms`)."""
    text = "".join(f"{line} .\n" for line in lines)
    if not text:
        return []
    return list(ox.parse(input=text.encode(), format=ox.RdfFormat.N_QUADS))


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
    """A pyoxigraph store (on disk or in memory).

    ``identity`` tells the folder of an embedded store from the one a later build swaps in: a
    read that fails once the store was replaced under it says so (E206), not what the engine saw
    (files gone or changed under it).
    """

    def __init__(self, store: ox.Store, url: str, identity: tuple[int, int] | None = None) -> None:
        self.ox = store
        self.url = url
        self.identity = identity

    def _failed(self, exc: Exception) -> KGError:
        if self.identity is not None and _identity(Path(self.url)) != self.identity:
            return KGError("E206", path=self.url)
        return KGError("E305", detail=" ".join(str(exc).split()))

    def query(self, sparql: str) -> Results:
        try:
            # results are lazy: a failure (a SERVICE call, a read error) can come while reading them
            return results_of(self.ox.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True))
        except SyntaxError as exc:
            raise KGError("E300", where="", detail=" ".join(str(exc).split())) from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise self._failed(exc) from None

    def select(self, sparql: str) -> list[tuple[str | None, ...]]:
        # skip the rdflib terms, which cost more than the query on a large graph
        try:
            solutions = self.ox.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
            if not isinstance(solutions, ox.QuerySolutions):
                raise KGError("E305", detail="not a SELECT query")
            return [tuple(None if term is None else term.value for term in solution) for solution in solutions]
        except SyntaxError as exc:
            raise KGError("E300", where="", detail=" ".join(str(exc).split())) from None
        except (OSError, ValueError, RuntimeError) as exc:
            raise self._failed(exc) from None

    def dump(self, output: str | Path, format: str) -> None:
        fmt = rdf_format(format)
        prefixes = {k: v for k, v in PREFIXES.items() if k not in ("graph",)}
        try:
            if format in DATASET_FORMATS:
                self.ox.dump(output, fmt, prefixes=prefixes if format == "trig" else None)
            else:
                triples = self.ox.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
                kwargs = {"prefixes": prefixes} if format == "turtle" else {}
                ox.serialize(triples, output, fmt, **kwargs)
        except (OSError, RuntimeError) as exc:
            failed = self._failed(exc)
            if failed.code == "E206":
                raise failed from None
            raise  # writing the output failed: the caller names it

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self.ox)


class OxigraphBackend(StoreBackend):
    """The embedded on-disk store: a folder with ``kg-store.json`` and Oxigraph's files.

    Beside the folder ``PATH``: ``.PATH.lock`` while a writer holds it, ``.PATH.building-PID``
    (and ``.PATH.cache-PID.sqlite``) while a build makes the new store, ``.PATH.old-PID`` for an
    instant while it swaps them.
    """

    editable = True

    def terms(self) -> Terms:
        return OxigraphTerms()

    def lock(self, location: str) -> contextlib.AbstractContextManager[None]:
        return _writer_lock(Path(location))

    def open(self, location: str) -> Store:
        failed: Exception | None = None
        for _ in range(5):  # a build may swap the folder while it opens: open the new one
            path = _existing(location)
            before = _identity(path)
            try:
                store = ox.Store.read_only(str(path / "oxigraph"))
            except (OSError, RuntimeError) as exc:  # RuntimeError: another process is writing it
                # an in-place change (kg add, kg build of a few articles) rotates the engine's log files:
                # a file gone between listing and opening is that moment, not a broken store
                if _identity(path) == before and "No such file" not in str(exc):
                    raise KGError("E203", path=path, detail=" ".join(str(exc).split())[:200]) from None
                failed = exc
                time.sleep(0.05)
                continue
            return OxigraphStore(store, str(path), before)
        if failed is not None and _identity(_existing(location)) == before:
            raise KGError("E203", path=path, detail=" ".join(str(failed).split())[:200]) from None
        raise KGError("E206", path=Path(location))

    def replace(self, location: str, quads: Iterable[tuple], meta: dict[str, Any]) -> int:
        return self._replace(Path(location), quads, meta, None, "trig")

    def replace_and_dump(
        self, location: str, quads: Iterable[tuple], meta: dict[str, Any], dump_to: Path, dump_format: str
    ) -> int:
        return self._replace(Path(location), quads, meta, dump_to, dump_format)

    def _replace(
        self, path: Path, quads: Iterable[tuple], meta: dict[str, Any], dump_to: Path | None, dump_format: str
    ) -> int:
        with _writer_lock(path):
            if path.is_file() or (path.is_dir() and any(path.iterdir()) and not (path / MARKER).is_file()):
                raise KGError("E200", path=path, marker=MARKER)
            tmp = path.parent / f".{path.name}.building-{os.getpid()}"
            shutil.rmtree(tmp, ignore_errors=True)
            staged = None
            try:
                tmp.mkdir(parents=True)
                store = ox.Store(str(tmp / "oxigraph"))
                store.bulk_extend(OxigraphTerms().quads(quads))
                store.flush()
                count = len(store)
                if dump_to is not None:  # written while the new store is aside: both move in, or neither
                    staged = _stage_dump(OxigraphStore(store, str(path)), dump_to, dump_format, code="E207", store=path)
                del store
                gc.collect()
                meta = {"format": "kg-store", "version": 1, "quads": count, "built": _now(), **meta}
                (tmp / MARKER).write_text(meta_text(meta), encoding="utf-8")
                old = _swap(tmp, path)
            except OSError as exc:
                _discard(tmp, staged)
                raise KGError("E204", path=path, detail=exc.strerror or str(exc)) from None
            except BaseException:
                _discard(tmp, staged)
                raise
            try:
                if staged is not None and dump_to is not None:
                    _commit_dump(staged, dump_to, store=path)  # the next rename after the store's
            finally:
                shutil.rmtree(old, ignore_errors=True)
        return count

    def cache(self, location: str, fresh: bool = False) -> Path | None:
        path = Path(location)
        return path.parent / f".{path.name}.cache-{os.getpid()}.sqlite" if fresh else path / "cache.sqlite"

    def meta(self, location: str) -> dict[str, Any]:
        path = _existing(location)
        try:
            return json.loads((path / MARKER).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise KGError("E200", path=path, marker=f"readable {MARKER}: {exc}") from None

    @contextlib.contextmanager
    def edit(self, location: str) -> Iterator[StoreEdit]:
        path = Path(location)
        with _writer_lock(path):
            path = _existing(location)
            try:
                store = ox.Store(str(path / "oxigraph"))
            except OSError as exc:
                raise KGError("E203", path=path, detail=" ".join(str(exc).split())[:200]) from None

            def write_meta(meta: dict[str, Any]) -> None:
                from .io import atomic_write

                atomic_write(path / MARKER, meta_text(meta))

            try:
                yield StoreEdit(store, str(path), write_meta)
                store.flush()
            finally:
                del store
                gc.collect()

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


def _swap(new: Path, path: Path) -> Path:
    """Put ``new`` in place of ``path``; the old store is moved aside, to a folder the caller deletes."""
    old = path.parent / f".{path.name}.old-{os.getpid()}"
    if path.exists():
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
        else:
            os.replace(path, old)
    os.replace(new, path)
    return old


def _discard(tmp: Path, staged: Path | None) -> None:
    shutil.rmtree(tmp, ignore_errors=True)
    if staged is not None:
        with contextlib.suppress(OSError):
            staged.unlink()


def _identity(path: Path) -> tuple[int, int] | None:
    """What tells a store folder from the one a build puts in its place; None when there is none."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _existing(location: str) -> Path:
    """The folder of a built store, or a one-line error saying why it is not one."""
    path = Path(location)
    if not path.exists() and _old_stores(path):
        _settle(path)
    if not path.exists():
        raise KGError("E201", path=path)
    if not (path / MARKER).is_file():
        raise KGError("E200", path=path, marker=MARKER)
    return path


def _old_stores(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{glob.escape(path.name)}.old-*"))


def _settle(path: Path, wait: float = 2.0) -> None:
    """The store is missing beside an old one: a build is between the two renames of its swap, or
    one was killed there. Wait for the first; put the old store back after the second."""
    deadline = time.monotonic() + wait
    while not path.exists():
        try:
            with _writer_lock(path):  # no writer: taking the lock recovers the old store
                return
        except KGError as exc:
            if exc.code != "E205":  # cannot take it (a read-only folder): leave the store as it is
                return
            if time.monotonic() > deadline:
                raise KGError("E206", path=path) from None
            time.sleep(0.01)


def _recover(path: Path) -> None:
    """If a swap was cut between its two renames, put the old store back (a writer's job)."""
    if path.exists():
        return
    for old in _old_stores(path):
        if (old / MARKER).is_file():
            os.replace(old, path)
            return


# --- one writer at a time, and what killed writers leave behind --------------------------------

_HELD: dict[str, list[int]] = {}
"""The lock files this process holds: path -> [descriptor, depth] (a holder may take it again)."""


@contextlib.contextmanager
def _writer_lock(path: Path) -> Iterator[None]:
    """Hold ``.PATH.lock`` beside the store folder ``PATH`` (``flock``), then tidy up after killed writers.

    The file is removed as the lock is let go, so it never outlives a writer (a killed one leaves
    it, unlocked: the next writer takes it).
    """
    if fcntl is None:
        yield
        return
    lock = path.parent / f".{path.name}.lock"
    key = os.path.abspath(lock)
    held = _HELD.get(key)
    if held is not None:
        held[1] += 1
        try:
            yield
        finally:
            held[1] -= 1
        return
    descriptor = _acquire(lock, path)
    _HELD[key] = [descriptor, 1]
    try:
        _recover(path)
        _remove_dead(
            path.parent,
            re.compile(rf"\.{re.escape(path.name)}\.(?:building-|old-|cache-)(?P<pid>\d+)(?:\.sqlite(?:-journal)?)?"),
        )
        yield
    finally:
        del _HELD[key]
        with contextlib.suppress(OSError):
            os.unlink(lock)  # before letting go: whoever opens it next locks a file still at its path
        os.close(descriptor)


def _acquire(lock: Path, path: Path) -> int:
    """Lock ``lock`` for this process and write its pid there; E205 at once when another holds it."""
    while True:
        try:
            lock.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise KGError("E204", path=path, detail=f"cannot create {lock}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(descriptor)
            os.close(descriptor)
            raise KGError("E205", pid=holder, path=path) from None
        except OSError:  # a file system without locks: write unlocked, as kg did before it locked
            return descriptor
        if _identity(lock) == _identity_of(descriptor):
            break
        os.close(descriptor)  # the holder removed this file as it let go: lock the one now there
    os.ftruncate(descriptor, 0)
    os.write(descriptor, f"{os.getpid()}\n".encode())
    return descriptor


def _identity_of(descriptor: int) -> tuple[int, int]:
    stat = os.fstat(descriptor)
    return stat.st_dev, stat.st_ino


def _holder(descriptor: int) -> str:
    """The pid the holder of a lock wrote in its file (it writes it just after taking the lock)."""
    for _ in range(50):
        text = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
        if text.isdigit():
            return text
        time.sleep(0.01)
    return "unknown"


def _alive(pid: int) -> bool:
    if os.name == "nt":  # pragma: no cover - os.kill ends the process there; assume it runs
        return True
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def _remove_dead(folder: Path, name: re.Pattern[str]) -> None:
    """Remove what killed processes left in ``folder``: the entries ``name`` matches whose ``pid`` is no live process."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        match = name.fullmatch(entry.name)
        if match is None or _alive(int(match["pid"])):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()


def _stage_dump(source: Store, target: Path, fmt: str, *, code: str, store: object) -> Path:
    """Write ``source`` to a temporary file beside ``target`` (``.NAME.PID.tmp``); :func:`_commit_dump` moves it in.

    A failure removes it and raises ``code`` (E207: nothing changed; E208: the store did) naming ``target``.
    """
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_dead(target.parent, re.compile(rf"\.{re.escape(target.name)}\.(?P<pid>\d+)\.tmp"))
        source.dump(partial, fmt)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise KGError(code, path=target, store=store, detail=exc.strerror or " ".join(str(exc).split())) from None
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return partial


def _commit_dump(partial: Path, target: Path, *, store: object) -> None:
    try:
        os.replace(partial, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise KGError("E208", path=target, store=store, detail=exc.strerror or str(exc)) from None


def dump_store(url: str | os.PathLike | None, target: str | os.PathLike, format: str = "trig") -> None:
    """Write a built store to the file ``target``, reading it only (no writer's lock is taken).

    The file is written beside ``target`` first and then moved in (what killed writers left there is
    removed), so ``target`` holds its old content or the whole new one.

    Parameters
    ----------
    url : str, optional
        A store URL; default ``$KG_STORE`` or ``.kg``.
    target : path
        The file to write.
    format : str
        An RDF format (``trig``, ``nquads`` ...).

    Raises
    ------
    KGError
        E207 when ``target`` cannot be written (it is left as it was).
    """
    target = Path(target)
    with open_store(url) as store:
        staged = _stage_dump(store, target, format, code="E207", store=url)
    try:
        os.replace(staged, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise KGError("E207", path=target, store=url, detail=exc.strerror or str(exc)) from None


# --- in memory ----------------------------------------------------------------------------------

_MEMORY: dict[str, ox.Store] = {}
_MEMORY_META: dict[str, dict[str, Any]] = {}


class MemoryBackend(StoreBackend):
    """``memory:NAME``: an in-memory Oxigraph store shared within one Python process."""

    editable = True

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
        _MEMORY_META[location] = {"format": "kg-store", "version": 1, "quads": len(store), "built": _now(), **meta}
        return len(store)

    def meta(self, location: str) -> dict[str, Any]:
        if location not in _MEMORY:
            raise KGError("E201", path=f"memory:{location}")
        return json.loads(json.dumps(_MEMORY_META.get(location, {})))

    @contextlib.contextmanager
    def edit(self, location: str) -> Iterator[StoreEdit]:
        if location not in _MEMORY:
            raise KGError("E201", path=f"memory:{location}")

        def write_meta(meta: dict[str, Any]) -> None:
            _MEMORY_META[location] = json.loads(json.dumps(meta))

        yield StoreEdit(_MEMORY[location], f"memory:{location}", write_meta)

    def replace_graph(self, location: str, graph: str, triples: Iterable[tuple]) -> int:
        if location not in _MEMORY:
            raise KGError("E201", path=f"memory:{location}")
        return _replace_graph(_MEMORY[location], graph, triples)


register_store("oxigraph", __name__, "OxigraphBackend")
register_store("file", __name__, "OxigraphBackend")
register_store("memory", __name__, "MemoryBackend")
register_store("http", "kg.remote", "RemoteBackend", scheme="http")
register_store("https", "kg.remote", "RemoteBackend", scheme="https")
register_store("fuseki+http", "kg.remote", "RemoteBackend", scheme="fuseki+http")
register_store("fuseki+https", "kg.remote", "RemoteBackend", scheme="fuseki+https")
register_store("virtuoso+http", "kg.remote", "RemoteBackend", scheme="virtuoso+http")
register_store("virtuoso+https", "kg.remote", "RemoteBackend", scheme="virtuoso+https")
