"""Comparing claims across articles: which conflict, which corroborate each other.

Claims about the same thing fall in one group (``docs/data-model.md``, "Across sources"):

- quantity claims: the same event, the same counted group at the same level, the same time scope
  and the same modality (see below); two agree when their intervals overlap;
- claims with a functional predicate (dates): same subject and predicate; they agree when the
  periods named overlap;
- other claims: same subject, predicate and object; they always agree.

A claim is *conflicting* when a claim of its group from another original source disagrees with
it, else *corroborated* when the claims agreeing with it come from two or more distinct *original
sources*, else *single-source*. An article's original source is the outlet it relays (``via``) or,
for copies and near-copies of one text, the original source of the earliest copy
(:mod:`kg.compile.sources`): a wire story republished on two sites counts once.

What a quantity claim is about is worked out by general mechanisms, each of which can be switched
off for an ablation (:data:`MECHANISMS`, the environment variable ``KG_CROSSSOURCE_OFF``):

``events``
    The event: the operation the claim names (``about``) when two or more articles or a curated
    claim name it; else the one its article's operations cover or the figure it follows in the
    same paragraph ("Among them ..."); else a signature: the acting country and the month of the
    event (the operation's date, else the claim's, else the publication month). A claim naming no
    event joins the one named event with its signature; a figure whose verb says nothing ("231 of
    its citizens") takes the action of the figures alike with its event or signature, when they
    name one only. A claim whose acting country or month is unknown and cannot be told from the
    others, or which fits two named events, is not compared (its basis says why). Off: the topic is
    the claim's ``about``, else its subject.
``kinds``
    The counted group at the same level: what the counted words name (registry kinds, their
    aliases, a country's demonym for its nationals; several kinds joined by "and" count their
    common broader kind, "women and children" people). A part named by a partitive ("18 of the
    children") or words that are no registry kind ("15 girls") are only compared with the same
    words, never with the whole. Off: the annotator's kind, else the counted words.
``scope``
    Running totals (``scope: cumulative``) are compared only with running totals of the same
    country as of the same date; an undated one joins the totals of its country and group when they
    give one date only. Increments ("14 more") are never compared with event figures. Off: scopes
    are ignored.
``modality``
    Planned and estimated figures are compared only with figures of the same modality. Off: ignored.
``sources``
    Copies and relays count once (:mod:`kg.compile.sources`), and a copy's figures are about what
    the same words are about in the text it copies (its event, country, month and action; an
    undated copy takes its original's date). Off: each outlet counts, each copy is read alone.

Agreement is worked out between the distinct values of a group (:class:`GroupValue`), not between
claims: a group of n claims with v distinct values costs n * v, and the graph holds n links from
claims to values and at most v * v between values (:func:`compile_crosssource`).

Every conflicting or corroborated quantity claim carries its *basis*: a sentence naming the values,
their original sources and why they were compared.

Examples
--------
>>> from kg.model import Article, Claim, Quantity, Span, Annotated, Corpus, Registry
>>> def said(outlet, n):
...     text = f"{n} people returned."
...     a = Article(id=f"{outlet}-{n}", text=text, title="t", outlet=outlet)
...     c = Claim(span=Span.of(text, text), speaker=outlet, subject="kz", predicate="repatriated",
...               quantity=Quantity(value=n, kind="people"), about="op")
...     return Annotated(article=a, claims=[c])
>>> corpus = Corpus(Registry(), [said("afp", 47), said("tca", 47), said("dp", 43)])
>>> [(c.claim.quantity.value, c.status, c.outlet_count) for c in compare_claims(corpus)[0].members]
[(47, 'conflicting', 2), (47, 'conflicting', 2), (43, 'conflicting', 1)]
>>> compare_claims(corpus)[0].members[2].basis
'43 people (dp) vs 47 people (afp, tca): same event op, same group (people), values differ'
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import URIRef

from ..errors import KGError
from ..model import Annotated, Claim, Corpus, Quantity, Registry
from ..ontology import functional_predicates, relation_families
from ..terms import (
    CROSSSOURCE_GRAPH,
    RDFLIB_TERMS,
    ConstantTerms,
    Quad,
    Terms,
    claim_iri,
    date_term,
    digest,
    entity_iri,
    group_iri,
    int_term,
    kind_iri,
    predicate_iri,
)
from ..vocab import date_period
from .article import KeyedClaim, keyed_claims
from .listings import ListingRows, timeline_key
from .sources import Fingerprint, copied_from, fingerprint, original_sources

__all__ = [
    "MECHANISMS",
    "ClaimGroup",
    "ComparedClaim",
    "CrossSourceParts",
    "GroupValue",
    "compare",
    "compare_claims",
    "comparison_nodes",
    "compared_claims",
    "comparison_key",
    "compile_crosssource",
    "crosssource_parts",
    "counted_kind",
    "mechanisms_off",
    "values_agree",
]

MECHANISMS: tuple[str, ...] = ("events", "kinds", "scope", "modality", "sources")
"""The mechanisms that decide which quantity claims are compared; each can be switched off."""


def mechanisms_off(value: str | None = None) -> frozenset[str]:
    """The mechanisms switched off: ``value``, else ``$KG_CROSSSOURCE_OFF`` (comma-separated names, or ``all``).

    >>> sorted(mechanisms_off("kinds, scope"))
    ['kinds', 'scope']
    >>> mechanisms_off("all") == frozenset(MECHANISMS)
    True
    """
    text = os.environ.get("KG_CROSSSOURCE_OFF", "") if value is None else value
    names = {n.strip().lower() for n in text.split(",") if n.strip()}
    if "all" in names:
        return frozenset(MECHANISMS)
    unknown = names - set(MECHANISMS)
    if unknown:
        raise KGError("E501", names=", ".join(sorted(unknown)), choices=", ".join(MECHANISMS))
    return frozenset(names)


@dataclass(eq=False)
class ComparedClaim:
    """A claim with where it comes from, what it is about and, once compared, its status."""

    claim: Claim
    article: str
    outlet: str
    iri: URIRef
    published: str | None = None
    original: str | None = None
    """The outlet the claim originally comes from (:mod:`kg.compile.sources`); set by :func:`compare`,
    the claim's own outlet when nothing says otherwise."""
    fingerprint: Fingerprint | None = field(default=None, repr=False)
    """Its article's fingerprint, shared by the article's claims, for copy detection."""
    status: str = "single-source"
    outlet_count: int = 1
    value: GroupValue | None = field(default=None, repr=False)
    """The value of its group the claim supports (set by :func:`compare`)."""
    event: str | None = None
    """The operation or event the claim is about, as its article tells it (``about``, its
    operations, the figure it follows)."""
    actor: str | None = None
    """The acting country, when known."""
    period: str | None = None
    """The month (else year) of the event, when known."""
    family: str | None = None
    """The predicate family (``kg:repatriated`` for returned, evacuated ...)."""
    kind: str | None = None
    """What is counted, at its level (:func:`counted_kind`)."""
    basis: str | None = None
    """Why the claim has its status, or why it was not compared (set by :func:`compare`)."""
    refused: str | None = None
    """Why the claim was not compared with any other, when it was not."""
    topic: str | None = None
    """What the group is about, in words, for the basis."""

    @property
    def conflicts(self) -> list[ComparedClaim]:
        """The claims that disagree with this one: those of the conflicting values, less the claims its
        own article gives on the same speaker's word. Derived on demand from :attr:`value` (it costs the
        size of those values; the build never asks for it)."""
        if self.value is None:
            return []
        voice = (self.article, self.claim.speaker)
        return [o for w in self.value.conflicts for o in w.members if (o.article, o.claim.speaker) != voice]

    @property
    def corroborations(self) -> list[ComparedClaim]:
        """The claims from other original sources that agree with this one, derived on demand from
        :attr:`value` like :attr:`conflicts`."""
        if self.value is None:
            return []
        return [o for w in (self.value, *self.value.agrees) for o in w.members if o.original != self.original]


