"""Annotation components: named functions from an annotated article to an annotated article.

Each component declares what it ``requires`` and what it ``assigns`` (as spaCy's
``@Language.component`` does); a pipeline is a list of component names, checked against those
declarations before anything runs. The document every component reads and writes is a
:class:`Draft`: a :class:`kg.model.Annotated` that also carries the work in progress (the spaCy
``Doc``, the entities proposed so far, who speaks where) until the pipeline hands back a plain
``Annotated``.

The built-in components are registered in one place, :mod:`kg.annotate.registrations`, which
is also where a pipeline looks them up; no component module registers anything by being imported.

Examples
--------
>>> from kg.model import Article
>>> from kg.annotate.registrations import get_component
>>> @component("shout-title", requires=("article",), assigns=("title",))
... def shout_title(doc: Draft) -> Draft:
...     doc.article.title = doc.article.title.upper()
...     return doc
>>> get_component("shout-title").assigns
('title',)
>>> draft = Draft(article=Article(id="a", text="Hello.", title="a title", outlet="x"))
>>> get_component("shout-title")(draft).article.title
'A TITLE'
>>> _ = unregister("shout-title")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..model import Annotated, Entity, Provenance, Registry

__all__ = [
    "BASE_ATTRIBUTES",
    "Component",
    "Context",
    "Draft",
    "component",
    "machine",
    "register",
    "registered",
    "unregister",
]

BASE_ATTRIBUTES = ("article",)
"""What every draft has before any component runs."""


@dataclass(frozen=True)
class Component:
    """A registered annotator: its name, function and declared inputs and outputs."""

    name: str
    func: Callable[..., Any]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    batch: bool = False
    """True when ``func`` takes and returns a list of drafts (the spaCy step batches)."""

    def __call__(self, doc: Draft) -> Draft:
        if self.batch:
            return self.func([doc])[0]
        return self.func(doc)

    @property
    def description(self) -> str:
        return (self.func.__doc__ or "").strip().splitlines()[0] if self.func.__doc__ else ""


_REGISTRY: dict[str, Component] = {}


def register(comp: Component, *, replace: bool = True) -> Component:
    """Register a component under its name.

    Parameters
    ----------
    comp : Component
        The component to register.
    replace : bool
        Replace a component registered under the same name (default); with False the one already
        registered stays (so a user's own ``nlp`` is not overwritten by the built-in one).

    Returns
    -------
    Component
        The component now registered under that name.
    """
    if replace or comp.name not in _REGISTRY:
        _REGISTRY[comp.name] = comp
    return _REGISTRY[comp.name]


def component(
    name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = (), batch: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a function as the annotation component ``name``.

    Parameters
    ----------
    name : str
        The name a pipeline configuration uses.
    requires : tuple of str
        Attributes the component reads (``article``, ``doc``, ``mentions`` ...); a pipeline in which
        no earlier component assigns one of them is rejected (E652).
    assigns : tuple of str
        Attributes it sets.
    batch : bool
        The function takes a list of drafts and returns the list (for batched steps).

    Returns
    -------
    callable
        A decorator that registers the function and returns it unchanged.
    """

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        register(Component(name, func, tuple(requires), tuple(assigns), batch))
        return func

    return decorate


def unregister(name: str) -> Component | None:
    """Remove a component from the registry (for tests and experiments); returns it."""
    return _REGISTRY.pop(name, None)


def registered() -> dict[str, Component]:
    """The components registered so far, by name (the built-in ones once registrations ran)."""
    return dict(_REGISTRY)


def machine(component_name: str, confidence: float) -> Provenance:
    """The provenance of an item proposed by a component, with its confidence rounded to 0.01."""
    return Provenance(method="machine", component=component_name, confidence=round(min(max(confidence, 0.0), 1.0), 2))


@dataclass
class Context:
    """What every draft of one pipeline shares: the registry, its indexes, the settings, the spaCy model."""

    registry: Registry
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    nlp: Any = None
    cache: dict[str, Any] = field(default_factory=dict)
    """Indexes built once per process from the registry (alias index, kinds ...)."""

    def setting(self, component_name: str, key: str, default: Any) -> Any:
        return self.settings.get(component_name, {}).get(key, default)


@dataclass(eq=False)
class Draft(Annotated):
    """An :class:`~kg.model.Annotated` with the work in progress of the components.

    ``doc`` is the spaCy ``Doc`` of the prose (set by ``nlp``); ``proposed`` the new entities this
    article introduced (id to :class:`~kg.model.Entity`); ``extras`` anything one component leaves
    for a later one (``speakers``, ``dates``, ``events`` ...).
    """

    context: Context | None = field(default=None, repr=False)
    doc: Any = field(default=None, repr=False)
    proposed: dict[str, Entity] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict, repr=False)

    def tokens(self) -> list[Any]:
        """The spaCy tokens of the prose, as one list (made once: spaCy builds a new Token on every access)."""
        if "_tokens" not in self.extras:
            self.extras["_tokens"] = list(self.doc) if self.doc is not None else []
        return self.extras["_tokens"]

    def sentences(self) -> list[Any]:
        """The sentences of the prose that hold more than white space."""
        if "_sentences" not in self.extras:
            self.extras["_sentences"] = [s for s in self.doc.sents if s.text.strip()] if self.doc is not None else []
        return self.extras["_sentences"]

    def entity(self, entity_id: str) -> Entity | None:
        """A registry entity or one proposed in this article."""
        if entity_id in self.proposed:
            return self.proposed[entity_id]
        registry = self.context.registry if self.context else None
        return registry.entities.get(entity_id) if registry else None

    def entity_type(self, entity_id: str) -> str | None:
        entity = self.entity(entity_id)
        return entity.type if entity else None

    def finish(self) -> Annotated:
        """The plain annotated article (no spaCy objects), with items in text order."""
        self.mentions.sort(key=lambda m: (m.span.start, m.span.end))
        self.operations.sort(key=lambda o: (o.span.start, o.span.end, o.event))
        self.claims.sort(key=lambda c: (c.span.start, c.span.end, c.subject, c.predicate))
        self.statements.sort(key=lambda s: (s.span.start, s.span.end))
        return Annotated(
            article=self.article,
            mentions=self.mentions,
            operations=self.operations,
            claims=self.claims,
            statements=self.statements,
            source=self.source,
        )
