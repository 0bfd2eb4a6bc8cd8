"""Relations between entities read from the dependency parse, mapped onto the ontology's predicates.

A verb whose base form has a relation (:data:`~kg.annotate.lexicon.RELATION_VERBS`: repatriate,
thank, urge, host, broker, sign, join, leave for ...) relates its subject (or, in the passive,
the agent after "by") to its object (or the object of the relation's preposition: "left for X",
"called for X", "took part in X"). Participles describing a noun ("talks brokered by Iran")
relate the agent to the noun; conjunctions spread ("Iran, Russia and Turkey"). Both ends must be
entities (linked or proposed); counts are left to the quantities component. A few noun phrases
carry a relation too: "his gratitude to X" (thanked), "negotiators from X" (participatedIn).
"""

from __future__ import annotations

from typing import Any

from ..model import Claim, Span
from ..vocab import ACTOR_TYPES
from .components import Draft, machine
from .events import phase_for
from .lexicon import RELATION_PREPOSITIONS, RELATION_VERBS, lemma
from .mentions import PRONOUNS, lookup, people_group

__all__ = ["find_relations"]

_NOT_VERB = {"nsubj", "nsubjpass", "dobj", "pobj", "compound", "amod", "attr", "appos", "det", "poss", "npadvmod",
             "nmod", "case", "punct", "prep"}  # fmt: skip
_PLACES = ("Place", "Country")
_EVENTS = ("Operation", "Event")
# what a relation's object may be (None: anything but a bare place)
_OBJECT_TYPES = {
    "leftFor": _PLACES,
    "joined": ("ArmedGroup", "Organisation", "Group", "GovernmentBody"),
    "signed": ("Document",),
    "hosted": (*_EVENTS, "Group", "Person", "Organisation"),
    "participatedIn": _EVENTS,
    "carriedOut": _EVENTS,
    "ordered": _EVENTS,
    "announced": (*_EVENTS, "Document"),
    "praised": (*ACTOR_TYPES, *_EVENTS),
    "fought": (*ACTOR_TYPES, *_EVENTS),
    "repatriated": ("Group", "Person"),
    "evacuated": ("Group", "Person"),
    "returned": ("Group", "Person"),
    "heldHostage": ("Group", "Person"),
    "detained": ("Group", "Person", "ArmedGroup"),
    "arrested": ("Group", "Person"),
    "monitors": ("Group", "Person", "ArmedGroup"),
    "warned": ("Group", "Person", *ACTOR_TYPES),
}
_REPATRIATION = {"repatriated", "evacuated", "returned"}
_OBJECT_CONTROL = {"persuade", "urge", "ask", "force", "help", "encourage", "allow", "order", "tell", "convince",
                   "lure", "recruit", "push", "call", "invite", "send"}  # fmt: skip
_SUCCESS = {"success", "successful", "triumph", "achievement"}
_DELEGATES = {"negotiators", "representatives", "delegates", "delegations", "officials", "envoys", "members"}


def _actors_after(resolve: _Resolver, token: Any, prepositions: tuple[str, ...]) -> list[str]:
    """Actors named after "<token> to ..." up to the end of the clause (a relative clause or "for" ends it)."""
    preps = [c for c in token.children if c.dep_ == "prep" and c.text.lower() in prepositions]
    if not preps:
        return []
    found: list[str] = []
    for t in token.doc[preps[0].i + 1 : token.sent.end]:
        if t.text.lower() in ("who", "which", "that", "for") or (t.dep_ == "relcl"):
            break
        entity = resolve.finder.of_token(t)
        if entity and resolve.doc.entity_type(entity) in ACTOR_TYPES and entity not in found:
            found.append(entity)
    return found


def _children(token: Any, deps: tuple[str, ...]) -> list[Any]:
    found = []
    for child in token.children:
        if child.dep_ in deps:
            found.append(child)
            found.extend(child.conjuncts)
    return found


def _prep_objects(token: Any, prepositions: tuple[str, ...]) -> list[Any]:
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.text.lower() in prepositions:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.append(pobj)
                    found.extend(pobj.conjuncts)
    return found


def _subjects(token: Any) -> list[Any]:
    subjects = _children(token, ("nsubj",))
    if not subjects and token.dep_ == "xcomp" and token.head.i != token.i:
        # object control: "persuaded Kazakhs to travel" - the object of the verb above travels
        controllers = _children(token.head, ("dobj",)) if lemma(token.head.text) in _OBJECT_CONTROL else []
        return controllers or _subjects(token.head)
    if not subjects and token.dep_ in ("conj", "advcl", "relcl") and token.head.i != token.i:
        if token.dep_ == "relcl":
            return [token.head, *token.head.conjuncts]
        return _subjects(token.head)
    return subjects


