"""Operations, events and statements in date order.

Two kinds of entries:

- an operation or event on a date: each date claimed for it (``sem:hasBeginTimeStamp`` *begins*,
  ``sem:hasEndTimeStamp`` *ends*, ``sem:hasTimeStamp`` *on*), with the outlets that give that date
  and whether sources disagree about it;
- a statement: what a named speaker (not the outlet reporting in its own voice) said on a date
  about one topic (``kg:about``, else the claim's subject, or its object when the subject is the
  speaker: "Tokayev thanked the KNB" is about the KNB), counted in claims and statements. The
  date is when it was said (``kg:statedOn``), else the article's date.

Dates sort as text, so ``2019-01`` (a month) comes before ``2019-01-06`` (a day in it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .convert import _opened, _pairs, _select, local_name

__all__ = ["TimelineEntry", "timeline"]

_WHEN = {"hasBeginTimeStamp": "begins", "hasEndTimeStamp": "ends", "hasTimeStamp": "on"}


@dataclass
class TimelineEntry:
    date: str
    kind: str
    """``operation``, ``event`` or ``statement``."""
    node: str
    """The operation or event, or the speaker."""
    label: str
    detail: str
    """``begins``, ``ends`` or ``on`` for an operation or event; ``about TOPIC`` for a statement."""
    outlets: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    status: str = "consistent"
    """``conflicting`` when some of its claims conflict with another source, else ``consistent``."""


def timeline(source=None) -> list[TimelineEntry]:
    """Dated operations, events and statements, in date order.

    Parameters
    ----------
    source : str or Store, optional
        A store URL or an open store (default ``$KG_STORE`` or ``.kg``).

    Returns
    -------
    list of TimelineEntry
    """
    with _opened(source) as store:
        dated = _select(
            store,
            "SELECT ?claim ?event ?p ?date ?article WHERE { ?claim rdf:subject ?event ; rdf:predicate ?p ; "
            "rdf:object ?date ; prov:wasDerivedFrom ?article . "
            "VALUES ?p { sem:hasBeginTimeStamp sem:hasEndTimeStamp sem:hasTimeStamp } }",
        )
        said = _select(
            store,
            "SELECT ?item ?speaker ?article ?stated ?about ?subject ?object WHERE { "
            "?item prov:wasAttributedTo ?speaker ; prov:wasDerivedFrom ?article . "
            "OPTIONAL { ?item kg:statedOn ?stated } OPTIONAL { ?item kg:about ?about } "
            "OPTIONAL { ?item rdf:subject ?subject ; rdf:object ?object } }",
        )
        status = dict(_pairs(store, "kg:status"))
        publisher = dict(_pairs(store, "schema:publisher"))
        published = dict(_pairs(store, "schema:datePublished"))
        labels = dict(_pairs(store, "rdfs:label"))
        # an operation is also typed kg:Event (its superclass): kg:Operation decides
        operations = {e for (e,) in _select(store, "SELECT ?e WHERE { ?e a kg:Operation }")}

    def label(iri: str) -> str:
        return labels.get(iri, local_name(iri))

    entries: dict[tuple, TimelineEntry] = {}
    outlets: dict[tuple, set[str]] = defaultdict(set)
    for claim, event, p, date, article in dated:
        key = (date, event, _WHEN[local_name(p)])
        entry = entries.get(key)
        if entry is None:
            kind_name = "operation" if event in operations else "event"
            entry = entries[key] = TimelineEntry(date, kind_name, event, label(event), key[2])
        entry.claims.append(claim)
        outlets[key].add(publisher.get(article, ""))
        if local_name(status.get(claim, "")) == "Conflicting":
            entry.status = "conflicting"
    for item, speaker, article, stated, about, subject, obj in said:
        if speaker == publisher.get(article):
            continue
        date = stated or published.get(article)
        # what it is about: kg:about, else the subject, else (when speakers speak of themselves) the object
        topic = about or (obj if subject == speaker and obj in labels else subject)
        if not date or not topic:
            continue
        key = (date, speaker, f"about {label(topic)}")
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = TimelineEntry(date, "statement", speaker, label(speaker), key[2])
        entry.claims.append(item)
        outlets[key].add(publisher.get(article, ""))
        if local_name(status.get(item, "")) == "Conflicting":
            entry.status = "conflicting"
    order = {"begins": 0, "on": 1, "ends": 2}
    result = []
    for key, entry in entries.items():
        entry.outlets = sorted((label(o) for o in outlets[key] if o), key=str.casefold)
        entry.claims.sort()
        result.append(entry)
    result.sort(key=lambda e: (e.date, e.kind == "statement", order.get(e.detail, 3), e.label.casefold(), e.detail))
    return result
