"""Exports of a built graph: claims and actors as CSV or JSONL, the graph in RDF formats.

Claim columns (``CLAIM_COLUMNS``):

==============  ==============================================================================
id              the claim's IRI
subject         the subject's IRI; ``subject_label`` its name
predicate       the predicate's IRI (``kg:repatriated``, ``kg:agent``, ``sem:hasBeginTimeStamp`` ...)
object          the object: an entity's or quantity's IRI, or a date; ``object_label`` its name
value           for a quantity: the value as given (empty for ranges and vague numbers)
lower, upper    for a quantity: the bounds the text allows (empty when open-ended)
counted         for a quantity: what is counted, in the article's words
speaker         who asserts it (IRI); ``speaker_label`` the name
article         the article's IRI
outlet          the outlet that published the article (name)
date            when the speaker said it, else the article's publication date (``YYYY[-MM[-DD]]``)
quote           the verbatim quote; ``start``, ``end`` its character offsets in the article text
status          ``conflicting``, ``corroborated`` or ``single-source``
==============  ==============================================================================

Actor columns (``ACTOR_COLUMNS``): ``id``, ``label``, ``type``, ``aliases`` (separated by
``" | "``), ``mentions`` (how many times the articles name it).
"""

from __future__ import annotations

import csv
import io
import json
import os
from decimal import Decimal
from pathlib import Path

from .errors import KGError
from .store import Store, open_store

__all__ = [
    "ACTOR_COLUMNS",
    "CLAIM_COLUMNS",
    "export_actors",
    "export_claims",
    "export_graph",
    "read_claims",
    "read_actors",
]

CLAIM_COLUMNS = (
    "id", "subject", "subject_label", "predicate", "object", "object_label", "value", "lower", "upper",
    "counted", "speaker", "speaker_label", "article", "outlet", "date", "quote", "start", "end", "status",
)  # fmt: skip
ACTOR_COLUMNS = ("id", "label", "type", "aliases", "mentions")
TABLE_FORMATS = ("csv", "jsonl")
GRAPH_FORMATS = ("turtle", "trig", "nquads", "jsonld", "ntriples")

_CLAIMS = """
SELECT ?id ?subject ?subject_label ?predicate ?object ?object_label ?value ?lower ?upper ?counted
       ?speaker ?speaker_label ?article ?outlet ?date ?quote ?start ?end ?status
WHERE {
  ?id a kg:Claim ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ;
      prov:wasAttributedTo ?speaker ; prov:wasDerivedFrom ?article ; kg:status ?statusIri ;
      kg:evidence/oa:hasSelector ?qs, ?ps .
  ?qs a oa:TextQuoteSelector ; oa:exact ?quote .
  ?ps a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?subject rdfs:label ?subject_label .
  ?speaker rdfs:label ?speaker_label .
  ?article schema:publisher/rdfs:label ?outlet .
  OPTIONAL { ?object rdfs:label ?objectName }
  BIND(COALESCE(?objectName, STR(?object)) AS ?object_label)
  OPTIONAL { ?object kg:value ?value }
  OPTIONAL { ?object kg:lowerBound ?lower }
  OPTIONAL { ?object kg:upperBound ?upper }
  OPTIONAL { ?object kg:counted ?counted }
  OPTIONAL { ?id kg:statedOn ?stated }
  OPTIONAL { ?article schema:datePublished ?published }
  BIND(STR(COALESCE(?stated, ?published)) AS ?date)
  BIND(REPLACE(LCASE(STRAFTER(STR(?statusIri), "#")), "singlesource", "single-source") AS ?status)
}
ORDER BY ?article ?start ?id
"""

_ACTORS = """
SELECT ?id ?label ?type (GROUP_CONCAT(DISTINCT ?alias; separator=" | ") AS ?aliases) (SAMPLE(?count) AS ?mentions)
WHERE {
  ?id a ?class ; rdfs:label ?label .
  ?class rdfs:subClassOf kg:Actor .
  BIND(STRAFTER(STR(?class), "#") AS ?type)
  OPTIONAL { ?id skos:altLabel ?alias }
  OPTIONAL { ?id kg:mentionCount ?count }
}
GROUP BY ?id ?label ?type
ORDER BY ?label
"""


def _rows(store: str | os.PathLike | Store | None, sparql: str, columns: tuple[str, ...]) -> list[dict]:
    if isinstance(store, Store):
        results = store.query(sparql)
    else:
        with open_store(store) as opened:
            results = opened.query(sparql)
    return [{column: _python(column, record.get(column)) for column in columns} for record in results.records()]


_NUMERIC = frozenset({"value", "lower", "upper", "start", "end", "mentions"})


def _python(column: str, term: object) -> object:
    """A cell as a plain Python value: numbers as int or float, everything else as text."""
    if term is None:
        return None
    if column in _NUMERIC:
        value = term.toPython()  # type: ignore[attr-defined]
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return value
    return str(term)


def read_claims(store: str | os.PathLike | Store | None = None) -> list[dict]:
    """Every claim as a dict with the keys of ``CLAIM_COLUMNS`` (notebooks: ``pandas.DataFrame(...)``)."""
    return _rows(store, _CLAIMS, CLAIM_COLUMNS)


def read_actors(store: str | os.PathLike | Store | None = None) -> list[dict]:
    """Every actor as a dict with the keys of ``ACTOR_COLUMNS``."""
    return _rows(store, _ACTORS, ACTOR_COLUMNS)


def _write_table(rows: list[dict], columns: tuple[str, ...], format: str, output: str | os.PathLike | None) -> str:
    if format not in TABLE_FORMATS:
        raise KGError("E303", name=format, choices=", ".join(TABLE_FORMATS))
    buffer = io.StringIO()
    if format == "csv":
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    else:
        for row in rows:
            buffer.write(json.dumps(row, ensure_ascii=False) + "\n")
    text = buffer.getvalue()
    if output is not None:
        _write_atomically(Path(output), text)
    return text


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def export_claims(store=None, format: str = "csv", output: str | os.PathLike | None = None) -> str:
    """Every claim as CSV or JSONL (one object per line); written to ``output`` when given."""
    return _write_table(read_claims(store), CLAIM_COLUMNS, format, output)


def export_actors(store=None, format: str = "csv", output: str | os.PathLike | None = None) -> str:
    """Every actor as CSV or JSONL."""
    return _write_table(read_actors(store), ACTOR_COLUMNS, format, output)


def export_graph(store=None, format: str = "trig", output: str | os.PathLike | None = None) -> str | None:
    """The whole graph as Turtle, TriG, N-Quads, N-Triples or JSON-LD.

    TriG, N-Quads and JSON-LD keep the named graphs; Turtle and N-Triples hold their union.
    Returns the text when no ``output`` is given.
    """
    if format not in GRAPH_FORMATS:
        raise KGError("E303", name=format, choices=", ".join(GRAPH_FORMATS))
    opened = store if isinstance(store, Store) else open_store(store)
    try:
        if output is None:
            buffer = io.BytesIO()
            opened.dump(buffer, format)
            return buffer.getvalue().decode("utf-8")
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.tmp")
        opened.dump(partial, format)
        os.replace(partial, path)
        return None
    finally:
        if not isinstance(store, Store):
            opened.close()
