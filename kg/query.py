"""SPARQL over a store: ad-hoc queries, the library of named queries, result formats.

A named query returns one page of rows, ``PAGE_SIZE`` by default: ``limit`` and ``offset`` choose
another, ``limit=None`` gives every row. The listing queries (one row per claim) page through the ranks
the build materialised in ``graph:listing-NAME`` (``kg.compile.listings``), so that a page costs milliseconds
even when the listing has tens of thousands of rows.

Examples
--------
>>> "conflicting-claims" in named_queries()
True
>>> print(named_queries()["claims-per-outlet"].description)
Per outlet: articles, claims and how many of them are conflicting, corroborated or single-source.
>>> named_queries()["actor-actions"].page(20, 40).splitlines()[3].endswith("ORDER BY ?rank ?claim LIMIT 20 OFFSET 40 }")
True
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .errors import KGError
from .io import atomic_write, format_table, spreadsheet_cell
from .namespace import PREFIXES, short_iri
from .store import Results, Store, open_store

__all__ = [
    "FORMATS",
    "PAGE_SIZE",
    "NamedQuery",
    "check_service",
    "declare_prefixes",
    "format_results",
    "named_queries",
    "query",
    "query_form",
    "read_query",
    "shift_columns",
    "write_results",
]

FORMATS = ("table", "csv", "tsv", "json", "jsonl", "sparql-json", "sparql-tsv")
"""What ``--format`` takes: see :func:`format_results`."""
QUERY_DIR = Path(__file__).parent / "queries"
PAGE_SIZE = 100
"""Rows in a page of a named query unless ``limit`` says otherwise."""
_LISTING_PAGE = re.compile(rf"ORDER BY \?rank (\?\w+) LIMIT {PAGE_SIZE} \}}")
"""A listing's page: by each row's key (``kg.compile.listings``), then by the row's IRI."""
_ALL = object()


@dataclass(frozen=True)
class NamedQuery:
    """A shipped query; ``sparql`` is its first page, ``page()`` any other."""

    name: str
    description: str
    sparql: str

    @property
    def listing(self) -> bool:
        """Whether it pages through a listing index (``kg.compile.listings``) rather than a short table."""
        return _LISTING_PAGE.search(self.sparql) is not None

    def page(self, limit: int | None = PAGE_SIZE, offset: int = 0) -> str:
        """The query text for ``limit`` rows (``None``: all) after the first ``offset``."""
        for what, value in (("limit", limit), ("offset", offset)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise KGError("E307", what=what, value=value)
        clause = ("" if limit is None else f" LIMIT {limit}") + (f" OFFSET {offset}" if offset else "")
        if self.listing:
            return _LISTING_PAGE.sub(lambda m: f"ORDER BY ?rank {m.group(1)}{clause} }}", self.sparql, count=1)
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
    check_service(text)
    try:
        if isinstance(store, Store):
            return store.query(text)
        with open_store(store) as opened:
            return opened.query(text)
    except KGError as exc:
        raise _unknown_prefix(exc, text) or exc from None


_NOT_FOUND = re.compile(r"\bat (\d+):(\d+): expected one of Prefix not found")
_PNAME_END = re.compile(r"([A-Za-z][\w.-]*)?:[\w.%\\:-]*$")


def _unknown_prefix(error: KGError, sparql: str) -> KGError | None:
    """E310 naming the prefix for Oxigraph's "Prefix not found" syntax error (which lists character ranges)."""
    found = _NOT_FOUND.search(error.message) if error.code == "E300" else None
    if found is None:
        return None
    line, column = int(found.group(1)), int(found.group(2))
    lines = sparql.splitlines() or [""]
    before = lines[min(line, len(lines)) - 1][: max(column - 1, 0)]
    pname = _PNAME_END.search(before)
    prefix = (pname.group(1) or "") if pname else "?"
    return KGError("E310", prefix=prefix, where=f"{line}:{column}", known=", ".join(p for p in PREFIXES if p))


# --- SPARQL text -------------------------------------------------------------------------------

_DECLARED = re.compile(r"\bPREFIX\s+([^\s:]*):", re.IGNORECASE)
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s*[^\s:]*:\s*<[^>]*>)*", re.IGNORECASE)
_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "construct", "DESCRIBE": "describe"}
_UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})