@dataclass(eq=False)
class GroupValue:
    """One distinct value the claims of a group state: a figure's interval, a date, an object.

    Agreement is kept between values, not claims: a group of n claims with v distinct values has n
    links to its values and at most v * v links between them (``kg:agreesWithValue``,
    ``kg:conflictsWithValue``), where claim-to-claim links would be n * n.
    """

    key: object
    """The value compared (:func:`values_agree`): a quantity's interval, a date, an object."""
    group: ClaimGroup = field(repr=False)
    members: list[ComparedClaim] = field(default_factory=list, repr=False)
    """The claims that state it."""
    text: str = ""
    """The value as a person reads it: ``47 people``, ``2019-01``, an entity's label."""
    agrees: list[GroupValue] = field(default_factory=list, repr=False)
    """The other values of the group that can be true together with this one (overlapping ranges)."""
    conflicts: list[GroupValue] = field(default_factory=list, repr=False)
    """The other values of the group that disagree with this one, from another article or speaker."""

    @cached_property
    def iri(self) -> URIRef:
        """``id:group/HASH/value/HASH``."""
        return URIRef(f"{self.group.iri}/value/{digest(repr(self.key))}")

    @property
    def originals(self) -> set[str]:
        """The distinct original sources of its claims."""
        return {m.original or m.outlet for m in self.members}


@dataclass
class ClaimGroup:
    key: tuple
    members: list[ComparedClaim] = field(default_factory=list)
    topic: str | None = None
    """What the members are about, in words (the event, the counted group)."""
    basis: str | None = None
    """The values of a quantity group with their original sources and speakers, by label:
    ``47 people (Agence France-Presse) vs 43 people (The Defense Post)`` (set by :func:`compare`)."""
    values: list[GroupValue] = field(default_factory=list)
    """Its distinct values, in order of first appearance, each with the claims that state it and the
    other values it agrees or conflicts with (set by :func:`compare`)."""

    @cached_property
    def iri(self) -> URIRef:
        """``id:group/HASH`` of its key (made once: each of its values' IRIs starts with it)."""
        return group_iri(self.key)

    @property
    def contested(self) -> bool:
        return any(m.status == "conflicting" for m in self.members)

    @property
    def value_count(self) -> int:
        return len(self.values) if self.values else len({_value_key(m.claim) for m in self.members})


def _family(predicate: str) -> str:
    family = relation_families().get(predicate)
    return str(family) if family is not None else str(predicate_iri(predicate))


_INVOLVED = None  # the family of "involved", the predicate of a figure whose verb says nothing


def _involved() -> str:
    global _INVOLVED
    if _INVOLVED is None:
        _INVOLVED = _family("involved")
    return _INVOLVED


def _stock_families() -> tuple[str, ...]:
    """Figures without an action verb: "there are still 90", "an estimated 400 remain"."""
    return (_involved(), _family("estimated"))


def comparison_key(claim: Claim) -> tuple:
    """What a claim is about when nothing else is known (all mechanisms off): equal keys are compared.

    Quantity claims: the topic (``about``, else the subject), predicate family and kind counted.
    :func:`compare` refines this for quantity claims (the module's description).
    """
    if claim.quantity is not None:
        counted = claim.quantity.kind or (claim.quantity.counted or "").lower()
        return ("quantity", claim.about or claim.subject, _family(claim.predicate), counted)
    if predicate_iri(claim.predicate) in functional_predicates():
        return ("functional", claim.subject, claim.predicate)
    return ("triple", claim.subject, claim.predicate, claim.object or claim.literal)


