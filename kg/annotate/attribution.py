"""Who said it: speakers of sentences and of the words in them.

A speech verb ("said", "told", "noted", "added", "read") gives its subject as the speaker of
everything it governs in the parse; "according to X" makes X the speaker of its sentence; a
quotation spread over several sentences belongs to the speaker named where it opens or closes,
and a quotation that follows another in the same paragraph goes on with the same speaker.
Pronoun subjects ("he said", "they say") are the last person (or speaker) before them. A body,
a document or a title named again with "the" ("the ministry said", "the statement reads", "the
deputy minister said") is the last body with that noun in its name, whoever issued the last
statement, or the last person named with that title. Where nobody is named ("officials say"),
the speaker is left to the outlet.

The component writes one :class:`~kg.model.Statement` per run of attributed sentences of a
paragraph, and leaves ``extras["speakers"]`` (token index -> speaker) for the components after it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Mention, Span, Statement
from ..vocab import ACTOR_TYPES
from .components import Draft, machine
from .lexicon import BODY_NOUNS, DOCUMENT_NOUNS, OFFICIAL_NOUNS, SPEECH_VERBS, lemma
from .mentions import PRONOUNS, lookup
from .normalise import singular

__all__ = ["attribute", "keep_statements", "speaker_at"]

_NOT_VERB = {"nsubj", "nsubjpass", "dobj", "pobj", "compound", "amod", "attr", "appos", "det", "poss", "npadvmod",
             "nmod", "dep", "case", "punct"}  # fmt: skip
_QUOTES = re.compile(r"[“”\"]")
_WORDS = re.compile(r"[^\W\d_]+")
_BODIES = ("GovernmentBody", "Organisation")
"""Types of the bodies a bare "the ministry", "the committee", "the office" refers back to."""


def _definite(token: Any) -> bool:
    """Whether a noun is named again with "the"/"this"/"that" ("the ministry", not "a ministry", "ministries")."""
    return any(c.dep_ == "det" and c.text.lower() in ("the", "this", "that") for c in token.children)


@dataclass
class _Speech:
    verb: Any
    speaker: str
    confidence: float
    date: str | None


def _is_speech_verb(token: Any) -> bool:
    if lemma(token.text) not in SPEECH_VERBS or token.dep_ in _NOT_VERB:
        return False
    if lemma(token.text) == "call" and not any(c.dep_ == "prep" and c.text.lower() == "for" for c in token.children):
        return False
    if lemma(token.text) in ("read", "report", "estimate", "describe", "characterize", "characterise"):
        # only with a subject: "the statement ... read", "the ministry reported"
        return any(c.dep_ in ("nsubj",) for c in token.children)
    return True


def _subject(verb: Any) -> Any | None:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        # "NUR-SULTAN (TCA) - Kazakhstan's interim president says": the subject nearest the verb
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return _subject(verb.head)
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _phrase_before(verb: Any) -> Any | None:
    """ "..., the National Security Committee told reporters" parsed without a subject: the phrase before the verb.

    The phrase runs back from the word before the verb to the comma or quotation mark that opens it;
    its head is the word of it that the others hang on.
    """
    if verb.i == verb.sent.start or verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return None
    first = verb.i - 1
    while first > verb.sent.start and verb.doc[first - 1].text not in (",", "“", "”", '"', "-", "—"):
        first -= 1
    if first == verb.i - 1 and verb.doc[first].is_punct:
        return None
    head = verb.doc[verb.i - 1]
    while first <= head.head.i < verb.i and head.head.i != head.i:
        head = head.head
    return head if not head.is_punct and head.i >= first else None


class _Speakers:
    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.lookup = lookup(draft)
        self.last_person: tuple[int, str] | None = None
        self.last_speaker: tuple[int, str] | None = None

    def of(self, token: Any) -> tuple[str | None, float]:
        """The entity a subject token names, pronouns resolved to the last fitting speaker."""
        lower = token.text.lower()
        if lower in PRONOUNS:
            wanted = PRONOUNS[lower]
            if wanted == "Person":
                person = self.lookup.before(token.idx, ("Person",), window=1500)
                if self.last_person and (person is None or self.last_person[0] > -1):
                    return self.last_person[1], 0.65
                return person, 0.6
            if self.last_speaker:
                return self.last_speaker[1], 0.6
            return None, 0.0
        if lower in DOCUMENT_NOUNS:
            # "the statement from President X read", "the ministry's statement said"
            for child in token.children:
                if child.dep_ in ("poss",):
                    return self.of(child)
                if child.dep_ == "prep" and child.text.lower() in ("from", "of", "by"):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return self.of(pobj)
        own = self.lookup.of_token(token)
        if own is not None and self.draft.entity_type(own) == "Place":
            # a dateline before the subject: "Almaty (AFP) - Kazakhstan said ..."
            for child in token.children:
                if child.dep_ == "appos" and child.i > token.i:
                    entity = self.lookup.of_token(child)
                    if entity is not None and self.draft.entity_type(entity) not in ("Place", "MediaOutlet"):
                        return self.of(child)
        entity = self.lookup.of_phrase(token, prefer=("Person", "GovernmentBody", "Organisation"), avoid=("Place",))
        if entity is not None:
            if self.draft.entity_type(entity) not in ACTOR_TYPES:
                return None, 0.0
            return entity, 0.8
        if not _definite(token):
            return None, 0.0
        if lower in DOCUMENT_NOUNS:
            return self._issuer(token), 0.6
        if lower in BODY_NOUNS:
            return self._body(token, lower), 0.6
        if lower in OFFICIAL_NOUNS:
            return self._official(token, lower), 0.6
        return None, 0.0

    def _earlier(self, position: int, window: int) -> Iterator[Mention]:
        """Mentions ending before ``position`` (within ``window`` characters), nearest first."""
        mentions = self.lookup.mentions
        for i in range(bisect_right(self.lookup.starts, position) - 1, -1, -1):
            m = mentions[i]
            if m.span.end > position:
                continue
            if position - m.span.end > window:
                return
            yield m

    def _last_speaker_of(self, types: tuple[str, ...]) -> str | None:
        if self.last_speaker and self.draft.entity_type(self.last_speaker[1]) in types:
            return self.last_speaker[1]
        return None

    def _issuer(self, token: Any) -> str | None:
        """ "The statement said": whoever spoke last (not an outlet), else the last body named."""
        speaker = self._last_speaker_of(tuple(t for t in ACTOR_TYPES if t != "MediaOutlet"))
        if speaker:
            return speaker
        return next((m.entities[0] for m in self._earlier(token.idx, 1500)
                     if self.draft.entity_type(m.entities[0]) in _BODIES), None)  # fmt: skip

    def _body(self, token: Any, noun: str) -> str | None:
        """ "The ministry said": the last body named with that noun, else the last body that spoke."""
        for m in self._earlier(token.idx, 2500):
            entity = m.entities[0]
            if self.draft.entity_type(entity) not in _BODIES:
                continue
            label = self.draft.entity(entity).label if self.draft.entity(entity) else ""
            if noun in {singular(w.lower()) for w in _WORDS.findall(f"{label} {m.span.quote}")}:
                return entity
        return self._last_speaker_of(_BODIES)

    def _official(self, token: Any, noun: str) -> str | None:
        """ "The deputy minister said": the last person named with that title, else the last person who spoke."""
        text = self.draft.article.text
        for m in self._earlier(token.idx, 2500):
            entity = m.entities[0]
            if self.draft.entity_type(entity) != "Person":
                continue
            around = text[max(0, m.span.start - 60) : m.span.end + 60].lower()
            if noun in _WORDS.findall(around):
                return entity
        return self.last_person[1] if self.last_person else None

    def remember(self, position: int, entity: str) -> None:
        self.last_speaker = (position, entity)
        if self.draft.entity_type(entity) == "Person":
            self.last_person = (position, entity)


def _speech_date(verb: Any, dates: dict[int, Any]) -> str | None:
    """The date a speech verb carries ("said on May 10", "said November 13")."""
    for child in verb.children:
        candidates = [child]
        if child.dep_ == "prep" and child.text.lower() in ("on", "in"):
            candidates = [c for c in child.children if c.dep_ == "pobj"]
        for c in candidates:
            when = dates.get(c.i)
            if when is not None and when.on:
                return when.on
    return None


def _quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations in text[start:end]: pairs of opening and closing quote marks."""
    regions, opened = [], None
    for m in _QUOTES.finditer(text, start, end):
        mark = m.group()
        if opened is None and mark in '“"':
            opened = m.start()
        elif opened is not None and mark in '”"':
            regions.append((opened, m.end()))
            opened = None
    if opened is not None:
        regions.append((opened, end))
    return regions


