"""Counts of people in the text, with what they count, as quantity claims.

Numbers in digits ("156", "1,000", "1.5 million") and in words ("seven", "forty-seven", read with
text2num), ranges ("400-500", "between 400 and 500"), bounds ("over 200" = at least 201, "up to
40", "more than 360,000"), approximations ("about", "around", "approximately") and vague counts
("dozens", "hundreds", "thousands", "several"), each with the noun it counts ("156 children",
"231 of its citizens", "47 men, women, and children") mapped to a quantity kind of the registry
(children, adults, fighters, people ...; a mixed list takes the kind they share). A number that
counts nothing the registry has a kind for (dates, ages, "four borders") is left alone.

Each count becomes a :class:`~kg.model.Claim`: its subject is who acted (the subject or passive
agent of the verb, else the country of the people counted), its predicate the ontology relation
of the verb ("repatriated", "evacuated", "leftFor", "killed" ...; "involved" otherwise), its
speaker whoever said the sentence, and it is ``about`` the event of the sentence.

Examples
--------
>>> parse_number(["about", "400"], 1)
(400, None, None, True, 2)
>>> parse_number(["over", "200"], 1)
(None, 201, None, False, 2)
>>> parse_number(["400", "-", "500"], 0)
(None, 400, 500, False, 3)
>>> parse_number(["forty", "-", "seven"], 0)
(47, None, None, False, 3)
>>> parse_number(["hundreds", "of"], 0)
(None, 200, 999, False, 1)
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..model import Claim, Quantity, Span
from ..vocab import ACTOR_TYPES
from .components import Draft, machine
from .dates import MONTHS
from .lexicon import (
    APPROXIMATE,
    LOWER_BOUND,
    PEOPLE_NOUNS,
    PEOPLE_VERBS,
    RELATION_VERBS,
    UPPER_BOUND,
    VAGUE_NUMBERS,
    clause_subjects,
    lemma,
)
from .linking import index_of
from .mentions import lookup
from .normalise import singular, word_key

__all__ = ["find_quantities", "parse_number"]

_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")
_UNITS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
          "million billion").split()  # fmt: skip
_SCALE = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORDS = frozenset(_UNITS)
_NOT_COUNTS = re.compile(
    r"^(year|years|yr|%|percent|per|am|pm|km|kilometres|kilometers|miles|hours|days|months|weeks)$"
)
_COUNT_PREDICATES = {"repatriated", "evacuated", "returned", "leftFor", "killed", "displaced", "detained", "arrested",
                     "imprisoned", "heldHostage", "joined", "fought", "convicted", "estimated"}  # fmt: skip
_CURRENCY = frozenset("$€£¥₽₸")
_TOTAL_NOUNS = frozenset({"number", "total", "figure", "tally", "toll", "count"})
"""Nouns that stand for a count given later in the sentence ("the number ... reached 220")."""
_PLANNED = frozenset(
    {"intend", "intends", "intended", "intending", "plan", "plans", "planned", "planning", "hope", "hopes", "hoped",
     "hoping", "expect", "expects", "expected", "expecting", "aim", "aims", "aimed", "aiming", "prepare",
     "prepares", "prepared", "preparing", "schedule", "schedules", "scheduled", "want", "wants", "wanted", "seek",
     "seeks", "seeking", "will", "shall"}
)  # fmt: skip
"""Words that make a count planned rather than done ("intends to return 14 more"): whole words, so
that "plane" or "William" plan nothing."""
_ESTIMATED = frozenset(
    {"believe", "believes", "believed", "estimate", "estimates", "estimated", "thought", "assumed", "suspected"}
)
_INCREMENT_BEFORE = frozenset({"another", "additional", "further"})
_CUMULATIVE = ("in total", "so far", "to date", "in all", "this year", "as of", "as at", "altogether", "total",
               "overall", "cumulative", "now", "already")  # fmt: skip
"""Words that make a count a running total ("so far", "have already been returned"), to the article's date."""
_NAMES_A_MONTH_OR_DAY = re.compile(rf"\b({'|'.join(MONTHS)})\b|\d")
_BE = frozenset({"be", "is", "are", "was", "were", "been", "being"})
_AS_OF_BEFORE = frozenset({"by", "until", "through", "as of", "as at"})
# who did what a count counts: a country before the bodies and people acting for it (the actor
# types in the order a phrase naming several of them is read; ACTOR_TYPES puts people first)
_SUBJECT_PREFERENCE = ("Country", "GovernmentBody", "Organisation", "ArmedGroup", "Person", "Group", "MediaOutlet")