def declare_prefixes(sparql: str, prefixes: dict[str, str] = PREFIXES) -> str:
    """``sparql`` with a ``PREFIX`` declaration for each of ``prefixes`` it does not declare itself.

    The declarations go on the query's first line, so the line numbers of a server's syntax error
    still match the text the user wrote (:func:`shift_columns` fixes the columns of line 1).

    Examples
    --------
    >>> declare_prefixes("PREFIX kg: <urn:mine#> SELECT * { ?s kg:p ?o }", {"kg": "https://x/", "oa": "https://y/"})
    'PREFIX oa: <https://y/> PREFIX kg: <urn:mine#> SELECT * { ?s kg:p ?o }'
    """
    declared = {m.group(1) for m in _DECLARED.finditer(sparql)}
    missing = [f"PREFIX {name}: <{iri}>" for name, iri in prefixes.items() if name not in declared]
    return " ".join([*missing, sparql]) if missing else sparql


def shift_columns(message: str, offset: int) -> str:
    """A syntax error message (``... at 1:COLUMN ...``) with line-1 columns moved back by ``offset``.

    >>> shift_columns("error at 1:130: expected one of SELECT", 120)
    'error at 1:10: expected one of SELECT'
    """

    def fix(m: re.Match) -> str:
        column = int(m.group(2)) - offset
        return f"{m.group(1)}1:{column}" if column > 0 else m.group(0)

    return re.sub(r"(\bat )1:(\d+)", fix, message) if offset else message


def query_form(sparql: str) -> str | None:
    """``select``, ``ask``, ``construct``, ``describe``, ``update`` (an update request), or None if unknown.

    >>> query_form("ASK { ?s ?p ?o }"), query_form("DROP ALL"), query_form("hello")
    ('ask', 'update', None)
    """
    end = _PROLOGUE.match(sparql).end()  # type: ignore[union-attr]
    word = re.match(r"[A-Za-z]+", sparql[end:])
    if not word:
        return None
    keyword = word.group(0).upper()
    return _FORMS.get(keyword) or ("update" if keyword in _UPDATES else None)


# --- output -------------------------------------------------------------------------------------


def _plain(term: Node | None) -> str:
    """A term as a plain cell: an IRI or a literal's text bare, a blank node ``_:id``, unbound empty."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _tsv_term(term: Node | None) -> str:
    """A term as SPARQL TSV shows it (Turtle syntax), a literal a spreadsheet would run made text inside its quotes."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        safe = spreadsheet_cell(str(term))
        if safe != str(term):
            term = Literal(safe, lang=term.language, datatype=None if term.language else term.datatype)
    return term.n3()