def _value_key(claim: Claim) -> object:
    if claim.quantity is not None:
        return claim.quantity.interval
    return claim.object or claim.literal


def _overlap(a: tuple, b: tuple) -> bool:
    (a_lo, a_hi), (b_lo, b_hi) = a, b
    if a_lo is not None and b_hi is not None and a_lo > b_hi:
        return False
    if b_lo is not None and a_hi is not None and b_lo > a_hi:
        return False
    return True


def values_agree(a: Claim, b: Claim) -> bool:
    """Whether two claims of one group can both be true.

    >>> from kg.model import Claim, Quantity, Span
    >>> s = Span(0, 1, "x")
    >>> about = lambda v, approx=False: Claim(s, "x", "kz", "repatriated",
    ...     quantity=Quantity(value=v, approximate=approx))
    >>> values_agree(about(47), about(43)), values_agree(about(400, True), about(500, True))
    (False, False)
    >>> values_agree(about(380, True), about(400, True))
    True
    """
    if a.quantity is not None and b.quantity is not None:
        return _overlap(a.quantity.interval, b.quantity.interval)
    if a.literal is not None and b.literal is not None:
        return _overlap(date_period(a.literal), date_period(b.literal))
    return (a.object or a.literal) == (b.object or b.literal)


# -- what is counted ---------------------------------------------------------------------------

_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands million dozen dozens".split()
)
_CUT = re.compile(r"\d|;|\(|\b(?:of|who|whose|that|which|from|in|to|at|on|with|including|among|most)\b")
_PARTITIVE = re.compile(r"^(?:the|those|these|them|whom|which)\b")
_MORE = re.compile(r"^(?:more|another|other|additional|further)\b")
_STOCK = re.compile(r"\b(?:still|remain|remains|remained|remaining)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w-]*")


def _singulars(form: str) -> set[str]:
    form = form.lower()
    found = {form}
    if form.endswith("ren"):  # children
        found.add(form[:-3])
    if form.endswith("men"):  # women, men
        found.add(form[:-3] + "man")
    if form.endswith("s"):
        found.add(form[:-1])
    return found


def _kind_forms(registry: Registry) -> dict[str, str]:
    forms: dict[str, str] = {}
    for kind in registry.kinds.values():
        for form in (kind.id, kind.label, *kind.aliases):
            for f in _singulars(form):
                forms.setdefault(f, kind.id)
    return forms


def _demonyms(registry: Registry) -> set[str]:
    """Names and adjectives of countries: "Kazakhs" counts nationals, people."""
    found: set[str] = set()
    for entity in registry.entities.values():
        if entity.type == "Country":
            for form in entity.surface_forms:
                if " " not in form:
                    found |= _singulars(form)
    return found


def _broader_chain(registry: Registry, kind: str) -> list[str]:
    chain, seen = [kind], {kind}
    while (k := registry.kinds.get(chain[-1])) is not None and k.broader and k.broader not in seen:
        chain.append(k.broader)
        seen.add(k.broader)
    return chain


def _common_broader(registry: Registry, kinds: list[str]) -> str | None:
    chains = [_broader_chain(registry, k) for k in kinds]
    for candidate in chains[0]:
        if all(candidate in c for c in chains[1:]):
            return candidate
    return None