def _word_number(words: list[str]) -> int | None:
    from text_to_num import text2num

    try:
        return int(text2num(" ".join(words), "en"))
    except (ValueError, TypeError):
        return None


_LOWER_CACHE: dict[int, tuple[list[str], list[str]]] = {}


def _lowered(words: list[str]) -> list[str]:
    cached = _LOWER_CACHE.get(id(words))
    if cached is None or cached[0] is not words:
        _LOWER_CACHE.clear()
        cached = (words, [w.lower() for w in words])
        _LOWER_CACHE[id(words)] = cached
    return cached[1]


def _may_start_number(word: str) -> bool:
    lower = word.lower()
    return lower[:1].isdigit() or lower in _NUMBER_WORDS or lower in VAGUE_NUMBERS or lower in ("a", "few")


def parse_number(words: list[str], i: int) -> tuple[Any, Any, Any, bool, int] | None:
    """Read a count starting at ``words[i]``, with the bound or approximation words before it.

    Returns ``(value, lower, upper, approximate, end)`` (``end`` the index after the number), or
    None when no number starts there.
    """
    lower_words = _lowered(words)
    first = lower_words[i]
    value = lower = upper = None
    end = i + 1
    dozen = False
    if first in VAGUE_NUMBERS:
        lower, upper = VAGUE_NUMBERS[first]
    elif first in ("a", "few") and " ".join(lower_words[i : i + 2]) in VAGUE_NUMBERS:
        lower, upper = VAGUE_NUMBERS[" ".join(lower_words[i : i + 2])]
        end = i + 2
    elif _DIGITS.fullmatch(first):
        number = Decimal(first.replace(",", ""))
        if end < len(words) and lower_words[end] in _SCALE:
            number *= _SCALE[lower_words[end]]
            end += 1
        value = int(number) if number == number.to_integral_value() else number
    elif first in _NUMBER_WORDS and first not in ("hundred", "thousand", "million", "billion"):
        run = [first]
        j = i + 1
        while j < len(words) and (
            lower_words[j] in _NUMBER_WORDS
            or (lower_words[j] in ("-", "and") and j + 1 < len(words) and lower_words[j + 1] in _NUMBER_WORDS)
        ):
            if lower_words[j] in _NUMBER_WORDS:
                run.append(lower_words[j])
            j += 1
        value = _word_number(run)
        if value is None:
            return None
        end = j
        if end < len(words) and lower_words[end] == "dozen":
            # "two dozen": about 24
            value, end = value * 12, end + 1
            dozen = True
    else:
        return None
    if value is not None and end + 1 < len(words) and lower_words[end] in ("-", "–", "to"):
        # a range: "400-500", "400 to 500"
        second = parse_number(words, end + 1)
        if second and second[0] is not None and second[0] > value:
            lower, upper, value, end = value, second[0], None, second[4]
    if value is not None and i >= 1 and lower_words[i - 1] == "between" and end + 1 < len(words):
        if lower_words[end] == "and":
            second = parse_number(words, end + 1)
            if second and second[0] is not None and second[0] > value:
                lower, upper, value, end = value, second[0], None, second[4]
    approximate = False
    before1 = lower_words[i - 1] if i >= 1 else ""
    before2 = " ".join(lower_words[i - 2 : i]) if i >= 2 else ""
    before3 = " ".join(lower_words[i - 3 : i]) if i >= 3 else ""
    if value is not None:
        for phrase in (before3, before2, before1):
            if phrase in LOWER_BOUND:
                lower, value = value + LOWER_BOUND[phrase], None
                break
            if phrase in UPPER_BOUND:
                upper, value = value + UPPER_BOUND[phrase], None
                break
    if before1 in APPROXIMATE or before2 in APPROXIMATE or dozen:
        approximate = True
    return value, lower, upper, approximate, end


def _kinds(draft: Draft) -> tuple[dict[str, str], dict[str, str | None]]:
    """Counted noun (singular, folded) -> kind id; and kind -> broader kind."""
    cache = draft.context.cache
    if "kinds" not in cache:
        registry = draft.context.registry
        by_label = {k.label.lower(): k.id for k in registry.kinds.values()}
        nouns: dict[str, str] = {}
        for noun, label in PEOPLE_NOUNS.items():
            if label and label in by_label:
                nouns[noun] = by_label[label]
        for kind in registry.kinds.values():
            for form in (kind.label, *kind.aliases):
                nouns[" ".join(singular(w) for w in form.lower().split())] = kind.id
        broader = {k.id: k.broader for k in registry.kinds.values()}
        cache["kinds"] = (nouns, broader)
    return cache["kinds"]