def _agents(token: Any) -> list[Any]:
    found = []
    for child in token.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.append(pobj)
                    found.extend(pobj.conjuncts)
    if not found and token.dep_ != "acl":
        # the parser may hang "by X" on a word lower in the clause ("between May 7 and May 9 by X")
        for t in token.subtree:
            if t.dep_ == "agent" and t.head.dep_ not in ("relcl", "acl") and t.head.i != token.i:
                found += [p for p in t.children if p.dep_ == "pobj"]
    return found


_FAMILY_OF = {"leftFor": "departure", "joined": "departure", "fought": "departure", "monitors": "departure",
              "warned": "departure", "repatriated": "return", "evacuated": "return", "returned": "return",
              "helped": "return", "heldHostage": "return", "detained": "return", "arrested": "return",
              "imprisoned": "return", "convicted": "departure"}  # fmt: skip
_EVENT_NOUNS = {"operation", "evacuation", "repatriation", "talks", "mission", "session", "meeting", "conference"}


class _Resolver:
    def __init__(self, doc: Draft) -> None:
        self.doc = doc
        self.finder = lookup(doc)
        self.speakers = doc.extras.get("speakers") or [None] * len(doc.doc)
        self.events = doc.extras.get("sentence_events", {})

    def phase(self, entity_id: str, token: Any) -> str:
        """An operation named as a whole ("Operation Zhusan ... in January") narrowed to the phase its date fits."""
        return phase_for(self.doc, entity_id, token)

    def entities(
        self, tokens: list[Any], types: tuple[str, ...] | None = None, relation: str | None = None,
        spread: bool = False,
    ) -> list[str]:  # fmt: skip
        found = []
        if spread:
            # "by X, Y and Z": every actor named in the phrase
            for token in tokens:
                for entity in self.finder.in_phrase(token):
                    if (types is None or self.doc.entity_type(entity) in types) and entity not in found:
                        found.append(entity)
            if found:
                return found
        for token in tokens:
            if token.like_num:
                continue
            lower = token.text.lower()
            entity = None
            if lower in ("who", "which", "that") and token.head.dep_ == "relcl":
                token = token.head.head
                lower = token.text.lower()
            if lower in PRONOUNS:
                entity = self.speakers[token.i] if PRONOUNS[lower] == "Person" else None
                if entity is None and PRONOUNS[lower] == "Person":
                    entity = self.finder.before(token.idx, ("Person",))
            else:
                group = people_group(self.doc, token, _FAMILY_OF.get(relation or "", "departure"))
                if group is False:
                    continue
                entity = group or self.finder.of_phrase(token, prefer=types or ACTOR_TYPES)
                if entity is None and lower in _EVENT_NOUNS:
                    # "the operation": the event this sentence is about, or the last one before it
                    entity = self.events.get(token.sent.start) or self._last_event(token)
            if entity is None:
                continue
            if types and self.doc.entity_type(entity) not in types:
                continue
            if entity not in found:
                found.append(entity)
        return found

    def _last_event(self, token: Any) -> str | None:
        starts = [s for s in self.events if s < token.sent.start]
        return self.events[max(starts)] if starts else None


def find_relations(doc: Draft) -> Draft:
    """Subject - relation - object claims between entities, from verbs and their arguments."""
    resolve = _Resolver(doc)
    events = doc.extras.get("sentence_events", {})
    for sent in doc.sentences():
        triples: list[tuple[str, str, str, float]] = []
        for token in doc.tokens()[sent.start : sent.end]:
            lower = token.lower_
            if lower in _NOUN_TRIGGERS:
                triples.extend(_from_noun(resolve, token))
            elif lemma(lower) in _VERB_TRIGGERS:
                triples.extend(_from_verb(doc, resolve, token, events.get(sent.start)))
        seen = set()
        text = sent.text.strip()
        start = sent.start_char + sent.text.index(text)
        statement_date = next((s.date for s in doc.statements if s.span.start <= start < s.span.end), None)
        for subject, predicate, obj, confidence in triples:
            if subject == obj or (subject, predicate, obj) in seen:
                continue
            seen.add((subject, predicate, obj))
            speaker = resolve.speakers[sent.start] or next(
                (resolve.speakers[t.i] for t in sent if resolve.speakers[t.i]), None
            )
            doc.claims.append(
                Claim(
                    span=Span(start, start + len(text), doc.article.text[start : start + len(text)]),
                    speaker=speaker or doc.article.outlet,
                    subject=subject,
                    predicate=predicate,
                    object=obj,
                    about=events.get(sent.start) if doc.entity_type(obj) not in _EVENTS else None,
                    date=statement_date if speaker else None,
                    provenance=machine("relations", confidence),
                )
            )
    return doc


