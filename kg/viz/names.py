"""Finding an entity by a name a user types: its label or any alias, whatever the case.

Examples
--------
>>> names = {"id:afp": ("Agence France-Presse", ["AFP"]), "id:tca": ("The Times of Central Asia", ["TCA"])}
>>> resolve_name("afp", names)
'id:afp'
>>> resolve_name("times of central", names)
'id:tca'
>>> resolve_name("Agense France", names, what="outlet")
Traceback (most recent call last):
...
kg.errors.KGError: E801 unknown outlet 'Agense France'; closest: Agence France-Presse, The Times of Central Asia
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz, process

from ..errors import KGError

__all__ = ["resolve_name"]


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def resolve_name(name: str, names: Mapping[str, tuple[str, Sequence[str]]], *, what: str = "name") -> str:
    """The key of the one entry whose label or alias is ``name``, ignoring case and punctuation.

    An exact match wins; else a label or alias that contains ``name`` as whole words, when only one does.

    Parameters
    ----------
    name : str
        What the user typed (``"AFP"``, ``"tokayev"``).
    names : mapping
        ``{key: (label, aliases)}``: the entries to look in.
    what : str
        What is looked for, for the error message (``"outlet"``, ``"focus"``).

    Returns
    -------
    str
        The key of the entry found.

    Raises
    ------
    KGError
        E801 when nothing matches (with the closest names), E802 when several do.
    """
    wanted = _norm(name)
    if not wanted:
        raise KGError("E801", what=what, name=name, hint=_closest(name, names))
    exact = [key for key, (label, aliases) in names.items() if wanted in {_norm(n) for n in (label, *aliases)}]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise KGError("E802", what=what, name=name, matches=_labels(exact, names))
    pattern = re.compile(rf"(?:^| ){re.escape(wanted)}(?: |$)")
    partial = [
        key for key, (label, aliases) in names.items() if any(pattern.search(_norm(n)) for n in (label, *aliases))
    ]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        raise KGError("E802", what=what, name=name, matches=_labels(partial, names))
    raise KGError("E801", what=what, name=name, hint=_closest(name, names))


def _labels(keys: list[str], names: Mapping[str, tuple[str, Sequence[str]]], limit: int = 8) -> str:
    labels = sorted({names[k][0] for k in keys})
    more = f" (and {len(labels) - limit} more)" if len(labels) > limit else ""
    return ", ".join(labels[:limit]) + more


def _closest(name: str, names: Mapping[str, tuple[str, Sequence[str]]], limit: int = 3) -> str:
    choices: dict[str, str] = {}
    for label, aliases in names.values():
        for n in (label, *aliases):
            choices.setdefault(n, label)
    if not choices:
        return "(nothing to choose from)"
    found = process.extract(name, list(choices), scorer=fuzz.WRatio, processor=_norm, limit=limit * 4)
    labels: list[str] = []
    for match, _score, _i in found:
        if choices[match] not in labels:
            labels.append(choices[match])
    return ", ".join(labels[:limit])
