"""Word lists the annotators share: speech verbs, relation verbs, event words, title and count words.

These are general English (and news-on-conflict) vocabulary, not names or numbers of any article.
Verbs are listed by their base form; :func:`verb_forms` spells out the inflected forms, since the
pipeline runs without spaCy's lemmatizer.

Examples
--------
>>> sorted(verb_forms("repatriate"))
['repatriate', 'repatriated', 'repatriates', 'repatriating']
>>> RELATION_VERBS[FORMS["brought"]]
'returned'
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "APPROXIMATE",
    "BODY_NOUNS",
    "DOCUMENT_NOUNS",
    "OFFICIAL_NOUNS",
    "DETENTION_WORDS",
    "FORMS",
    "LOWER_BOUND",
    "PEOPLE_NOUNS",
    "PEOPLE_VERBS",
    "RELATION_VERBS",
    "REPATRIATION_WORDS",
    "SPEECH_VERBS",
    "clause_subjects",
    "UPPER_BOUND",
    "VAGUE_NUMBERS",
    "DEPARTURE_VERBS",
    "lemma",
    "verb_forms",
]

_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "bring": ("brought",),
    "go": ("went", "gone"),
    "leave": ("left",),
    "fight": ("fought",),
    "hold": ("held",),
    "take": ("took", "taken"),
    "write": ("wrote", "written"),
    "flee": ("fled",),
    "send": ("sent",),
    "lead": ("led",),
    "speak": ("spoke", "spoken"),
    "give": ("gave", "given"),
    "make": ("made",),
    "put": ("put",),
    "read": ("read",),
    "strip": ("stripped", "stripping"),
    "ban": ("banned", "banning"),
    "travel": ("travelled", "traveled", "travelling", "traveling"),
    "sentence": ("sentenced",),
    "seize": ("seized",),
    "fly": ("flew", "flown"),
}


def verb_forms(verb: str) -> set[str]:
    """The base form, third person, past and -ing forms of a regular English verb (plus irregulars)."""
    forms = {verb}
    if verb.endswith("e"):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {verb + "es", verb + "ed", verb + "ing"}
    else:
        forms |= {verb + "s", verb + "ed", verb + "ing"}
    forms |= set(_IRREGULAR.get(verb, ()))
    return forms


SPEECH_VERBS = frozenset(
    {"say", "tell", "add", "note", "state", "announce", "claim", "confirm", "declare", "explain", "write",
     "insist", "stress", "emphasise", "emphasize", "remark", "comment", "argue", "acknowledge", "deny", "reveal",
     "read", "assert", "mention", "indicate", "suggest", "report", "characterize", "characterise", "describe",
     "estimate", "predict", "admit", "recall", "complain", "allege", "respond", "reply", "conclude", "urge", "call",
     "appeal", "demand"}
)  # fmt: skip
"""Verbs that introduce what someone said ("Tokayev said", "the ministry reported")."""

RELATION_VERBS = {
    "repatriate": "repatriated",
    "evacuate": "evacuated",
    "return": "returned",
    "bring": "returned",
    "rescue": "evacuated",
    "airlift": "evacuated",
    "thank": "thanked",
    "praise": "praised",
    "hail": "praised",
    "commend": "praised",
    "urge": "urged",
    "call": "calledFor",
    "appeal": "calledFor",
    "demand": "calledFor",
    "host": "hosted",
    "broker": "brokered",
    "mediate": "brokered",
    "sign": "signed",
    "join": "joined",
    "leave": "leftFor",
    "travel": "leftFor",
    "go": "leftFor",
    "head": "leftFor",
    "fight": "fought",
    "kill": "killed",
    "displace": "displaced",
    "detain": "detained",
    "arrest": "arrested",
    "imprison": "imprisoned",
    "jail": "imprisoned",
    "convict": "convicted",
    "sentence": "convicted",
    "block": "blocked",
    "ban": "blocked",
    "announce": "announced",
    "conduct": "carriedOut",
    "organise": "carriedOut",
    "organize": "carriedOut",
    "order": "ordered",
    "instruct": "ordered",
    "help": "helped",
    "assist": "helped",
    "aid": "helped",
    "support": "supports",
    "warn": "warned",
    "monitor": "monitors",
    "watch": "monitors",
    "participate": "participatedIn",
    "estimate": "estimated",
    "hold": "heldHostage",
    "strip": "revokedCitizenshipOf",
    "revoke": "revokedCitizenshipOf",
}
"""Verbs (base form) and the ontology relation they express; ``hold`` only with "hostage"."""

# prepositions whose object is the relation's object, per relation
RELATION_PREPOSITIONS = {
    "leftFor": ("for", "to"),
    "calledFor": ("for",),
    "participatedIn": ("in",),
    "fought": ("for", "alongside", "with", "against", "in"),
    "returned": ("to",),
}

DEPARTURE_VERBS = frozenset({"leave", "travel", "go", "head", "flee"})
PEOPLE_VERBS = frozenset(
    {"leave", "travel", "go", "join", "fight", "die", "flee", "return", "live", "remain", "stay", "arrive",
     "cross", "kill", "displace", "evacuate", "repatriate", "detain", "arrest", "hold", "rescue", "bring"}
)  # fmt: skip
"""Verbs whose subject or object, when it is a bare count ("thousands have travelled"), counts people."""

REPATRIATION_WORDS = frozenset(
    {"repatriate", "repatriation", "evacuate", "evacuation", "return", "rescue", "airlift", "bring", "fly"}
)
"""Words of moving people home; "bring" and "fly" only with "back", "home", "out" or "from" (events.py)."""
DETENTION_WORDS = frozenset({"detain", "detention", "arrest", "imprison", "imprisonment", "jail", "captivity"})

PEOPLE_NOUNS = {
    "person": "people", "people": "people", "citizen": "people", "national": "people", "resident": "people",
    "civilian": "people", "refugee": "people", "returnee": "people", "hostage": "people", "detainee": "people",
    "prisoner": "people", "family": "people", "relative": "people", "individual": "people", "migrant": "people",
    "compatriot": "people", "case": None,
    "child": "children", "minor": "children", "kid": "children", "boy": "children", "girl": "children",
    "baby": "children", "infant": "children", "teenager": "children", "orphan": "orphans",
    "adult": "adults", "man": "men", "woman": "women", "wife": "women", "widow": "women", "mother": "women",
    "fighter": "fighters", "militant": "fighters", "insurgent": "fighters", "jihadist": "fighters",
    "combatant": "fighters", "soldier": "fighters",
}  # fmt: skip
"""Count nouns (singular) and the kind label they count, where the registry has a kind of that label."""

VAGUE_NUMBERS = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
    "millions": (2000000, None),
    "several": (3, 9),
    "a few": (2, 5),
    "a dozen": (12, 12),
}
"""Words for imprecise counts and the bounds they are read as (docs/annotation-format.md)."""

APPROXIMATE = frozenset({"about", "around", "approximately", "some", "roughly", "nearly", "almost", "estimated",
                         "an estimated", "circa", "approx"})  # fmt: skip
LOWER_BOUND = {"over": 1, "more than": 1, "above": 1, "at least": 0, "upwards of": 0, "in excess of": 1}
"""Words before a number that make it a lower bound, and what to add (over 200 = at least 201)."""
UPPER_BOUND = {"up to": 0, "under": -1, "fewer than": -1, "less than": -1, "at most": 0, "no more than": 0,
               "below": -1}  # fmt: skip

FORMS: dict[str, str] = {}
"""Inflected form -> base form, for every verb above."""
for _verb in {*SPEECH_VERBS, *RELATION_VERBS, *DEPARTURE_VERBS, *PEOPLE_VERBS, "characterize", "feature", "include",
              "conduct", "place", "register", "detect", "persuade", "take", "carry", "involve", "gather",
              "fly"}:  # fmt: skip
    for _form in verb_forms(_verb):
        FORMS.setdefault(_form, _verb)


def clause_subjects(verb: Any) -> list[Any]:
    """The subjects (``nsubj``) of a verb; where it has none, the subject it shares with a verb before it.

    In "Albania, criticised for moving slowly, brought home ..." the parser may hang "Albania" on
    "criticised" (an ``advcl`` of "brought", or "brought" a ``conj`` of it); the subject that opens
    the sentence is the verb's own, as in "X did A and did B".
    """
    found = [c for c in verb.children if c.dep_ == "nsubj"]
    if found:
        return found
    if verb.dep_ == "conj" and verb.head.i < verb.i and verb.head is not verb:
        return clause_subjects(verb.head)
    for clause in verb.children:
        if clause.dep_ == "advcl" and clause.i < verb.i:
            found += [c for c in clause.children
                      if c.dep_ == "nsubj" and c.i < clause.i and c.left_edge.i == clause.left_edge.i]  # fmt: skip
    return found


def lemma(token_text: str) -> str:
    """The base form of a verb form in the lists above (else the lower-cased word)."""
    lower = token_text.lower()
    return FORMS.get(lower, lower)


BODY_NOUNS = frozenset(
    {"ministry", "committee", "office", "service", "department", "agency", "government", "police", "commission",
     "council", "embassy", "administration", "presidency", "directorate", "prosecutor", "court", "authority",
     "secretariat", "mission", "body"}
)  # fmt: skip
"""Head nouns of a government body or organisation named again without its name ("the ministry said")."""

DOCUMENT_NOUNS = frozenset({"statement", "report", "communique", "release", "announcement", "notice", "message"})
"""Nouns for what a body issued, speaking for it ("the statement reads", "the statement said")."""

OFFICIAL_NOUNS = frozenset(
    {"minister", "spokesman", "spokeswoman", "spokesperson", "commissioner", "president", "ombudsman", "adviser",
     "advisor", "ambassador", "governor", "chairman", "chairwoman", "director", "head", "chief", "envoy",
     "prosecutor", "mayor", "leader", "deputy", "secretary"}
)  # fmt: skip
"""Titles that, after "the", name again a person already mentioned ("the deputy minister said")."""
