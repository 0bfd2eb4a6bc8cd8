"""Matching keys for names: case, accents, punctuation and transliteration variants folded.

Names from Kazakh, Russian, Tajik or Arabic reach English news in several romanisations
(Kasym-Zhomart / Kassym-Jomart, Zhusan / Jusan, Toqaev / Tokayev). Rather than list the variants
of each name, :func:`name_key` folds the letters that romanisations disagree on, so every variant
of a name gets the same key.

Examples
--------
>>> name_key("Kasym-Zhomart Tokayev") == name_key("Kassym-Jomart Tokayev") == name_key("Qasym-Zhomart Toqaev")
True
>>> name_key("Operation Zhusan") == name_key("Operation Jusan")
True
>>> bag_key("Kazakhstan's Committee for National Security") == bag_key("National Security Committee of Kazakhstan")
True
>>> sorted(demonyms("Kazakhstan") & {"Kazakh", "Kazakhstani"})
['Kazakh', 'Kazakhstani']
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "STOPWORDS",
    "bag_key",
    "demonyms",
    "fold",
    "name_key",
    "singular",
    "word_key",
    "words",
]

_WORD = re.compile(r"[^\W_]+")
STOPWORDS = frozenset({"the", "of", "for", "and", "s", "a", "an", "in", "on", "at", "to", "de", "al"})
"""Words a bag key ignores (``s`` is what is left of a possessive ``'s``)."""

# Romanisation rules, applied in order to a lower-case ASCII word. Each pair folds spellings that
# transliterations of the same Cyrillic, Arabic or Persian letter produce.
_RULES = (
    (re.compile(r"dzh|dj|zh"), "j"),  # Ж/Дж: Zhomart / Jomart / Djomart
    (re.compile(r"q"), "k"),  # Қ: Qasym / Kasym
    (re.compile(r"ck"), "k"),
    (re.compile(r"kh"), "h"),  # Х: Rakhym / Rahym
    (re.compile(r"ou"), "u"),  # French-style: Dushanbe / Douchanbe
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), ""),  # Tokayev / Toqaev
    (re.compile(r"y"), "i"),  # Kasym / Kasim
    (re.compile(r"w"), "v"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"(.)\1+"), r"\1"),  # Kassym / Kasym
)


def fold(text: str) -> str:
    """Lower case, accents and typographic quotes removed.

    >>> fold("Kazakhstan’s Şeker")
    "kazakhstan's seker"
    """
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """The words of ``text`` (runs of letters and digits)."""
    return _WORD.findall(text)


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """One word's matching key: folded, then transliteration variants merged.

    >>> word_key("Kassym"), word_key("Zhusan"), word_key("Toqaev")
    ('kasim', 'jusan', 'tokaev')
    """
    key = fold(word)
    if not key.isascii():
        return key
    for pattern, replacement in _RULES:
        key = pattern.sub(replacement, key)
    return key


def name_key(text: str) -> str:
    """The matching key of a name: its word keys joined by spaces."""
    return " ".join(word_key(w) for w in words(text))


def bag_key(text: str) -> str:
    """An order-free key: the sorted word keys, stop words left out ("X's Y" = "Y of X")."""
    return " ".join(sorted({word_key(w) for w in words(text) if fold(w) not in STOPWORDS}))


def singular(word: str) -> str:
    """A crude English singular for matching counted nouns (``minors`` -> ``minor``).

    >>> singular("children"), singular("minors"), singular("militias"), singular("people")
    ('child', 'minor', 'militia', 'person')
    """
    lower = word.lower()
    irregular = {"children": "child", "people": "person", "men": "man", "women": "woman", "persons": "person"}
    if lower in irregular:
        return irregular[lower]
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith(("ses", "xes", "ches", "shes")):
        return lower[:-2]
    if lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3:
        return lower[:-1]
    return lower


def demonyms(country: str) -> set[str]:
    """Adjective and people forms a country name commonly takes, by English suffix rules.

    Over-generation is harmless: the forms only serve to recognise words in text. The rules cover
    -stan (Kazakh, Kazakhstani), -ia (Syrian), -y (German, Turkish), -en (Swedish) and plain -i,
    -an, -ian, -ese endings.
    """
    name = country.strip()
    if " " in name or len(name) < 4:
        return set()
    forms = {name + "i", name + "n", name + "an", name + "ian", name + "ese"}
    if name.endswith("istan"):
        forms |= {name[:-5], name[:-4]}
    elif name.endswith("stan"):
        forms.add(name[:-4])
    if name.endswith("a"):
        forms |= {name + "n", name[:-1] + "an"}
    if name.endswith("y"):
        forms |= {name[:-1], name[:-1] + "ish", name[:-2] + "ish"}
    if name.endswith("en"):
        forms |= {name[:-2] + "ish", name[:-1] + "ish"}
    if name.endswith("e"):
        forms.add(name[:-1] + "ian")
    return {f for f in forms if len(f) >= 4}
