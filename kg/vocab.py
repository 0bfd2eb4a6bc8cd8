"""One vocabulary of kinds: entity types and their superclasses, claim statuses, partial dates.

Everything else imports these names; ``tests/test_vocab.py`` checks them against the ontology
(``ontology/kg.ttl``) both ways, so adding an actor type or a status touches this module and the
ontology, nothing else.

Examples
--------
>>> SUPERCLASSES["Country"]
('Actor', 'Place')
>>> status_name(STATUS_IRI["single-source"]), status_name("Conflicting")
('single-source', 'conflicting')
>>> date_period("2019-02")
(datetime.date(2019, 2, 1), datetime.date(2019, 2, 28))
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from rdflib import XSD, URIRef

from .namespace import KG

__all__ = [
    "ACTOR_TYPES",
    "DATE_DATATYPES",
    "ENTITY_TYPES",
    "EVENT_TYPES",
    "MODALITIES",
    "MODALITY_IRI",
    "PARTIAL_DATE",
    "SCOPES",
    "SCOPE_IRI",
    "STATUSES",
    "STATUS_IRI",
    "SUPERCLASSES",
    "UNNAMED_OUTLET",
    "date_datatype",
    "date_period",
    "date_precision",
    "entity_class",
    "speaker_label",
    "status_name",
]

ACTOR_TYPES: tuple[str, ...] = (
    "Person",
    "Country",
    "GovernmentBody",
    "Organisation",
    "ArmedGroup",
    "MediaOutlet",
    "Group",
)
"""Local names of the ``kg:Actor`` classes: who can act, speak or be acted upon."""

ENTITY_TYPES: tuple[str, ...] = (*ACTOR_TYPES, "Place", "Operation", "Event", "Document")
"""Every type a registry entity may have (``type:`` in ``registry.yaml``)."""

EVENT_TYPES: tuple[str, ...] = ("Operation", "Event")
"""Entity types that happen: they have dates, agents and places."""

SUPERCLASSES: dict[str, tuple[str, ...]] = {
    **{actor: ("Actor",) for actor in ACTOR_TYPES},
    "Country": ("Actor", "Place"),
    "Place": (),
    "Operation": ("Event",),
    "Event": (),
    "Document": (),
}
"""Each entity type's kg superclasses (all of them, not only the direct ones), as in the ontology.

The build types every entity with these too, so that a query finds every actor, place or event
with one triple.
"""


def entity_class(type_name: str) -> URIRef:
    """The ontology class of an entity type.

    Parameters
    ----------
    type_name : str
        One of :data:`ENTITY_TYPES`.

    Returns
    -------
    URIRef
        ``kg:TYPE``.

    Raises
    ------
    KeyError
        When ``type_name`` is not an entity type.

    Examples
    --------
    >>> entity_class("MediaOutlet")
    rdflib.term.URIRef('https://kg.example.org/ontology#MediaOutlet')
    """
    if type_name not in SUPERCLASSES:
        raise KeyError(type_name)
    return KG[type_name]


STATUSES: tuple[str, ...] = ("conflicting", "corroborated", "single-source")
"""A claim's status across sources (``docs/data-model.md``, "Across sources")."""

STATUS_IRI: dict[str, URIRef] = {
    "conflicting": KG.Conflicting,
    "corroborated": KG.Corroborated,
    "single-source": KG.SingleSource,
}
"""Each status as the ``kg:ClaimStatus`` individual that ``kg:status`` points to."""

_STATUS_OF_LOCAL = {str(iri).rsplit("#", 1)[-1]: name for name, iri in STATUS_IRI.items()}
_STATUS_OF_IRI = {str(iri): name for name, iri in STATUS_IRI.items()}


UNNAMED_OUTLET = "unnamed outlet"
"""The label of the outlet ``kg annotate`` proposes for an article that names none and has no address: a
placeholder that reads as one (never "Unknown outlet"). Readers never show it as a speaker."""