def _from_verb(doc: Draft, resolve: _Resolver, token: Any, event: str | None) -> list[tuple[str, str, str, float]]:
    base = lemma(token.text)
    relation = RELATION_VERBS.get(base)
    if relation is None and base not in ("carry", "take"):
        return []
    particles = {c.text.lower() for c in token.children if c.dep_ in ("prt", "dobj")}
    if base == "carry" and "out" in particles:
        relation = "carriedOut"
    elif base == "take" and "part" in particles:
        relation = "participatedIn"
    if relation is None or token.dep_ in _NOT_VERB:
        return []
    if relation == "heldHostage" and "hostage" not in {t.text.lower() for t in token.subtree}:
        return []
    if relation == "calledFor" and base == "call" and not _prep_objects(token, ("for",)):
        return []
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) or token.dep_ == "acl"
    if base in ("characterize", "characterise", "describe", "hail") and any(
        t.text.lower() in _SUCCESS for t in token.subtree
    ):
        relation = "praised"
    if passive:
        subjects = _agents(token)
        objects = _children(token, ("nsubjpass",))
        if not objects and token.dep_ == "conj":
            objects = _children(token.head, ("nsubj", "nsubjpass"))
        if token.dep_ == "acl":
            objects = [token.head, *token.head.conjuncts]
    else:
        subjects = _subjects(token)
        objects = _children(token, ("dobj",))
    prepositions = RELATION_PREPOSITIONS.get(relation, ())
    if relation == "participatedIn":
        prepositions = ("in",)
    if relation == "joined" and not objects:
        prepositions = ("with",)
    if prepositions:
        objects += _prep_objects(token, prepositions)
    object_types = _OBJECT_TYPES.get(relation)
    subject_ids = resolve.entities(subjects, ACTOR_TYPES, relation, spread=passive)
    object_ids = resolve.entities(objects, object_types, relation)
    object_ids = [resolve.phase(o, token) for o in object_ids]
    if object_types is None:
        object_ids = [o for o in object_ids if doc.entity_type(o) not in ("Place",)]
    found = [(s, relation, o, 0.6) for s in subject_ids for o in object_ids]
    if relation in _REPATRIATION and passive and subject_ids and event and not object_ids:
        # "they were brought from Syria by X": X carried out the operation
        found += [(s, "carriedOut", event, 0.5) for s in subject_ids]
    if relation == "carriedOut" and subject_ids and not object_ids and event:
        found += [(s, "carriedOut", event, 0.5) for s in subject_ids]
    return found


_NOUN_TRIGGERS = {"gratitude", "thanks", "instructions", "instruction", "orders", "order", "during", "at"} | _DELEGATES
_VERB_TRIGGERS = {*RELATION_VERBS, "carry", "take", "characterize", "characterise", "describe"}


def _from_noun(resolve: _Resolver, token: Any) -> list[tuple[str, str, str, float]]:
    lower = token.text.lower()
    if lower not in _NOUN_TRIGGERS:
        return []
    if lower in ("gratitude", "thanks") and token.dep_ in ("dobj", "pobj", "nsubj"):
        objects = _actors_after(resolve, token, ("to",))
        owner = [c for c in token.children if c.dep_ == "poss"]
        subjects = resolve.entities(owner or _subjects(token.head), ("Person", *ACTOR_TYPES))
        return [(s, "thanked", o, 0.5) for s in subjects for o in objects]
    if lower in ("instructions", "instruction", "orders", "order") and token.dep_ == "pobj":
        # "on my instructions, ... were evacuated": the speaker ordered the operation of the sentence
        owner = [c for c in token.children if c.dep_ == "poss"]
        event = resolve.events.get(token.sent.start)
        if owner and event and token.head.text.lower() in ("on", "under", "by", "following"):
            subjects = resolve.entities(owner, ("Person", *ACTOR_TYPES))
            return [(s, "ordered", event, 0.5) for s in subjects]
    if lower in ("during", "at") and token.dep_ == "prep":
        # "X said ... during the 3rd session of the Astana Club": X took part in it
        events = resolve.entities([c for c in token.children if c.dep_ == "pobj"], _EVENTS)
        subjects = resolve.entities(_children(token.head, ("nsubj",)), ("Person", "GovernmentBody", "Organisation"))
        return [(s, "participatedIn", e, 0.5) for s in subjects for e in events]
    if lower in _DELEGATES and token.dep_ in ("dobj", "nsubj", "pobj"):
        parties = resolve.entities(_prep_objects(token, ("from",)), ACTOR_TYPES)
        verb = token.head
        if lemma(verb.text) not in ("feature", "include", "involve", "bring", "gather") or token.dep_ != "dobj":
            return []
        events = resolve.entities(_subjects(verb), _EVENTS)
        return [(p, "participatedIn", e, 0.5) for p in parties for e in events]
    return []
