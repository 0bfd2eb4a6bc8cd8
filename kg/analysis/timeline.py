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

from ..graphdata import GraphData, Source, read_graph_data
from ..namespace import SEM, local_name

__all__ = ["PARTS", "TimelineEntry", "timeline"]

_WHEN = {str(SEM.hasBeginTimeStamp): "begins", str(SEM.hasEndTimeStamp): "ends", str(SEM.hasTimeStamp): "on"}
PARTS = ("entities", "claims", "triples", "status", "articles", "labels")
"""What the timeline reads (:func:`kg.graphdata.read_graph_data`)."""


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


def timeline(source: Source | GraphData = None) -> list[TimelineEntry]:
    """Dated operations, events and statements, in date order.

    Parameters
    ----------
    source : str, Store or GraphData, optional
        A store URL or an open store (default ``$KG_STORE`` or ``.kg``), or data already read.

    Returns
    -------
    list of TimelineEntry
    """
    data = source if isinstance(source, GraphData) else read_graph_data(source, PARTS)
    data.require(*PARTS)
    labels = data.labels
    publisher = {a: x.outlet for a, x in data.articles.items()}
    published = {a: x.published for a, x in data.articles.items() if x.published}
    # an operation is also typed kg:Event (its superclass): kg:Operation decides
    operations = {e.iri for e in data.entities.values() if e.type == "Operation"}

    def label(iri: str) -> str:
        return labels.get(iri, local_name(iri))

    entries: dict[tuple, TimelineEntry] = {}
    outlets: dict[tuple, set[str]] = defaultdict(set)
    for c in data.claims:
        if c.predicate not in _WHEN or c.subject is None or c.object is None or c.article is None:
            continue
        claim, event, date, article = c.iri, c.subject, c.object, c.article
        key = (date, event, _WHEN[c.predicate])
        entry = entries.get(key)
        if entry is None:
            kind_name = "operation" if event in operations else "event"
            entry = entries[key] = TimelineEntry(date, kind_name, event, label(event), key[2])
        entry.claims.append(claim)
        outlets[key].add(publisher.get(article, ""))
        if c.status == "conflicting":
            entry.status = "conflicting"
    for c in data.claims:
        if not c.speaker or not c.article:
            continue
        item, speaker, article, stated, about, subject, obj = (
            c.iri, c.speaker, c.article, c.stated, c.about, c.subject, c.object
        )  # fmt: skip
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
        if c.status == "conflicting":
            entry.status = "conflicting"
    order = {"begins": 0, "on": 1, "ends": 2}
    result = []
    for key, entry in entries.items():
        entry.outlets = sorted((label(o) for o in outlets[key] if o), key=str.casefold)
        entry.claims.sort()
        result.append(entry)
    result.sort(key=lambda e: (e.date, e.kind == "statement", order.get(e.detail, 3), e.label.casefold(), e.detail))
    return result