def attribute(doc: Draft) -> Draft:
    """Speakers of sentences and words ("X said", "according to X", quotations); statements."""
    sdoc = doc.doc
    prose = doc.extras["prose"]
    speakers_of = _Speakers(doc)
    token_speaker: list[str | None] = [None] * len(sdoc)
    dates = {}
    for start, end, when in doc.extras.get("dates", ()):
        for i in range(start, end):
            dates[i] = when
    sentences = doc.sentences()
    sentence_speaker: dict[int, tuple[str, float, str | None]] = {}

    paragraphs = {_paragraph_bounds(prose, sent) for sent in sentences}
    quoted = [r for bounds in sorted(paragraphs) for r in _quote_regions(prose, *bounds)]

    def in_quote(token: Any) -> bool:
        return any(a < token.idx < b for a, b in quoted)

    for n, sent in enumerate(sentences):
        speeches: list[_Speech] = []
        for token in doc.tokens()[sent.start : sent.end]:
            lower = token.text.lower()
            if lower != "according" and lemma(lower) not in SPEECH_VERBS:
                continue
            if in_quote(token):
                continue  # "Kazakhstan confirms ..." inside someone's quotation is not a new speaker
            if token.text.lower() == "according" and any(c.text.lower() == "to" for c in token.children):
                for to in token.children:
                    for pobj in to.children:
                        if pobj.dep_ == "pobj":
                            entity, confidence = speakers_of.of(pobj)
                            if entity:
                                speeches.append(_Speech(token, entity, confidence, None))
            elif _is_speech_verb(token):
                subject = _subject(token) or _phrase_before(token)
                if subject is None:
                    continue
                entity, confidence = speakers_of.of(subject)
                if entity:
                    speeches.append(_Speech(token, entity, confidence, _speech_date(token, dates)))
        if not speeches:
            continue
        # a named person or body beats an outlet relaying it ("X says ..., RFE/RL reported")
        outlets = [s for s in speeches if doc.entity_type(s.speaker) == "MediaOutlet"]
        speeches = [s for s in speeches if s not in outlets] or outlets
        by_verb = {s.verb.i: s for s in speeches}
        for token in doc.tokens()[sent.start : sent.end]:
            speech = None
            ancestor = token
            while True:
                if ancestor.i in by_verb:
                    speech = by_verb[ancestor.i]
                    break
                if ancestor.head.i == ancestor.i:
                    break
                ancestor = ancestor.head
            if speech is None:
                speech = min(speeches, key=lambda s: abs(s.verb.i - token.i))
            token_speaker[token.i] = speech.speaker
        main = speeches[0]
        sentence_speaker[n] = (main.speaker, main.confidence, main.date)
        speakers_of.remember(sent.start_char, main.speaker)
        # later sentences resolve "he" to the last person mentioned, which may be this speaker
        speakers_of.last_person = (
            (sent.start_char, main.speaker) if doc.entity_type(main.speaker) == "Person" else speakers_of.last_person
        )

    # quotations over several sentences, and a quotation that goes on after "X said."
    paragraph_of = _paragraphs(prose, sentences)
    last_quote: dict[int, tuple[str, float, str | None]] = {}
    for n, sent in enumerate(sentences):
        regions = _quote_regions(prose, sent.start_char, sent.end_char)
        para = paragraph_of[n]
        if n in sentence_speaker:
            if regions:
                last_quote[para] = sentence_speaker[n]
            continue
        opens_in_quote = bool(regions) and prose[sent.start_char : sent.start_char + 1] in '“"'
        if not opens_in_quote and not _inside_open_quote(prose, sentences, n, paragraph_of):
            continue
        # the speaker named later in the same quotation, or before it in the paragraph
        later = next(
            (sentence_speaker[k] for k in range(n + 1, len(sentences))
             if paragraph_of[k] == para and k in sentence_speaker), None)  # fmt: skip
        inherited = later if later and not opens_in_quote else last_quote.get(para) or later
        if inherited:
            sentence_speaker[n] = (inherited[0], 0.7, inherited[2])
            for token in doc.tokens()[sent.start : sent.end]:
                token_speaker[token.i] = inherited[0]

    doc.extras["speakers"] = token_speaker
    doc.extras["sentence_speakers"] = {sentences[n].start: v for n, v in sentence_speaker.items()}

    # statements: runs of sentences with the same speaker in one paragraph
    run: list[int] = []
    for n in range(len(sentences) + 1):
        if run and (
            n == len(sentences)
            or n not in sentence_speaker
            or paragraph_of[n] != paragraph_of[run[-1]]
            or n != run[-1] + 1
            or sentence_speaker[n][0] != sentence_speaker[run[0]][0]
        ):
            first, last = sentences[run[0]], sentences[run[-1]]
            quote = prose[first.start_char : last.end_char].strip()
            start = prose.index(quote, first.start_char)
            speaker, confidence, date = sentence_speaker[run[0]]
            doc.statements.append(
                Statement(
                    span=Span(start, start + len(quote), doc.article.text[start : start + len(quote)]),
                    speaker=speaker,
                    date=date,
                    provenance=machine("attribution", confidence),
                )
            )
            run = []
        if n < len(sentences) and n in sentence_speaker:
            run.append(n)
    return doc