def _display(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return short_iri(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


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


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = frozenset(
    _XSD + t
    for t in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
        "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    )
)  # fmt: skip
_REALS = frozenset(_XSD + t for t in ("decimal", "double", "float"))


def _json_value(term: Node | None) -> object:
    """A term as a JSON value: numbers and booleans as such, everything else its plain text, unbound null."""
    if not isinstance(term, Literal) or term.datatype is None:
        return None if term is None else _plain(term)
    datatype = str(term.datatype)
    try:
        if datatype in _INTEGERS:
            return int(str(term))
        if datatype in _REALS:
            number = float(str(term))
            return number if math.isfinite(number) else str(term)  # JSON has no NaN or INF
        if datatype == _XSD + "boolean":
            return str(term).strip() in ("true", "1")
    except ValueError:  # an ill-typed literal: its text
        pass
    return str(term)


def _table(results: Results) -> tuple[list[str], list[tuple[Node | None, ...]]]:
    """The columns and rows of a SELECT result, or of a graph result as a table of triples (``s p o``)."""
    if results.kind == "graph":
        return ["s", "p", "o"], [tuple(t) for t in results.triples]
    return results.variables, results.rows


def format_results(results: Results, format: str = "table", *, wide: bool = False, width: int | None = None) -> str:
    """Results as text, in one of :data:`FORMATS`.

    ``table``
        An aligned table (IRIs shortened to ``prefix:name``), fitted to ``width`` columns (default:
        the terminal's), its widest cells cut with an ellipsis, unless ``wide`` (see
        :func:`kg.io.format_table`). CONSTRUCT and DESCRIBE results are Turtle.
    ``csv``, ``tsv``
        Plain values for spreadsheets and ``pandas.read_csv``: a header of the variable names, then
        IRIs and literals bare (no quotes, no ``<>``), an unbound variable empty. A cell that a
        spreadsheet would run as a formula gets a ``'`` in front (:func:`kg.io.spreadsheet_cell`); a
        cell with a tab, a line break or a double quote is quoted as the ``csv`` module does.
    ``json``, ``jsonl``
        A list of records (``jsonl``: one record a line), keyed by variable; numbers and booleans
        are JSON numbers and booleans, everything else text, an unbound variable ``null``.
    ``sparql-json``, ``sparql-tsv``
        The SPARQL 1.1 result formats (typed terms; TSV in Turtle syntax); JSON is exact.

    CONSTRUCT and DESCRIBE results are a table of triples (``s``, ``p``, ``o``) in every format but
    ``table``; ASK results are ``true`` or ``false`` (``sparql-json``: SPARQL's boolean form).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> results = Results("select", ["who", "n"], [(URIRef("https://kg.example.org/id/tokayev"), Literal(3))])
    >>> format_results(results, "csv").splitlines()
    ['who,n', 'https://kg.example.org/id/tokayev,3']
    >>> print(format_results(results, "json"), end="")
    [{"who": "https://kg.example.org/id/tokayev", "n": 3}]
    >>> format_results(results, "sparql-tsv").splitlines()[1].split("\\t")
    ['<https://kg.example.org/id/tokayev>', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>']
    """
    if format not in FORMATS:
        raise KGError("E303", name=format, choices=", ".join(FORMATS))
    if results.kind == "ask":
        if format == "sparql-json":
            return json.dumps({"head": {}, "boolean": results.boolean}) + "\n"
        return ("true" if results.boolean else "false") + "\n"
    if results.kind == "graph" and format == "table":
        from rdflib import Graph

        g = Graph()
        for prefix, iri in PREFIXES.items():
            g.bind(prefix, iri)
        for triple in results.triples:
            g.add(triple)
        return g.serialize(format="turtle")
    variables, rows = _table(results)
    if format == "table":
        return format_table(variables, [[_display(t) for t in row] for row in rows], wide=wide, width=width)
    if format == "sparql-json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False) + "\n"
    if format in ("json", "jsonl"):
        records = [{v: _json_value(t) for v, t in zip(variables, row, strict=True)} for row in rows]
        if format == "jsonl":
            return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        return json.dumps(records, ensure_ascii=False) + "\n"
    buffer = io.StringIO()
    if format == "sparql-tsv":
        buffer.write("\t".join(f"?{v}" for v in variables) + "\n")
        for row in rows:
            buffer.write("\t".join(_tsv_term(t) for t in row) + "\n")
        return buffer.getvalue()
    if format == "csv":
        writer = csv.writer(buffer, lineterminator="\r\n")
    else:  # tsv: plain values, tab-separated; the csv module quotes a cell with a tab or a line break
        writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(variables)
    writer.writerows([spreadsheet_cell(_plain(t)) for t in row] for row in rows)
    return buffer.getvalue()


def write_results(
    results: Results,
    format: str = "table",
    output: str | os.PathLike | None = None,
    *,
    wide: bool = False,
    width: int | None = None,
) -> str:
    """Format results (see :func:`format_results`) and write them to ``output`` (all or nothing); return the text."""
    text = format_results(results, format, wide=wide, width=width)
    if output is not None:
        atomic_write(output, text)
    return text


# --- federated queries (SERVICE) -----------------------------------------------------------------

ALLOW_SERVICE_ENV = "KG_ALLOW_SERVICE"
_SERVICE_HINT = f"set {ALLOW_SERVICE_ENV}=HOST[:PORT] (comma-separated) to allow one"


def check_service(sparql: str, allowed: Iterable[str] | None = None, *, hint: str = _SERVICE_HINT) -> None:
    """Refuse a query or update that calls ``SERVICE`` (the store would fetch a URL) unless its host is allowed.

    ``SERVICE`` is found by parsing (rdflib's SPARQL grammar), so a comment or a string that says
    SERVICE is no call; text the grammar cannot read is refused only when it holds the word.

    Parameters
    ----------
    sparql : str
        The query or update text (kg's prefixes need no declaration).
    allowed : iterable of str, optional
        ``HOST`` or ``HOST:PORT`` (``[::1]:PORT`` for IPv6) that ``SERVICE`` may call over http(s);
        default: ``$KG_ALLOW_SERVICE`` (comma-separated), else none.
    hint : str
        How to allow a host, for the error message.

    Raises
    ------
    KGError
        E930 for a refused ``SERVICE``, E931 for text with SERVICE that cannot be checked, E914 for a
        malformed ``allowed`` entry.

    Examples
    --------
    >>> check_service("SELECT * WHERE { ?s ?p ?o } # no SERVICE here", allowed=())
    >>> check_service("ASK { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", allowed=())
    Traceback (most recent call last):
    ...
    kg.errors.KGError: E930 SERVICE <http://127.0.0.1:9/sparql> is refused: federated queries are off; set KG_ALLOW_SERVICE=HOST[:PORT] (comma-separated) to allow one
    >>> check_service("ASK { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", allowed=["127.0.0.1:9"])
    """

    if allowed is None:
        allowed = [h for h in os.environ.get(ALLOW_SERVICE_ENV, "").replace(" ", ",").split(",") if h]
        option = ALLOW_SERVICE_ENV
    else:
        option = "--allow-service"
    hosts = [_host_port(spec, option) for spec in allowed]
    # rdflib reads \uXXXX escapes anywhere; Oxigraph only in strings and IRIs: the word must survive both
    expanded = re.sub(r"\\[uU]([0-9A-Fa-f]{4,8})", lambda m: chr(min(int(m.group(1), 16), 0x10FFFF)), sparql)
    if "service" not in expanded.lower():
        return
    for target in _service_targets(sparql):
        if target is None:
            raise KGError("E930", target="?variable", reason="its address is a variable, which cannot be checked", hint=hint)  # fmt: skip
        shown = f"<{target}>"
        if not hosts:
            raise KGError("E930", target=shown, reason="federated queries are off", hint=hint)
        try:
            url = urllib.parse.urlsplit(target)
            port = url.port or {"http": 80, "https": 443}.get(url.scheme.lower())
        except ValueError:
            url, port = None, None
        host = (url.hostname or "") if url is not None else ""
        if url is None or url.scheme.lower() not in ("http", "https") or not host:
            raise KGError("E930", target=shown, reason="only http(s) addresses of allowed hosts are called", hint=hint)  # fmt: skip
        if not any(h == host and p in (None, port) for h, p in hosts):
            reason = f"{host}:{port} is not an allowed host ({', '.join(allowed)})"
            raise KGError("E930", target=shown, reason=reason, hint=hint)


def _host_port(spec: str, option: str) -> tuple[str, int | None]:
    """``HOST`` or ``HOST:PORT`` as (lower-case host, port or None)."""
    try:
        url = urllib.parse.urlsplit("//" + spec.strip())
        port = url.port
        host = url.hostname
    except ValueError:
        host = None
    if not host or url.path or url.query or url.fragment or url.username:
        raise KGError("E914", option=option, rule="HOST or HOST:PORT ([::1]:PORT for IPv6)", value=repr(spec))
    return host, port


@lru_cache(maxsize=256)
def _service_targets(sparql: str) -> tuple[str | None, ...]:
    """The address of every ``SERVICE`` in the text (None: a variable); ``KGError`` E931 if it cannot be parsed."""
    import functools

    from pyparsing import ParseBaseException, ParseResults
    from rdflib.plugins.sparql import parser
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    # Oxigraph ends a comment at CR too; rdflib only at LF. And no \u expansion here (see check_service).
    text = sparql.replace("\r", "\n")
    try:
        tree = parser.Query.parse_string(text, parse_all=True)
    except ParseBaseException as exc:
        try:
            tree = parser.UpdateUnit.parse_string(text, parse_all=True)
        except ParseBaseException:
            raise KGError("E931", detail=" ".join(str(exc).split())[:200]) from None
    prefixes = dict(PREFIXES)
    base = ""
    found: list[str | None] = []

    def iri(term: object) -> str | None:
        if isinstance(term, Variable):
            return None
        if isinstance(term, CompValue) and term.name == "pname":
            return prefixes.get(dict.get(term, "prefix") or "", "") + (dict.get(term, "localname") or "")
        return urllib.parse.urljoin(base, str(term)) if base else str(term)

    def walk(node: object) -> None:
        nonlocal base
        if isinstance(node, CompValue):
            field = functools.partial(dict.get, node)  # CompValue.get answers a missing key with the key
            if node.name == "PrefixDecl":
                prefixes[field("prefix") or ""] = str(field("iri"))
            elif node.name == "Base":
                base = urllib.parse.urljoin(base, str(field("iri"))) if base else str(field("iri"))
            elif node.name == "ServiceGraphPattern":
                found.append(iri(field("term")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list | tuple | ParseResults):
            for value in node:
                walk(value)

    walk(tree)
    return tuple(found)
