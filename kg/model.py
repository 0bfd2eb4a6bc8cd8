"""The data model every stage shares.

Annotators produce these objects, the reader builds them from YAML, the compiler turns them into
RDF and tests build them by hand. Offsets are Unicode code points into ``Article.text``, end
exclusive.

Examples
--------
>>> text = "On April 30, Tajikistan repatriated 84 minors from Iraq."
>>> span = Span.of(text, "Tajikistan repatriated 84 minors")
>>> (span.start, span.end)
(13, 45)
>>> Quantity(value=84, counted="minors", kind="children").label
'84 minors'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .vocab import ACTOR_TYPES, ENTITY_TYPES, EVENT_TYPES

__all__ = [
    "ACTOR_TYPES",
    "ENTITY_TYPES",
    "EVENT_TYPES",
    "Annotated",
    "Article",
    "Claim",
    "Corpus",
    "Entity",
    "Kind",
    "Mention",
    "Operation",
    "Provenance",
    "Quantity",
    "Registry",
    "Role",
    "Span",
    "Statement",
]


@dataclass(frozen=True)
class Span:
    """A verbatim quote and where it stands in the article text."""

    start: int
    end: int
    quote: str

    @classmethod
    def of(cls, text: str, quote: str, start: int = 0) -> Span:
        """The first occurrence of ``quote`` in ``text`` at or after ``start``."""
        at = text.index(quote, start)
        return cls(at, at + len(quote), quote)


@dataclass(frozen=True)
class Provenance:
    """Who made an annotation: a person (curated) or a pipeline component (machine)."""

    method: str = "curated"
    component: str | None = None
    confidence: float | None = None


CURATED = Provenance()


@dataclass(frozen=True)
class Role:
    title: str
    start: str | None = None
    end: str | None = None


@dataclass
class Entity:
    """One canonical entry of the registry: an actor, place, operation, event or document."""

    id: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    roles: tuple[Role, ...] = ()
    phase_of: str | None = None

    @property
    def is_actor(self) -> bool:
        return self.type in ACTOR_TYPES

    @property
    def is_event(self) -> bool:
        return self.type in EVENT_TYPES

    @property
    def surface_forms(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass
class Kind:
    """What a quantity counts (people, children, ...)."""

    id: str
    label: str
    broader: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass
class Registry:
    entities: dict[str, Entity] = field(default_factory=dict)
    kinds: dict[str, Kind] = field(default_factory=dict)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]


@dataclass
class Article:
    """An article: its verbatim text and metadata."""

    id: str
    text: str
    title: str
    outlet: str
    language: str = "en"
    via: tuple[str, ...] = ()
    author: str | None = None
    url: str | None = None
    published: str | None = None
    published_inferred: bool = False
    published_basis: str | None = None
    outlet_basis: str | None = None
    source_file: str | None = None
    boilerplate: tuple[Span, ...] = ()
    repeats: tuple[Span, ...] = ()
    """Later copies of paragraphs repeated on the page (computed, not curated)."""


@dataclass(frozen=True)
class Quantity:
    """A number as the article gives it: a value, bounds, or both."""

    value: Decimal | int | None = None
    lower: Decimal | int | None = None
    upper: Decimal | int | None = None
    approximate: bool = False
    counted: str | None = None
    kind: str | None = None

    @property
    def label(self) -> str:
        if self.value is not None:
            number = f"{'about ' if self.approximate else ''}{self.value}"
        elif self.lower is not None and self.upper is not None:
            number = f"{self.lower}-{self.upper}"
        elif self.lower is not None:
            number = f"at least {self.lower}"
        else:
            number = f"at most {self.upper}"
        return f"{number} {self.counted}" if self.counted else number

    @property
    def interval(self) -> tuple[Decimal | None, Decimal | None]:
        """The values the text allows, inclusive; ``None`` is open-ended.

        An approximate value without bounds allows +-10 %.

        >>> Quantity(value=400, approximate=True).interval
        (Decimal('360.0'), Decimal('440.0'))
        >>> Quantity(lower=201).interval
        (Decimal('201'), None)
        """
        lower = None if self.lower is None else Decimal(self.lower)
        upper = None if self.upper is None else Decimal(self.upper)
        if self.value is not None:
            value = Decimal(self.value)
            if self.approximate:
                lower = value * Decimal("0.9") if lower is None else lower
                upper = value * Decimal("1.1") if upper is None else upper
            else:
                lower = value if lower is None else lower
                upper = value if upper is None else upper
        return lower, upper


@dataclass
class Mention:
    """A surface form in the text that names one or more entities."""

    span: Span
    entities: tuple[str, ...]
    provenance: Provenance = CURATED


@dataclass
class Statement:
    """Attributed speech, anchored to its quote."""

    span: Span
    speaker: str
    date: str | None = None
    about: str | None = None
    provenance: Provenance = CURATED
    line: int | None = None


@dataclass
class Claim:
    """Who said, where and when, that subject - predicate - object holds.

    The object is an entity id (``object``), a date literal (``literal``) or a ``quantity``.
    ``modality`` is one of :data:`~kg.vocab.MODALITIES` (what happened, what is planned, an
    estimate), ``scope`` one of :data:`~kg.vocab.SCOPES` or None, and ``as_of`` the partial date
    a running total or a stock figure counts to.
    """

    span: Span
    speaker: str
    subject: str
    predicate: str
    object: str | None = None
    quantity: Quantity | None = None
    literal: str | None = None
    about: str | None = None
    date: str | None = None
    provenance: Provenance = CURATED
    line: int | None = None
    modality: str = "actual"
    scope: str | None = None
    as_of: str | None = None


@dataclass
class Operation:
    """What one passage says about an operation or event: dates, agents, places, phases."""

    event: str
    span: Span
    speaker: str
    date: str | None = None
    start: str | None = None
    end: str | None = None
    on: str | None = None
    agents: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    origin: tuple[str, ...] = ()
    destination: tuple[str, ...] = ()
    phase_of: str | None = None
    provenance: Provenance = CURATED
    line: int | None = None


@dataclass
class Annotated:
    """An article with everything annotated in it."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    operations: list[Operation] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    source: str | None = None
    """The annotation file it was read from."""


@dataclass
class Corpus:
    registry: Registry
    articles: list[Annotated] = field(default_factory=list)
