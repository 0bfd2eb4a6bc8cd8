"""Finding an entity by the name a user types: its id, its label or any alias.

One resolver for every command that takes a name (``kg analyze path``, ``kg viz --focus`` ...).
A name is matched, in this order:

1. an id written as one: ``id:tokayev`` or the full IRI;
2. exactly, case, accents and punctuation folded: a label, an alias, or a bare id (``tokayev``);
3. as whole words of a label or an alias (``Nursultan`` finds Nursultan Nazarbayev), when only one
   entity has them.

A name that matches several entities at one step is ambiguous (E802, with their ids); a name that
matches nothing is unknown (E801), with the closest names: first the entities that one of
:func:`kg.annotate.normalise.name_key`'s spellings names (``Toqaev``, ``Tokaev`` for Tokayev),
then by string similarity (rapidfuzz). A transliteration variant is suggested, not taken: the
user sees which entity is meant.

Examples
--------
>>> names = {
...     "https://kg.example.org/id/afp": ("Agence France-Presse", ["AFP"]),
...     "https://kg.example.org/id/tca": ("The Times of Central Asia", ["TCA"]),
... }
>>> resolve("afp", names), resolve("id:tca", names)
('https://kg.example.org/id/afp', 'https://kg.example.org/id/tca')
>>> resolve("times of central", names)
'https://kg.example.org/id/tca'
>>> resolve("Agense France", names, what="outlet")
Traceback (most recent call last):
...
kg.errors.KGError: E801 unknown outlet 'Agense France'; closest: Agence France-Presse, The Times of Central Asia
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz, process

from .annotate.normalise import fold, name_key, words
from .errors import KGError
from .namespace import ID, short_iri

__all__ = ["Names", "find", "fold_name", "resolve", "suggest"]

Names = Mapping[str, tuple[str, Sequence[str]]]
"""``{key: (label, aliases)}``: the entities to look in, keyed by IRI."""

_ID = str(ID)


def fold_name(text: str) -> str:
    """A name as it is compared: lower case, no accents, punctuation as single spaces.

    >>> fold_name("  Kassym-Jomart  TOKAYEV "), fold_name("Agence France‑Presse")
    ('kassym jomart tokayev', 'agence france presse')
    """
    return " ".join(words(fold(text)))


def _id_of(key: str) -> str | None:
    return key[len(_ID) :] if key.startswith(_ID) else None


def find(name: str, names: Names, *, partial: bool = True) -> list[str]:
    """The keys ``name`` names at the first step that matches any (see the module), sorted.

    Parameters
    ----------
    name : str
        What the user typed.
    names : mapping
        ``{key: (label, aliases)}``.
    partial : bool
        Also match whole words of a name (step 3); else only ids and whole names.

    Returns
    -------
    list of str
        No key when nothing matches, several when the name is ambiguous.

    Examples
    --------
    >>> find("zhusan", {"id:z1": ("Operation Zhusan, January 2019", []), "id:z2": ("Operation Zhusan, May 2019", [])})
    ['id:z1', 'id:z2']
    """
    text = name.strip()
    if not text:
        return []
    # 1. an id written as one
    lowered = text.casefold()
    wanted_id = lowered[3:] if lowered.startswith("id:") else None
    by_id = [
        key
        for key in names
        if key.casefold() == lowered or (wanted_id is not None and (_id_of(key) or "").casefold() == wanted_id)
    ]
    if by_id:
        return sorted(by_id)
    # 2. exactly, folded: a label, an alias or a bare id
    wanted = fold_name(text)
    if not wanted:
        return []
    exact = [
        key
        for key, (label, aliases) in names.items()
        if wanted in {fold_name(n) for n in (label, *aliases)} or (_id_of(key) or "").casefold() == lowered
    ]
    if exact or not partial:
        return sorted(exact)
    # 3. whole words of a label or an alias
    pattern = re.compile(rf"(?:^| ){re.escape(wanted)}(?: |$)")
    return sorted(
        key for key, (label, aliases) in names.items() if any(pattern.search(fold_name(n)) for n in (label, *aliases))
    )


def suggest(name: str, names: Names, limit: int = 3) -> list[tuple[str, str]]:
    """The entities whose names are closest to ``name``, best first: ``(key, the name that came closest)``.

    Entities that a spelling of ``name`` names (the same :func:`~kg.annotate.normalise.name_key`)
    come first, then the closest by rapidfuzz's ``WRatio`` on folded names; one entry per entity.

    Examples
    --------
    >>> suggest("Tokaev", {"id:t": ("Kassym-Jomart Tokayev", ["Tokayev"]), "id:k": ("Kazakhstan", [])}, limit=1)
    [('id:t', 'Tokayev')]
    """
    choices: dict[str, str] = {}
    for key, (label, aliases) in names.items():
        for n in (label, *aliases):
            choices.setdefault(n, key)
    if not choices:
        return []
    typed = name_key(name)
    found = [n for n in choices if typed and name_key(n) == typed]
    matches = process.extract(name, list(choices), scorer=fuzz.WRatio, processor=fold_name, limit=limit * 4)
    found += [match for match, _score, _i in matches]
    result: list[tuple[str, str]] = []
    seen: set[str] = set()
    for n in found:
        key = choices[n]
        if key not in seen:
            seen.add(key)
            result.append((key, n))
    return result[:limit]


def resolve(name: str, names: Names, *, what: str = "name", where: str = "", show: str = "label") -> str:
    """The key of the one entity ``name`` names (see the module for the order of the steps).

    Parameters
    ----------
    name : str
        What the user typed (``"AFP"``, ``"tokayev"``, ``"id:tokayev"``).
    names : mapping
        ``{key: (label, aliases)}``: the entities to look in.
    what : str
        What is looked for, for the error message (``"outlet"``, ``"focus"``).
    where : str
        Where it was looked for, for the error message (``" in the actors view"``).
    show : {"label", "name"}
        How an error lists the closest entities: by their labels, or by the names that came closest
        (quoted).

    Returns
    -------
    str
        The key of the entity found.

    Raises
    ------
    KGError
        E801 when nothing matches (with the closest names), E802 when several entities do (with their ids).
    """
    found = find(name, names)
    if len(found) == 1:
        return found[0]
    if found:
        raise KGError("E802", what=what, name=name, candidates=_candidates(found, names))
    closest = suggest(name, names)
    if show == "name":
        hint = ", ".join(dict.fromkeys(repr(n) for _key, n in closest))
    else:
        hint = ", ".join(dict.fromkeys(names[key][0] for key, _n in closest))
    raise KGError("E801", what=what, name=name, where=where, hint=hint or "(nothing to choose from)")


def _candidates(keys: list[str], names: Names, limit: int = 8) -> str:
    shown = [f"{names[k][0]} ({short_iri(k)})" if _id_of(k) is not None else names[k][0] for k in keys]
    shown = sorted(dict.fromkeys(shown), key=str.casefold)
    more = f" (and {len(shown) - limit} more)" if len(shown) > limit else ""
    return ", ".join(shown[:limit]) + more
