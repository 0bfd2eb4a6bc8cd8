"""SPARQL over a store: ad-hoc queries, the library of named queries, result formats.

A named query returns one page of rows, ``PAGE_SIZE`` by default: ``limit`` and ``offset`` choose
another, ``limit=None`` gives every row. The listing queries (one row per claim) page through the ranks
the build materialised in ``graph:listing-NAME`` (``kg.listings``), so that a page costs milliseconds
even when the listing has tens of thousands of rows.

Examples
--------
>>> "conflicting-claims" in named_queries()
True
>>> print(named_queries()["claims-per-outlet"].description)
Per outlet: articles, claims and how many of them are conflicting, corroborated or single-source.
>>> named_queries()["actor-actions"].page(20, 40).splitlines()[3].endswith("ORDER BY ?rank LIMIT 20 OFFSET 40 }")
True
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .errors import KGError
from .namespace import PREFIXES
from .store import Results, Store, open_store

__all__ = [
    "FORMATS",
    "PAGE_SIZE",
    "NamedQuery",
    "format_results",
    "named_queries",
    "query",
    "read_query",
    "write_results",
]

FORMATS = ("table", "csv", "tsv", "json")
QUERY_DIR = Path(__file__).parent / "queries"
PAGE_SIZE = 100
"""Rows in a page of a named query unless ``limit`` says otherwise."""
_LISTING_PAGE = f"ORDER BY ?rank LIMIT {PAGE_SIZE} }}"
_ALL = object()


@dataclass(frozen=True)
class NamedQuery:
    """A shipped query; ``sparql`` is its first page, ``page()`` any other."""

    name: str
    description: str
    sparql: str

    @property
    def listing(self) -> bool:
        """Whether it pages through a listing index (``kg.listings``) rather than a short table."""
        return _LISTING_PAGE in self.sparql

    def page(self, limit: int | None = PAGE_SIZE, offset: int = 0) -> str:
        """The query text for ``limit`` rows (``None``: all) after the first ``offset``."""
        for what, value in (("limit", limit), ("offset", offset)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise KGError("E307", what=what, value=value)
        clause = ("" if limit is None else f" LIMIT {limit}") + (f" OFFSET {offset}" if offset else "")
        if self.listing:
            return self.sparql.replace(_LISTING_PAGE, f"ORDER BY ?rank{clause} }}", 1)
        return self.sparql.rstrip() + (f"\n{clause.strip()}\n" if clause else "\n")


@cache
def named_queries() -> dict[str, NamedQuery]:
    """The queries shipped in ``kg/queries/``, by name; the first comment line describes each."""
    queries = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        description = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("#")), "")
        queries[path.stem] = NamedQuery(path.stem, description, text)
    return queries


def _named(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise KGError("E301", name=name, available=", ".join(queries))
    return queries[name]


def read_query(
    text: str | None = None,
    *,
    file: str | os.PathLike | None = None,
    name: str | None = None,
    limit: int | object | None = _ALL,
    offset: int = 0,
) -> str:
    """The SPARQL text given inline, in a file, or by the name of a shipped query (exactly one).

    ``limit`` and ``offset`` choose the page of a named query (default: its first ``PAGE_SIZE`` rows).
    """
    if sum(x is not None for x in (text, file, name)) != 1:
        raise KGError("E304")
    if name is not None:
        named = _named(name)
        return named.page(PAGE_SIZE if limit is _ALL else limit, offset)  # type: ignore[arg-type]
    if limit is not _ALL or offset:
        raise KGError("E306")
    if file is not None:
        try:
            return Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KGError("E302", path=file, detail=getattr(exc, "strerror", None) or str(exc)) from None
    assert text is not None
    return text


def query(
    sparql: str | None = None,
    *,
    file: str | os.PathLike | None = None,
    name: str | None = None,
    store: str | os.PathLike | Store | None = None,
    limit: int | object | None = _ALL,
    offset: int = 0,
) -> Results:
    """Run a SPARQL query on a store; the default graph is the union of all graphs.

    The prefixes of ``kg.namespace.PREFIXES`` (``kg:``, ``prov:``, ``schema:``, ``oa:`` ...) need no
    declaration.

    Parameters
    ----------
    sparql : str, optional
        The query text; or give ``file`` or ``name`` (a named query).
    store : str or Store, optional
        A store URL or an open store; default ``$KG_STORE`` or ``.kg``.
    limit, offset : int, optional
        For a named query: how many rows (default ``PAGE_SIZE``; ``None`` for all) after how many.

    Returns
    -------
    Results
    """
    text = read_query(sparql, file=file, name=name, limit=limit, offset=offset)
    if isinstance(store, Store):
        return store.query(text)
    with open_store(store) as opened:
        return opened.query(text)


# --- output -------------------------------------------------------------------------------------

_COMPACT = sorted(((iri, prefix) for prefix, iri in PREFIXES.items()), key=lambda x: -len(x[0]))


def _compact(iri: str) -> str:
    for base, prefix in _COMPACT:
        if iri.startswith(base):
            local = iri[len(base) :]
            if prefix in ("id", "graph") or not any(c in local for c in "/#"):
                return f"{prefix}:{local}"
    return f"<{iri}>"


def _plain(term: Node | None) -> str:
    """A term as CSV cells show it (SPARQL 1.1 CSV results: IRIs and literals bare)."""
    if term is None:
        return ""
    return str(term)


def _display(term: Node | None, width: int = 60) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = _compact(str(term))
    elif isinstance(term, BNode):
        text = f"_:{term}"
    else:
        text = str(term)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _json_term(term: Node) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out: dict = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def _table(results: Results, width: int) -> str:
    header = results.variables
    rows = [[_display(cell, width) for cell in row] for row in results.rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def format_results(results: Results, format: str = "table", *, width: int = 48) -> str:
    """Results as text: an aligned ``table``, ``csv``, ``tsv`` or SPARQL 1.1 ``json``.

    CONSTRUCT and DESCRIBE results are Turtle whatever the format; ASK results are ``true`` or ``false``.
    """
    if format not in FORMATS:
        raise KGError("E303", name=format, choices=", ".join(FORMATS))
    if results.kind == "ask":
        if format == "json":
            return json.dumps({"head": {}, "boolean": results.boolean}) + "\n"
        return ("true" if results.boolean else "false") + "\n"
    if results.kind == "graph":
        from rdflib import Graph

        g = Graph()
        for prefix, iri in PREFIXES.items():
            g.bind(prefix, iri)
        for triple in results.triples:
            g.add(triple)
        return g.serialize(format="turtle")
    if format == "table":
        return _table(results, width)
    if format == "json":
        bindings = [
            {v: _json_term(t) for v, t in zip(results.variables, row, strict=True) if t is not None}
            for row in results.rows
        ]
        return (
            json.dumps({"head": {"vars": results.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)
            + "\n"
        )
    buffer = io.StringIO()
    if format == "csv":
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(results.variables)
        writer.writerows([_plain(t) for t in row] for row in results.rows)
    else:  # tsv: SPARQL 1.1 TSV results, terms in Turtle syntax
        buffer.write("\t".join(f"?{v}" for v in results.variables) + "\n")
        for row in results.rows:
            buffer.write("\t".join("" if t is None else t.n3() for t in row) + "\n")
    return buffer.getvalue()


def write_results(results: Results, format: str = "table", output: str | os.PathLike | None = None) -> str:
    """Format results and write them to ``output`` (all or nothing), or return the text."""
    text = format_results(results, format)
    if output is not None:
        path = Path(output)
        partial = path.with_name(f".{path.name}.tmp")
        partial.write_text(text, encoding="utf-8", newline="")
        os.replace(partial, path)
    return text