def _chain(kind: str, broader: dict[str, str | None]) -> list[str]:
    chain = [kind]
    while broader.get(chain[-1]) and broader[chain[-1]] not in chain:
        chain.append(broader[chain[-1]])
    return chain


def _numbered(token: Any) -> bool:
    """Whether a noun has a number of its own ("59 women")."""
    return any(c.dep_ == "nummod" for c in token.children)


def _kind_of(draft: Draft, token: Any, alone: bool = False) -> str | None:
    """The kind a noun counts; a list of nouns ("men, women and children") takes the kind they share.

    ``alone`` reads the noun without its conjuncts (one member of "156 children, 59 women and 16
    men"). A conjunct whose kind is broader than another's is an apposition, not a member:
    "14 children, citizens of Kazakhstan" counts children.
    """
    nouns, broader = _kinds(draft)
    heads = [token] if alone else [token, *token.conjuncts]
    kinds = []
    index = index_of(draft.context)
    for head in heads:
        text = head.text.lower()
        kind = nouns.get(singular(text))
        if kind is None:
            previous = head.doc[head.i - 1] if head.i > 0 else None
            if previous is not None and nouns.get(f"{previous.text.lower()} {singular(text)}"):
                kind = nouns[f"{previous.text.lower()} {singular(text)}"]
        if kind is None and head.text[:1].isupper() and text.endswith("s"):
            # "Kazakhs", "Kazakhstanis": the people of a country
            if index.demonym_of.get(word_key(head.text[:-1])) and "people" in {k for k in broader}:
                kind = "people"
        if kind:
            kinds.append(kind)
    if not kinds:
        return None
    chains = {kind: _chain(kind, broader) for kind in kinds}
    narrower = [k for k in kinds if not any(k != other and k in chains[other] for other in kinds)]
    kinds = narrower or kinds
    common = _chain(kinds[0], broader)
    for kind in kinds[1:]:
        chain = _chain(kind, broader)
        common = [k for k in common if k in chain]
    return common[0] if common else None


def _counted(token: Any) -> Any | None:
    """The noun a number token counts: its head ("156 children"), or the object of its "of"."""
    if token.dep_ in ("nummod", "quantmod", "amod", "compound") and token.head.i != token.i:
        head = token.head
        while head.dep_ in ("nummod", "quantmod") and head.head.i != head.i:
            head = head.head
        return head
    for child in token.children:
        if child.dep_ == "prep" and child.text.lower() == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    if pobj.text.lower() in ("them", "those", "these"):
                        for later in token.doc[pobj.i + 1 : pobj.i + 4]:
                            if later.dep_ in ("appos", "attr", "npadvmod", "dobj", "nsubj", "ROOT", "dep"):
                                return later
                        return None
                    return pobj
    return None


def _verb_above(token: Any) -> Any | None:
    """The nearest verb above a token whose base form has a relation (or counts people)."""
    current = token
    for _ in range(6):
        if current.head.i == current.i:
            break
        current = current.head
        base = lemma(current.text)
        if base in RELATION_VERBS or base in PEOPLE_VERBS:
            if base == "hold" and "hostage" not in current.sent.text.lower():
                continue
            return current
    return None


def _bare_number(ent: Any) -> bool:
    """A DATE or TIME entity that is only a number in words ("Eighteen"): the tagger's mistake."""
    return all(t.lower_ in _NUMBER_WORDS or t.text == "-" for t in ent) and any(t.lower_ in _NUMBER_WORDS for t in ent)


def _attribute(token: Any) -> Any | None:
    """What a number is said to be: "Eighteen of the children are orphans" -> orphans."""
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lower_ in _BE:
        for child in token.head.children:
            if child.dep_ == "attr" and child.is_alpha:
                return child
    return None


def _total_noun(sent: Any, token: Any) -> Any | None:
    """The noun a number separated from it gives the value of: "the number of citizens ... reached 220"."""
    for t in reversed(sent[: token.i - sent.start]):
        if t.lower_ in _TOTAL_NOUNS and t.dep_ not in ("amod", "advmod"):
            return t
    return None


def _modality(sent: Any, token: Any, scope: str | None) -> str:
    """Planned, estimated or actual, from the words above the number (and, for "N more", the sentence)."""
    above, current = [], token
    for _ in range(8):
        above.append(current)
        above.extend(c for c in current.children if c.dep_ in ("aux", "auxpass"))
        if current.head.i == current.i:
            break
        current = current.head
    before = token.doc[max(sent.start, token.i - 2) : token.i]
    words = [t.lower_ for t in (*above, *before)]
    if scope == "increment":
        words.extend(t.lower_ for t in sent)
    if not _PLANNED.isdisjoint(words):
        return "planned"
    if not _ESTIMATED.isdisjoint(words):
        return "estimated"
    return "actual"