class _Kinds:
    """Counted words -> the kind they name, for one registry (cached per registry in :func:`compare`)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.forms = _kind_forms(registry)
        self.demonyms = _demonyms(registry)
        self.people = next((k for k in registry.kinds if not registry.kinds[k].broader), None)

    def of(self, quantity: Quantity) -> str | None:
        counted = (quantity.counted or "").strip().lower()
        if not counted:
            return quantity.kind
        partitive = _PARTITIVE.match(counted) is not None
        counted = _MORE.sub("", _PARTITIVE.sub("", counted)).strip()
        number = next((m.start() for m in _WORD.finditer(counted) if m.group() in _NUMBER_WORDS), len(counted))
        cut = _CUT.search(counted)
        head = counted[: min(number, cut.start() if cut else len(counted))]
        parts = head.split(",")
        if len(parts) > 1 and not re.search(r"\band\b", parts[-1]):
            head = parts[0]  # "children, citizens of ...": an apposition; "men, women, and children": a list
        words = [w for w in _WORD.findall(head) if w not in _NUMBER_WORDS]
        if not words:
            found = quantity.kind
        elif head.strip() in self.forms:
            found = self.forms[head.strip()]
        else:
            matched = [self.forms[w] for w in words if w in self.forms]
            if not matched and self.people and any(f in self.demonyms for w in words for f in _singulars(w)):
                matched = [self.people]
            if len(set(matched)) > 1:
                found = _common_broader(self.registry, sorted(set(matched))) or quantity.kind
            elif matched:
                found = matched[0]
            else:
                found = words[-1]  # words that name no kind: only compared with the same words
        return f"part of {found}" if partitive else found


def counted_kind(quantity: Quantity, registry: Registry) -> str | None:
    """The kind a quantity counts, at its level, from its counted words (the ``kinds`` mechanism).

    >>> from kg.model import Kind
    >>> r = Registry(kinds={"people": Kind("people", "people", aliases=("citizens",)),
    ...                     "women": Kind("women", "women", broader="people"),
    ...                     "children": Kind("children", "children", broader="people")})
    >>> [counted_kind(Quantity(value=1, counted=c, kind="people"), r) for c in
    ...  ("children, 59 women and 16 men", "women and children", "its citizens", "girls", "the children")]
    ['children', 'people', 'people', 'girls', 'part of children']
    """
    return _Kinds(registry).of(quantity)


# -- what a claim is about, as its article tells it ----------------------------------------------


def _month(date: str | None) -> str | None:
    return date[:7] if date else None


def _country(registry: Registry, entity_id: str | None) -> str | None:
    entity = registry.entities.get(entity_id) if entity_id else None
    return entity_id if entity is not None and entity.type == "Country" else None


def _only(values: Iterable[str | None]) -> str | None:
    found = {v for v in values if v}
    return found.pop() if len(found) == 1 else None


def _paragraph_starts(text: str) -> list[int]:
    return [m.end() for m in re.finditer(r"\n\s*\n", text)]


def compared_claims(
    annotated: Annotated, claims: list[KeyedClaim] | None = None, registry: Registry | None = None
) -> Iterator[ComparedClaim]:
    """The article's claims, ready to :func:`compare`, with what each quantity claim is about.

    Parameters
    ----------
    annotated : Annotated
        The article and its annotations.
    claims : list of (Claim, str), optional
        ``keyed_claims(annotated)`` when the caller has them already.
    registry : Registry, optional
        The registry, to tell countries and events; without it, the event of a quantity claim is
        its ``about`` and nothing else.
    """
    a = annotated.article
    keyed = keyed_claims(annotated) if claims is None else claims
    if not keyed:
        return
    printed = fingerprint(a)
    registry = registry or Registry()
    events: dict[str, dict[str, Counter]] = defaultdict(lambda: {"countries": Counter(), "months": Counter()})
    for op in annotated.operations:
        seen = events[op.event]
        for actor in (*op.agents, *op.destination):
            if _country(registry, actor):
                seen["countries"][actor] += 1
        date = op.date or op.on or op.start
        if date:
            seen["months"][_month(date)] += 1
    countries = Counter(c for e in events.values() for c in e["countries"].elements())
    origins = {place for op in annotated.operations for place in op.origin}

    def month_of(event: str | None) -> str | None:
        months = events[event]["months"] if event in events else Counter()
        exact = [m for m in months if len(m) == 7]
        ranked = sorted(exact or months, key=lambda m: (-months[m], m))
        return ranked[0] if ranked else None

    def country_of(event: str | None) -> str | None:
        found = events[event]["countries"] if event in events else Counter()
        return found.most_common(1)[0][0] if len(found) == 1 else None

    paragraphs = _paragraph_starts(a.text)
    anchor: tuple[int, ComparedClaim] | None = None
    out = []
    for claim, key in sorted(keyed, key=lambda ck: ck[0].span.start):
        compared = ComparedClaim(claim, a.id, a.outlet, claim_iri(a.id, claim, key), a.published, fingerprint=printed)
        if claim.quantity is not None:
            paragraph = sum(1 for p in paragraphs if p <= claim.span.start)
            # "Among them ...", "The group of ...": a figure follows the one before it, in its
            # paragraph or the one before
            follows = anchor[1] if anchor is not None and paragraph - anchor[0] <= 1 else None
            event = claim.about
            if event is None and follows is not None:
                event = follows.event
            if event is None and len(events) == 1:
                event = next(iter(events))
            actor = _country(registry, claim.subject)
            if actor is None and follows is not None:
                actor = follows.actor
            actor = actor or country_of(event) or (countries.most_common(1)[0][0] if len(countries) == 1 else None)
            first = min(
                (
                    (m.span.start, e)
                    for m in annotated.mentions
                    if claim.span.start <= m.span.start < claim.span.end
                    for e in m.entities
                    if _country(registry, e)
                ),
                default=None,
            )
            if first is not None and first[1] != actor and first[1] not in origins:
                actor = None  # the sentence is about another country: who acted is not clear
            family = _family(claim.predicate)
            if family == _involved() and follows is not None:
                family = follows.family
            period = (
                month_of(event) or _month(claim.date) or (follows.period if follows else None) or _month(a.published)
            )
            compared.event, compared.actor, compared.family, compared.period = event, actor, family, period
            if claim.about is not None or compared.actor is not None:
                anchor = (paragraph, compared)
        out.append(compared)
    yield from out


def comparison_nodes(claims: Iterable[ComparedClaim]) -> set[str]:
    """What an article's claims share with other articles' claims in :func:`compare` (before it ran).

    Two articles can change each other's comparison only through a node both have: an event a
    quantity claim is about (``e``), its acting country (``a``), the month of a claim whose country
    is unknown (``p``), the key of another claim (``k``), a timeline entry (``t``); and articles that
    are copies of one text through their copy cluster (the caller's: it is worked out across the
    whole corpus). :func:`_keys` reads counts kept under an event, a
    country or an unknown country's month, so the claims of articles connected through nodes, and
    only they, are compared together: an in-place change (:mod:`kg.incremental`) compares again the
    articles its own reach through them, and gets what comparing all would give them.
    """
    nodes: set[str] = set()
    for c in claims:
        claim = c.claim
        if claim.quantity is not None:
            if c.event:
                nodes.add(f"e {c.event}")
            nodes.add(f"a {c.actor}" if c.actor else f"p {c.period}")
        else:
            nodes.add(f"k {comparison_key(claim)!r}")
        when = timeline_key(claim)
        if when is not None:
            nodes.add(f"t {when}")
    return nodes


# -- grouping ------------------------------------------------------------------------------------


def compare_claims(corpus: Corpus, off: Iterable[str] | None = None) -> list[ClaimGroup]:
    """Group the corpus's claims and work out each one's status.

    Parameters
    ----------
    corpus : Corpus
        The registry and the annotated articles.
    off : iterable of str, optional
        Mechanisms switched off (:data:`MECHANISMS`); default ``$KG_CROSSSOURCE_OFF``.

    Returns
    -------
    list of ClaimGroup
        In order of first appearance; each member carries its status, its original source, the
        number of distinct original sources agreeing with it, the claims it conflicts with or is
        corroborated by, and its basis.
    """
    claims = (c for annotated in corpus.articles for c in compared_claims(annotated, registry=corpus.registry))
    return compare(claims, registry=corpus.registry, off=off)


def compare(
    claims: Iterable[ComparedClaim],
    registry: Registry | None = None,
    off: Iterable[str] | None = None,
    copies: dict[str, Fingerprint] | None = None,
) -> list[ClaimGroup]:
    """Group claims (from any number of articles), find their original sources, set each one's status.

    Parameters
    ----------
    claims : iterable of ComparedClaim
        From :func:`compared_claims`.
    registry : Registry, optional
        For kinds and names in the basis.
    off : iterable of str, optional
        Mechanisms switched off (:data:`MECHANISMS`); default ``$KG_CROSSSOURCE_OFF``.
    copies : dict, optional
        :func:`~kg.compile.sources.copied_from` of the articles' fingerprints, worked out already (over
        a larger corpus than these claims' articles: an in-place change compares some articles only).
    """
    off = mechanisms_off() if off is None else frozenset(off)
    registry = registry or Registry()
    claims = list(claims)
    if "sources" in off:
        for compared in claims:
            compared.original = compared.original or compared.outlet
    else:
        prints = {id(c.fingerprint): c.fingerprint for c in claims if c.fingerprint is not None}
        copies = copied_from(prints.values()) if copies is None else copies
        sources = original_sources(prints.values(), copies)
        for compared in claims:
            if compared.original is None:
                compared.original = sources.get(compared.article, compared.outlet)
        _read_as_copied(claims, copies)
    keys = _keys(claims, registry, off)
    groups: dict[tuple, ClaimGroup] = {}
    for compared, key in zip(claims, keys, strict=True):
        group = groups.get(key)
        if group is None:
            group = groups[key] = ClaimGroup(key, topic=compared.topic)
        group.members.append(compared)
    for group in groups.values():
        _settle(group, registry)
        if group.members[0].claim.quantity is not None:
            _explain(group, registry)
    return list(groups.values())


def _quote_key(claim: Claim) -> tuple[str, object]:
    return " ".join(claim.span.quote.split()).casefold(), _value_key(claim)


def _read_as_copied(claims: list[ComparedClaim], copies: dict[str, Fingerprint]) -> None:
    """A copy tells what the text it copies tells (the ``sources`` mechanism).

    A figure a copy repeats word for word is about the event, country, month and action its
    original's figure is about, however the copy's own annotations resolved them (a copy often
    lacks the date or the context that decided them); an undated copy is dated by its original.
    Linear: one pass over the originals' quantity claims, one over the copies'.
    """
    if not copies:
        return
    originals = {f.article for f in copies.values()}
    told: dict[tuple, ComparedClaim] = {}
    for c in claims:
        if c.article in originals and c.claim.quantity is not None:
            told.setdefault((c.article, *_quote_key(c.claim)), c)
    for c in claims:
        first = copies.get(c.article)
        if first is None or first.article == c.article or c.claim.quantity is None:
            continue
        if c.published is None and first.published:
            c.published = first.published
            c.period = c.period or _month(first.published)
        said = told.get((first.article, *_quote_key(c.claim)))
        if said is not None:
            c.event, c.actor, c.period, c.family = said.event, said.actor, said.period, said.family


def _label(registry: Registry, entity_id: str | None) -> str:
    entity = registry.entities.get(entity_id) if entity_id else None
    return entity.label if entity is not None else str(entity_id)


def _keys(claims: list[ComparedClaim], registry: Registry, off: frozenset[str]) -> list[tuple]:
    """Each claim's group key (the module's description), in three linear passes over the claims.

    A quantity key is ``("quantity", topic, family, kind, modality, scope, ...)``: the topic is the
    event, else the acting country.
    """
    kinds = _Kinds(registry)
    named_by: dict[str, set[str]] = defaultdict(set)
    curated_events: set[str] = set()
    for c in claims:
        if c.claim.quantity is not None and c.event:
            named_by[c.event].add(c.article)
            if c.claim.provenance.method == "curated":
                curated_events.add(c.event)
    keys: list[tuple | None] = []
    pending: list[tuple[int, tuple, str | None]] = []
    totals: dict[tuple, set[str]] = defaultdict(set)  # the dates of the running totals of a country and group
    undated: list[tuple[int, tuple]] = []
    for i, c in enumerate(claims):
        claim, q = c.claim, c.claim.quantity
        if q is None:
            keys.append(comparison_key(claim))
            continue
        c.kind = kind = (q.kind or (q.counted or "").lower()) if "kinds" in off else kinds.of(q)
        modality = "actual" if "modality" in off else claim.modality
        scope = None if "scope" in off else claim.scope
        if scope is None and "scope" not in off and _MORE.match((q.counted or "").strip().lower()):
            scope = "increment"  # "14 more children"
        if (
            scope is None
            and "scope" not in off
            and _family(claim.predicate) in _stock_families()
            and _STOCK.search(claim.span.quote)
        ):
            scope = "stock"  # "90 are still in Syria": how many remain, not how many an event moved
        c.family = family = c.family if c.family and "events" not in off else _family(claim.predicate)
        base = (family, kind, modality, scope)
        what = _kind_words(registry, kind)
        keys.append(None)
        if "events" in off:
            topic = claim.about or claim.subject
            keys[i] = ("quantity", topic, *base)
            c.topic = f"same topic {_label(registry, topic)}, same group ({what})"
        elif scope == "cumulative":
            # a running total changes from day to day: as of the date the text gives, else the publication date
            as_of = claim.as_of or claim.date or c.published
            if c.actor is None:
                c.refused = "not compared: a running total whose country is unknown"
            elif as_of is None:
                undated.append((i, base))
            else:
                totals[(c.actor, base)].add(as_of)
                keys[i] = ("quantity", c.actor, *base, as_of)
                c.topic = f"same total of {_label(registry, c.actor)} as of {as_of}, same group ({what})"
        else:
            shared = c.event if c.event and (len(named_by[c.event]) > 1 or c.event in curated_events) else None
            pending.append((i, base, shared))
    # an undated running total is as of the one date the totals of its country and group give, if one only
    for i, base in undated:
        c = claims[i]
        known = totals.get((c.actor, base), set())
        if len(known) == 1:
            as_of = next(iter(known))
            keys[i] = ("quantity", c.actor, *base, as_of)
            what = _kind_words(registry, c.kind)
            c.topic = f"same total of {_label(registry, c.actor)} as of {as_of} (the only one), same group ({what})"
        else:
            detail = " or ".join(sorted(known)) if known else "no other total to match"
            c.refused = f"not compared: a running total whose date is unknown ({detail})"
    # pass two: an unknown action, country or month is filled in where the claims alike allow one only
    involved = _involved()
    families: dict[tuple, set[str]] = defaultdict(set)
    for i, base, shared in pending:
        c = claims[i]
        if base[0] != involved:
            families[(base[1:], shared or (c.actor, c.period))].add(base[0])
            if shared and c.actor and c.period:
                # a figure naming no event may be about this one: its action is known by the event's signature too
                families[(base[1:], (c.actor, c.period))].add(base[0])
    for n, (i, base, shared) in enumerate(pending):
        c = claims[i]
        if base[0] == involved:
            family = _only(families.get((base[1:], shared or (c.actor, c.period)), ()))
            if family is not None:
                c.family = family
                pending[n] = (i, (family, *base[1:]), shared)
    actors: dict[tuple, set[str]] = defaultdict(set)
    periods: dict[tuple, set[str]] = defaultdict(set)
    for i, base, shared in pending:
        c = claims[i]
        if c.actor:
            actors[(base, shared)].add(c.actor)
            if c.period:
                periods[(base, c.actor)].add(c.period)
    named: dict[tuple, set[str]] = defaultdict(set)
    for i, base, shared in pending:
        c = claims[i]
        if c.actor is None and shared is not None:
            known = actors.get((base, shared), set())
            c.actor = _only(known)
            if len(known) > 1:
                c.refused = "not compared: the event is ambiguous (" + " or ".join(sorted(known)) + " acted)"
        if shared and c.actor and c.period:
            named[(base, c.actor, c.period)].add(shared)
    # pass three: the keys
    for i, base, shared in pending:
        c = claims[i]
        what = _kind_words(registry, c.kind)
        if c.refused:
            continue
        if shared is None and c.actor is None:
            c.refused = "not compared: the event is unknown (no acting country)"
            continue
        if shared is None:
            period = c.period or _only(periods.get((base, c.actor), ()))
            if period is None:
                c.refused = "not compared: the event is ambiguous (no date)"
                continue
            candidates = named.get((base, c.actor, period), set())
            if len(candidates) > 1:
                c.refused = "not compared: the event is ambiguous (" + " or ".join(sorted(candidates)) + ")"
                continue
            if not candidates:
                keys[i] = ("quantity", c.actor, *base, period)
                c.topic = f"same event ({_label(registry, c.actor)}, {period}), same group ({what})"
                continue
            shared = next(iter(candidates))
        keys[i] = ("quantity", shared, *base, c.actor)
        c.topic = f"same event {_label(registry, shared)}, same group ({what})"
    return [
        key
        if key is not None
        else ("quantity", c.claim.about or c.claim.subject, c.family, c.kind, "uncompared", str(c.iri))
        for c, key in zip(claims, keys, strict=True)
    ]


def _kind_words(registry: Registry, kind: str | None) -> str:
    if kind is None:
        return "anything"
    found = registry.kinds.get(kind)
    return found.label if found is not None else kind


def _settle(group: ClaimGroup, registry: Registry | None = None) -> None:
    """The group's distinct values and each member's status, worked out value by value.

    A group of n claims with v distinct values costs n * v, not n * n: what a claim needs of the
    others (whether one from another article or speaker disagrees, how many original sources agree)
    is counted once per value.
    """
    by_key: dict[object, GroupValue] = {}
    for m in group.members:
        key = _value_key(m.claim)
        value = by_key.get(key)
        if value is None:
            value = by_key[key] = GroupValue(key, group, text=_value_text(m, registry))
        value.members.append(m)
        m.value = value
    values = group.values = list(by_key.values())
    # who says it: an article giving two figures on one speaker's word does not conflict with itself
    voices = [Counter((m.article, m.claim.speaker) for m in value.members) for value in values]
    originals = [value.originals for value in values]
    for i, value in enumerate(values):
        for j, other in enumerate(values):
            if j == i:
                continue
            if values_agree(value.members[0].claim, other.members[0].claim):
                value.agrees.append(other)
            elif len(voices[i].keys() | voices[j].keys()) > 1:
                value.conflicts.append(other)
    index = {id(value): i for i, value in enumerate(values)}
    for i, value in enumerate(values):
        differing = [index[id(w)] for w in value.conflicts]
        against = sum(len(values[j].members) for j in differing)
        agreeing = set(originals[i]).union(*(originals[index[id(w)]] for w in value.agrees))
        for m in value.members:
            voice = (m.article, m.claim.speaker)
            m.outlet_count = len(agreeing)
            if against - sum(voices[j][voice] for j in differing) > 0:
                m.status = "conflicting"
            elif m.outlet_count >= 2:
                m.status = "corroborated"
            else:
                m.status = "single-source"


def _value_text(m: ComparedClaim, registry: Registry | None) -> str:
    """A value as a person reads it: ``47 people``, ``2019-01``, the label of an entity."""
    claim = m.claim
    if claim.quantity is not None:
        q = claim.quantity
        what = registry.kinds[m.kind].label if registry and m.kind in registry.kinds else m.kind
        return f"{_number(q)} {what or q.counted or ''}".strip()
    if claim.object is not None:
        return _label(registry, claim.object) if registry else str(claim.object)
    return str(claim.literal)


def _number(quantity: Quantity) -> str:
    if quantity.value is not None:
        return f"{'about ' if quantity.approximate else ''}{quantity.value}"
    if quantity.lower is not None and quantity.upper is not None:
        return f"{quantity.lower}-{quantity.upper}"
    if quantity.lower is not None:
        return f"at least {quantity.lower}"
    return f"at most {quantity.upper}"


_SHOWN_NAMES = 8
"""At most this many sources and speakers are named per value in a basis; the rest are counted."""


def _names(names: list[str]) -> str:
    """``a, b, c``; past _SHOWN_NAMES, the first ones and ``+N more``: a basis stays readable
    (and its size bounded) when hundreds of reports give one value."""
    if len(names) <= _SHOWN_NAMES:
        return ", ".join(names)
    return ", ".join(names[:_SHOWN_NAMES]) + f" +{len(names) - _SHOWN_NAMES} more"


def _values(members: Iterable[ComparedClaim], registry: Registry | None = None) -> dict[object, tuple[str, list[str]]]:
    """Each distinct value of the claims: its text and its distinct original sources (and speakers)."""
    found: dict[object, tuple[str, list[str]]] = {}
    seen: set[tuple[object, str]] = set()
    for m in members:
        q = m.claim.quantity
        key = _value_key(m.claim)
        if key not in found:
            what = m.kind if m.kind and not (registry and m.kind in registry.kinds) else None
            if registry and m.kind in registry.kinds:
                what = registry.kinds[m.kind].label
            found[key] = (f"{_number(q)} {what or q.counted or ''}".strip(), [])
        names = found[key][1]
        for who in (m.original, m.claim.speaker):
            name = _label(registry, who) if registry else str(who)
            if who and (key, name) not in seen:
                seen.add((key, name))
                names.append(name)
    return found


def _explain(group: ClaimGroup, registry: Registry) -> None:
    """Each member's basis, worked out once per distinct value and status (linear in the members)."""
    by_value: dict[object, list[ComparedClaim]] = {}
    for m in group.members:
        by_value.setdefault(_value_key(m.claim), []).append(m)
    values = {key: members[0].claim for key, members in by_value.items()}
    said = {key: _values(members, registry)[key] for key, members in by_value.items()}
    if len(group.members) >= 2:
        group.basis = " vs ".join(f"{text} ({_names(sources)})" for text, sources in said.values())
    curated = {key: any(o.claim.provenance.method == "curated" for o in members) for key, members in by_value.items()}
    made: dict[tuple, str] = {}
    for m in group.members:
        if m.refused:
            m.basis = m.refused
            continue
        if m.status == "single-source":
            m.basis = None
            continue
        mine = _value_key(m.claim)
        if (mine, m.status) not in made:
            agree = [k for k in by_value if values_agree(values[k], m.claim)]
            text, sources = said[mine]
            if m.status == "conflicting":
                others = [k for k in by_value if k not in agree]
                against = " and ".join(f"{said[k][0]} ({_names(said[k][1])})" for k in others)
                involved = [mine, *others]
                basis = f"{text} ({_names(sources)}) vs {against}: {m.topic}, values differ"
            else:
                involved = agree
                shown = " and ".join(f"{said[k][0]} ({_names(said[k][1])})" for k in agree)
                basis = f"{shown}: {m.topic}, {m.outlet_count} original sources agree"
            made[mine, m.status] = basis + ("" if any(curated[k] for k in involved) else "; machine claims only")
        m.basis = made[mine, m.status]


