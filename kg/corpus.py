"""Reading a corpus folder: the registry, article texts and their annotation files.

The layout and the YAML format are described in ``docs/annotation-format.md``. Every problem is
reported as a :class:`~kg.errors.KGError` naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from .errors import KGError, excerpt
from .model import (
    Annotated,
    Article,
    Claim,
    Corpus,
    Entity,
    Kind,
    Mention,
    Operation,
    Provenance,
    Quantity,
    Registry,
    Role,
    Span,
    Statement,
)
from .ontology import relation_families
from .terms import id_segment
from .text import QuoteNotFound, find_all, find_quote, find_repeats, resolve_overlaps
from .vocab import ACTOR_TYPES, ENTITY_TYPES, MODALITIES, SCOPES, date_period

__all__ = [
    "ALIAS_LIMIT",
    "REGISTRY_FILE",
    "default_registry",
    "read_annotations",
    "read_corpus",
    "read_registry",
    "read_text",
]

REGISTRY_FILE = "registry.yaml"


def default_registry(out: str | Path | None = None) -> Path:
    """The registry to link new articles to when none is named.

    ``OUT/registry.yaml`` when it exists (a corpus that grows keeps its own entities), else
    ``seeds/registry.yaml`` in the working folder, else the seeds' registry that ships with kg (in the
    wheel, or the repository's when kg runs from a checkout), so ``kg annotate`` works from any folder.

    Examples
    --------
    >>> default_registry("/nonexistent").name
    'registry.yaml'
    """
    candidates = [Path(out) / REGISTRY_FILE] if out is not None else []
    here = Path(__file__).resolve().parent
    candidates += [
        Path("seeds") / REGISTRY_FILE,
        here / "_seeds" / REGISTRY_FILE,
        here.parent / "seeds" / REGISTRY_FILE,
    ]
    return next((c for c in candidates if c.is_file()), Path("seeds") / REGISTRY_FILE)


_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


# --- YAML with line numbers ------------------------------------------------------------


class _Map(dict):
    line: int = 0


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when built with it: ~10x faster


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader with YAML 1.2 booleans (``on``, ``off``, ``yes``, ``no`` stay strings) and dates as text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# dates stay text, checked by _date() with a message naming the place, not a YAML crash
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> _Map:
    mapping = _Map(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)


ALIAS_LIMIT = 100_000
"""The most nodes the aliases (``*name``) of one YAML file may add to it, counted expanded.