def _paragraph_bounds(prose: str, sent: Any) -> tuple[int, int]:
    """The paragraph (between blank lines or line breaks) holding a sentence."""
    start = prose.rfind("\n", 0, sent.start_char) + 1
    end = prose.find("\n", sent.end_char)
    return start, len(prose) if end < 0 else end


def _paragraphs(prose: str, sentences: list[Any]) -> list[int]:
    """The paragraph of each sentence: where the line it starts on begins."""
    numbers = []
    for sent in sentences:
        first = next((t for t in sent if not t.is_space), sent[0])
        numbers.append(prose.rfind("\n", 0, first.idx) + 1)
    return numbers


def _inside_open_quote(prose: str, sentences: list[Any], n: int, paragraph_of: list[int]) -> bool:
    """Whether sentence ``n`` starts inside a quotation opened earlier in its paragraph."""
    before = prose[paragraph_of[n] : sentences[n].start_char]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def speaker_at(draft: Draft, token: Any) -> str | None:
    """The speaker of a token (None: nobody named, so the outlet)."""
    speakers = draft.extras.get("speakers")
    return speakers[token.i] if speakers else None


def keep_statements(doc: Draft) -> Draft:
    """Keep as statements only attributed speech that is not already a claim by the same speaker.

    The annotation format writes attributed speech that is one triple as a claim (with its speaker)
    and the rest as statements; a passage whose sentences all became claims is not repeated.
    """
    claimed = [(c.span, c.speaker) for c in doc.claims]
    sentences = doc.sentences()
    kept = []
    for statement in doc.statements:
        inside = [s for s in sentences if statement.span.start <= s.start_char < statement.span.end]
        covered = inside and all(
            any(span.start < s.end_char and s.start_char < span.end and speaker == statement.speaker
                for span, speaker in claimed)
            for s in inside
        )  # fmt: skip
        if not covered:
            kept.append(statement)
    doc.statements = kept
    return doc