def compile_crosssource(
    groups: list[ClaimGroup],
    registry: Registry,
    mention_counts: dict[str, int],
    terms: Terms = RDFLIB_TERMS,
    outlet_articles: dict[str, int] | None = None,
) -> Iterator[Quad]:
    """Claim groups, their values, statuses, mention counts, outlet statistics, listing indexes.

    Each distinct value of a group is a ``kg:GroupValue`` (``kg:valueOf`` the group, its text as
    ``rdfs:label``, ``kg:claimCount``, ``kg:outletCount``: its distinct original sources), linked to
    the other values of the group it agrees or conflicts with (``kg:agreesWithValue``,
    ``kg:conflictsWithValue``); each claim ``kg:supportsValue`` its value. The quads grow with the
    claims plus the square of the distinct values of a group, never with the square of its claims;
    pairs of claims are a query away (``kg query --name conflicting-pairs``).

    ``outlet_articles`` counts each outlet's articles; without it, articles that have claims.
    """
    for _, quads in crosssource_parts(groups, registry, mention_counts, terms, outlet_articles):
        yield from quads


def crosssource_parts(
    groups: list[ClaimGroup],
    registry: Registry,
    mention_counts: dict[str, int],
    terms: Terms = RDFLIB_TERMS,
    outlet_articles: dict[str, int] | None = None,
) -> Iterator[tuple[str, list[Quad]]]:
    """:func:`compile_crosssource`'s quads in parts, each named by what it is about (its *owner*).

    ``g IRI``: a claim group, its values, its members' statuses and listing rows; ``t IRI``: a timeline
    entry; ``e ID``: an entity's mention count and ``actors`` row; ``o ID``: an outlet's statistics.
    No quad is in two parts, and a part depends only on what its owner names: an in-place change
    (:mod:`kg.incremental`) recomputes the parts its articles reach and keeps the others.
    """
    parts = CrossSourceParts(registry, terms)
    for group in groups:
        yield f"g {group.iri}", parts.group(group)
    for iri, quads in parts.rows.timeline(groups):
        yield f"t {iri}", quads
    for entity_id in registry.entities:
        yield f"e {entity_id}", parts.entity(entity_id, mention_counts.get(entity_id, 0))
    for outlet, counts in _outlet_counts(groups).items():
        articles = len(counts.pop("articles"))
        yield f"o {outlet}", parts.outlet(outlet, (outlet_articles or {}).get(outlet, articles), counts)


