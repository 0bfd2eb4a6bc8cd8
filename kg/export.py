"""Exports of a built graph: claims, actors and entities as CSV or JSONL, the graph in RDF formats.

Claim columns (``CLAIM_COLUMNS``):

==============  ==============================================================================
id              the claim's IRI
subject         the subject's IRI; ``subject_label`` its name
predicate       the predicate's IRI (``kg:repatriated``, ``kg:agent``, ``sem:hasBeginTimeStamp`` ...)
object          the object: an entity's or quantity's IRI, or a date; ``object_label`` its name
value           for a quantity: the value as given (empty for ranges and vague numbers)
lower, upper    for a quantity: the bounds the text allows (empty when open-ended)
counted         for a quantity: what is counted, in the article's words
speaker         who asserts it (IRI); ``speaker_label`` the name (empty for an article that names no outlet)
article         the article's IRI
outlet          the outlet that published the article (name)
date            when the speaker said it, else the article's publication date (``YYYY[-MM[-DD]]``)
quote           the verbatim quote; ``start``, ``end`` its character offsets in the article text
status          ``conflicting``, ``corroborated`` or ``single-source``
basis           why the claim has its status: the values compared and their original sources
                (``kg:basis``), or why it was not compared; empty when it stands alone
==============  ==============================================================================

Actor columns (``ACTOR_COLUMNS``): ``id``, ``label``, ``type``, ``aliases`` (separated by
``" | "``), ``mentions`` (how many times the articles name it).

Entity columns (``ENTITY_COLUMNS``): every entity of the registry (actors, places, operations,
events, documents), by label:

==============  ==============================================================================
id              the entity's IRI
label           its name (``rdfs:label``)
type            its most specific type: ``Person``, ``Country``, ``Place``, ``Operation`` ...
superclasses    its other types, separated by ``" | "``: ``Actor | Place`` for a country
aliases         its other names (``skos:altLabel``), separated by ``" | "``
mentions        how many times the articles name it (``kg:mentionCount``)
begin           for an operation or event: when it began (``sem:hasBeginTimeStamp``)
end             for an operation or event: when it ended (``sem:hasEndTimeStamp``)
date            for an operation or event: when it happened (``sem:hasTimeStamp``)
==============  ==============================================================================

A date is ``YYYY[-MM[-DD]]``; when the articles give an event several dates, all of them, in
order, separated by ``" | "`` (``2019-01 | 2019-01-06``). ``--type`` keeps the entities of one
type or superclass (:data:`ENTITY_KINDS`).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable
from pathlib import Path

from .errors import KGError
from .graphdata import number, opened_store, read_graph_data
from .io import atomic_open, atomic_write, spreadsheet_cell
from .namespace import PREFIXES, SEM
from .store import Store, open_store
from .vocab import ACTOR_TYPES, ENTITY_TYPES, EVENT_TYPES, SUPERCLASSES
from .vocab import speaker_label as shown_speaker

__all__ = [
    "ACTOR_COLUMNS",
    "CLAIM_COLUMNS",
    "CLAIM_PARTS",
    "ENTITY_COLUMNS",
    "ENTITY_KINDS",
    "export_actors",
    "export_claims",
    "export_entities",
    "export_graph",
    "jsonld_context",
    "read_actors",
    "read_claims",
    "read_entities",
]

CLAIM_COLUMNS = (
    "id", "subject", "subject_label", "predicate", "object", "object_label", "value", "lower", "upper",
    "counted", "speaker", "speaker_label", "article", "outlet", "date", "quote", "start", "end", "status",
    "basis",
)  # fmt: skip
ACTOR_COLUMNS = ("id", "label", "type", "aliases", "mentions")
ENTITY_COLUMNS = ("id", "label", "type", "superclasses", "aliases", "mentions", "begin", "end", "date")
ENTITY_KINDS: tuple[str, ...] = (
    *ENTITY_TYPES,
    *sorted({s for supers in SUPERCLASSES.values() for s in supers} - set(ENTITY_TYPES)),
)
"""What :func:`read_entities` filters by: an entity type or a superclass (``Actor``)."""
_DATE_COLUMNS = {str(SEM.hasBeginTimeStamp): "begin", str(SEM.hasEndTimeStamp): "end", str(SEM.hasTimeStamp): "date"}
TABLE_FORMATS = ("csv", "tsv", "json", "jsonl")
"""Formats of the claims, actors and entities tables, with ``kg query``'s meaning: ``csv`` and ``tsv`` plain
values (lists joined by ``" | "``), ``json`` a list of records, ``jsonl`` a record a line."""
GRAPH_FORMATS = ("turtle", "trig", "nquads", "jsonld", "ntriples")

_OnPhase = Callable[[str], None] | None


def _phase(on_phase: _OnPhase, name: str) -> None:
    if on_phase is not None:
        on_phase(name)


CLAIM_PARTS = ("claims", "triples", "status", "quotes", "offsets", "quantities", "articles", "labels")
"""What :func:`read_claims` reads (:func:`kg.graphdata.read_graph_data`)."""


def read_claims(store: str | os.PathLike | Store | None = None) -> list[dict]:
    """Every claim as a dict with the keys of ``CLAIM_COLUMNS`` (notebooks: ``pandas.DataFrame(...)``).

    Claims are in article order, then by where their quote starts.
    """
    with opened_store(store) as opened:
        data = read_graph_data(opened, CLAIM_PARTS)
        basis = dict(opened.select("SELECT ?c ?b WHERE { ?c kg:basis ?b }"))
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
                "object_label": q.display if q else data.labels.get(c.object or "", c.object),
                "value": number(q.value) if q else None,
                "lower": number(q.lower) if q else None,
                "upper": number(q.upper) if q else None,
                "counted": (q.counted or None) if q else None,
                "speaker": c.speaker,
                "speaker_label": shown_speaker(speaker_label),  # "" for the unnamed-outlet placeholder
                "article": c.article,
                "outlet": outlet,
                "date": c.stated or (article.published if article else None) or None,
                "quote": c.quote,
                "start": c.start,
                "end": c.end,
                "status": c.status,
                "basis": basis.get(c.iri),
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


def read_entities(store: str | os.PathLike | Store | None = None, type: str | None = None) -> list[dict]:
    """Every entity as a dict with the keys of ``ENTITY_COLUMNS``, by label.

    Parameters
    ----------
    store : str, path or Store, optional
        A store URL or an open store (default ``$KG_STORE`` or ``.kg``).
    type : str, optional
        Keep only the entities of this type or superclass, one of :data:`ENTITY_KINDS` in any case:
        ``Place`` gives places and countries, ``Event`` events and operations.

    Returns
    -------
    list of dict

    Raises
    ------
    KGError
        E308 when ``type`` is not an entity type or superclass.

    Examples
    --------
    >>> import kg
    >>> _ = kg.build("tests/data/tiny", store="memory:entities-doc", out=None)
    >>> [(e["label"], e["superclasses"]) for e in read_entities("memory:entities-doc", type="place")]
    [('Iraq', 'Actor | Place'), ('Tajikistan', 'Actor | Place')]
    """
    kind = None
    if type is not None:
        kind = next((k for k in ENTITY_KINDS if k.casefold() == type.casefold()), None)
        if kind is None:
            raise KGError("E308", name=type, choices=", ".join(ENTITY_KINDS))
    with opened_store(store) as opened:
        data = read_graph_data(opened, ("entities", "labels"))
        entities = [
            e
            for e in data.entities.values()
            if e.iri in data.labels and (kind is None or kind == e.type or kind in SUPERCLASSES[e.type])
        ]
        # the dates are claims about an event (with their sources): read them only when an event is listed
        dates: dict[tuple[str, str], set[str]] = {}
        if any(e.type in EVENT_TYPES for e in entities):
            for c in read_graph_data(opened, ("triples",)).claims:
                column = _DATE_COLUMNS.get(c.predicate or "")
                if column and c.subject and c.object and not c.object_is_iri:
                    dates.setdefault((c.subject, column), set()).add(c.object)
    rows = []
    for e in entities:
        row = {
            "id": e.iri,
            "label": e.label,
            "type": e.type,
            "superclasses": " | ".join(SUPERCLASSES[e.type]) or None,
            "aliases": " | ".join(e.aliases) or None,
            "mentions": e.mentions,
        }
        for column in _DATE_COLUMNS.values():
            row[column] = " | ".join(sorted(dates.get((e.iri, column), ()))) or None
        rows.append(row)
    rows.sort(key=lambda r: (r["label"], r["id"]))
    return rows


def _write_table(rows: list[dict], columns: tuple[str, ...], format: str, output: str | os.PathLike | None) -> str:
    if format not in TABLE_FORMATS:
        raise KGError("E303", name=format, choices=", ".join(TABLE_FORMATS))
    buffer = io.StringIO()
    if format in ("csv", "tsv"):
        delimiter = "," if format == "csv" else "\t"
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", delimiter=delimiter)
        writer.writeheader()
        writer.writerows({k: "" if v is None else spreadsheet_cell(v) for k, v in row.items()} for row in rows)
    elif format == "json":
        buffer.write(json.dumps(rows, ensure_ascii=False) + "\n")
    else:
        for row in rows:
            buffer.write(json.dumps(row, ensure_ascii=False) + "\n")
    text = buffer.getvalue()
    if output is not None:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        atomic_write(output, text)
    return text


def _export(
    read: Callable[[], list[dict]],
    what: str,
    columns: tuple[str, ...],
    format: str,
    output: str | os.PathLike | None,
    on_phase: _OnPhase,
) -> str:
    """Read the rows and write them, each step announced to ``on_phase``."""
    if format not in TABLE_FORMATS:  # before the read, which takes seconds on a large store
        raise KGError("E303", name=format, choices=", ".join(TABLE_FORMATS))
    _phase(on_phase, f"read the {what} from the store")
    rows = read()
    _phase(on_phase, f"write {len(rows):,} {what} as {format}" + (f" to {output}" if output is not None else ""))
    return _write_table(rows, columns, format, output)


def export_claims(
    store=None, format: str = "csv", output: str | os.PathLike | None = None, *, on_phase: _OnPhase = None
) -> str:
    """Every claim as CSV, TSV, JSON (a list of records) or JSONL (one a line); written to ``output`` when given.

    A CSV or TSV cell that a spreadsheet would run as a formula gets a ``'`` in front
    (:func:`kg.io.spreadsheet_cell`); JSONL keeps every value exact. ``on_phase``, when given, is
    called with the name of each step as it starts (reading the claims, writing them): a progress
    display (:func:`kg.io.progress_phases`) shows it.
    """
    return _export(lambda: read_claims(store), "claims", CLAIM_COLUMNS, format, output, on_phase)


def export_actors(
    store=None, format: str = "csv", output: str | os.PathLike | None = None, *, on_phase: _OnPhase = None
) -> str:
    """Every actor as CSV, TSV, JSON or JSONL (CSV and TSV cells made safe for spreadsheets, and ``on_phase``, as in :func:`export_claims`)."""
    return _export(lambda: read_actors(store), "actors", ACTOR_COLUMNS, format, output, on_phase)


def export_entities(
    store=None,
    format: str = "csv",
    output: str | os.PathLike | None = None,
    type: str | None = None,
    *,
    on_phase: _OnPhase = None,
) -> str:
    """Every entity (actors, places, operations, events) as CSV, TSV, JSON or JSONL; one type or superclass with ``type``.

    CSV cells are made safe for spreadsheets, as in :func:`export_claims`; the columns are
    ``ENTITY_COLUMNS`` (the module's docstring says what each holds).

    Parameters
    ----------
    store : str, path or Store, optional
        A store URL or an open store (default ``$KG_STORE`` or ``.kg``).
    format : str
        ``csv``, ``tsv``, ``json`` or ``jsonl`` (:data:`TABLE_FORMATS`).
    output : str or path, optional
        Write the text to this file (atomically) as well.
    type : str, optional
        Keep only the entities of this type or superclass (:data:`ENTITY_KINDS`): ``Place``, ``Actor`` ...
    on_phase : callable, optional
        Called with the name of each step as it starts (reading the entities, writing them).

    Returns
    -------
    str
        The text written.
    """
    return _export(lambda: read_entities(store, type=type), "entities", ENTITY_COLUMNS, format, output, on_phase)


def jsonld_context() -> dict[str, str]:
    """The ``@context`` of kg's JSON-LD: its prefixes (``kg:``, ``id:``, ``graph:``, ``prov:`` ...).

    Examples
    --------
    >>> jsonld_context()["kg"]
    'https://kg.example.org/ontology#'
    """
    return dict(PREFIXES)


def _jsonld(opened: Store, on_phase: _OnPhase = None) -> bytes:
    """The store as JSON-LD compacted with :func:`jsonld_context`, one ``@graph`` per named graph."""
    from rdflib import Dataset

    _phase(on_phase, "read the graph into rdflib")
    nquads = io.BytesIO()
    opened.dump(nquads, "nquads")
    dataset = Dataset()
    dataset.parse(data=nquads.getvalue(), format="nquads")
    _phase(on_phase, f"compact {len(dataset):,} quads as JSON-LD")
    return dataset.serialize(format="json-ld", context=jsonld_context(), auto_compact=True, encoding="utf-8")


def export_graph(
    store=None, format: str = "trig", output: str | os.PathLike | None = None, *, on_phase: _OnPhase = None
) -> str | None:
    """The whole graph as Turtle, TriG, N-Quads, N-Triples or JSON-LD.

    TriG, N-Quads and JSON-LD keep the named graphs; Turtle and N-Triples hold their union. JSON-LD
    is compacted with an ``@context`` of kg's prefixes (:func:`jsonld_context`): ``"@type": "kg:Claim"``,
    ``"prov:wasAttributedTo": {"@id": "id:tokayev"}``. Returns the text when no ``output`` is given.
    ``on_phase``, when given, is called with the name of each step as it starts.

    Examples
    --------
    >>> import json, kg
    >>> _ = kg.build("tests/data/tiny", store="memory:jsonld-doc", out=None)
    >>> document = json.loads(export_graph("memory:jsonld-doc", "jsonld"))
    >>> document["@context"]["prov"]
    'http://www.w3.org/ns/prov#'
    """
    if format not in GRAPH_FORMATS:
        raise KGError("E303", name=format, choices=", ".join(GRAPH_FORMATS))
    opened = store if isinstance(store, Store) else open_store(store)
    written = f"write the graph as {format}" + (f" to {output}" if output is not None else "")
    try:
        if output is None:
            buffer = io.BytesIO()
            if format == "jsonld":
                buffer.write(_jsonld(opened, on_phase))
            else:
                _phase(on_phase, written)
                opened.dump(buffer, format)
            return buffer.getvalue().decode("utf-8")
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_open(path, "wb") as handle:
            if format == "jsonld":
                handle.write(_jsonld(opened, on_phase))
            else:
                _phase(on_phase, written)
                opened.dump(handle, format)
        return None
    finally:
        if not isinstance(store, Store):
            opened.close()