def _scope(sent: Any, token: Any, end: int) -> str | None:
    """ "another 14", "14 more" are increments; "in total", "so far", "since January" running totals."""
    doc = token.doc
    if token.i > 0 and doc[token.i - 1].lower_ in _INCREMENT_BEFORE:
        return "increment"
    if end < len(doc) and doc[end].lower_ == "more":
        return "increment"
    # "this year" in a date that names a month or a day ("in October this year") dates an event: no total
    dated = {t.i for ent in sent.ents if ent.label_ == "DATE" and _NAMES_A_MONTH_OR_DAY.search(ent.text.lower())
             for t in ent}  # fmt: skip
    text = f" {' '.join(t.lower_ for t in sent if t.i not in dated)} "
    if any(f" {phrase} " in text for phrase in _CUMULATIVE):
        return "cumulative"
    for t in sent:
        if t.lower_ == "since" and any(d.ent_type_ == "DATE" for d in doc[t.i + 1 : t.i + 7]):
            return "cumulative"
    return None


def _as_of(doc: Draft, sent: Any) -> str | None:
    """The date a running total counts to: "by August", "as of 2020", else the article's date."""
    for start, _end, when in doc.extras.get("dates", ()):
        if sent.start <= start < sent.end and start > 0:
            before = doc.doc[start - 1].lower_
            two = doc.doc[max(0, start - 2) : start].text.lower()
            if before in _AS_OF_BEFORE or two in _AS_OF_BEFORE:
                return when.on or when.end or when.start
    return doc.article.published


def _headline_end(article: Any) -> int:
    """Where the headline ends, when the text opens with it (else 0)."""
    first, _, rest = article.text.partition("\n")
    if rest.strip() and first.strip() and first.strip() == article.title.strip():
        return len(first)
    return 0


def _numbers(q: Quantity) -> set:
    return {x for x in (q.value, q.lower, q.upper) if x is not None}


def find_quantities(doc: Draft) -> Draft:
    """Counts of people with what they count, as claims with a speaker and the event they concern."""
    sdoc = doc.doc
    finder = lookup(doc)
    speakers = doc.extras.get("speakers") or [None] * len(sdoc)
    events = doc.extras.get("sentence_events", {})
    skip = {i for ent in sdoc.ents if ent.label_ in ("MONEY", "PERCENT", "ORDINAL")
            or (ent.label_ in ("DATE", "TIME") and not _bare_number(ent))
            for i in range(ent.start, ent.end)}  # fmt: skip
    _nouns, broader = _kinds(doc)
    people_kind = "people" if "people" in broader else None
    first_claim = len(doc.claims)
    for sent in doc.sentences():
        tokens = doc.tokens()[sent.start : sent.end]
        words = [t.text for t in tokens]
        seen = set()
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if not _may_start_number(words[i]) or token.i in skip or token.is_space:
                i += 1
                continue
            parsed = parse_number(words, i)
            if parsed is None:
                i += 1
                continue
            value, lower, upper, approximate, end = parsed
            last = tokens[end - 1]
            after = tokens[end].text.lower() if end < len(tokens) else ""
            money = i > 0 and (words[i - 1] in _CURRENCY or words[i - 1][-1:] in _CURRENCY)
            if _NOT_COUNTS.match(after) or (end < len(tokens) - 1 and tokens[end].text == "-") or money:
                i = end
                continue
            head = _attribute(last) or _counted(last) or _counted(token)
            # one member of a list of numbered nouns counts only itself: "156 children, 59 women and 16 men"
            alone = head is not None and any(_numbered(c) for c in head.conjuncts)
            kind = _kind_of(doc, head, alone) if head is not None else None
            counted_text = None
            if head is not None and kind:
                right = head.i if alone else max([head.i, *[c.i for c in head.conjuncts]])
                if head.i > last.i:
                    left = head.left_edge.i if head.left_edge.i > last.i else last.i + 1
                    if sdoc[left].lower_ == "more" and left < right:
                        left += 1
                else:
                    left = head.i
                counted_text = sdoc[left : right + 1].text
            elif head is None and (lower is not None or upper is not None) and value is None:
                # a bare vague count as the subject or object of a verb of people: "thousands have travelled"
                verb = _verb_above(last)
                if verb is not None and lemma(verb.text) in PEOPLE_VERBS and people_kind:
                    kind = people_kind
                    counted_text = token.text
                    head = last
            if head is None and kind is None and last.dep_ not in ("nummod", "quantmod", "compound"):
                # a number apart from its noun: "the number of citizens ... reached 220"
                total = _total_noun(sent, token)
                if total is not None:
                    counted = _counted(total)
                    if counted is not None:
                        kind = _kind_of(doc, counted)
                        counted_text = counted.text if kind else None
                    elif total.i + 1 < sent.end and lemma(total.nbor().text) in PEOPLE_VERBS | set(RELATION_VERBS):
                        kind, counted_text = people_kind, f"{total.text} {total.nbor().text}"
                    head = total if kind else None
            if kind is None or head is None:
                i = end
                continue
            quantity = Quantity(value=value, lower=lower, upper=upper, approximate=approximate,
                                counted=counted_text, kind=kind)  # fmt: skip
            key = (quantity.value, quantity.lower, quantity.upper, kind)
            if key in seen:
                i = end
                continue
            seen.add(key)
            scope = _scope(sent, token, last.i + 1)
            claim = _claim(doc, sent, token, head, quantity, speakers, events, finder)
            claim.scope = scope
            claim.modality = _modality(sent, token, scope)
            if scope == "cumulative":
                claim.as_of = _as_of(doc, sent)
            doc.claims.append(claim)
            i = end
    _drop_repeated_headline(doc, first_claim, broader)
    return doc


