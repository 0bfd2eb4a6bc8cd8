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
from pathlib import Path

from .errors import KGError
from .graphdata import number, read_graph_data
from .io import atomic_open, atomic_write, spreadsheet_cell
from .store import Store, open_store
from .vocab import ACTOR_TYPES

__all__ = [
    "ACTOR_COLUMNS",
    "CLAIM_COLUMNS",
    "CLAIM_PARTS",
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

CLAIM_PARTS = ("claims", "triples", "status", "quotes", "offsets", "quantities", "articles", "labels")
"""What :func:`read_claims` reads (:func:`kg.graphdata.read_graph_data`)."""


def read_claims(store: str | os.PathLike | Store | None = None) -> list[dict]:
    """Every claim as a dict with the keys of ``CLAIM_COLUMNS`` (notebooks: ``pandas.DataFrame(...)``).

    Claims are in article order, then by where their quote starts.
    """
    data = read_graph_data(store, CLAIM_PARTS)
    rows = []
    for c in data.claims:
        article = data.articles.get(c.article or "")
        outlet = data.labels.get(article.outlet or "") if article else None
        subject_label, speaker_label = data.labels.get(c.subject or ""), data.labels.get(c.speaker or "")
        required = (c.subject, c.predicate, c.object, c.speaker, c.status, c.start, c.end, c.quote)
        if c.type != "Claim" or None in required or not (subject_label and speaker_label and outlet):
            continue
        q = data.quantities.get(c.object or "")
        rows.append(
            {
                "id": c.iri,
                "subject": c.subject,
                "subject_label": subject_label,
                "predicate": c.predicate,
                "object": c.object,
                "object_label": data.labels.get(c.object or "", c.object),
                "value": number(q.value) if q else None,
                "lower": number(q.lower) if q else None,
                "upper": number(q.upper) if q else None,
                "counted": (q.counted or None) if q else None,
                "speaker": c.speaker,
                "speaker_label": speaker_label,
                "article": c.article,
                "outlet": outlet,
                "date": c.stated or (article.published if article else None) or None,
                "quote": c.quote,
                "start": c.start,
                "end": c.end,
                "status": c.status,
            }
        )
    rows.sort(key=lambda r: (r["article"], r["start"], r["id"]))
    return rows


def read_actors(store: str | os.PathLike | Store | None = None) -> list[dict]:
    """Every actor as a dict with the keys of ``ACTOR_COLUMNS``, by label."""
    data = read_graph_data(store, ("entities", "labels"))
    rows = [
        {
            "id": e.iri,
            "label": e.label,
            "type": e.type,
            "aliases": " | ".join(e.aliases) or None,
            "mentions": e.mentions,
        }
        for e in data.entities.values()
        if e.type in ACTOR_TYPES and e.iri in data.labels
    ]
    rows.sort(key=lambda r: (r["label"], r["id"]))
    return rows


def _write_table(rows: list[dict], columns: tuple[str, ...], format: str, output: str | os.PathLike | None) -> str:
    if format not in TABLE_FORMATS:
        raise KGError("E303", name=format, choices=", ".join(TABLE_FORMATS))
    buffer = io.StringIO()
    if format == "csv":
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: "" if v is None else spreadsheet_cell(v) for k, v in row.items()} for row in rows)
    else:
        for row in rows:
            buffer.write(json.dumps(row, ensure_ascii=False) + "\n")
    text = buffer.getvalue()
    if output is not None:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        atomic_write(output, text)
    return text


def export_claims(store=None, format: str = "csv", output: str | os.PathLike | None = None) -> str:
    """Every claim as CSV or JSONL (one object per line); written to ``output`` when given.

    A CSV cell that a spreadsheet would run as a formula gets a ``'`` in front
    (:func:`kg.io.spreadsheet_cell`); JSONL keeps every value exact.
    """
    return _write_table(read_claims(store), CLAIM_COLUMNS, format, output)


def export_actors(store=None, format: str = "csv", output: str | os.PathLike | None = None) -> str:
    """Every actor as CSV or JSONL (CSV cells made safe for spreadsheets, as in :func:`export_claims`)."""
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
        with atomic_open(path, "wb") as handle:
            opened.dump(handle, format)
        return None
    finally:
        if not isinstance(store, Store):
            opened.close()
