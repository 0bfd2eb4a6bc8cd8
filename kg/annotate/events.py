"""Operations and events: repatriations, evacuations, returns, detentions, departures, named operations.

A sentence speaks of an event when it has a trigger word (repatriate, evacuation, return,
detention, left ... to join), names an operation or event of the registry ("Operation Zhusan",
"the talks"), or refers back to one ("the operation", "the evacuation"). The event is linked to the
registry entry whose label fits best — the countries and places it names, the kind of action, and
above all its date against the date the sentence gives (normalised against the article's date) —
or proposed as a new entity. Agents come from the subject ("Tajikistan repatriated") or the
passive agent ("by Kazakhstan's Foreign Ministry"), origin from "from X", destination from "to
X" (or, for a repatriation, the agent's own country).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..model import Entity, Operation, Span
from .components import Draft, machine
from .dates import MONTHS, When, may_fall_within, normalise_date
from .lexicon import DEPARTURE_VERBS, DETENTION_WORDS, REPATRIATION_WORDS, clause_subjects, lemma
from .linking import PROPOSED_NOTE, index_of, proposed_entity
from .mentions import lookup
from .normalise import fold, word_key

__all__ = ["find_events"]

_OPERATION_NOUNS = {"operation", "operations", "mission", "evacuation", "evacuations", "repatriation",
                    "repatriations", "airlift", "rescue"}  # fmt: skip
_FAMILY_WORDS = {
    "repatriation": {"repatriation", "repatriate", "evacuation", "evacuate", "return", "returned", "operation",
                     "rescue", "airlift", "reunited", "brought"},
    "detention": {"detention", "detained", "arrest", "arrested", "imprisoned", "prison", "camp", "camps"},
    "departure": {"departures", "departure", "travel", "left", "joined", "join", "fighters"},
}  # fmt: skip
# who carries out an operation: not a group of people (they are its subjects) nor an outlet (it
# reports it); in this order, a country before the bodies and people acting for it
_AGENTS = ("Country", "GovernmentBody", "Organisation", "ArmedGroup", "Person")
_PLACES = ("Country", "Place")
_PROPOSED_CONFIDENCE = 0.4  # an event no registry entry a person checked names
_MONTHS = "|".join(MONTHS)
_LABEL_DATE = re.compile(rf"(?:(\d{{1,2}})(?:\s*-\s*(\d{{1,2}}))?\s+)?\b({_MONTHS})\s+(\d{{4}})|\b(1[89]\d\d|20\d\d)\b",
                         re.IGNORECASE)  # fmt: skip


@dataclass
class _EventEntry:
    entity: Entity
    places: set[str]
    family: str | None
    start: str | None
    end: str | None


def _family(text: str) -> str | None:
    words = set(re.findall(r"[a-z]+", fold(text)))
    for family, vocabulary in _FAMILY_WORDS.items():
        if words & vocabulary:
            return family
    return None


def _label_dates(label: str) -> tuple[str | None, str | None]:
    m = _LABEL_DATE.search(label)
    if not m:
        return None, None
    if m.group(5):
        if re.search(rf"\b(since|from)\s+{m.group(5)}", label):
            return m.group(5), None  # "since 2011": open-ended
        return m.group(5), m.group(5)
    month = MONTHS.index(m.group(3).lower()) + 1
    prefix = f"{m.group(4)}-{month:02d}"
    if m.group(1):
        return f"{prefix}-{int(m.group(1)):02d}", f"{prefix}-{int(m.group(2) or m.group(1)):02d}"
    return prefix, prefix


def _event_index(draft: Draft) -> list[_EventEntry]:
    cache = draft.context.cache
    if "event-index" not in cache:
        index = index_of(draft.context)
        entries = []
        for entity in draft.context.registry.entities.values():
            if not entity.is_event:
                continue
            places = {m.entities[0] for m in index.scan(entity.label)}
            for word in re.findall(r"[A-Z][a-z]+s\b", entity.label):  # "Kazakhstanis", "Tajiks"
                country = index.demonym_of.get(word_key(word[:-1]))
                if country:
                    places.add(country)
            start, end = _label_dates(entity.label)
            entries.append(_EventEntry(entity, places, _family(entity.label), start, end))
        cache["event-index"] = entries
    return cache["event-index"]


def _compatible(when: str | None, start: str | None, end: str | None) -> bool | None:
    """Whether a date fits a period (None when either is unknown)."""
    if when is None or start is None:
        return None
    return may_fall_within(when, start, end)


def _objects(token: Any, dep: str) -> list[Any]:
    found = []
    for child in token.children:
        if child.dep_ == dep:
            found.append(child)
            found.extend(child.conjuncts)
    return found


def _prep_objects(token: Any, prepositions: tuple[str, ...]) -> list[Any]:
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "prt") and child.text.lower() in prepositions:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.append(pobj)
                    found.extend(pobj.conjuncts)
                elif pobj.dep_ == "prep" and pobj.text.lower() == "of":
                    found.extend(_prep_objects(child, ("of",)))  # "out of Syria"
    return found


def _entities(draft: Draft, tokens: list[Any], types: tuple[str, ...]) -> tuple[str, ...]:
    finder = lookup(draft)
    found: list[str] = []
    for token in tokens:
        entity = finder.of_phrase(token, prefer=types)
        if entity and draft.entity_type(entity) in types and entity not in found:
            found.append(entity)
    return tuple(found)


def _country_of(draft: Draft, entity_id: str) -> str | None:
    """The country an actor belongs to: itself, or the country its label names."""
    entity = draft.entity(entity_id)
    if entity is None:
        return None
    if entity.type == "Country":
        return entity.id
    return index_of(draft.context).country_in(entity.label)


def _home(doc: Draft, sent: Any, origin: tuple[str, ...]) -> tuple[str, ...]:
    """Where people came home to: "back in X", "home to X", "arrived in X", "landed in X"."""
    objects = []
    for token in sent:
        if token.text.lower() in ("back", "home") or lemma(token.text) in ("arrive", "land"):
            objects += [p for c in token.children if c.dep_ == "prep" and c.text.lower() in ("in", "to", "at")
                        for p in c.children if p.dep_ == "pobj"]  # fmt: skip
    return tuple(e for e in _entities(doc, objects, _PLACES) if e not in origin)


def find_events(doc: Draft) -> Draft:
    """Operations and events the sentences speak of, linked to the registry or proposed."""
    sdoc = doc.doc
    entries = _event_index(doc)
    finder = lookup(doc)
    speakers = doc.extras.get("speakers") or [None] * len(sdoc)
    date_of = {}
    for start, end, when in doc.extras.get("dates", ()):
        date_of[start] = (start, end, when)
    sentence_events: dict[int, str] = {}
    last_event: str | None = None
    article_date = doc.article.published
    for sent in doc.sentences():
        mentioned = [
            m.entities[0]
            for m in finder.overlapping(sent.start_char, sent.end_char)
            if doc.entity(m.entities[0]) is not None and doc.entity(m.entities[0]).is_event
        ]
        trigger, family = None, None
        for token in doc.tokens()[sent.start : sent.end]:
            base = lemma(token.text)
            lower = token.text.lower()
            if base in REPATRIATION_WORDS or lower in _OPERATION_NOUNS:
                if base == "bring" and not any(c.text.lower() in ("back", "home", "from") for c in token.children):
                    continue
                if base == "fly" and not (
                    any(c.text.lower() in ("back", "home", "from", "out") for c in token.children)
                    and any(c.dep_ in ("dobj", "nsubjpass", "npadvmod") for c in token.children)
                ):
                    continue  # people flown home or out of a country, not a minister who flew somewhere
                trigger, family = token, "repatriation"
                break
            if base in DETENTION_WORDS or lower in DETENTION_WORDS:
                trigger, family = token, "detention"
                break
            if base in DEPARTURE_VERBS and re.search(r"\bjoin|\bfight", sent.text, re.IGNORECASE):
                trigger, family = token, "departure"
                break
        if trigger is None and not mentioned:
            continue
        anaphoric = trigger is not None and any(
            c.dep_ == "det" and c.text.lower() in ("the", "this", "that") for c in trigger.children
        ) and trigger.text.lower() in _OPERATION_NOUNS and not mentioned  # fmt: skip
        # dates in the sentence
        whens: list[When] = [w for s, _, w in (date_of[t.i] for t in sent if t.i in date_of)]
        when = whens[0] if whens else None
        point = (when.on or when.start) if when else None
        # participants
        agents: tuple[str, ...] = ()
        inferred: tuple[str, ...] = ()
        origin: tuple[str, ...] = ()
        destination: tuple[str, ...] = ()
        if trigger is not None:
            subjects = [t for s in clause_subjects(trigger) for t in (s, *s.conjuncts)]
            subjects += _prep_objects(trigger, ("by",))
            for child in trigger.children:
                if child.dep_ == "agent":
                    subjects += [g for g in child.children if g.dep_ == "pobj"]
                    subjects += [c for g in child.children if g.dep_ == "pobj" for c in g.conjuncts]
                if child.dep_ == "poss":
                    subjects.append(child)
            if not subjects and any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children):
                # "brought ... between May 7 and May 9 by X": the parser may hang "by X" lower in the clause
                for t in trigger.subtree:
                    if t.dep_ == "agent":
                        subjects += [g for g in t.children if g.dep_ == "pobj"]
            if trigger.dep_ in ("xcomp", "acl", "relcl") and not subjects:
                subjects = _objects(trigger.head, "nsubj")
            agents = _entities(doc, subjects, _AGENTS)
            origin = _entities(doc, _prep_objects(trigger, ("from", "out")), _PLACES)
            destination = _entities(doc, _prep_objects(trigger, ("to", "into")), _PLACES)
            if not origin:
                origin = _entities(doc, [t for t in sent if t.text.lower() == "from" for t in t.children], _PLACES)
            if family == "repatriation" and not destination:
                homes = [_country_of(doc, a) for a in agents]
                homes = [h for h in homes if h and h not in origin]
                destination = tuple(dict.fromkeys(homes)) or _home(doc, sent, origin)
            if family == "repatriation" and not agents and destination and origin:
                # "79 children are back in X after being returned from Y": the country whose citizens come
                # home does the returning, not the place they come from, unless the sentence names someone
                inferred = tuple(
                    dict.fromkeys(c for d in destination if (c := _country_of(doc, d)) and c not in origin)
                )
        places = {e for m in finder.overlapping(sent.start_char, sent.end_char) for e in m.entities}
        places |= set(agents) | set(origin) | set(destination)
        places |= {c for e in list(places) if (c := _country_of(doc, e))}
        event, confidence = _link(entries, mentioned, family, point, article_date, places)
        if event is not None and (doc.entity(event).description or "").startswith(PROPOSED_NOTE):
            confidence = _PROPOSED_CONFIDENCE  # an event proposed on an earlier run, not yet checked by a person
        if event is None and anaphoric and last_event:
            event, confidence = last_event, 0.5
        if event is None:
            if trigger is None or family is None or family == "departure":
                continue
            if not (agents or origin) or (trigger.dep_ in ("nsubj", "dobj", "pobj") and not agents):
                continue  # a word like "return" with nobody doing it and nowhere it came from
            event, confidence = _propose(doc, family, agents, origin, destination, when), _PROPOSED_CONFIDENCE
        last_event = event
        sentence_events[sent.start] = event
        span_text = sent.text.strip()
        start = sent.start_char + sent.text.index(span_text)
        speaker = speakers[trigger.i] if trigger is not None else speakers[sent.start]
        statement_date = next((s.date for s in doc.statements if s.span.start <= start < s.span.end), None)
        doc.operations.append(
            Operation(
                event=event,
                span=Span(start, start + len(span_text), doc.article.text[start : start + len(span_text)]),
                speaker=speaker or doc.article.outlet,
                date=statement_date if speaker else None,
                start=when.start if when else None,
                end=when.end if when else None,
                on=when.on if when else None,
                agents=tuple(a for a in agents or inferred if doc.entity_type(a) != "Place"),
                origin=origin,
                destination=destination,
                provenance=machine("events", confidence),
            )
        )
    doc.extras["sentence_events"] = sentence_events
    return doc


def _link(
    entries: list[_EventEntry],
    mentioned: list[str],
    family: str | None,
    point: str | None,
    article_date: str | None,
    places: set[str],
) -> tuple[str | None, float]:
    """The registry event that fits the sentence best, with a confidence, or (None, 0)."""
    named = set(mentioned)
    phases_of_named = {e.entity.id for e in entries if e.entity.phase_of in named}
    best, best_score = None, 0.0
    for entry in entries:
        eid = entry.entity.id
        score = 0.0
        if eid in named:
            score += 3
        elif eid in phases_of_named:
            score += 2.5
        elif family is None:
            continue
        if family and entry.family == family:
            score += 1
        elif family and entry.family and entry.family != family:
            score -= 1
        score += len(entry.places & places)
        fits = _compatible(point, entry.start, entry.end)
        if fits is True:
            score += 2
        elif fits is False:
            score -= 4
        elif point is None:
            soft = _compatible(article_date, entry.start, entry.end)
            score += 1.5 if soft else (-2 if soft is False else 0)
        if score > best_score:
            best, best_score = eid, score
    if best is None or best_score < 2.5:
        return None, 0.0
    return best, min(0.9, 0.3 + best_score / 10)


def _merged(draft: Draft, label: str, entity_id: str) -> str | None:
    """The registry event a person merged a proposed event into (or renamed it to): the one whose aliases
    hold the proposed event's label or id."""
    cache = draft.context.cache
    if "event-aliases" not in cache:
        found: dict[str, set[str]] = {}
        for entity in draft.context.registry.entities.values():
            if entity.is_event:
                for alias in entity.aliases:
                    found.setdefault(fold(alias), set()).add(entity.id)
        cache["event-aliases"] = found
    ids = cache["event-aliases"].get(fold(label), set()) | cache["event-aliases"].get(fold(entity_id), set())
    return next(iter(ids)) if len(ids) == 1 else None