class CrossSourceParts:
    """The quads of one group, entity or outlet of the cross-source and listing graphs (:func:`crosssource_parts`)."""

    def __init__(self, registry: Registry, terms: Terms = RDFLIB_TERMS) -> None:
        self.registry, self.t, self.v = registry, terms, ConstantTerms.of(terms)
        self.g = terms.iri(CROSSSOURCE_GRAPH)
        self.rows = ListingRows(registry, terms)

    def group(self, group: ClaimGroup) -> list[Quad]:
        """A group, its values, its members' statuses and their listing rows."""
        t, v, g, registry = self.t, self.v, self.g, self.registry
        q, kg, status = t.quad, v.kg, v.status
        out: list[Quad] = []
        add = out.append
        node = t.iri(group.iri)
        kind, topic, predicate = group.key[0], group.key[1], group.key[2]
        add(q(node, v.type, kg["ClaimGroup"], g))
        add(q(node, kg["topic"], t.iri(entity_iri(topic)), g))
        if kind == "quantity":
            add(q(node, kg["groupPredicate"], t.iri(predicate), g))
            counted = group.key[3]
            if counted in registry.kinds:
                add(q(node, kg["kind"], t.iri(kind_iri(counted)), g))
            elif counted:
                add(q(node, kg["counted"], t.literal(counted), g))
        else:
            add(q(node, kg["groupPredicate"], t.iri(predicate_iri(predicate)), g))
        members = group.members
        add(q(node, kg["claimCount"], int_term(t, len(members)), g))
        add(q(node, kg["valueCount"], int_term(t, group.value_count), g))
        add(q(node, kg["outletCount"], int_term(t, len({m.original or m.outlet for m in members})), g))
        add(q(node, kg["contested"], v.true if group.contested else v.false, g))
        if group.basis:
            add(q(node, kg["basis"], t.literal(group.basis), g))
        for value in group.values:
            vnode = t.iri(value.iri)
            add(q(vnode, v.type, kg["GroupValue"], g))
            add(q(vnode, kg["valueOf"], node, g))
            add(q(vnode, v.label, t.literal(value.text), g))
            add(q(vnode, kg["claimCount"], int_term(t, len(value.members)), g))
            add(q(vnode, kg["outletCount"], int_term(t, len(value.originals)), g))
            for other in value.agrees:
                add(q(vnode, kg["agreesWithValue"], t.iri(other.iri), g))
            for other in value.conflicts:
                add(q(vnode, kg["conflictsWithValue"], t.iri(other.iri), g))
        for m in members:
            claim = t.iri(m.iri)
            add(q(claim, kg["outlet"], t.iri(entity_iri(m.outlet)), g))
            if m.original and m.original != m.outlet:
                add(q(claim, kg["originalSource"], t.iri(entity_iri(m.original)), g))
            add(q(claim, kg["quote"], t.literal(m.claim.span.quote), g))
            date = m.claim.date or m.published
            if date:
                add(q(claim, kg["claimDate"], date_term(t, date), g))
            add(q(claim, kg["inGroup"], node, g))
            add(q(claim, kg["status"], status[m.status], g))
            add(q(claim, kg["outletCount"], int_term(t, m.outlet_count), g))
            if m.basis:
                add(q(claim, kg["basis"], t.literal(m.basis), g))
            if m.value is not None:
                add(q(claim, kg["supportsValue"], t.iri(m.value.iri), g))
        out.extend(self.rows.claims(group))
        return out

    def entity(self, entity_id: str, mentions: int) -> list[Quad]:
        """An entity's mention count and its row in the ``actors`` listing."""
        t = self.t
        node = t.iri(entity_iri(entity_id))
        return [
            t.quad(node, self.v.kg["mentionCount"], int_term(t, mentions), self.g),
            *self.rows.actor(entity_id, mentions),
        ]

    def outlet(self, outlet: str, articles: int, counts: dict[str, int]) -> list[Quad]:
        """An outlet's article count and how many of its claims have each status (``_outlet_counts``)."""
        t, kg = self.t, self.v.kg
        node = t.iri(entity_iri(outlet))
        out = [t.quad(node, kg["articleCount"], int_term(t, articles), self.g)]
        out += [t.quad(node, kg[name], int_term(t, n), self.g) for name, n in counts.items()]
        return out


def _outlet_counts(groups: list[ClaimGroup]) -> dict[str, dict]:
    """Per outlet: its articles (that have claims) and how many of its claims have each status."""
    status = {
        "conflicting": "conflictingCount",
        "corroborated": "corroboratedCount",
        "single-source": "singleSourceCount",
    }
    outlets: dict[str, dict] = {}
    for group in groups:
        for m in group.members:
            counts = outlets.setdefault(
                m.outlet,
                {
                    "articles": set(),
                    "claimCount": 0,
                    "conflictingCount": 0,
                    "corroboratedCount": 0,
                    "singleSourceCount": 0,
                },
            )
            counts["articles"].add(m.article)
            counts["claimCount"] += 1
            counts[status[m.status]] += 1
    return dict(sorted(outlets.items()))