def _drop_repeated_headline(doc: Draft, first: int, broader: dict[str, str | None]) -> None:
    """A headline figure that the body repeats is one claim: the body's, which carries the attribution."""
    headline_end = _headline_end(doc.article)
    if not headline_end:
        return
    found = doc.claims[first:]
    body = [c for c in found if c.span.start >= headline_end]

    def repeated(claim: Claim) -> bool:
        q = claim.quantity
        assert q is not None
        return any(
            _numbers(q) & _numbers(b.quantity)
            and (q.kind in _chain(b.quantity.kind, broader) or b.quantity.kind in _chain(q.kind, broader))
            for b in body
            if b.quantity is not None and b.quantity.kind and q.kind
        )

    doc.claims[first:] = [c for c in found if c.span.start >= headline_end or not repeated(c)]


def _claim(doc: Draft, sent: Any, token: Any, head: Any, quantity: Quantity, speakers: list, events: dict,
           finder: Any) -> Claim:  # fmt: skip
    verb = _verb_above(head)
    predicate = "involved"
    subject = None
    if verb is not None:
        relation = RELATION_VERBS.get(lemma(verb.text))
        if relation in _COUNT_PREDICATES:
            predicate = relation
        counted_is_subject = head.dep_ in ("nsubj", "nsubjpass") or token.dep_ in ("nsubj", "nsubjpass")
        subjects = clause_subjects(verb)
        if subjects and not counted_is_subject:
            # the subject nearest the verb ("DUSHANBE - Tajikistan repatriated ...")
            subject = finder.of_phrase(min(subjects, key=lambda c: abs(c.i - verb.i)), prefer=_SUBJECT_PREFERENCE)
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        subject = finder.of_phrase(pobj, prefer=_SUBJECT_PREFERENCE)
    event = events.get(sent.start)
    if predicate == "involved" and event is not None:
        entity = doc.entity(event)
        if entity is not None and entity.type == "Operation":
            predicate = "repatriated"
    if subject is None or doc.entity_type(subject) not in ACTOR_TYPES:
        subject = None
        operation = next(
            (o for o in doc.operations if o.event == event and o.span.start <= token.idx < o.span.end), None
        )
        if operation is not None and operation.agents:
            subject = operation.agents[0]
        elif operation is not None and operation.destination:
            subject = operation.destination[0]
    if subject is None:
        # the country of the people counted ("231 Kazakh citizens"), else the country the article is about
        for m in finder.overlapping(head.left_edge.idx, head.idx + len(head.text)):
            if doc.entity_type(m.entities[0]) == "Country":
                subject = m.entities[0]
                break
    if subject is None and predicate in ("repatriated", "evacuated", "returned"):
        subject = doc.extras.get("focus_country")
    if subject is None:
        subject = event or speakers[token.i] or doc.article.outlet
    speaker = speakers[token.i]
    text = sent.text.strip()
    start = sent.start_char + sent.text.index(text)
    statement_date = next((s.date for s in doc.statements if s.span.start <= start < s.span.end), None)
    confidence = 0.8 if quantity.value is not None else 0.65
    return Claim(
        span=Span(start, start + len(text), doc.article.text[start : start + len(text)]),
        speaker=speaker or doc.article.outlet,
        subject=subject,
        predicate=predicate,
        quantity=quantity,
        about=event,
        date=statement_date if speaker else None,
        provenance=machine("quantities", confidence),
    )