def _propose(
    draft: Draft,
    family: str,
    agents: tuple[str, ...],
    origin: tuple[str, ...],
    destination: tuple[str, ...],
    when: When | None,
) -> str:
    """The id of a new Operation or Event entity for an event the registry does not have.

    Its label says what happened, who did it, from where and when ("Repatriation by Tajikistan from
    Iraq, 2019-04-30": the sentence's date, else the article's); its description adds the country
    and the dates, so that a person can rename it or merge it with another in ``registry.yaml``. The
    same label gives the same id, in every article and on every run. An event a person merged into
    another (its label or id among the other's aliases) is that other event.
    """
    noun = {"repatriation": "Repatriation", "detention": "Detention", "departure": "Departures"}[family]
    parts = [noun]
    if agents:
        parts.append(f"by {draft.entity(agents[0]).label}")
    if origin:
        parts.append(f"from {draft.entity(origin[0]).label}")
    point = (when.on or when.start) if when else None
    date = point or draft.article.published
    label = " ".join(parts) + (f", {date}" if date else "")
    etype = "Operation" if family == "repatriation" else "Event"
    entity = proposed_entity(label, etype, draft.context.registry, draft.article.id)
    merged = _merged(draft, label, entity.id)
    if merged is not None:
        return merged
    if entity.id not in draft.proposed:
        country = next((c for a in (*agents, *destination) if (c := _country_of(draft, a))), None)
        what = [f"{noun.lower()}"]
        if agents:
            what.append(f"by {', '.join(draft.entity(a).label for a in agents)}")
        if origin:
            what.append(f"from {', '.join(draft.entity(o).label for o in origin)}")
        if destination:
            what.append(f"to {', '.join(draft.entity(d).label for d in destination)}")
        if when and when.start and when.end and when.start != when.end:
            what.append(f"from {when.start} to {when.end}")
        elif point:
            what.append(f"on {point}" if len(point) == 10 else f"in {point}")
        elif draft.article.published:
            what.append(f"reported on {draft.article.published}")
        if country:
            what.append(f"(country: {draft.entity(country).label})")
        description = (
            f"{PROPOSED_NOTE} (first seen in {draft.article.id}): {' '.join(what)}. "
            "Check it; rename it by editing its label, merge it into another event by deleting this entry "
            "and adding its id to the other's aliases."
        )
        draft.proposed[entity.id] = Entity(entity.id, etype, label, description=description)
    return entity.id


__all__ += ["normalise_date"]


def phase_for(draft: Draft, entity_id: str, token: Any) -> str:
    """The phase of an operation that the date near ``token`` points to ("Operation Zhusan ... in January").

    The date is taken from the phrase headed by ``token`` (its relative clause included), else
    from its sentence; without a date, or when no single phase fits, the operation itself is returned.
    """
    entity = draft.entity(entity_id)
    if entity is None or not entity.is_event:
        return entity_id
    phases = [e for e in _event_index(draft) if e.entity.phase_of == entity_id]
    if not phases:
        return entity_id
    found = draft.extras.get("dates", ())
    left, right = token.left_edge.i, token.right_edge.i
    whens = [w for s, _, w in found if left <= s <= right] or [
        w for s, _, w in found if token.sent.start <= s < token.sent.end
    ]
    for when in whens:
        point = when.on or when.start
        fitting = [p for p in phases if _compatible(point, p.start, p.end)]
        if len(fitting) == 1:
            return fitting[0].entity.id
    return entity_id
