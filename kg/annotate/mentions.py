"""Finding the entity a token or a phrase of the parse refers to, through the linked mentions."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from ..model import Mention, Span
from .components import Draft, machine
from .lexicon import PEOPLE_NOUNS, lemma
from .linking import index_of
from .normalise import singular, word_key

__all__ = [
    "GROUP_FAMILIES",
    "PRONOUNS",
    "MentionLookup",
    "action_family",
    "group_mentions",
    "lookup",
    "people_countries",
    "people_group",
    "phrase_tokens",
]

PRONOUNS = {"he": "Person", "she": "Person", "him": "Person", "her": "Person", "his": "Person",
            "they": None, "them": None, "their": None, "it": None, "its": None}  # fmt: skip
"""Pronouns a speaker or an actor may be named by, and the entity type they stand for (None: any)."""


class MentionLookup:
    """The mentions of one article, searchable by character range."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.mentions: list[Mention] = sorted(draft.mentions, key=lambda m: (m.span.start, m.span.end))
        self.starts = [m.span.start for m in self.mentions]

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """Mentions that overlap the characters [start, end)."""
        found = []
        i = bisect_right(self.starts, end) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.span.end > start and m.span.start < end:
                found.append(m)
            if m.span.end <= start and m.span.start < start - 200:
                break
            i -= 1
        return sorted(found, key=lambda m: m.span.start)

    def of_token(self, token: Any) -> str | None:
        """The entity of the mention that covers ``token``."""
        hits = self.overlapping(token.idx, token.idx + len(token.text))
        return hits[0].entities[0] if hits else None

    def of_phrase(
        self, token: Any, *, prefer: tuple[str, ...] = ("Person",), avoid: tuple[str, ...] = ()
    ) -> str | None:
        """The entity a phrase headed by ``token`` names: the head's own mention, else the best in the phrase.

        The phrase is the head with its modifiers, "of" phrases and appositions (not its relative
        clauses or other prepositions). Mentions in it are ranked by the types in ``prefer`` (an
        appositive name beats the body it heads: "the head of the KNB, Bakhytbek Rakhymberdiyev"),
        then by position.
        """
        own = self.of_token(token)
        if own is not None and self.draft.entity_type(own) not in avoid:
            return own
        hits = [e for e in self.in_phrase(token) if self.draft.entity_type(e) not in avoid]
        if not hits:
            return None

        def rank(item: tuple[int, str]) -> tuple[int, int]:
            position, entity = item
            etype = self.draft.entity_type(entity)
            return (prefer.index(etype) if etype in prefer else len(prefer), position)

        return min(enumerate(hits), key=rank)[1]

    def in_phrase(self, token: Any) -> list[str]:
        """Entities of the mentions inside the phrase headed by ``token``, in text order."""
        found: list[str] = []
        for t in phrase_tokens(token):
            entity = self.of_token(t)
            if entity is not None and entity not in found:
                found.append(entity)
        return found

    def before(self, position: int, types: tuple[str, ...] | None, window: int = 600) -> str | None:
        """The last mention (of ``types``) that ends before ``position``, within ``window`` characters."""
        i = bisect_right(self.starts, position) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.span.end <= position:
                if position - m.span.end > window:
                    return None
                etype = self.draft.entity_type(m.entities[0])
                if types is None or etype in types:
                    return m.entities[0]
            i -= 1
        return None


_PHRASE_DEPS = {"compound", "amod", "poss", "appos", "pobj", "det", "nmod", "conj", "cc", "punct", "case",
                "quantmod", "nummod", "npadvmod", "prep"}  # fmt: skip


def phrase_tokens(token: Any) -> list[Any]:
    """The head and what it is made of: modifiers, "of"/"from" phrases, appositions, conjuncts (no clauses)."""
    out = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ not in _PHRASE_DEPS:
                continue
            if child.dep_ == "prep" and child.text.lower() not in ("of", "from"):
                continue
            out.append(child)
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def lookup(draft: Draft) -> MentionLookup:
    """The mention lookup of a draft (rebuilt when its mentions changed)."""
    cached = draft.extras.get("_lookup")
    if cached is None or len(cached.mentions) != len(draft.mentions):
        cached = MentionLookup(draft)
        draft.extras["_lookup"] = cached
    return cached


# --- groups of people ------------------------------------------------------------------------------

_COLLECTIVES = {"majority", "many", "most", "some", "those", "group", "thousands", "hundreds", "dozens", "scores",
                "millions", "several"}  # fmt: skip
GROUP_FAMILIES = {
    "departure": {"joined", "join", "travelled", "traveled", "left", "went", "fighters", "insurgents", "militants",
                  "fought", "abroad"},
    "return": {"returned", "repatriated", "returnees", "evacuated", "arrived", "returning", "brought"},
}  # fmt: skip
"""Words in a Group entity's label that say what the group did: went to fight abroad, or came back."""


def _is_people_word(draft: Draft, token: Any) -> bool:
    lower = token.text.lower()
    if lower in _COLLECTIVES or singular(lower) in PEOPLE_NOUNS:
        return True
    index = index_of(draft.context)
    return token.text[:1].isupper() and lower.endswith("s") and word_key(token.text[:-1]) in index.demonym_of


