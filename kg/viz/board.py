"""The disputes board: which figures the sources disagree on, and who says what.

One row per claim group (``kg:ClaimGroup``: the same event, the same thing counted) that claims
from more than one outlet speak to, contested groups first. A row says what is counted, about
which event, in which time scope, and why it has its status (``kg:basis``); it draws each value
stated on one numeric axis, a point or an interval ("about 400" is 360-440, "at least 79" runs
off to the right), coloured by the status of the claim; and lists each value with its speaker,
outlet (and the outlet it was copied from), date, quote and the article's URL. The page searches,
filters by event, outlet, date and status, and pages through the rows, so 10,000 articles stay fast.

The page is as safe as the graph views (:mod:`kg.viz.page`): data as escaped JSON, every text set
with ``textContent``, a Content-Security-Policy that forbids any request, and only ``http(s)`` URLs
made into links.

Examples
--------
>>> import kg, kg.viz
>>> _ = kg.build("tests/data/tiny", store="memory:disputes-doc", out=None)
>>> board = kg.viz.disputes("memory:disputes-doc")
>>> board
<Board disputes: 1 row (1 contested), 2 claims>
>>> sorted(v["text"] for v in board.rows[0]["values"])
['84 minors', '86 children']
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import graphdata
from ..errors import KGError
from ..graphdata import GraphData, number, number_text
from ..namespace import local_name
from ..resolve import resolve
from ..store import Store
from ..vocab import date_period
from .data import unstated_zero
from .filters import overlaps, parse_date
from .page import Page, board_html

__all__ = ["PAGE_SIZE", "PARTS", "Board", "disputes"]

PAGE_SIZE = 50
"""Rows on one page of the board."""

PARTS = (
    "entities", "claims", "triples", "status", "quotes", "quantities", "groups", "articles", "labels", "context",
)  # fmt: skip
"""What the board reads (:func:`kg.graphdata.read_graph_data`)."""

_URL = re.compile(r"^https?://", re.I)
_ROW_STATUS = {"conflicting": 0, "corroborated": 1, "not compared": 2}


@dataclass
class Board(Page):
    """The disputes board: its rows, the names they point to, and the filters it was built with.

    ``html()`` is the self-contained page, ``write(path)`` writes it, and in a Jupyter notebook a
    ``Board`` displays itself inline.
    """

    title: str
    rows: list[dict]
    """One per claim group: what is counted, the event, the status and its basis, and the values stated."""
    outlets: list[str]
    """The outlets' names; a value's ``outlet`` and ``original`` are indexes in this list (-1: none)."""
    events: list[str]
    """The events' names; a row's ``event`` is an index in this list."""
    note: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    """``rows``, ``contested`` rows, ``claims`` and ``outlets`` on the page."""
    filters: dict[str, str] = field(default_factory=dict)
    page_size: int = PAGE_SIZE
    kind: str = "disputes"

    def html(self) -> str:
        """The page: one HTML file with the data inlined; it loads nothing else."""
        return board_html(self)

    def __repr__(self) -> str:
        n, contested = self.counts.get("rows", 0), self.counts.get("contested", 0)
        claims = self.counts.get("claims", 0)
        return f"<Board disputes: {n} row{'s' if n != 1 else ''} ({contested} contested), {claims} claims>"


def disputes(
    store: str | os.PathLike | Store | None = None,
    *,
    focus: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    source: str | None = None,
    page_size: int = PAGE_SIZE,
    data: GraphData | None = None,
    on_phase: Callable[[str], None] | None = None,
) -> Board:
    """The fact-checker's board of a store: the figures that more than one outlet states, side by side.

    Parameters
    ----------
    store : str or Store, optional
        A store URL or an open store; default ``$KG_STORE`` or ``.kg``.
    focus : str, optional
        An entity's id, label or alias: only the groups about it (their event or a claim's subject).
    since, until : str, optional
        Only the groups with a claim whose date (``kg:asOf`` where the graph has it, else when it
        was said, else the article's date) overlaps this period.
    source : str, optional
        Only the groups an outlet (name or alias: ``"AFP"``) speaks to.
    page_size : int
        Rows on one page of the board.
    data : kg.graphdata.GraphData, optional
        Data already read with :func:`kg.graphdata.read_graph_data` (with :data:`PARTS`).
    on_phase : callable, optional
        Called with the name of each step as it starts (reading the store, comparing the figures).

    Returns
    -------
    Board
    """
    if not isinstance(page_size, int) or page_size < 1:
        raise KGError("E805", option="page_size", rule="1 or more", value=page_size)
    since_text, until_text = parse_date(since, "--since"), parse_date(until, "--until")
    if since_text and until_text and date_period(since_text)[0] > date_period(until_text)[1]:
        raise KGError("E804", since=since_text, until=until_text)
    if data is None:
        if on_phase is not None:
            on_phase("read the figures from the store")
        data = graphdata.read_graph_data(store, PARTS)
    data.require(*PARTS)
    if on_phase is not None:
        on_phase(f"compare the figures of {len(data.groups):,} claim groups")

    filters: dict[str, str] = {}
    outlet = center = None
    if source:
        names = {e.iri: (e.label, e.aliases) for e in data.entities.values() if e.type == "MediaOutlet"}
        outlet = resolve(source, names, what="outlet")
        filters["source"] = data.label(outlet)
    if since_text:
        filters["since"] = since_text
    if until_text:
        filters["until"] = until_text
    if focus:
        names = {e.iri: (e.label, e.aliases) for e in data.entities.values()}
        center = resolve(focus, names, what="name")
        filters["focus"] = data.label(center)

    members: dict[str, list[graphdata.Claim]] = {}
    for c in data.claims:
        quantity = data.quantities.get(c.object or "")
        if c.type != "Claim" or c.group not in data.groups or quantity is None:
            continue
        if unstated_zero(quantity.value, c.quote):
            continue
        members.setdefault(c.group, []).append(c)  # type: ignore[arg-type]

    outlets: dict[str, int] = {}
    events: dict[str, int] = {}
    rows = []
    for giri, claims in members.items():
        published = {data.outlet(c.article) for c in claims} - {None}
        if len(published) < 2:
            continue
        group = data.groups[giri]
        if outlet is not None and outlet not in published:
            continue
        if center is not None and center != group.topic and all(c.subject != center for c in claims):
            continue
        if (since_text or until_text) and not any(overlaps(_date(data, c), since_text, until_text) for c in claims):
            continue
        rows.append(_row(data, group, claims, outlets, events))
    rows.sort(key=lambda r: (_ROW_STATUS[r["status"]], -r["sources"], r["what"].lower(), r["id"]))

    title = "Disputes: the figures sources give" + (f" about {filters['focus']}" if "focus" in filters else "")
    shown = [f"outlet {filters['source']}"] if "source" in filters else []
    shown += [f"{k} {filters[k]}" for k in ("since", "until") if k in filters]
    if shown:
        title += " (" + ", ".join(shown) + ")"
    used = sorted({i for r in rows for v in r["values"] for i in (v["outlet"], v["original"]) if i >= 0})
    note = (
        ""
        if rows
        else "Nothing to show: no figure is stated by more than one outlet"
        + (" with these options." if filters else ".")
    )
    return Board(
        title=title,
        rows=rows,
        outlets=list(outlets),
        events=list(events),
        note=note,
        counts={
            "rows": len(rows),
            "contested": sum(r["status"] == "conflicting" for r in rows),
            "claims": sum(len(r["values"]) for r in rows),
            "outlets": len(used),
        },
        filters=filters,
        page_size=page_size,
    )


def _date(data: GraphData, c: graphdata.Claim) -> str:
    """The date a claim's figure is about where the graph knows it, else when it was said or published."""
    if c.as_of:
        return c.as_of
    if c.stated:
        return c.stated
    article = data.articles.get(c.article or "")
    return article.published if article else ""


def _index(names: dict[str, int], name: str) -> int:
    if name not in names:
        names[name] = len(names)
    return names[name]


def _interval(q: graphdata.Quantity) -> tuple[float | None, float | None]:
    """The values a figure allows: ``(lo, hi)``, ``None`` open-ended (as :attr:`kg.model.Quantity.interval`)."""
    value, lower, upper = number(q.value), number(q.lower), number(q.upper)
    if value is not None and q.approximate and (lower is None or upper is None):
        lower = value * 0.9 if lower is None else lower
        upper = value * 1.1 if upper is None else upper
    lo = lower if lower is not None else value
    hi = upper if upper is not None else (value if lower is None else None)
    return lo, hi


def _row(
    data: GraphData, group: graphdata.ClaimGroup, claims: list[graphdata.Claim], outlets: dict, events: dict
) -> dict:
    values = []
    for c in sorted(claims, key=lambda c: (_date(data, c), c.iri)):
        q = data.quantities[c.object]  # type: ignore[index]
        lo, hi = _interval(q)
        article = data.articles.get(c.article or "") or graphdata.Article("")
        publisher = data.label(article.outlet) if article.outlet else ""
        original = data.label(c.original_source) if c.original_source else ""
        values.append(
            {
                "text": q.display,
                "number": number_text(q.value, q.lower, q.upper, q.approximate),
                "lo": lo,
                "hi": hi,
                "point": lo is not None and lo == hi,
                "status": c.status or "single-source",
                "speaker": data.speaker_label(c.speaker),  # none for the unnamed-outlet placeholder
                "outlet": _index(outlets, publisher) if publisher else -1,
                "original": _index(outlets, original) if original and original != publisher else -1,
                "date": _date(data, c),
                "stated": c.stated or article.published,
                "quote": c.quote,
                "title": article.title,
                "url": article.url if article.url and _URL.match(article.url) else "",
                "basis": c.basis or "",
                "machine": c.method == "machine",
                "claim": c.iri,
            }
        )
    statuses = Counter(v["status"] for v in values)
    status = (
        "conflicting"
        if group.contested or statuses["conflicting"]
        else "corroborated"
        if statuses["corroborated"]
        else "not compared"
    )
    what = data.labels.get(group.kind or "") or (local_name(group.kind) if group.kind else "")
    counted = sorted({data.quantities[c.object].counted for c in claims if data.quantities[c.object].counted})  # type: ignore[index]
    predicates = sorted({data.label(c.predicate) for c in claims if c.predicate})
    scope = sorted({c.scope for c in claims if c.scope})
    modality = sorted({c.modality for c in claims if c.modality and c.modality != "actual"})
    as_of = sorted({c.as_of for c in claims if c.as_of})
    sources = {(c.original_source or data.outlet(c.article)) for c in claims} - {None}
    finite = [x for v in values for x in (v["lo"], v["hi"]) if x is not None]
    open_ended = any(v["hi"] is None for v in values)
    return {
        "id": local_name(group.iri),
        "what": what or (counted[0] if counted else data.label(group.predicate)),
        "counted": counted,
        "predicates": predicates,
        "event": _index(events, data.label(group.topic)),
        "scope": scope,
        "modality": modality,
        "asOf": as_of,
        "status": status,
        "basis": group.basis or _basis(values, status, outlets),
        "sources": len(sources),
        "lo": min(finite, default=0),
        "hi": max(finite, default=0),
        "open": open_ended,
        "values": values,
    }


def _basis(values: list[dict], status: str, outlets: dict) -> str:
    """The status in words where the graph stores no ``kg:basis``: the values and who gives each."""
    names = list(outlets)
    by_value: dict[str, list[str]] = {}
    for v in values:
        who = names[v["original"]] if v["original"] >= 0 else names[v["outlet"]] if v["outlet"] >= 0 else "no outlet"
        if who not in by_value.setdefault(v["number"], []):
            by_value[v["number"]].append(who)
    said = " vs ".join(f"{value} ({', '.join(who)})" for value, who in by_value.items())
    rule = {
        "conflicting": "the ranges do not overlap",
        "corroborated": "the ranges overlap",
        "not compared": "not compared",
    }[status]
    return f"{said}: {rule}"
