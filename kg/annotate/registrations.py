"""The built-in annotation components, registered in one place, and the lookup a pipeline uses.

Each component module only defines plain functions (``linking.link_entities``,
``attribution.attribute`` ...); this module names them and declares what each one ``requires``
and ``assigns`` (the pattern of spaCy's ``registrations.py``). Importing a component module
registers nothing: :func:`populate` registers the built-ins once, on the first lookup
(:func:`get_component`, :func:`registered_components`). A component a user registers with
:func:`~kg.annotate.components.component` under a built-in name keeps its place.

Examples
--------
>>> get_component("entities").requires
('doc',)
>>> [c.name for c in BUILT_IN][:3]
['nlp', 'outlet', 'credits']
"""

from __future__ import annotations

from ..errors import KGError
from .attribution import attribute, keep_statements
from .components import Component, register, registered
from .credits import find_credits
from .dates import read_dates
from .events import find_events
from .linking import link_entities, link_outlet
from .mentions import group_mentions
from .nlp import nlp_component
from .quantities import find_quantities
from .relations import find_relations

__all__ = ["BUILT_IN", "get_component", "populate", "registered_components"]

BUILT_IN = (
    Component("nlp", nlp_component, requires=("article",), assigns=("doc", "prose"), batch=True),
    Component("outlet", link_outlet, requires=("article",), assigns=("article.outlet",)),
    Component("credits", find_credits, requires=("article",), assigns=("article.via",)),
    Component("entities", link_entities, requires=("doc",), assigns=("mentions",)),
    Component("groups", group_mentions, requires=("doc", "mentions"), assigns=("mentions",)),
    Component("dates", read_dates, requires=("doc",), assigns=("dates",)),
    Component("attribution", attribute, requires=("doc", "mentions"), assigns=("statements", "speakers")),
    Component("events", find_events, requires=("doc", "mentions", "dates", "speakers"), assigns=("operations",)),
    Component(
        "quantities", find_quantities, requires=("doc", "mentions", "speakers", "operations"), assigns=("claims",)
    ),
    Component("relations", find_relations, requires=("doc", "mentions", "speakers", "operations"), assigns=("claims",)),
    Component("statements", keep_statements, requires=("statements", "claims"), assigns=("statements",)),
)
"""The components that come with kg, with what each reads and writes."""

_POPULATED = False


def populate() -> None:
    """Register the built-in components (once per process; later calls do nothing)."""
    global _POPULATED
    if _POPULATED:
        return
    for comp in BUILT_IN:
        register(comp, replace=False)
    _POPULATED = True


def registered_components() -> dict[str, Component]:
    """Every registered component by name, the built-in ones included."""
    populate()
    return registered()


def get_component(name: str) -> Component:
    """The component registered as ``name``; E651 naming the known ones otherwise.

    Raises
    ------
    KGError
        E651 when no component has that name.
    """
    known = registered_components()
    if name not in known:
        raise KGError("E651", name=name, known=", ".join(sorted(known)))
    return known[name]