An alias repeats the node its anchor names, so ten nested lines of anchors can stand for a
billion values ("billion laughs"); a file that would grow past this is refused before it is built.
"""


def _load_yaml(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KGError("E110", where=path, detail=f"cannot read: {exc.strerror}") from None
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KGError("E105", where=path, text=path.name, detail=_decode_detail(exc)) from None
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "*" in source and _aliased_nodes(node) > ALIAS_LIMIT:  # no "*", no alias: the fast path
            raise KGError("E113", where=path, limit=f"{ALIAS_LIMIT:,}")
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise KGError("E103", where=where, detail=problem) from None
    except ValueError as exc:  # an integer of thousands of digits
        raise KGError("E103", where=path, detail=" ".join(str(exc).split())) from None
    finally:
        loader.dispose()


def _aliased_nodes(root: yaml.Node) -> int:
    """How many nodes the aliases under ``root`` add when expanded; a node that contains itself adds no end.

    A composed document shares the node of an anchor among its aliases, so each node's expanded
    size is summed once (without recursion: a deep document does not reach Python's limit).
    """
    sizes: dict[int, int] = {}  # id(node) -> expanded size, once known
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = node.value
        else:
            children = []
        if children_done:
            visiting.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            continue
        if key in sizes:
            continue
        if key in visiting:  # a node inside itself: its expansion never ends
            return ALIAS_LIMIT + 1
        visiting.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)] - len(sizes)


def _decode_detail(exc: UnicodeDecodeError) -> str:
    detail = f"byte 0x{exc.object[exc.start]:02x} at offset {exc.start}"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(exc.object).best()
        if best is not None:
            detail += f"; it looks like {best.encoding}: convert it to UTF-8"
    except ImportError:  # pragma: no cover - charset-normalizer ships with requests
        pass
    return detail


class _Where:
    """A place in an annotation file, for messages: ``path:line (claims[3])``."""

    def __init__(self, path: Path, node: Any = None, item: str | None = None) -> None:
        line = getattr(node, "line", 0)
        self.text = f"{path}:{line}" if line else str(path)
        if item:
            self.text += f" ({item})"

    def __str__(self) -> str:
        return self.text


def _suggest(name: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(name), list(options), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def _date(value: Any, where: _Where, field: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, dict)):  # not text: shown as an excerpt, never made into text whole
        raise KGError("E108", where=where, field=field, value=value)
    text = str(value)
    try:
        date_period(text)
    except ValueError:
        raise KGError("E108", where=where, field=field, value=value) from None
    return text


def _mapping(value: Any, where: _Where, what: str) -> dict:
    if not isinstance(value, dict):
        raise KGError("E103", where=where, detail=f"{what} must be a mapping, not {type(value).__name__}")
    return value


def _listing(value: Any, where: _Where, what: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise KGError("E103", where=where, detail=f"{what} must be a list, not {type(value).__name__}")
    return value


def _ids(value: Any) -> tuple[Any, ...]:
    """An id or a list of ids, as a tuple (each checked by :meth:`_Reader.entity`)."""
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(value)
    return (value,)


def _strings(value: Any, where: _Where, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return tuple(str(v) for v in value)
    raise KGError("E103", where=where, detail=f"{what} must be a string or a list of strings")


# --- the registry ------------------------------------------------------------------------


def read_registry(path: str | Path) -> Registry:
    """Read ``registry.yaml``: entities with their surface forms, and quantity kinds.

    Parameters
    ----------
    path : str or Path
        The registry file.

    Returns
    -------
    Registry
    """
    path = Path(path)
    if not path.is_file():
        raise KGError("E109", where=path, detail="the file is missing")
    data = _load_yaml(path) or {}
    here = _Where(path, data)
    data = _mapping(data, here, "the registry")
    registry = Registry()
    for kind_id, spec in (_mapping(data.get("kinds") or {}, here, "kinds")).items():
        where = _Where(path, spec, f"kinds.{kind_id}")
        spec = _mapping(spec, where, f"kind {kind_id}")
        registry.kinds[str(kind_id)] = Kind(
            id=str(kind_id),
            label=str(spec.get("label", kind_id)),
            broader=spec.get("broader"),
            aliases=_strings(spec.get("aliases"), where, "aliases"),
        )
    for entity_id, spec in (_mapping(data.get("entities") or {}, here, "entities")).items():
        where = _Where(path, spec, f"entities.{entity_id}")
        spec = _mapping(spec, where, f"entity {entity_id}")
        if not _ID.match(str(entity_id)):
            raise KGError(
                "E109", where=where, detail=f"id {excerpt(entity_id)}: use lower-case letters, digits and '-'"
            )
        etype = spec.get("type")
        if etype not in ENTITY_TYPES:
            raise KGError("E109", where=where, detail=f"type {excerpt(etype)} is not one of {', '.join(ENTITY_TYPES)}")
        if not spec.get("label"):
            raise KGError("E109", where=where, detail="an entity needs a label")
        roles = tuple(
            Role(
                title=str(_mapping(r, where, "a role").get("title")),
                start=_date(r.get("from"), where, "from"),
                end=_date(r.get("to"), where, "to"),
            )
            for r in _listing(spec.get("roles"), where, "roles")
        )
        registry.entities[str(entity_id)] = Entity(
            id=str(entity_id),
            type=etype,
            label=str(spec["label"]),
            aliases=_strings(spec.get("aliases"), where, "aliases"),
            description=spec.get("description"),
            roles=roles,
            phase_of=spec.get("phase_of"),
        )
    for kind in registry.kinds.values():
        if kind.broader and kind.broader not in registry.kinds:
            raise KGError(
                "E107",
                where=_Where(path, None, f"kinds.{kind.id}.broader"),
                name=kind.broader,
                hint=_suggest(kind.broader, registry.kinds),
            )
    for entity in registry.entities.values():
        if entity.phase_of and entity.phase_of not in registry.entities:
            raise KGError(
                "E102",
                where=_Where(path, None, f"entities.{entity.id}.phase_of"),
                name=entity.phase_of,
                hint=_suggest(entity.phase_of, registry.entities),
            )
    return registry


# --- article texts -----------------------------------------------------------------------


def read_text(path: str | Path, where: object = None) -> str:
    """Read an article text verbatim: UTF-8 (a byte-order mark is dropped), line ends kept."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KGError("E104", where=where or path, text=path) from None
    except OSError as exc:
        raise KGError("E110", where=where or path, detail=f"cannot read {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KGError("E105", where=where or path, text=path, detail=_decode_detail(exc)) from None
    if "\x00" in text:
        raise KGError("E105", where=where or path, text=path, detail="it contains NUL bytes (binary data?)")
    return text.removeprefix("\ufeff")


# --- annotation files ----------------------------------------------------------------------


class _Reader:
    """Reads one annotation file against its text and the registry."""

    def __init__(self, path: Path, registry: Registry) -> None:
        self.path = path
        self.registry = registry

    def where(self, node: Any = None, item: str | None = None) -> _Where:
        return _Where(self.path, node, item)

    def entity(self, name: Any, where: _Where, *, types: tuple[str, ...] | None = None, role: str = "") -> str:
        if isinstance(name, (list, dict)):  # not an id: shown as an excerpt, never made into text whole
            raise KGError("E102", where=where, name=name, hint="")
        name = str(name)
        if name not in self.registry.entities:
            # an entry a person merged into another (or renamed): its old id kept among the other's aliases
            merged = [e.id for e in self.registry.entities.values() if name in e.aliases]
            if len(merged) != 1:
                raise KGError("E102", where=where, name=name, hint=_suggest(name, self.registry.entities))
            name = merged[0]
        if types and self.registry.entities[name].type not in types:
            etype = self.registry.entities[name].type
            raise KGError(
                "E110", where=where, detail=f"{role or 'entity'} {name!r} is a {etype}, not a {' or '.join(types)}"
            )
        return name

    def provenance(self, node: dict, where: _Where) -> Provenance:
        method = node.get("method", "curated")
        if method not in ("curated", "machine"):
            raise KGError("E103", where=where, detail=f"method must be curated or machine, not {excerpt(method)}")
        confidence = node.get("confidence")
        if confidence is not None:
            try:
                confidence = float(confidence)
            except (TypeError, ValueError):
                confidence = -1.0
            if not 0.0 <= confidence <= 1.0:
                raise KGError("E103", where=where, detail="confidence must be a number from 0 to 1")
        if method == "curated":
            return Provenance()
        return Provenance(method=method, component=node.get("component"), confidence=confidence)

    def quote(self, node: dict, where: _Where, article: Article, excluded: tuple[Span, ...]) -> Span:
        quote = node.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            raise KGError("E103", where=where, detail="every annotation needs a non-empty quote")
        occurrence = node.get("occurrence")
        try:
            return find_quote(article.text, quote, occurrence=occurrence, excluded=excluded)
        except QuoteNotFound as missing:
            if occurrence is not None and missing.count:
                raise KGError("E112", where=where, n=occurrence, quote=quote, count=missing.count) from None
            raise KGError("E101", where=where, text=article.source_file, quote=quote, hint=missing.hint) from None

    def read(self) -> Annotated:
        data = _load_yaml(self.path)
        top = self.where(data)
        data = _mapping(data, top, "an annotation file")
        unknown = set(data) - {"article", "mentions", "events", "claims", "statements"}
        if unknown:
            raise KGError("E103", where=top, detail=f"unknown section(s) {', '.join(sorted(unknown))}")
        article = self.article(data.get("article"))
        excluded = article.boilerplate + article.repeats
        annotated = Annotated(article=article, source=str(self.path))
        annotated.mentions = self.mentions(data.get("mentions"), article, excluded)
        for i, node in enumerate(_listing(data.get("events"), top, "events")):
            annotated.operations.append(self.operation(node, f"events[{i}]", article, excluded))
        for i, node in enumerate(_listing(data.get("claims"), top, "claims")):
            annotated.claims.append(self.claim(node, f"claims[{i}]", article, excluded))
        for i, node in enumerate(_listing(data.get("statements"), top, "statements")):
            annotated.statements.append(self.statement(node, f"statements[{i}]", article, excluded))
        return annotated

    def article(self, node: Any) -> Article:
        where = self.where(node, "article")
        if node is None:
            raise KGError("E103", where=where, detail="the 'article' section is missing")
        node = _mapping(node, where, "article")
        text_name = str(node.get("text") or self.path.with_suffix(".txt").name)
        text_path = self.path.parent / text_name
        if not text_path.is_file():
            raise KGError("E104", where=where, text=text_path)
        text = read_text(text_path, where)
        for required in ("title", "outlet"):
            if not node.get(required):
                raise KGError("E103", where=where, detail=f"article.{required} is missing")
        article = Article(
            id=id_segment(self.path.stem),
            text=text,
            title=str(node["title"]),
            outlet=self.entity(node["outlet"], where, types=("MediaOutlet",), role="outlet"),
            language=str(node.get("language") or "en"),
            via=tuple(self.entity(v, where, types=("MediaOutlet",), role="via") for v in _ids(node.get("via"))),
            author=node.get("author"),
            url=node.get("url"),
            published=_date(node.get("published"), where, "published"),
            published_inferred=bool(node.get("published_inferred", False)),
            published_basis=node.get("published_basis"),
            outlet_basis=node.get("outlet_basis"),
            source_file=text_name,
        )
        boilerplate = []
        for i, passage in enumerate(_listing(node.get("boilerplate"), where, "boilerplate")):
            hits = find_all(text, str(passage))
            if not hits:
                item = self.where(node, f"article.boilerplate[{i}]")
                from .text import closest_passage

                raise KGError(
                    "E101",
                    where=item,
                    text=text_name,
                    quote=str(passage)[:80],
                    hint=closest_passage(text, str(passage)),
                )
            boilerplate.extend(hits)
        article.boilerplate = tuple(boilerplate)
        article.repeats = find_repeats(text)
        return article

    def mentions(self, nodes: Any, article: Article, excluded: tuple[Span, ...]) -> list[Mention]:
        candidates = []
        for i, node in enumerate(_listing(nodes, self.where(), "mentions")):
            where = self.where(node, f"mentions[{i}]")
            node = _mapping(node, where, "a mention")
            entities = tuple(self.entity(e, where) for e in _ids(node.get("entity")))
            if not entities:
                raise KGError("E103", where=where, detail="a mention needs an entity")
            quote = node.get("quote")
            if not isinstance(quote, str) or not quote.strip():
                raise KGError("E103", where=where, detail="every annotation needs a non-empty quote")
            provenance = self.provenance(node, where)
            hits = find_all(article.text, quote, whole_words=True, excluded=excluded)
            occurrence = node.get("occurrence")
            if not hits:
                hits = [self.quote(node, where, article, excluded)]
            elif occurrence is not None:
                # for a surface form, the n-th whole-word occurrence in the prose
                if not isinstance(occurrence, int) or not 1 <= occurrence <= len(hits):
                    raise KGError("E112", where=where, n=occurrence, quote=quote, count=len(hits))
                hits = [hits[occurrence - 1]]
            candidates.extend((span, (entities, provenance)) for span in hits)
        return [
            Mention(span=span, entities=entities, provenance=provenance)
            for span, (entities, provenance) in resolve_overlaps(candidates)
        ]

    def common(self, node: Any, item: str, article: Article, excluded: tuple[Span, ...]):
        where = self.where(node, item)
        node = _mapping(node, where, item)
        span = self.quote(node, where, article, excluded)
        speaker = self.entity(node.get("speaker") or article.outlet, where, types=tuple(ACTOR_TYPES), role="speaker")
        date = _date(node.get("date"), where, "date")
        about = node.get("about")
        if about is not None:
            about = self.entity(about, where, role="about")
        return where, node, span, speaker, date, about, self.provenance(node, where)

    def operation(self, node: Any, item: str, article: Article, excluded: tuple[Span, ...]) -> Operation:
        where, node, span, speaker, date, _, provenance = self.common(node, item, article, excluded)
        event = self.entity(node.get("event"), where, types=("Operation", "Event"), role="event")
        actors = ACTOR_TYPES
        places = ("Place", "Country")
        phase = node.get("phase_of")
        return Operation(
            event=event,
            span=span,
            speaker=speaker,
            date=date,
            start=_date(node.get("start"), where, "start"),
            end=_date(node.get("end"), where, "end"),
            on=_date(node.get("on"), where, "on"),
            agents=tuple(self.entity(a, where, types=actors, role="agent") for a in _ids(node.get("agents"))),
            partners=tuple(self.entity(a, where, types=actors, role="partner") for a in _ids(node.get("partners"))),
            origin=tuple(self.entity(a, where, types=places, role="origin") for a in _ids(node.get("origin"))),
            destination=tuple(
                self.entity(a, where, types=places, role="destination") for a in _ids(node.get("destination"))
            ),
            phase_of=None
            if phase is None
            else self.entity(phase, where, types=("Operation", "Event"), role="phase_of"),
            provenance=provenance,
            line=getattr(node, "line", None),
        )

    def claim(self, node: Any, item: str, article: Article, excluded: tuple[Span, ...]) -> Claim:
        where, node, span, speaker, date, about, provenance = self.common(node, item, article, excluded)
        subject = self.entity(node.get("subject"), where, role="subject")
        predicate = str(node.get("predicate"))
        families = relation_families()
        if predicate not in families:
            raise KGError("E106", where=where, name=predicate, hint=_suggest(predicate, families))
        has_object, has_quantity = node.get("object") is not None, node.get("quantity") is not None
        if has_object == has_quantity:
            raise KGError("E103", where=where, detail="a claim needs exactly one of object and quantity")
        quantity = self.quantity(node["quantity"], where) if has_quantity else None
        modality = str(node.get("modality") or "actual")
        if modality not in MODALITIES:
            raise KGError(
                "E103", where=where, detail=f"modality {excerpt(modality)} is not one of {', '.join(MODALITIES)}"
            )
        scope = node.get("scope")
        if scope is not None and str(scope) not in SCOPES:
            raise KGError("E103", where=where, detail=f"scope {excerpt(scope)} is not one of {', '.join(SCOPES)}")
        return Claim(
            span=span,
            speaker=speaker,
            subject=subject,
            predicate=predicate,
            object=self.entity(node["object"], where, role="object") if has_object else None,
            quantity=quantity,
            about=about,
            date=date,
            provenance=provenance,
            line=getattr(node, "line", None),
            modality=modality,
            scope=None if scope is None else str(scope),
            as_of=_date(node.get("as_of"), where, "as_of"),
        )

    def quantity(self, node: Any, where: _Where) -> Quantity:
        node = _mapping(node, where, "quantity")
        unknown = set(node) - {"value", "lower", "upper", "approximate", "counted", "kind"}
        if unknown:
            raise KGError("E103", where=where, detail=f"unknown quantity field(s) {', '.join(sorted(unknown))}")

        def number(name: str) -> Decimal | int | None:
            value = node.get(name)
            if value is None:
                return None
            if isinstance(value, bool):
                raise KGError("E103", where=where, detail=f"quantity {name} must be a number")
            if isinstance(value, int):
                return value
            try:
                parsed = Decimal(str(value).replace(",", ""))
            except InvalidOperation:
                raise KGError("E103", where=where, detail=f"quantity {name} {excerpt(value)} is not a number") from None
            return int(parsed) if parsed == parsed.to_integral_value() else parsed

        value, lower, upper = number("value"), number("lower"), number("upper")
        if value is None and lower is None and upper is None:
            raise KGError("E103", where=where, detail="a quantity needs a value, a lower or an upper bound")
        if lower is not None and upper is not None and lower > upper:
            raise KGError("E103", where=where, detail=f"quantity lower bound {lower} is above upper bound {upper}")
        kind = node.get("kind")
        if kind is not None and str(kind) not in self.registry.kinds:
            raise KGError("E107", where=where, name=kind, hint=_suggest(str(kind), self.registry.kinds))
        return Quantity(
            value=value,
            lower=lower,
            upper=upper,
            approximate=bool(node.get("approximate", False)),
            counted=None if node.get("counted") is None else str(node["counted"]),
            kind=None if kind is None else str(kind),
        )

    def statement(self, node: Any, item: str, article: Article, excluded: tuple[Span, ...]) -> Statement:
        _where, node, span, speaker, date, about, provenance = self.common(node, item, article, excluded)
        return Statement(
            span=span, speaker=speaker, date=date, about=about, provenance=provenance, line=getattr(node, "line", None)
        )


def read_annotations(path: str | Path, registry: Registry) -> Annotated:
    """Read one annotation file (``NAME.yaml``) with its article text (``NAME.txt``).

    Every quote is anchored in the text and every name checked against the registry.

    Raises
    ------
    KGError
        Naming the file and line of the first problem.
    """
    return _Reader(Path(path), registry).read()


def annotation_files(folder: Path) -> list[Path]:
    """The annotation files of a corpus folder, in name order."""
    return sorted(p for p in folder.glob("*.yaml") if p.name != REGISTRY_FILE)


def read_corpus(folder: str | Path, registry: Registry | None = None) -> Corpus:
    """Read a corpus folder laid out like ``seeds/``.

    Parameters
    ----------
    folder : str or Path
        Holds ``registry.yaml`` and a ``NAME.yaml`` beside each ``NAME.txt``.
    registry : Registry, optional
        Use this registry instead of the folder's ``registry.yaml``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise KGError("E100", path=folder)
    if registry is None:
        registry = read_registry(folder / REGISTRY_FILE)
    files = annotation_files(folder)
    if not files:
        raise KGError("E111", path=folder)
    return Corpus(registry=registry, articles=[read_annotations(p, registry) for p in files])