def people_countries(draft: Draft, token: Any) -> tuple[bool, list[str]]:
    """Whether ``token`` heads a phrase about people ("Kazakh citizens", "hundreds of Kazakhs", "those who left"),
    and the countries and regions it says they are from."""
    if not _is_people_word(draft, token):
        return False, []
    index = index_of(draft.context)
    finder = lookup(draft)
    places: list[str] = []
    for t in phrase_tokens(token):
        entity = finder.of_token(t)
        if entity is None and t.text[:1].isupper() and t.text.endswith("s"):
            entity = index.demonym_of.get(word_key(t.text[:-1]))
        if entity and draft.entity_type(entity) in ("Country", "Place") and entity not in places:
            places.append(entity)
    return True, places


def people_group(draft: Draft, token: Any, family: str) -> str | bool | None:
    """The registry Group a phrase about people refers to, for what they did (``departure`` or ``return``).

    Returns the group's id; False when the phrase is about people but no group fits (the caller
    should not read it as the country it names); None when the phrase is not about people.
    """

    finder = lookup(draft)
    own = finder.of_token(token)
    if own is not None and draft.entity_type(own) == "Group":
        return own
    if _is_people_word(draft, token):
        # "the majority of Kazakh citizens": the group named inside the phrase
        inner = [e for e in finder.in_phrase(token) if draft.entity_type(e) == "Group"]
        if len(inner) == 1:
            return inner[0]
    is_people, places = people_countries(draft, token)
    if not is_people:
        return None
    # what the phrase itself says they did ("Kazakhstanis who fought for IS", "those who returned")
    for child in token.children:
        if child.dep_ in ("relcl", "acl"):
            verb = lemma(child.text)
            if verb in ("return", "repatriate", "evacuate", "bring", "arrive"):
                family = "return"
            elif verb in ("fight", "join", "leave", "travel", "go"):
                family = "departure"
    words = GROUP_FAMILIES[family]
    best = None
    for entity_id, label_words, country in _groups(draft):
        if not label_words & words:
            continue
        if len(places) == 1 and country == places[0]:
            return entity_id
        if len(places) != 1 and country is None and "foreign" in label_words and best is None:
            best = entity_id
    return best if best else False


def _groups(draft: Draft) -> list[tuple[str, set[str], str | None]]:
    """The registry's Group entities: id, the words of the label, the country it names (cached per context)."""
    cache = draft.context.cache
    if "groups" not in cache:
        index = index_of(draft.context)
        cache["groups"] = [
            (e.id, set(e.label.lower().replace("-", " ").split()), index.country_in(e.label))
            for e in index.registry.entities.values()
            if e.type == "Group"
        ]
    return cache["groups"]


_RETURN_VERBS = {"return", "repatriate", "evacuate", "bring", "rescue", "arrive"}
_CHILDREN = {"child", "minor", "orphan", "kid", "boy", "girl", "baby", "infant"}
_DEPARTURE_VERBS = {"leave", "travel", "go", "join", "fight", "flee", "head"}


def action_family(token: Any) -> str | None:
    """What the people a phrase names did, from the verbs around it: ``return``, ``departure`` or None."""
    current = token
    for _ in range(4):
        candidates = [current, *[c for c in current.children if c.dep_ in ("xcomp", "relcl", "acl", "advcl")]]
        for verb in candidates:
            base = lemma(verb.text)
            if base == "leave" and any(c.text.lower() == "behind" for c in verb.children):
                continue  # "leave any children behind"
            if base in _RETURN_VERBS:
                return "return"
            if base in _DEPARTURE_VERBS:
                return "departure"
        if current.head.i == current.i:
            break
        current = current.head
    return None


def _people_span(token: Any) -> tuple[int, int]:
    """Characters of a people phrase: its adjectives and compounds, and an "of <country>" after it."""
    start = token
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.i < token.i and child.text[:1].isupper():
            start = min(start, child, key=lambda t: t.i)
    end = token.idx + len(token.text)
    for child in token.children:
        if child.dep_ == "prep" and child.text.lower() == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.text[:1].isupper():
                    end = pobj.idx + len(pobj.text)
    return start.idx, end


def group_mentions(doc: Draft) -> Draft:
    """People named by nationality ("Kazakh citizens", "Kazakhs") as the registry group they belong to.

    What they did decides the group: repatriated, evacuated or returned citizens are the group of
    returnees, those who left, travelled or joined are the group that went abroad (groups of the
    registry whose labels say so). Phrases with no such verb stay as they were.
    """
    index = index_of(doc.context)
    finder = lookup(doc)
    added = []
    for token in doc.doc:
        text = token.text
        if not text[:1].isalpha() or (not text.endswith("s") and singular(text.lower()) not in PEOPLE_NOUNS):
            continue
        plural_demonym = (
            token.text[:1].isupper() and token.text.endswith("s") and word_key(token.text[:-1]) in index.demonym_of
        )
        if not plural_demonym and singular(token.text.lower()) not in PEOPLE_NOUNS:
            continue
        start, end = _people_span(token)
        if not plural_demonym and start == token.idx and end == token.idx + len(token.text):
            continue  # "citizens" alone says nobody's nationality
        family = action_family(token)
        if family is None or (family == "departure" and singular(token.text.lower()) in _CHILDREN):
            continue
        group = people_group(doc, token, family)
        if not group:
            continue
        inside = finder.overlapping(start, end)
        if any(doc.entity_type(m.entities[0]) not in ("Country",) for m in inside):
            continue
        if any(m.span.start < start or m.span.end > end for m in inside):
            continue
        for m in inside:
            doc.mentions.remove(m)
        added.append(Mention(Span(start, end, doc.article.text[start:end]), (group,), machine("groups", 0.6)))
    doc.mentions.extend(added)
    return doc