def speaker_label(label: str | None) -> str:
    """The name to show for a speaker: its label, or ``""`` for the unnamed-outlet placeholder.

    A claim of an article that names no outlet is attributed to the placeholder outlet (it is
    still the claim's source in the graph), but nobody said it under that name.

    Examples
    --------
    >>> speaker_label("Reuters"), speaker_label(UNNAMED_OUTLET), speaker_label(None)
    ('Reuters', '', '')
    """
    return "" if not label or label == UNNAMED_OUTLET else label


def status_name(iri: str) -> str:
    """A status as a string, from its IRI, its local name or the string itself.

    Parameters
    ----------
    iri : str
        ``kg:SingleSource``'s full IRI, ``SingleSource`` or ``single-source``.

    Raises
    ------
    KeyError
        When ``iri`` names no status.

    Examples
    --------
    >>> status_name("https://kg.example.org/ontology#Corroborated")
    'corroborated'
    >>> status_name("SingleSource"), status_name("single-source")
    ('single-source', 'single-source')
    """
    text = str(iri)
    name = _STATUS_OF_IRI.get(text) or _STATUS_OF_LOCAL.get(text)
    if name is None:
        if text in STATUS_IRI:
            return text
        raise KeyError(iri)
    return name


MODALITIES: tuple[str, ...] = ("actual", "planned", "estimated")
"""Whether a claim reports what happened, what is intended or expected, or an estimate.

``"actual"`` is the default and is not written: "returned 14 children" is actual, "intends to
return 14 more" and "are expected on the next flight" are planned, "are believed to" and
"an estimated 400" are estimated.
"""

SCOPES: tuple[str, ...] = ("cumulative", "increment")
"""The time scope of a count, when the text gives one: a running total ("in total", "so far",
"since January", "this year") is cumulative; "another 14" or "14 more" is an increment. A
count with no scope (``None``) is the figure of one operation or a stock figure.
"""


MODALITY_IRI: dict[str, URIRef] = {"actual": KG.Actual, "planned": KG.Planned, "estimated": KG.Estimated}
"""Each modality as the ``kg:Modality`` individual that ``kg:modality`` points to."""

SCOPE_IRI: dict[str, URIRef] = {"cumulative": KG.Cumulative, "increment": KG.Increment}
"""Each scope as the ``kg:CountScope`` individual that ``kg:scope`` points to."""


PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
"""A partial date as the corpus writes it: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

_PRECISION = {4: "year", 7: "month", 10: "day"}

DATE_DATATYPES: dict[str, URIRef] = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}
"""The XSD datatype of a partial date, by precision."""


def date_precision(value: str) -> str:
    """``"year"``, ``"month"`` or ``"day"``: how precise a partial date is.

    Raises
    ------
    ValueError
        When ``value`` is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Examples
    --------
    >>> date_precision("2019"), date_precision("2019-05"), date_precision("2019-05-10")
    ('year', 'month', 'day')
    """
    if not PARTIAL_DATE.match(value):
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return _PRECISION[len(value)]


def date_datatype(value: str) -> URIRef:
    """The XSD datatype of a partial date: ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``.

    >>> date_datatype("2019-05") == XSD.gYearMonth
    True
    """
    return DATE_DATATYPES[date_precision(value)]


def date_period(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date names.

    Parameters
    ----------
    value : str
        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Raises
    ------
    ValueError
        When ``value`` is not such a date, or names no real month or day.

    Examples
    --------
    >>> date_period("2019")
    (datetime.date(2019, 1, 1), datetime.date(2019, 12, 31))
    >>> date_period("2020-02-29")
    (datetime.date(2020, 2, 29), datetime.date(2020, 2, 29))
    """
    precision = date_precision(value)
    year = int(value[:4])
    if precision == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(value[5:7])
    if precision == "month":
        first = dt.date(year, month, 1)
        return first, first.replace(day=calendar.monthrange(year, month)[1])
    day = dt.date.fromisoformat(value)
    return day, day
